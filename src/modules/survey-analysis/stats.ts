// jstat is a CommonJS/UMD package: Node's ESM loader gives only its default export (named imports fail outside Vite/Vitest).
import jstat from 'jstat';

const { jStat } = jstat;

/**
 * The statistics of the national evaluation (004:4623-4625, 004:4782-4784; digest evaluation.md §6): the mean per item
 * and wave, and a t-test of end vs baseline at the 0.05 level. The report does not say which t-test; the surveys are
 * cross-sectional (partly different respondents per wave), so we use Welch's unequal-variance two-sample test
 * (two-sided). The t distribution comes from jStat, a kept statistics package: no distribution code is written here.
 * Checked against scipy.stats.ttest_ind(equal_var=False) to 1e-6 (scripts/survey-reference.py, test/fixtures).
 */

export const significanceLevel = 0.05;

/** The values that are numbers: "ved ikke" and skipped answers are missing (null), never a number. */
export function present(values: ReadonlyArray<number | null | undefined>): number[] {
  return values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** The sample variance (n − 1 in the denominator). */
export function sampleVariance(values: readonly number[]): number | null {
  if (values.length < 2) return null;
  const m = mean(values)!;
  return values.reduce((sum, v) => sum + (v - m) ** 2, 0) / (values.length - 1);
}

export interface WelchResult {
  /** Mean of b minus mean of a (end − baseline). */
  difference: number;
  t: number;
  /** Welch-Satterthwaite degrees of freedom. */
  df: number;
  /** Two-sided p-value. */
  p: number;
  significant: boolean;
}

/**
 * Welch's two-sample t-test of b vs a (two-sided). Null when it cannot be computed: fewer than 2 values on a side,
 * or no variance on either side.
 */
export function welch(a: readonly number[], b: readonly number[]): WelchResult | null {
  const va = sampleVariance(a);
  const vb = sampleVariance(b);
  if (va === null || vb === null) return null;
  const sa = va / a.length;
  const sb = vb / b.length;
  const se2 = sa + sb;
  if (se2 === 0) return null;
  const difference = mean(b)! - mean(a)!;
  const t = difference / Math.sqrt(se2);
  const df = se2 ** 2 / (sa ** 2 / (a.length - 1) + sb ** 2 / (b.length - 1));
  const p = Math.min(1, 2 * jStat.studentt.cdf(-Math.abs(t), df));
  return { difference, t, df, p, significant: p < significanceLevel };
}

/** A p-value as the report prints parents' p-values: 4 decimals, "*" when significant at 0.05 (evaluation.md §6). */
export function formatP(p: number): string {
  return `${p.toFixed(4)}${p < significanceLevel ? '*' : ''}`;
}
