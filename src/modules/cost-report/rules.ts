import { quarterEnd } from '../../platform/clock/dates.js';
import { monthOf, sharesInForce, splitByLargestRemainder, type FinancingShare } from '../financing/rules.js';

/**
 * Cost postings and the reports built on them (issue 8 items 4-5). Pure rules:
 * - what a granted decision costs in a month (monthly amount; a yearly amount ÷ 12 by largest remainder so the twelve
 *   months of a calendar year sum to it exactly; a one-off amount in its month), split over the measures it names and
 *   then over the departments of the financing split in force that month — all in integer øre;
 * - the expense analysis of the evaluation (004 ch. 6, BILAG 3; evaluation.md §5): per quarter and category, the
 *   spending ÷ the number of children with a cost of that category in the quarter (004:2842-2843, footnote 26); the total
 *   ÷ all children of the group (004:2734-2736); before = the average of the quarters before the date, after = the
 *   average of the quarters from it (004:2839-2841, footnote 25); categories are not forced to add up to a total.
 */

export const expenseCategories = ['preventive', 'placement', 'extra_costs', 'lost_earnings', 'coordinator_salary', 'other'] as const;
export type ExpenseCategory = (typeof expenseCategories)[number];
export const amountPeriods = ['month', 'year', 'once'] as const;
export type AmountPeriod = (typeof amountPeriods)[number];

/** Kroner with at most two decimals (numeric(12,2) text or number) → øre, without float drift. */
export function kronerToOre(value: string | number): number {
  const text = typeof value === 'number' ? value.toFixed(2) : value;
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) throw new Error(`Not an amount in kroner: ${text}`);
  const ore = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  return match[1] === '-' ? -ore : ore;
}

/** The month index (0-11) of a month's first day. */
const monthIndex = (month: string) => Number(month.slice(5, 7)) - 1;

/**
 * What a decision costs in a month: a monthly amount every month; a yearly amount as the calendar month's part of the
 * year's amount split into 12 by largest remainder (January gets the first extra øre, so Jan-Dec sum exactly to it);
 * a one-off amount only in the month it starts.
 */
export function decisionAmountInMonth(amountOre: number, period: AmountPeriod, startMonth: string, month: string): number {
  if (period === 'month') return amountOre;
  if (period === 'year') return splitByLargestRemainder(amountOre, Array(12).fill(1))[monthIndex(month)]!;
  return month === startMonth ? amountOre : 0;
}

/** A granted decision naming a measure, as the posting run reads it. */
export interface GrantedCost {
  decisionId: string;
  caseId: string;
  measureId: string;
  decidedOn: string;
  /** The amount of the decision in øre, per period. */
  amountOre: number;
  amountPeriod: AmountPeriod;
  /** How many measures the decision names: its amount is split evenly over them (largest remainder). */
  measureIndex: number;
  measureCount: number;
  measureStartsOn: string;
  measureEndsOn: string | null;
  expenseCategory: ExpenseCategory;
  /** The measure's split in force (the newest version), or null: then 100 % to `fallbackDepartmentId`. */
  shares: FinancingShare[] | null;
  fallbackDepartmentId: string;
}

export interface Posting {
  caseId: string;
  measureId: string;
  decisionId: string;
  month: string;
  departmentId: string;
  expenseCategory: ExpenseCategory;
  amountOre: number;
}

/** The month from which a decision costs money: the later of the decision's and the measure's start. */
export function costStartMonth(grant: Pick<GrantedCost, 'decidedOn' | 'measureStartsOn'>): string {
  return monthOf(grant.decidedOn > grant.measureStartsOn ? grant.decidedOn : grant.measureStartsOn);
}

/**
 * The postings of one month (its first day) from the granted decisions: each decision applies to its measure from its
 * start month while the measure runs, until a later granted decision on the same measure takes over. Its amount in the
 * month is split over its measures, then over the departments of the split in force that month (a month no period
 * covers goes 100 % to the fallback department). Zero parts are left out.
 */
export function postingsForMonth(grants: GrantedCost[], month: string): Posting[] {
  const byMeasure = new Map<string, GrantedCost[]>();
  for (const grant of grants) byMeasure.set(grant.measureId, [...(byMeasure.get(grant.measureId) ?? []), grant]);
  const postings: Posting[] = [];
  for (const list of byMeasure.values()) {
    const ordered = [...list].sort((a, b) => costStartMonth(a).localeCompare(costStartMonth(b)) || a.decidedOn.localeCompare(b.decidedOn));
    const grant = ordered.filter((g) => costStartMonth(g) <= month).at(-1);
    if (!grant) continue;
    if (grant.measureEndsOn !== null && monthOf(grant.measureEndsOn) < month) continue;
    const decisionAmount = decisionAmountInMonth(grant.amountOre, grant.amountPeriod, costStartMonth(grant), month);
    const measureAmount = splitByLargestRemainder(decisionAmount, Array(grant.measureCount).fill(1))[grant.measureIndex]!;
    if (measureAmount === 0) continue;
    const shares = (grant.shares && sharesInForce(grant.shares, month)) ?? [{ departmentId: grant.fallbackDepartmentId, shareBp: 1 }];
    const parts = splitByLargestRemainder(measureAmount, shares.map((s) => s.shareBp));
    shares.forEach((share, i) => {
      if (parts[i] === 0) return;
      postings.push({
        caseId: grant.caseId, measureId: grant.measureId, decisionId: grant.decisionId, month, departmentId: share.departmentId,
        expenseCategory: grant.expenseCategory, amountOre: parts[i]!,
      });
    });
  }
  return postings;
}

