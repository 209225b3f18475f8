/**
 * The analysis of status measurements: a PURE function other modules reuse (survey analysis, issue 10 item 6; the
 * leader dashboard's fidelity-per-element slot, issue 9 item 8).
 *
 *   summariseStatusMeasurements(rows: StatusMeasurementRow[], order?: ElementOrder): StatusMeasurementSummary[]
 *
 * - rows: one row per answered index question (what `statusMeasurementRows` in repo.ts, or the audited
 *   `statusMeasurementResults` in commands.ts, returns); no database, no clock.
 * - returns one summary per (departmentId, model, quarter), sorted by department, model and quarter: per core
 *   element the mean of its index-question means (as the national evaluation reports a theme: 004:1928-1934,
 *   evaluation.md §4.1) and n (measurements that answered it); n and distinct cases per group; and the lowest-scoring
 *   element(s) (ties: all of them).
 * - order (optional): element keys per model in display order; by default the order of definitions.ts.
 *
 * `lowestElements(elements)` is exported too, for a single list of element means.
 */
import { definitions } from './definitions.js';

export interface StatusMeasurementRow {
  measurementId: string;
  caseId: string;
  departmentId: string;
  model: string;
  /** 'YYYY-Qn' */
  quarter: string;
  elementKey: string;
  questionKey: string;
  /** 1-6 */
  score: number;
}

export interface ElementSummary {
  elementKey: string;
  /** Mean of the element's index-question means; null when no measurement answered it. */
  mean: number | null;
  /** Measurements that answered the element. */
  n: number;
  lowest: boolean;
}

export interface StatusMeasurementSummary {
  departmentId: string;
  model: string;
  quarter: string;
  /** Measurements in the group. */
  n: number;
  /** Distinct cases in the group. */
  cases: number;
  elements: ElementSummary[];
  lowestElementKeys: string[];
}

export type ElementOrder = Record<string, string[]>;

const defaultOrder: ElementOrder = Object.fromEntries(
  definitions.map((d) => [d.model, d.elements.map((e) => e.key)] as const),
);

const epsilon = 1e-9;

/** The element(s) with the lowest mean (ties: all within 1e-9), ignoring elements without a mean. */
export function lowestElements(elements: Array<{ elementKey: string; mean: number | null }>): string[] {
  const scored = elements.filter((e): e is { elementKey: string; mean: number } => e.mean !== null);
  if (scored.length === 0) return [];
  const min = Math.min(...scored.map((e) => e.mean));
  return scored.filter((e) => e.mean - min < epsilon).map((e) => e.elementKey);
}

const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;

export function summariseStatusMeasurements(rows: StatusMeasurementRow[], order: ElementOrder = defaultOrder): StatusMeasurementSummary[] {
  interface Group { departmentId: string; model: string; quarter: string; measurements: Set<string>; cases: Set<string>;
    elements: Map<string, { measurements: Set<string>; questions: Map<string, number[]> }> }
  const groups = new Map<string, Group>();
  for (const row of rows) {
    const key = `${row.departmentId}|${row.model}|${row.quarter}`;
    let group = groups.get(key);
    if (!group) {
      group = { departmentId: row.departmentId, model: row.model, quarter: row.quarter, measurements: new Set(), cases: new Set(), elements: new Map() };
      groups.set(key, group);
    }
    group.measurements.add(row.measurementId);
    group.cases.add(row.caseId);
    let element = group.elements.get(row.elementKey);
    if (!element) {
      element = { measurements: new Set(), questions: new Map() };
      group.elements.set(row.elementKey, element);
    }
    element.measurements.add(row.measurementId);
    const scores = element.questions.get(row.questionKey) ?? [];
    scores.push(row.score);
    element.questions.set(row.questionKey, scores);
  }
  const summaries: StatusMeasurementSummary[] = [];
  for (const group of groups.values()) {
    const known = order[group.model] ?? [];
    const keys = [...known, ...[...group.elements.keys()].filter((k) => !known.includes(k)).sort()];
    const elements = keys.map((elementKey) => {
      const element = group.elements.get(elementKey);
      if (!element) return { elementKey, mean: null, n: 0, lowest: false };
      return { elementKey, mean: mean([...element.questions.values()].map(mean)), n: element.measurements.size, lowest: false };
    });
    const lowestElementKeys = lowestElements(elements);
    for (const e of elements) e.lowest = lowestElementKeys.includes(e.elementKey);
    summaries.push({
      departmentId: group.departmentId, model: group.model, quarter: group.quarter, n: group.measurements.size, cases: group.cases.size, elements, lowestElementKeys,
    });
  }
  return summaries.sort((a, b) => a.departmentId.localeCompare(b.departmentId) || a.model.localeCompare(b.model) || a.quarter.localeCompare(b.quarter));
}
