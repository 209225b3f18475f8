import { describe, expect, it } from 'vitest';
import {
  decisionAmountInMonth, divideOre, expenseAnalysis, kronerToOre, oreToKronerText, postingsForMonth,
  type GrantedCost,
} from './rules.js';

const A = 'dept-a';
const B = 'dept-b';
const grant = (over: Partial<GrantedCost> = {}): GrantedCost => ({
  decisionId: 'd1', caseId: 'c1', measureId: 'm1', decidedOn: '2026-01-10', amountOre: 100_000, amountPeriod: 'month', measureIndex: 0, measureCount: 1,
  measureStartsOn: '2026-02-01', measureEndsOn: null, expenseCategory: 'extra_costs', shares: null, fallbackDepartmentId: A, ...over,
});

describe('money in øre', () => {
  it('kroner text → øre without float drift, and back', () => {
    expect(kronerToOre('1234.5')).toBe(123_450);
    expect(kronerToOre('0.07')).toBe(7);
    expect(kronerToOre(0.1 + 0.2)).toBe(30);
    expect(kronerToOre('99999999.99')).toBe(9_999_999_999);
    expect(oreToKronerText(123_405)).toBe('1234.05');
    expect(oreToKronerText(-5)).toBe('-0.05');
  });
  it('divideOre rounds half away from zero', () => {
    expect(divideOre(100_001, 3)).toBe(33_334);
    expect(divideOre(5, 2)).toBe(3);
    expect(divideOre(-5, 2)).toBe(-3);
    expect(divideOre(7, 0)).toBe(0);
  });
});

describe('what a granted decision costs in a month', () => {
  it('yearly ÷ 12 by largest remainder: the 12 months of a year sum exactly to the yearly amount', () => {
    // 10,000.01 kr. = 1,000,001 øre; ÷ 12 = 83,333 rest 5 → January-May 83,334, June-December 83,333.
    const months = Array.from({ length: 12 }, (_, i) => decisionAmountInMonth(1_000_001, 'year', '2026-01-01', `2026-${String(i + 1).padStart(2, '0')}-01`));
    expect(months.slice(0, 5)).toEqual([83_334, 83_334, 83_334, 83_334, 83_334]);
    expect(months.slice(5)).toEqual(Array(7).fill(83_333));
    expect(months.reduce((a, b) => a + b, 0)).toBe(1_000_001);
  });
  it('once: only in its start month', () => {
    expect(decisionAmountInMonth(50_000, 'once', '2026-03-01', '2026-03-01')).toBe(50_000);
    expect(decisionAmountInMonth(50_000, 'once', '2026-03-01', '2026-04-01')).toBe(0);
  });
});

