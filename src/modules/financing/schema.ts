import { z } from 'zod';
import { Abilities, Id, IsoDate, RequiredText } from '../../platform/http/fields.js';
import { financingStatuses } from './rules.js';

/** Shared financing of a granted measure (issue 8 item 4): schemas for input and views. */

export const FinancingShareInput = z.object({
  departmentId: Id,
  /** The first day of a month. */
  validFrom: IsoDate,
  /** The last day of a month; null or absent: open-ended. */
  validTo: IsoDate.nullish().transform((v) => v ?? null),
  /** Basis points: 10000 = 100 %. */
  shareBp: z.number().int('share_whole: A share is a whole number of basis points (1/100 %).'),
});
export type FinancingShareInput = z.infer<typeof FinancingShareInput>;

export const FinancingSplitInput = z.object({
  shares: z.array(FinancingShareInput).max(60, 'too_big: At most 60 shares.'),
  /** Why the split is changed. */
  reason: RequiredText(2000),
  /** The version the caller edited (0 while only the plan's proposal exists); another is answered 409. */
  basedOnVersion: z.number({ error: 'required: The version you edited is required.' }).int().min(0),
});
export type FinancingSplitInput = z.infer<typeof FinancingSplitInput>;

export const FinancingStatusInput = z.object({
  status: z.enum(['agreed', 'disputed']),
  /** Why: required (a dispute's reason is shown to everyone on the case). */
  reason: RequiredText(2000),
  basedOnVersion: z.number({ error: 'required: The version you edited is required.' }).int().min(1),
});
export type FinancingStatusInput = z.infer<typeof FinancingStatusInput>;

export const FinancingShareView = z.object({
  departmentId: z.string(),
  departmentName: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  shareBp: z.number().int(),
});
export type FinancingShareView = z.infer<typeof FinancingShareView>;

export const FinancingVersionView = z.object({
  versionNo: z.number().int(),
  status: z.enum(financingStatuses),
  reason: z.string(),
  disputeReason: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  shares: z.array(FinancingShareView),
});
export type FinancingVersionView = z.infer<typeof FinancingVersionView>;

export const MeasureFinancingView = z.object({
  measureId: z.string().uuid(),
  caseId: z.string().uuid(),
  legalBasisLabel: z.string(),
  measureDepartmentId: z.string(),
  /** Whether a decision with outcome 'granted' names the measure: only granted measures carry a split. */
  granted: z.boolean(),
  /** The competence plan's default payer for the measure's paragraph or category, null when the plan names none. */
  defaultPayerDepartmentId: z.string().nullable(),
  /** The newest version (in force), or null while only the proposal exists. */
  current: FinancingVersionView.nullable(),
  /** The plan's proposal (100 % to the default payer) while no version is saved. */
  proposal: z.array(FinancingShareView).nullable(),
  /** Every version, newest first: who, when, why. */
  history: z.array(FinancingVersionView),
  departments: z.array(z.object({ id: z.string(), name: z.string() })),
  abilities: Abilities,
});
export type MeasureFinancingView = z.infer<typeof MeasureFinancingView>;
