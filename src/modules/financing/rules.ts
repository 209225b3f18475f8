import { unprocessable, type ErrorDetail } from '../../platform/http/errors.js';

/**
 * Shared financing (fælles finansiering), issue 8 item 4; EFEI principle 2 (000:860-870): "hvilke afdelinger der er de
 * retmæssige finansieringskilder i de enkelte indsatser" and "et egentligt redskab, der angiver fordelingen af den
 * økonomiske forpligtelse". Each granted measure carries a split across departments: per period (whole months) each
 * department's share in basis points (10000 = 100 %). Proposed from the competence plan's default payer, agreed or
 * disputed in the core team (000:876-881). Money is integer øre; splitting uses the largest-remainder method.
 */

export const BASIS_POINTS = 10_000;
export const financingStatuses = ['proposed', 'agreed', 'disputed'] as const;
export type FinancingStatus = (typeof financingStatuses)[number];

export interface FinancingShare {
  departmentId: string;
  /** First day of a month. */
  validFrom: string;
  /** Last day of a month, or null: open-ended. */
  validTo: string | null;
  shareBp: number;
}

/**
 * Splits an integer amount (øre) in proportion to integer weights so that the parts sum exactly to the amount
 * (largest-remainder / Hamilton method): every part is the exact share rounded down, and the øre left over go one
 * each to the parts with the largest remainders (ties: the earlier part). Each part is within 1 øre of the exact share.
 * BigInt inside, so amount × weight never loses precision. A negative amount (a correction) is split as its absolute
 * value and negated.
 */
export function splitByLargestRemainder(amountOre: number, weights: number[]): number[] {
  if (!Number.isSafeInteger(amountOre)) throw new Error('The amount must be a whole number of øre.');
  if (weights.length === 0) throw new Error('At least one weight is needed.');
  if (weights.some((w) => !Number.isSafeInteger(w) || w < 0)) throw new Error('Weights are non-negative whole numbers.');
  const sign = amountOre < 0 ? -1n : 1n;
  const total = BigInt(Math.abs(amountOre));
  const big = weights.map(BigInt);
  const sum = big.reduce((a, b) => a + b, 0n);
  if (sum === 0n) throw new Error('The weights must not all be zero.');
  const floors = big.map((w) => (total * w) / sum);
  const remainders = big.map((w, i) => ({ i, r: (total * w) % sum }));
  let left = total - floors.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    floors[i]! += 1n;
    left -= 1n;
  }
  return floors.map((p) => Number(p * sign));
}

/** Periods are compared as ISO date strings; an open end is later than every date. */
const endOf = (validTo: string | null) => validTo ?? '9999-12-31';

export function isFirstOfMonth(date: string): boolean {
  return date.endsWith('-01');
}

export function isLastOfMonth(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate() === d;
}

export interface FinancingPeriod { validFrom: string; validTo: string | null; shares: FinancingShare[] }

/** The shares grouped by their period (validFrom + validTo), in date order. */
export function periodsOf(shares: FinancingShare[]): FinancingPeriod[] {
  const byKey = new Map<string, FinancingPeriod>();
  for (const share of shares) {
    const key = `${share.validFrom}|${share.validTo ?? ''}`;
    const period = byKey.get(key) ?? { validFrom: share.validFrom, validTo: share.validTo, shares: [] };
    period.shares.push(share);
    byKey.set(key, period);
  }
  return [...byKey.values()].sort((a, b) => a.validFrom.localeCompare(b.validFrom) || endOf(a.validTo).localeCompare(endOf(b.validTo)));
}

/**
 * The checks of a split (422 `financing_split_invalid`, every problem at once, each naming the share by index and the
 * rule): at least one share; known departments; a share of 1-10000 basis points; a period runs over whole months
 * (from the 1st, to the last day or open) and does not end before it starts; a department at most once per period;
 * within a period the shares sum to exactly 10000 (100 %); the periods of one split do not overlap.
 */