describe('postingsForMonth: granted decisions × the split in force', () => {
  it('nothing before the later of decision and measure start; 100 % to the fallback payer without a split', () => {
    expect(postingsForMonth([grant()], '2026-01-01')).toEqual([]);
    expect(postingsForMonth([grant()], '2026-02-01')).toEqual([
      { caseId: 'c1', measureId: 'm1', decisionId: 'd1', month: '2026-02-01', departmentId: A, expenseCategory: 'extra_costs', amountOre: 100_000 },
    ]);
  });
  it('70/30 in the period in force; 999.99 kr. splits into 699.99 + 300.00 (sum exact)', () => {
    const shares = [
      { departmentId: A, shareBp: 10000, validFrom: '2026-02-01', validTo: '2026-05-31' },
      { departmentId: A, shareBp: 7000, validFrom: '2026-06-01', validTo: null },
      { departmentId: B, shareBp: 3000, validFrom: '2026-06-01', validTo: null },
    ];
    expect(postingsForMonth([grant({ shares })], '2026-03-01').map((p) => [p.departmentId, p.amountOre])).toEqual([[A, 100_000]]);
    const june = postingsForMonth([grant({ shares, amountOre: 99_999 })], '2026-06-01').map((p) => [p.departmentId, p.amountOre]);
    // 99,999 × 0.7 = 69,999.3 → 69,999; × 0.3 = 29,999.7 → 29,999 + the left-over øre (larger remainder) = 30,000.
    expect(june).toEqual([[A, 69_999], [B, 30_000]]);
  });
  it('a decision naming two measures splits its amount evenly; a later grant takes over; an ended measure stops', () => {
    const two = [grant({ measureId: 'm1', measureIndex: 0, measureCount: 2, amountOre: 100_001 }), grant({ measureId: 'm2', measureIndex: 1, measureCount: 2, amountOre: 100_001 })];
    expect(postingsForMonth(two, '2026-02-01').map((p) => p.amountOre)).toEqual([50_001, 50_000]);
    const later = grant({ decisionId: 'd2', decidedOn: '2026-04-15', amountOre: 150_000 });
    expect(postingsForMonth([grant(), later], '2026-03-01').map((p) => [p.decisionId, p.amountOre])).toEqual([['d1', 100_000]]);
    expect(postingsForMonth([grant(), later], '2026-04-01').map((p) => [p.decisionId, p.amountOre])).toEqual([['d2', 150_000]]);
    expect(postingsForMonth([grant({ measureEndsOn: '2026-03-10' })], '2026-03-01')).toHaveLength(1);
    expect(postingsForMonth([grant({ measureEndsOn: '2026-03-10' })], '2026-04-01')).toHaveLength(0);
  });
});


