import { z } from 'zod';
import { Abilities, Id, IsoDate, RequiredText } from '../../platform/http/fields.js';
import { expenseCategories } from './rules.js';

/** Cost postings, cost reports and the expense analysis (issue 8 items 4-5): schemas for input and views. */

export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month_format: Use a month like 2026-11.');

export const PostingRunInput = z.object({
  /** The month to post; absent: the current month by the clock. */
  month: Month.optional(),
});
export type PostingRunInput = z.infer<typeof PostingRunInput>;

export const PostingRunView = z.object({ month: z.string(), postings: z.number().int(), totalOre: z.number().int() });
export type PostingRunView = z.infer<typeof PostingRunView>;

export const ManualPostingInput = z.object({
  caseId: Id,
  measureId: Id.nullish().transform((v) => v ?? null),
  month: Month,
  departmentId: Id,
  expenseCategory: z.enum(expenseCategories),
  /** Øre, a whole number; negative for a correction, never 0. */
  amountOre: z.number().int('amount_whole_ore: The amount is a whole number of øre.')
    .min(-99_999_999_999, 'too_small: The amount is too small.').max(99_999_999_999, 'too_big: The amount is too large.')
    .refine((v) => v !== 0, 'amount_zero: A posting of 0 kr. says nothing.'),
  note: RequiredText(500),
});
export type ManualPostingInput = z.infer<typeof ManualPostingInput>;

export const PostingView = z.object({
  id: z.string().uuid(), caseId: z.string().uuid(), measureId: z.string().nullable(), month: z.string(), departmentId: z.string(),
  expenseCategory: z.enum(expenseCategories), amountOre: z.number().int(), source: z.enum(['decision', 'manual']), note: z.string().nullable(),
});
export type PostingView = z.infer<typeof PostingView>;

export const reportGroupings = ['department', 'family', 'category', 'month', 'quarter'] as const;
export type ReportGrouping = (typeof reportGroupings)[number];

export const CostReportQuery = z.object({
  by: z.enum(reportGroupings).default('department'),
  from: Month.optional(),
  to: Month.optional(),
  departmentId: Id.optional(),
  category: z.enum(expenseCategories).optional(),
  format: z.enum(['json', 'csv']).default('json'),
});
export type CostReportQuery = z.infer<typeof CostReportQuery>;

export const CostReportView = z.object({
  by: z.enum(reportGroupings),
  from: z.string(),
  to: z.string(),
  rows: z.array(z.object({ key: z.string(), label: z.string(), amountOre: z.number().int() })),
  totalOre: z.number().int(),
});
export type CostReportView = z.infer<typeof CostReportView>;

export const expenseGroups = ['efei', 'sof', 'all'] as const;
export const ExpenseAnalysisQuery = z.object({
  group: z.enum(expenseGroups).default('all'),
  /** Quarters ending before this date are "before"; the rest "after". */
  splitOn: IsoDate,
  from: Month.optional(),
  to: Month.optional(),
  format: z.enum(['json', 'csv']).default('json'),
});
export type ExpenseAnalysisQuery = z.infer<typeof ExpenseAnalysisQuery>;

const CategoryCell = z.object({ amountOre: z.number().int(), children: z.number().int(), perChildOre: z.number().int() });
export const ExpenseAnalysisView = z.object({
  group: z.enum(expenseGroups),
  splitOn: z.string(),
  from: z.string(),
  to: z.string(),
  quarters: z.array(z.object({
    quarter: z.string(), side: z.enum(['before', 'after']), groupSize: z.number().int(),
    categories: z.record(z.enum(expenseCategories), CategoryCell), totalOre: z.number().int(), totalPerChildOre: z.number().int(),
  })),
  summary: z.array(z.object({
    category: z.enum([...expenseCategories, 'total']), beforeOre: z.number().int().nullable(), afterOre: z.number().int().nullable(),
    beforePerChildOre: z.number().int().nullable(), afterPerChildOre: z.number().int().nullable(), changePercent: z.number().nullable(),
  })),
});
export type ExpenseAnalysisView = z.infer<typeof ExpenseAnalysisView>;

export const FamilyCostsView = z.object({
  familyId: z.string().uuid(),
  /** The last 12 months by the clock, first and last month. */
  from: z.string(),
  to: z.string(),
  totalOre: z.number().int(),
  byDepartment: z.array(z.object({ departmentId: z.string(), departmentName: z.string(), amountOre: z.number().int() })),
  byCategory: z.array(z.object({ category: z.enum(expenseCategories), amountOre: z.number().int() })),
  byMeasure: z.array(z.object({
    measureId: z.string().nullable(), legalBasisLabel: z.string().nullable(), amountOre: z.number().int(),
    /** The status of the measure's split in force, null when none is saved (the plan's proposal applies). */
    financingStatus: z.enum(['proposed', 'agreed', 'disputed']).nullable(),
  })),
  abilities: Abilities,
});
export type FamilyCostsView = z.infer<typeof FamilyCostsView>;
