import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/errors.js';
import { seededRandom } from '../../demo/random.js';
import {
  BASIS_POINTS, checkFinancingShares, checkStatusChange, financingRole, proposedSplit, sharesInForce, splitByLargestRemainder, type FinancingShare,
} from './rules.js';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';
const known = new Set([A, B, C]);

function codes(shares: FinancingShare[]): string[] {
  try {
    checkFinancingShares(shares, known);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).statusCode).toBe(422);
    return (error as AppError).details.map((d) => `${d.field}:${d.code}`);
  }
}

describe('splitByLargestRemainder: øre split exactly (property test, seeded, 20,000 cases)', () => {
  it('sum(parts) == total and each part within 1 øre of its exact share, for random totals and weights', () => {
    const random = seededRandom(8_4_2026);
    const failures: unknown[] = [];
    for (let n = 0; n < 20_000; n += 1) {
      const count = random.int(1, 8);
      // Basis points (as the splits use) most of the time, arbitrary weights otherwise; sometimes a zero weight.
      const weights: number[] = Array.from({ length: count }, () => (random.chance(0.1) ? 0 : random.int(1, random.chance(0.5) ? BASIS_POINTS : 1_000_000)));
      if (!weights.some((w) => w > 0)) weights[0] = 1;
      const magnitude = random.pick([10, 1_000, 100_000, 10_000_000, 9_999_999_999_99]);
      const total = random.int(0, magnitude) * (random.chance(0.05) ? -1 : 1) || 0;
      const parts = splitByLargestRemainder(total, weights);
      const sum = weights.reduce((a, b) => a + b, 0);
      if (parts.length !== count || parts.reduce((a, b) => a + b, 0) !== total) failures.push({ total, weights, parts });
      parts.forEach((part, i) => {
        // |part − total·w/sum| < 1  ⇔  |part·sum − total·w| < sum, checked in BigInt so no float rounding hides an error.
        const error = BigInt(part) * BigInt(sum) - BigInt(total) * BigInt(weights[i]!);
        if (!Number.isInteger(part) || !((error < 0n ? -error : error) < BigInt(sum)) || (weights[i] === 0 && part !== 0)) failures.push({ total, weights, parts });
      });
    }
    expect(failures).toEqual([]);
  });

  it('hand-checked cases: 100 øre in thirds, 1 øre in halves (earlier part first), 12 months of 1,000.01 kr.', () => {
    expect(splitByLargestRemainder(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(splitByLargestRemainder(1, [5000, 5000])).toEqual([1, 0]);
    // 100,001 øre ÷ 12 = 8,333 rest 5: January-May get 8,334, June-December 8,333; 5×8,334 + 7×8,333 = 100,001.
    expect(splitByLargestRemainder(100_001, Array(12).fill(1))).toEqual([8334, 8334, 8334, 8334, 8334, 8333, 8333, 8333, 8333, 8333, 8333, 8333]);
    // 70 % / 30 % of 999 øre: exact 699.3 and 299.7 → 699 + 300 (the larger remainder gets the øre).
    expect(splitByLargestRemainder(999, [7000, 3000])).toEqual([699, 300]);
    expect(splitByLargestRemainder(-999, [7000, 3000])).toEqual([-699, -300]);
  });

  it('refuses fractional øre and all-zero weights', () => {
    expect(() => splitByLargestRemainder(1.5, [1])).toThrow();
    expect(() => splitByLargestRemainder(10, [0, 0])).toThrow();
  });
});

describe('checkFinancingShares: the rules of a split (422 naming the rule)', () => {
  const share = (departmentId: string, shareBp: number, validFrom = '2026-01-01', validTo: string | null = null): FinancingShare => ({ departmentId, shareBp, validFrom, validTo });

  it('accepts 100 % to one department, 60/40, and consecutive periods', () => {
    expect(codes([share(A, 10000)])).toEqual([]);
    expect(codes([share(A, 6000), share(B, 4000)])).toEqual([]);
    expect(codes([share(A, 10000, '2026-01-01', '2026-06-30'), share(A, 5000, '2026-07-01'), share(B, 5000, '2026-07-01')])).toEqual([]);
  });

  it('shares not summing to 100 % → shares_not_100_percent (also 100.01 %)', () => {
    expect(codes([share(A, 6000), share(B, 3000)])).toEqual(['shares.0.shareBp:shares_not_100_percent']);
    expect(codes([share(A, 6001), share(B, 4000)])).toEqual(['shares.0.shareBp:shares_not_100_percent']);
  });

  it('overlapping periods → periods_overlap; an open period overlaps everything after it', () => {
    expect(codes([share(A, 10000, '2026-01-01', '2026-06-30'), share(B, 10000, '2026-06-01', '2026-12-31')])).toEqual(['shares.1.validFrom:periods_overlap']);
    expect(codes([share(A, 10000, '2026-01-01'), share(B, 10000, '2027-01-01')])).toEqual(['shares.1.validFrom:periods_overlap']);
  });

  it('unknown department, share out of range, duplicate department, no shares, months not whole, reversed period', () => {
    expect(codes([share('00000000-0000-4000-8000-0000000000ff', 10000)])).toEqual(['shares.0.departmentId:unknown_department']);
    expect(codes([share(A, 0), share(B, 10000)])).toEqual(['shares.0.shareBp:share_out_of_range']);
    expect(codes([share(A, 5000), share(A, 5000)])).toEqual(['shares.1.departmentId:duplicate_department']);
    expect(codes([])).toEqual(['shares:shares_missing']);
    expect(codes([share(A, 10000, '2026-01-15', '2026-03-15')])).toEqual(['shares.0.validFrom:period_not_whole_months', 'shares.0.validTo:period_not_whole_months']);
    expect(codes([share(A, 10000, '2026-03-01', '2026-01-31')])).toEqual(['shares.0.validTo:period_reversed']);
  });
});

describe('sharesInForce, proposal, status and who takes part', () => {
  const split: FinancingShare[] = [
    { departmentId: A, shareBp: 10000, validFrom: '2026-01-01', validTo: '2026-06-30' },
    { departmentId: A, shareBp: 7000, validFrom: '2026-07-01', validTo: null },
    { departmentId: B, shareBp: 3000, validFrom: '2026-07-01', validTo: null },
  ];
  it('picks the period covering the month, null before the first', () => {
    expect(sharesInForce(split, '2025-12-01')).toBeNull();
    expect(sharesInForce(split, '2026-06-01')!.map((s) => s.departmentId)).toEqual([A]);
    expect(sharesInForce(split, '2030-01-01')!.map((s) => s.shareBp)).toEqual([7000, 3000]);
  });
  it('proposes 100 % to the payer from the month the measure starts', () => {
    expect(proposedSplit(C, '2026-04-17')).toEqual([{ departmentId: C, validFrom: '2026-04-01', validTo: null, shareBp: 10000 }]);
  });
  it('agree/dispute only a proposed split', () => {
    expect(() => checkStatusChange('proposed', 'agreed')).not.toThrow();
    expect(() => checkStatusChange('agreed', 'disputed')).toThrow(/Only a proposed split/);
    expect(() => checkStatusChange('disputed', 'agreed')).toThrow(/Only a proposed split/);
  });
  it('case editors, the core team and leaders of an involved department take part; others do not', () => {
    expect(financingRole({ caseEdit: true, coreTeam: false, leaderOfDepartmentId: null, departmentIds: [] })).toBe('case_editor');
    expect(financingRole({ caseEdit: false, coreTeam: true, leaderOfDepartmentId: null, departmentIds: [] })).toBe('core_team');
    expect(financingRole({ caseEdit: false, coreTeam: false, leaderOfDepartmentId: B, departmentIds: [A, B] })).toBe('involved_department_leader');
    expect(financingRole({ caseEdit: false, coreTeam: false, leaderOfDepartmentId: C, departmentIds: [A, B] })).toBeNull();
  });
});
