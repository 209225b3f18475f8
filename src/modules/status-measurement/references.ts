import type { ModelKey } from './definitions.js';

/**
 * The national evaluation's reported status-measurement levels (Rambøll's final evaluation of EFEI and SOF, figures 4
 * and 5, 004:1966-1990; digest: evaluation.md §4.1). Shown beside a municipality's own results and always labelled
 * as the national evaluation's. Means over cases and municipalities per core element per wave.
 *
 * The figures number the elements differently from the model descriptions. EFEI's are matched to their names by the
 * baseline scores quoted in the text (004:1944-1948). For SOF only element 4 is named ("Styrket tværgående
 * samarbejde", 004:1976-1980); the report does not say which of the other three is KE1, KE2 or KE3, so those rows have
 * no element key and are shown unmatched.
 */

export interface ReferenceWave {
  key: 'baseline' | 'midway' | 'end';
  /** The quarter the wave was measured in (004:4910-4911; "oktober 2021" at 004:1951 conflicts with Q3 2021). */
  quarter: string;
}

export const referenceWaves: ReferenceWave[] = [
  { key: 'baseline', quarter: '2020-Q1' },
  { key: 'midway', quarter: '2020-Q3' },
  { key: 'end', quarter: '2021-Q3' },
];

export interface ReferenceLevel {
  model: ModelKey;
  /** The report's label in the figure note. */
  figureLabel: string;
  /** The element in definitions.ts, or null where the report does not say which element it is. */
  elementKey: string | null;
  baseline: number;
  midway: number;
  end: number;
  /** Where the figures are printed (and, where needed, how the element was identified). */
  source: string;
}

export const referenceLabel = {
  da: 'Den nationale evaluering (Rambøll, slutevaluering 2022)',
  en: 'The national evaluation (Rambøll, final evaluation 2022)',
} as const;

export const referenceLevels: ReferenceLevel[] = [
  { model: 'efei', figureLabel: 'Kerneelement 1', elementKey: 'coordinated_casework', baseline: 4.3, midway: 4.3, end: 4.7, source: '004:1968, 004:1944-1945' },
  { model: 'efei', figureLabel: 'Kerneelement 2', elementKey: 'family_involvement', baseline: 4.6, midway: 4.8, end: 4.8, source: '004:1969, 004:1945-1946' },
  { model: 'efei', figureLabel: 'Kerneelement 3', elementKey: 'common_systematic_approach', baseline: 4.0, midway: 3.7, end: 4.4, source: '004:1970, 004:1946-1947' },
  { model: 'efei', figureLabel: 'Kerneelement 4', elementKey: 'joint_financing', baseline: 2.3, midway: 1.6, end: 2.8, source: '004:1971, 004:1947-1948' },
  { model: 'sof', figureLabel: 'Kerneelement 1', elementKey: null, baseline: 3.8, midway: 3.8, end: 4.1, source: '004:1987' },
  { model: 'sof', figureLabel: 'Kerneelement 2', elementKey: null, baseline: 3.8, midway: 4.3, end: 4.2, source: '004:1988' },
  { model: 'sof', figureLabel: 'Kerneelement 3', elementKey: null, baseline: 3.7, midway: 4.0, end: 4.1, source: '004:1989' },
  { model: 'sof', figureLabel: 'Kerneelement 4', elementKey: 'cross_sector_collaboration', baseline: 3.3, midway: 3.8, end: 4.2, source: '004:1990, 004:1976-1980' },
];
