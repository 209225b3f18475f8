import { audit } from '../../platform/audit/audit.js';
import type { RequestContext, Trx } from '../../platform/db/tenant.js';
import { notFound, unprocessable } from '../../platform/http/errors.js';
import { requireRole } from '../../platform/policy/policy.js';
import { listItems, listWaves, type ItemRow, type WaveRow } from '../survey/index.js';
import { minimumGroup, type Instrument, type SurveyModel } from '../survey/rules.js';
import { analyseSeries, phases, type AnalysisResponse, type ByPhase, type Phase, type PhaseStat } from './analysis.js';
import { itemReference, referenceLabel, themeReference } from './reference.js';
import type { ResultsQuery, SeriesList, SeriesResult, TestView } from './schema.js';
import { formatP, type WelchResult } from './stats.js';

/**
 * The results of one series (issue 10 items 3-5), read by leaders and controllers: only aggregates, and only of groups
 * of at least 5 respondents (minimumGroup); a smaller group is flagged "too few answers" and shows no figure. Free
 * text is pooled, sorted, and shown only from 5 texts, never per family.
 */

const rateOf = (w: WaveRow) => ({ phase: w.phase, waveId: w.id, invited: w.invited, responded: w.responded, responseRate: w.invited > 0 ? w.responded / w.invited : null });

export async function seriesList(trx: Trx, ctx: RequestContext): Promise<SeriesList> {
  requireRole(ctx.actor, 'read_survey_results');
  const groups = new Map<string, SeriesList['series'][number]>();
  for (const wave of await listWaves(trx)) {
    const key = `${wave.instrument}|${wave.model}|${wave.series}`;
    let group = groups.get(key);
    if (!group) groups.set(key, group = { instrument: wave.instrument, model: wave.model, series: wave.series, mode: wave.mode, waves: [] });
    group.waves.push(rateOf(wave));
  }
  for (const group of groups.values()) group.waves.sort((a, b) => phases.indexOf(a.phase) - phases.indexOf(b.phase));
  return { series: [...groups.values()] };
}

async function loadResponses(trx: Trx, waves: WaveRow[]): Promise<{ responses: AnalysisResponse[]; texts: Map<string, string[]> }> {
  const phaseOf = new Map(waves.map((w) => [w.id, w.phase]));
  const rows = await trx.selectFrom('survey_responses as r')
    .innerJoin('survey_answers as a', (j) => j.onRef('a.municipality_id', '=', 'r.municipality_id').onRef('a.response_id', '=', 'r.id'))
    .innerJoin('survey_items as i', (j) => j.onRef('i.municipality_id', '=', 'a.municipality_id').onRef('i.id', '=', 'a.item_id'))
    .select(['r.id', 'r.wave_id', 'r.pairing_key', 'i.item_key', 'a.value', 'a.free_text'])
    .where('r.wave_id', 'in', waves.map((w) => w.id)).execute();
  const byResponse = new Map<string, AnalysisResponse>();
  const texts = new Map<string, string[]>();
  // Responses with no answer at all still count as respondents.
  const bare = await trx.selectFrom('survey_responses').select(['id', 'wave_id', 'pairing_key']).where('wave_id', 'in', waves.map((w) => w.id)).execute();
  for (const r of bare) byResponse.set(r.id, { phase: phaseOf.get(r.wave_id)!, pairingKey: r.pairing_key, answers: {} });
  for (const row of rows) {
    const response = byResponse.get(row.id)!;
    if (row.free_text !== null) texts.set(row.item_key, [...(texts.get(row.item_key) ?? []), row.free_text]);
    else response.answers[row.item_key] = row.value;
  }
  return { responses: [...byResponse.values()], texts };
}

function cell(stat: PhaseStat, respondents: number): { n: number; mean: number | null; tooFew: boolean } {
  const tooFew = respondents < minimumGroup || stat.n < minimumGroup;
  return { n: tooFew ? 0 : stat.n, mean: tooFew ? null : stat.mean, tooFew };
}

function cells(stats: ByPhase<PhaseStat>, respondents: ByPhase<number>) {
  return { baseline: cell(stats.baseline, respondents.baseline), midway: cell(stats.midway, respondents.midway), end: cell(stats.end, respondents.end) };
}

