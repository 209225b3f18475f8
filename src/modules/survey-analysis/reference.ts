import national from '../survey/national-instruments.json' with { type: 'json' };
import type { Instrument, SurveyModel } from '../survey/rules.js';

/**
 * The national evaluation's reported figures (issue 10 item 5; instruments.json, decoded as evaluation.md §0
 * explains), shown beside a municipality's own results and labelled as such. Parents: item means per model and wave
 * (1 decimal as printed) and the printed p-values; theme means SOF as printed, EFEI derived (mean of item means).
 * Staff: the means did not survive the text extraction (evaluation.md §0 rule 6): only the p-values ("n.s." or a value).
 */

export const referenceLabel = 'Landsevalueringen (Rambøll 2022) — ikke kommunens egne tal / national evaluation, not the municipality\'s figures';

export interface ReferenceFigures { baseline: number | null; midway: number | null; end: number | null; p: string | null; note: string }

type Reported = { baseline?: number; midway?: number; end?: number; pEndVsBaseline?: string | Record<string, string> };
interface JsonItem { id: string; reported?: Record<string, Reported> | { pEndVsBaseline?: Record<string, string> } }
interface JsonTheme { id: string; items: JsonItem[] }

const modelKey = (model: SurveyModel) => (model === 'efei' ? 'EFEI' : 'SOF');

export function itemReference(instrument: Instrument, model: SurveyModel, itemKey: string): ReferenceFigures | null {
  const themes = (instrument === 'parent' ? national.parentSurvey.themes : national.staffSurvey.themes) as unknown as JsonTheme[];
  const item = themes.flatMap((t) => t.items).find((i) => i.id === itemKey);
  if (!item?.reported) return null;
  if (instrument === 'staff') {
    const p = (item.reported as { pEndVsBaseline?: Record<string, string> }).pEndVsBaseline?.[modelKey(model)] ?? null;
    return { baseline: null, midway: null, end: null, p, note: 'Staff means were not recoverable from the report (004, Tables 19-34); p-value only.' };
  }
  const r = (item.reported as Record<string, Reported>)[modelKey(model)];
  if (!r) return null;
  // "n.s. (table prints no p-values: …)" is shown as "n.s."; the explanation is in the digest.
  const p = typeof r.pEndVsBaseline === 'string' ? (r.pEndVsBaseline.startsWith('n.s.') ? 'n.s.' : r.pEndVsBaseline) : null;
  return { baseline: r.baseline ?? null, midway: r.midway ?? null, end: r.end ?? null, p, note: `${modelKey(model)}, item mean as printed (1 decimal).` };
}

export function themeReference(instrument: Instrument, model: SurveyModel, themeKey: string): ReferenceFigures | null {
  if (instrument !== 'parent') return null;
  const scores = national.parentSurvey.themeScores as unknown as Record<string, Record<string, unknown>>;
  const block = model === 'sof' ? scores.SOF_printed : scores.EFEI_derived;
  const values = block?.[themeKey] as number[] | undefined;
  if (!values) return null;
  return {
    baseline: values[0] ?? null, midway: values[1] ?? null, end: values[2] ?? null, p: null,
    note: model === 'sof' ? 'SOF theme mean as printed (Table 6); the p-values cannot be mapped to themes (evaluation.md §2.6).' : 'EFEI theme mean derived as the mean of the printed item means (Table 5 did not survive).',
  };
}
