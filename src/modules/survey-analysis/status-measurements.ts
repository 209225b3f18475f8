import type { StatusMeasurementRow } from '../status-measurement/analysis.js';
import { analyseSeries, type AnalysisResponse, type SeriesAnalysis } from './analysis.js';

/**
 * Status measurements in the survey analysis (issue 10 item 6; capture in src/modules/status-measurement, issue 9
 * item 7): the quarterly core-element ratings of one model compared like a survey — the first quarter as baseline,
 * the last as end, any quarter between as midway — so the same means (element = theme, index question = item) and
 * Welch's test of end vs baseline apply. Each measurement is one response; the case is the pairing key, so the
 * restricted test compares the cases rated in both quarters (status measurements are per case, not anonymous).
 */
export function compareStatusQuarters(rows: readonly StatusMeasurementRow[], model: string, baselineQuarter: string, endQuarter: string): SeriesAnalysis {
  const ofModel = rows.filter((r) => r.model === model && r.quarter >= baselineQuarter && r.quarter <= endQuarter);
  const items = new Map<string, { key: string; themeKey: string; kind: 'scale' }>();
  const responses = new Map<string, AnalysisResponse>();
  for (const row of ofModel) {
    items.set(row.questionKey, { key: row.questionKey, themeKey: row.elementKey, kind: 'scale' });
    let response = responses.get(row.measurementId);
    if (!response) {
      const phase = row.quarter === baselineQuarter ? 'baseline' : row.quarter === endQuarter ? 'end' : 'midway';
      responses.set(row.measurementId, response = { phase, pairingKey: row.caseId, answers: {} });
    }
    response.answers[row.questionKey] = row.score;
  }
  return analyseSeries([...items.values()], [...responses.values()]);
}
