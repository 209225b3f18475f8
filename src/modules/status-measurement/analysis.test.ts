import { describe, expect, it } from 'vitest';
import { lowestElements, summariseStatusMeasurements, type StatusMeasurementRow } from './analysis.js';

const row = (measurementId: string, caseId: string, quarter: string, elementKey: string, questionKey: string, score: number, over: Partial<StatusMeasurementRow> = {}): StatusMeasurementRow =>
  ({ measurementId, caseId, departmentId: 'd1', model: 'efei', quarter, elementKey, questionKey, score, ...over });

describe('summariseStatusMeasurements', () => {
  it('an element\'s mean is the mean of its index-question means (not of all answers), with n measurements', () => {
    // Question a answered by m1 and m2 (2 and 4 → 3), question b only by m1 (6): element mean (3 + 6) / 2 = 4.5,
    // where the mean of all three answers would be 4.
    const rows = [
      row('m1', 'c1', '2026-Q1', 'coordinated_casework', 'a', 2), row('m1', 'c1', '2026-Q1', 'coordinated_casework', 'b', 6),
      row('m2', 'c2', '2026-Q1', 'coordinated_casework', 'a', 4),
      row('m1', 'c1', '2026-Q1', 'joint_financing', 'f', 2), row('m2', 'c2', '2026-Q1', 'joint_financing', 'f', 3),
    ];
    const [summary] = summariseStatusMeasurements(rows);
    expect(summary).toMatchObject({ departmentId: 'd1', model: 'efei', quarter: '2026-Q1', n: 2, cases: 2 });
    expect(summary!.elements).toEqual([
      { elementKey: 'family_involvement', mean: null, n: 0, lowest: false },
      { elementKey: 'coordinated_casework', mean: 4.5, n: 2, lowest: false },
      { elementKey: 'common_systematic_approach', mean: null, n: 0, lowest: false },
      { elementKey: 'joint_financing', mean: 2.5, n: 2, lowest: true },
    ]);
    expect(summary!.lowestElementKeys).toEqual(['joint_financing']);
  });

  it('groups by department, model and quarter, sorted', () => {
    const rows = [
      row('m3', 'c1', '2026-Q2', 'family_involvement', 'x', 5),
      row('m1', 'c1', '2026-Q1', 'family_involvement', 'x', 3),
      row('m2', 'c9', '2026-Q1', 'shared_goals', 'y', 4, { model: 'sof' }),
      row('m4', 'c5', '2026-Q1', 'family_involvement', 'x', 1, { departmentId: 'd0' }),
    ];
    expect(summariseStatusMeasurements(rows).map((s) => `${s.departmentId}/${s.model}/${s.quarter}/${s.n}`)).toEqual([
      'd0/efei/2026-Q1/1', 'd1/efei/2026-Q1/1', 'd1/efei/2026-Q2/1', 'd1/sof/2026-Q1/1',
    ]);
  });

  it('no rows, no summaries', () => expect(summariseStatusMeasurements([])).toEqual([]));
});

describe('lowestElements', () => {
  const table: Array<[string, Array<{ elementKey: string; mean: number | null }>, string[]]> = [
    ['one lowest', [{ elementKey: 'a', mean: 4.2 }, { elementKey: 'b', mean: 2.3 }, { elementKey: 'c', mean: 4 }], ['b']],
    ['a tie gives both', [{ elementKey: 'a', mean: 3 }, { elementKey: 'b', mean: 3 }, { elementKey: 'c', mean: 5 }], ['a', 'b']],
    ['floating-point tie', [{ elementKey: 'a', mean: 0.1 + 0.2 }, { elementKey: 'b', mean: 0.3 }], ['a', 'b']],
    ['elements without a mean are ignored', [{ elementKey: 'a', mean: null }, { elementKey: 'b', mean: 5 }], ['b']],
    ['nothing scored', [{ elementKey: 'a', mean: null }], []],
  ];
  for (const [name, elements, expected] of table) it(name, () => expect(lowestElements(elements)).toEqual(expected));
});
