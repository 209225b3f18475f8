import { mean, present, welch, type WelchResult } from './stats.js';

/**
 * The analysis of one series of a survey (baseline / midway / end of one instrument and model), as the national
 * evaluation reports it (evaluation.md §2.5-2.6, §6): per item the mean and n per wave; per theme the mean of the item
 * means ("as the report does", 004:3063-3097 reproduce within ±0.07); end vs baseline with Welch's t-test per item and
 * per theme (on each respondent's theme score, the mean of their answered items in the theme), and the same tests
 * restricted to respondents who answered both waves (004:4627-4633: the report's robustness check), matched by the
 * responses' pairing pseudonym. Pure: no database, no suppression (see `minimumGroup` for the ≥ 5 rule).
 */

export const phases = ['baseline', 'midway', 'end'] as const;
export type Phase = (typeof phases)[number];

export interface AnalysisItem {
  key: string;
  themeKey: string;
  kind: 'scale' | 'free_text';
}

export interface AnalysisResponse {
  phase: Phase;
  /** The pairing pseudonym (never a person id); null when the respondent cannot be followed across waves. */
  pairingKey: string | null;
  /** Item key → value 1-6, or null for "ved ikke" / skipped. Free-text items are not part of the statistics. */
  answers: Record<string, number | null>;
}

export interface PhaseStat { n: number; mean: number | null }
export type ByPhase<T> = Record<Phase, T>;

export interface ItemAnalysis {
  key: string;
  themeKey: string;
  byPhase: ByPhase<PhaseStat>;
  test: WelchResult | null;
  pairedTest: WelchResult | null;
}

export interface ThemeAnalysis {
  key: string;
  /** mean = the mean of the item means; n = respondents with at least one answered item in the theme. */
  byPhase: ByPhase<PhaseStat>;
  test: WelchResult | null;
  pairedTest: WelchResult | null;
}

export interface SeriesAnalysis {
  respondents: ByPhase<number>;
  /** Respondents (pairing keys) who answered both baseline and end. */
  paired: number;
  items: ItemAnalysis[];
  themes: ThemeAnalysis[];
}

const byPhase = <T>(make: (phase: Phase) => T): ByPhase<T> => ({ baseline: make('baseline'), midway: make('midway'), end: make('end') });

/** The pairing keys present at both baseline and end. */
export function pairedKeys(responses: readonly AnalysisResponse[]): Set<string> {
  const at = (phase: Phase) => new Set(responses.filter((r) => r.phase === phase && r.pairingKey !== null).map((r) => r.pairingKey!));
  const baseline = at('baseline');
  return new Set([...at('end')].filter((k) => baseline.has(k)));
}

/** Each respondent's theme score: the mean of their answered items in the theme (null when none answered). */
export function themeScore(response: AnalysisResponse, itemKeys: readonly string[]): number | null {
  return mean(present(itemKeys.map((k) => response.answers[k])));
}

export function analyseSeries(items: readonly AnalysisItem[], responses: readonly AnalysisResponse[]): SeriesAnalysis {
  const scale = items.filter((i) => i.kind === 'scale');
  const paired = pairedKeys(responses);
  const inPhase = (phase: Phase, onlyPaired: boolean) =>
    responses.filter((r) => r.phase === phase && (!onlyPaired || (r.pairingKey !== null && paired.has(r.pairingKey))));
  const valuesOf = (phase: Phase, key: string, onlyPaired = false) => present(inPhase(phase, onlyPaired).map((r) => r.answers[key]));
  const test = (a: number[], b: number[]) => welch(a, b);

  const itemResults: ItemAnalysis[] = scale.map((item) => {
    const stats = byPhase((phase) => {
      const values = valuesOf(phase, item.key);
      return { n: values.length, mean: mean(values) };
    });
    return {
      key: item.key, themeKey: item.themeKey, byPhase: stats,
      test: test(valuesOf('baseline', item.key), valuesOf('end', item.key)),
      pairedTest: test(valuesOf('baseline', item.key, true), valuesOf('end', item.key, true)),
    };
  });

  const themeKeys = [...new Set(scale.map((i) => i.themeKey))];
  const themeResults: ThemeAnalysis[] = themeKeys.map((themeKey) => {
    const keys = scale.filter((i) => i.themeKey === themeKey).map((i) => i.key);
    const ofTheme = itemResults.filter((i) => i.themeKey === themeKey);
    const scores = (phase: Phase, onlyPaired = false) => present(inPhase(phase, onlyPaired).map((r) => themeScore(r, keys)));
    const stats = byPhase((phase) => ({
      n: scores(phase).length,
      mean: mean(ofTheme.map((i) => i.byPhase[phase].mean).filter((m): m is number => m !== null)),
    }));
    return {
      key: themeKey, byPhase: stats,
      test: test(scores('baseline'), scores('end')),
      pairedTest: test(scores('baseline', true), scores('end', true)),
    };
  });

  return {
    respondents: byPhase((phase) => inPhase(phase, false).length),
    paired: paired.size,
    items: itemResults,
    themes: themeResults,
  };
}