export function checkFinancingShares(shares: FinancingShare[], knownDepartmentIds: Set<string>): void {
  const details: ErrorDetail[] = [];
  const add = (field: string, code: string, message: string) => details.push({ field, code, message });
  if (shares.length === 0) add('shares', 'shares_missing', 'A split needs at least one share.');
  shares.forEach((share, i) => {
    const at = `shares.${i}`;
    if (!knownDepartmentIds.has(share.departmentId)) add(`${at}.departmentId`, 'unknown_department', `Share ${i + 1}: the department is unknown.`);
    if (!Number.isInteger(share.shareBp) || share.shareBp < 1 || share.shareBp > BASIS_POINTS) {
      add(`${at}.shareBp`, 'share_out_of_range', `Share ${i + 1}: a share is between 0.01 % and 100 % (1-10000 basis points).`);
    }
    if (!isFirstOfMonth(share.validFrom)) add(`${at}.validFrom`, 'period_not_whole_months', `Share ${i + 1}: a period starts on the first day of a month.`);
    if (share.validTo !== null && !isLastOfMonth(share.validTo)) add(`${at}.validTo`, 'period_not_whole_months', `Share ${i + 1}: a period ends on the last day of a month.`);
    if (share.validTo !== null && share.validTo < share.validFrom) add(`${at}.validTo`, 'period_reversed', `Share ${i + 1}: the period ends before it starts.`);
  });
  const periods = periodsOf(shares);
  for (const period of periods) {
    const label = `${period.validFrom}–${period.validTo ?? '…'}`;
    const index = shares.indexOf(period.shares[0]!);
    const sum = period.shares.reduce((a, s) => a + s.shareBp, 0);
    if (sum !== BASIS_POINTS) {
      add(`shares.${index}.shareBp`, 'shares_not_100_percent', `The shares of the period ${label} sum to ${(sum / 100).toFixed(2)} %, not 100 %.`);
    }
    const seen = new Set<string>();
    for (const share of period.shares) {
      if (seen.has(share.departmentId)) add(`shares.${shares.indexOf(share)}.departmentId`, 'duplicate_department', `The department appears twice in the period ${label}.`);
      seen.add(share.departmentId);
    }
  }
  for (let a = 0; a < periods.length; a += 1) {
    for (let b = a + 1; b < periods.length; b += 1) {
      const p = periods[a]!;
      const q = periods[b]!;
      if (p.validFrom <= endOf(q.validTo) && q.validFrom <= endOf(p.validTo)) {
        add(`shares.${shares.indexOf(q.shares[0]!)}.validFrom`, 'periods_overlap',
          `The periods ${p.validFrom}–${p.validTo ?? '…'} and ${q.validFrom}–${q.validTo ?? '…'} overlap; a split's periods may not overlap.`);
      }
    }
  }
  if (details.length > 0) throw unprocessable('financing_split_invalid', 'The cost split cannot be saved.', details);
}

/** The shares in force in a month (its first day), or null when no period of the split covers it. */
export function sharesInForce(shares: FinancingShare[], month: string): FinancingShare[] | null {
  const period = periodsOf(shares).find((p) => p.validFrom <= month && month <= endOf(p.validTo));
  return period ? period.shares : null;
}

/** The first day of the month a date falls in. */
export function monthOf(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

/**
 * The proposal (000:862 "hvem der har betalingsforpligtelsen"): 100 % to the plan's default payer for the measure's
 * paragraph or category, else to the measure's own department, from the month the measure starts, open-ended.
 */
export function proposedSplit(payerDepartmentId: string, measureStartsOn: string): FinancingShare[] {
  return [{ departmentId: payerDepartmentId, validFrom: monthOf(measureStartsOn), validTo: null, shareBp: BASIS_POINTS }];
}

/**
 * Status changes (000:876-881, the core team decides together): a new split is 'proposed'; a proposed split is
 * 'agreed' or 'disputed' (with a reason); a disputed or agreed split changes only through a new proposal.
 */
export function checkStatusChange(current: FinancingStatus, next: 'agreed' | 'disputed'): void {
  if (current !== 'proposed') {
    throw unprocessable('financing_not_proposed', `Only a proposed split can be ${next}; this one is ${current}. Propose a new split to change it.`, [
      { field: 'status', code: 'financing_not_proposed', message: `The split in force is ${current}.` },
    ]);
  }
}

/** Why someone takes part in the financing of a measure; null when they may only read it or not at all. */
export type FinancingRole = 'case_editor' | 'core_team' | 'involved_department_leader';

/**
 * Who may propose a split and who may agree or dispute it (000:876-881 "kerneteamet … enstemmigt"; 000:864-866 the
 * leaders of the departments that pay): whoever may change the case, the case's core-team members, and the leaders of
 * a department in the split in force or the new one.
 */
export function financingRole(input: { caseEdit: boolean; coreTeam: boolean; leaderOfDepartmentId: string | null; departmentIds: string[] }): FinancingRole | null {
  if (input.caseEdit) return 'case_editor';
  if (input.coreTeam) return 'core_team';
  if (input.leaderOfDepartmentId !== null && input.departmentIds.includes(input.leaderOfDepartmentId)) return 'involved_department_leader';
  return null;
}
