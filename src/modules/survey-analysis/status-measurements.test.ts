import { describe, expect, it } from 'vitest';
import type { StatusMeasurementRow } from '../status-measurement/analysis.js';
import { compareStatusQuarters } from './status-measurements.js';
import { welch } from './stats.js';

/** Issue 10 item 6: status measurements feed the survey analysis (means per element and Welch's test of end vs baseline). */
describe('compareStatusQuarters', () => {
  const row = (measurementId: string, caseId: string, quarter: string, elementKey: string, questionKey: string, score: number): StatusMeasurementRow =>
    ({ measurementId, caseId, departmentId: 'd', model: 'efei', quarter, elementKey, questionKey, score });
  const rows: StatusMeasurementRow[] = [
    ...[[3, 4], [2, 3], [4, 4], [3, 3]].flatMap(([a, b], i) => [row(`b${i}`, `c${i}`, '2025-Q1', 'ke1', 'q1', a!), row(`b${i}`, `c${i}`, '2025-Q1', 'ke1', 'q2', b!)]),
    ...[[5, 5], [4, 5], [5, 6]].flatMap(([a, b], i) => [row(`e${i}`, `c${i}`, '2026-Q1', 'ke1', 'q1', a!), row(`e${i}`, `c${i}`, '2026-Q1', 'ke1', 'q2', b!)]),
    row('m0', 'c0', '2025-Q3', 'ke1', 'q1', 4),
    { ...row('x', 'cx', '2026-Q1', 'ke1', 'q1', 1), model: 'sof' },
  ];

  it('uses the first quarter as baseline and the last as end, per element (theme) and question (item)', () => {
    const result = compareStatusQuarters(rows, 'efei', '2025-Q1', '2026-Q1');
    expect(result.respondents).toEqual({ baseline: 4, midway: 1, end: 3 });
    expect(result.paired).toBe(3);
    const q1 = result.items.find((i) => i.key === 'q1')!;
    expect(q1.byPhase.baseline).toEqual({ n: 4, mean: 3 });
    expect(q1.test!.p).toBeCloseTo(welch([3, 2, 4, 3], [5, 4, 5])!.p, 12);
    const theme = result.themes[0]!;
    expect(theme.key).toBe('ke1');
    expect(theme.byPhase.baseline.mean).toBeCloseTo((3 + 3.5) / 2, 12);
    expect(theme.test!.significant).toBe(true);
  });
});