describe('expenseAnalysis reproduces a hand-computed fixture (evaluation.md §5.2 calculation rules)', () => {
  /*
   * Fixture (øre). Split date 2026-01-01: 2025-Q3 and 2025-Q4 end before it ("before"), 2026-Q1 and 2026-Q2 "after".
   * Group sizes (children with an open case in the quarter): 4, 4, 5, 5.
   *
   *   quarter  preventive (children)  extra_costs (children)  coordinator_salary (children)  total      ÷ group
   *   2025-Q3  300,000 (2)            100,001 (3)             –                              400,001    ÷4 = 100,000.25 → 100,000
   *   2025-Q4  450,000 (3)            –                       –                              450,000    ÷4 = 112,500
   *   2026-Q1  800,000 (4)            200,000 (1)             325,000 (4)                    1,325,000  ÷5 = 265,000
   *   2026-Q2  700,000 (2)            –                       325,000 (4)                    1,025,000  ÷5 = 205,000
   *
   * Per child per category = amount ÷ children with a cost of it in the quarter (004:2842-2843):
   *   preventive 150,000 · 150,000 · 200,000 · 350,000; extra_costs 100,001/3 = 33,333.67 → 33,334 · – · 200,000 · –;
   *   coordinator_salary – · – · 81,250 · 81,250.
   * Before/after = average of the quarters on each side (004:2839-2841), rounded half away from zero:
   *   preventive   375,000 → 750,000   (+100.0 %), per child (150,000+150,000)/2 = 150,000 → (200,000+350,000)/2 = 275,000
   *   extra_costs  (100,001+0)/2 = 50,000.5 → 50,001 → (200,000+0)/2 = 100,000; 100,000/50,001 − 1 = 99.998 % → 100.0 %;
   *                per child only quarters that reached a child: 33,334 → 200,000
   *   coordinator_salary 0 → 325,000 (change: none, before is 0), per child none → 81,250
   *   total        (400,001+450,000)/2 = 425,000.5 → 425,001 → (1,325,000+1,025,000)/2 = 1,175,000;
   *                1,175,000/425,001 − 1 = 176.47 % → 176.5 %; per child (100,000+112,500)/2 = 106,250 → (265,000+205,000)/2 = 235,000
   * The categories are not forced to add up to anything printed (evaluation.md §5.2).
   */
  const analysis = expenseAnalysis({
    quarters: ['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2'],
    groupSizes: { '2025-Q3': 4, '2025-Q4': 4, '2026-Q1': 5, '2026-Q2': 5 },
    splitOn: '2026-01-01',
    cells: [
      { quarter: '2025-Q3', category: 'preventive', amountOre: 300_000, children: 2 },
      { quarter: '2025-Q4', category: 'preventive', amountOre: 450_000, children: 3 },
      { quarter: '2026-Q1', category: 'preventive', amountOre: 800_000, children: 4 },
      { quarter: '2026-Q2', category: 'preventive', amountOre: 700_000, children: 2 },
      { quarter: '2025-Q3', category: 'extra_costs', amountOre: 100_001, children: 3 },
      { quarter: '2026-Q1', category: 'extra_costs', amountOre: 200_000, children: 1 },
      { quarter: '2026-Q1', category: 'coordinator_salary', amountOre: 325_000, children: 4 },
      { quarter: '2026-Q2', category: 'coordinator_salary', amountOre: 325_000, children: 4 },
    ],
  });

  it('per quarter', () => {
    expect(analysis.quarters.map((q) => [q.quarter, q.side, q.totalOre, q.totalPerChildOre])).toEqual([
      ['2025-Q3', 'before', 400_001, 100_000], ['2025-Q4', 'before', 450_000, 112_500],
      ['2026-Q1', 'after', 1_325_000, 265_000], ['2026-Q2', 'after', 1_025_000, 205_000],
    ]);
    expect(analysis.quarters.map((q) => q.categories.extra_costs.perChildOre)).toEqual([33_334, 0, 200_000, 0]);
    expect(analysis.quarters.map((q) => q.categories.preventive.perChildOre)).toEqual([150_000, 150_000, 200_000, 350_000]);
  });

  it('before vs after', () => {
    const by = Object.fromEntries(analysis.summary.map((s) => [s.category, s]));
    expect(by.preventive).toEqual({ category: 'preventive', beforeOre: 375_000, afterOre: 750_000, beforePerChildOre: 150_000, afterPerChildOre: 275_000, changePercent: 100 });
    expect(by.extra_costs).toEqual({ category: 'extra_costs', beforeOre: 50_001, afterOre: 100_000, beforePerChildOre: 33_334, afterPerChildOre: 200_000, changePercent: 100 });
    expect(by.coordinator_salary).toEqual({ category: 'coordinator_salary', beforeOre: 0, afterOre: 325_000, beforePerChildOre: null, afterPerChildOre: 81_250, changePercent: null });
    expect(by.placement).toEqual({ category: 'placement', beforeOre: 0, afterOre: 0, beforePerChildOre: null, afterPerChildOre: null, changePercent: null });
    expect(by.total).toEqual({ category: 'total', beforeOre: 425_001, afterOre: 1_175_000, beforePerChildOre: 106_250, afterPerChildOre: 235_000, changePercent: 176.5 });
  });

  it("reproduces Randers' printed change: 6,662,600 / 5,152,500 − 1 = +29.3 % (evaluation.md §5.2, 004:2732-2736)", () => {
    const randers = expenseAnalysis({
      quarters: ['2019-Q4', '2021-Q2'], groupSizes: { '2019-Q4': 100, '2021-Q2': 100 }, splitOn: '2020-01-01',
      cells: [{ quarter: '2019-Q4', category: 'other', amountOre: 515_250_000, children: 90 }, { quarter: '2021-Q2', category: 'other', amountOre: 666_260_000, children: 90 }],
    });
    const total = randers.summary.find((s) => s.category === 'total')!;
    expect(total.changePercent).toBe(29.3);
    // ÷ 100 children: 51,525 → 66,626 kr. per child (printed rounded to 100: 51,500 → 66,600).
    expect([total.beforePerChildOre, total.afterPerChildOre]).toEqual([5_152_500, 6_662_600]);
  });
});