/** Integer division of øre rounded half away from zero (a per-child figure). */
export function divideOre(amountOre: number, by: number): number {
  if (by <= 0) return 0;
  const q = Math.trunc(amountOre / by);
  const r = amountOre - q * by;
  return q + (Math.abs(r) * 2 >= by ? Math.sign(amountOre) : 0);
}

/** One quarter's spending of the group in one category, and how many of the group's children it reached. */
export interface QuarterCategoryInput { quarter: string; category: ExpenseCategory; amountOre: number; children: number }

export interface ExpenseQuarter {
  quarter: string;
  side: 'before' | 'after';
  /** Children of the group with an open case in the quarter (the divisor of the total, 004:2734-2736). */
  groupSize: number;
  categories: Record<ExpenseCategory, { amountOre: number; children: number; perChildOre: number }>;
  totalOre: number;
  totalPerChildOre: number;
}

export interface ExpenseSummaryRow {
  category: ExpenseCategory | 'total';
  beforeOre: number | null;
  afterOre: number | null;
  beforePerChildOre: number | null;
  afterPerChildOre: number | null;
  /** after/before − 1 in percent with one decimal (evaluation.md §5.2 prints whole percents except 0.7 %). */
  changePercent: number | null;
}

export interface ExpenseAnalysis { quarters: ExpenseQuarter[]; summary: ExpenseSummaryRow[] }

/**
 * The expense analysis (evaluation.md §5.2 "Calculation rules to reproduce"): per quarter and category, the amount
 * and the amount per child with a cost of that category in the quarter; the total per child ÷ the group size; each
 * quarter is 'before' when it ends before `splitOn`, else 'after'; before/after figures are the averages (rounded to
 * whole øre) of the quarters on each side (per child: of the quarters in which the category reached a child).
 */
export function expenseAnalysis(input: { quarters: string[]; groupSizes: Record<string, number>; cells: QuarterCategoryInput[]; splitOn: string }): ExpenseAnalysis {
  const quarters: ExpenseQuarter[] = input.quarters.map((quarter) => {
    const categories = Object.fromEntries(expenseCategories.map((category) => {
      const cell = input.cells.find((c) => c.quarter === quarter && c.category === category);
      const amountOre = cell?.amountOre ?? 0;
      const children = cell?.children ?? 0;
      return [category, { amountOre, children, perChildOre: divideOre(amountOre, children) }];
    })) as ExpenseQuarter['categories'];
    const totalOre = expenseCategories.reduce((a, c) => a + categories[c].amountOre, 0);
    const groupSize = input.groupSizes[quarter] ?? 0;
    return {
      quarter, side: quarterEnd(quarter) < input.splitOn ? 'before' : 'after', groupSize, categories, totalOre,
      totalPerChildOre: divideOre(totalOre, groupSize),
    };
  });
  const average = (values: number[]) => (values.length === 0 ? null : divideOre(values.reduce((a, b) => a + b, 0), values.length));
  const side = (s: 'before' | 'after') => quarters.filter((q) => q.side === s);
  const change = (before: number | null, after: number | null) =>
    before === null || after === null || before === 0 ? null : Math.round(((after / before) - 1) * 1000) / 10;
  const row = (category: ExpenseCategory | 'total', amount: (q: ExpenseQuarter) => number, perChild: (q: ExpenseQuarter) => number,
    reached: (q: ExpenseQuarter) => number): ExpenseSummaryRow => {
    const beforeOre = average(side('before').map(amount));
    const afterOre = average(side('after').map(amount));
    // A quarter in which no child had a cost of the category has no per-child figure: it is left out of the average.
    const perChildAverage = (s: 'before' | 'after') => average(side(s).filter((q) => reached(q) > 0).map(perChild));
    return {
      category, beforeOre, afterOre, beforePerChildOre: perChildAverage('before'), afterPerChildOre: perChildAverage('after'),
      changePercent: change(beforeOre, afterOre),
    };
  };
  const summary = [
    ...expenseCategories.map((c) => row(c, (q) => q.categories[c].amountOre, (q) => q.categories[c].perChildOre, (q) => q.categories[c].children)),
    row('total', (q) => q.totalOre, (q) => q.totalPerChildOre, (q) => q.groupSize),
  ];
  return { quarters, summary };
}

/** Øre as kroner with two decimals for CSV ("1234.50"), exact. */
export function oreToKronerText(ore: number): string {
  const sign = ore < 0 ? '-' : '';
  const abs = Math.abs(ore);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