function testView(result: WelchResult | null, sides: Array<{ n: number }>): TestView | null {
  if (!result || sides.some((s) => s.n < minimumGroup)) return null;
  return { difference: result.difference, t: result.t, df: result.df, p: result.p, pText: formatP(result.p), significant: result.significant };
}

export async function seriesResult(trx: Trx, ctx: RequestContext, query: ResultsQuery): Promise<SeriesResult> {
  requireRole(ctx.actor, 'read_survey_results');
  return computeSeries(trx, query);
}

export async function computeSeries(trx: Trx, query: { instrument: Instrument; model: SurveyModel; series: string }): Promise<SeriesResult> {
  const waves = (await listWaves(trx)).filter((w) => w.instrument === query.instrument && w.model === query.model && w.series === query.series)
    .sort((a, b) => phases.indexOf(a.phase) - phases.indexOf(b.phase));
  if (waves.length === 0) throw notFound('The survey series');
  const newest = waves.reduce((a, b) => (b.versionNo > a.versionNo ? b : a));
  const items: ItemRow[] = await listItems(trx, newest.instrumentVersionId);
  const { responses, texts } = await loadResponses(trx, waves);
  const analysis = analyseSeries(items.map((i) => ({ key: i.key, themeKey: i.themeKey, kind: i.kind })), responses);
  const respondents = analysis.respondents;
  const pairedCount = analysis.paired;
  // The restricted test uses only respondents of both waves: its sides are the paired group.
  const pairedSide = [{ n: pairedCount }];
  const itemsByKey = new Map(analysis.items.map((i) => [i.key, i]));
  const themes = analysis.themes.map((theme) => {
    const first = items.find((i) => i.themeKey === theme.key)!;
    const themeItems = items.filter((i) => i.themeKey === theme.key && i.kind === 'scale').map((item) => {
      const stats = itemsByKey.get(item.key)!;
      const byPhase = cells(stats.byPhase, respondents);
      return {
        key: item.key, textDa: item.textDa, textEn: item.textEn, origin: item.origin, byPhase,
        test: testView(stats.test, [byPhase.baseline, byPhase.end]),
        pairedTest: testView(stats.pairedTest, [byPhase.baseline, byPhase.end, ...pairedSide]),
        reference: itemReference(query.instrument, query.model, item.key),
      };
    });
    const byPhase = cells(theme.byPhase, respondents);
    return {
      key: theme.key, titleDa: first.themeTitleDa, titleEn: first.themeTitleEn, byPhase,
      test: testView(theme.test, [byPhase.baseline, byPhase.end]),
      pairedTest: testView(theme.pairedTest, [byPhase.baseline, byPhase.end, ...pairedSide]),
      reference: themeReference(query.instrument, query.model, theme.key),
      items: themeItems,
    };
  });
  const freeText = items.filter((i) => i.kind === 'free_text').map((item) => {
    const answers = [...(texts.get(item.key) ?? [])].sort((a, b) => a.localeCompare(b, 'da'));
    const tooFew = answers.length < minimumGroup;
    return { itemKey: item.key, textDa: item.textDa, textEn: item.textEn, answers: tooFew ? null : answers, tooFew };
  });
  return {
    instrument: query.instrument, model: query.model, series: query.series, minimumGroup,
    tooFewAnswers: phases.every((p: Phase) => respondents[p] < minimumGroup),
    waves: waves.map(rateOf), respondents, paired: pairedCount >= minimumGroup ? pairedCount : null,
    referenceLabel, themes, freeText,
  };
}

/** An export (CSV or PDF) of a series: refused when no group is large enough; audited as an export. */
export async function exportSeries(trx: Trx, ctx: RequestContext, query: ResultsQuery, format: 'csv' | 'pdf'): Promise<SeriesResult> {
  requireRole(ctx.actor, 'read_survey_results');
  const result = await computeSeries(trx, query);
  if (result.tooFewAnswers) {
    throw unprocessable('too_few_answers', `Results are shown only for groups of at least ${minimumGroup} respondents.`, [
      { field: 'series', code: 'too_few_answers', message: `No wave of the series has ${minimumGroup} respondents yet.` },
    ]);
  }
  await audit(trx, ctx, { action: 'export', entityType: `survey_results_${format}`, entityId: result.waves[0]?.waveId ?? null, reason: 'leader' });
  return result;
}
