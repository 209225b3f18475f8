import { z } from 'zod';
import { Instrument, SurveyModel, WavePhase } from '../survey/schema.js';

/** The survey results (issue 10 items 3-5): anonymous aggregates of groups of at least 5, with the national figures. */

export const ResultsQuery = z.object({ instrument: Instrument, model: SurveyModel, series: z.string().trim().min(1).max(60) });
export type ResultsQuery = z.infer<typeof ResultsQuery>;

const PhaseCell = z.object({ n: z.number().int(), mean: z.number().nullable(), tooFew: z.boolean() });
const ByPhase = z.object({ baseline: PhaseCell, midway: PhaseCell, end: PhaseCell });

export const TestView = z.object({
  difference: z.number(), t: z.number(), df: z.number(), p: z.number(),
  /** p to 4 decimals, "*" when significant at 0.05 (as the report prints parents' p-values). */
  pText: z.string(),
  significant: z.boolean(),
});
export type TestView = z.infer<typeof TestView>;

const Reference = z.object({
  baseline: z.number().nullable(), midway: z.number().nullable(), end: z.number().nullable(),
  /** As printed, e.g. "0.0230*" or "n.s."; null when not printed. */
  p: z.string().nullable(),
  /** Where the figure comes from and how it was read (evaluation.md). */
  note: z.string(),
});

export const ItemResult = z.object({
  key: z.string(), textDa: z.string(), textEn: z.string(), origin: z.enum(['national', 'municipal']),
  byPhase: ByPhase,
  test: TestView.nullable(),
  pairedTest: TestView.nullable(),
  reference: Reference.nullable(),
});
export type ItemResult = z.infer<typeof ItemResult>;

export const ThemeResult = z.object({
  key: z.string(), titleDa: z.string(), titleEn: z.string(),
  byPhase: ByPhase,
  test: TestView.nullable(),
  pairedTest: TestView.nullable(),
  reference: Reference.nullable(),
  items: z.array(ItemResult),
});
export type ThemeResult = z.infer<typeof ThemeResult>;

export const WaveRate = z.object({
  phase: WavePhase, waveId: z.string(), invited: z.number().int(), responded: z.number().int(), responseRate: z.number().nullable(),
});

export const FreeTextResult = z.object({
  itemKey: z.string(), textDa: z.string(), textEn: z.string(),
  /** Pooled over the series' waves in alphabetical order, never per family; null when fewer than 5 gave text. */
  answers: z.array(z.string()).nullable(),
  tooFew: z.boolean(),
});

export const SeriesResult = z.object({
  instrument: Instrument, model: SurveyModel, series: z.string(),
  minimumGroup: z.number().int(),
  /** True when no wave of the series has the minimum number of respondents: nothing can be shown. */
  tooFewAnswers: z.boolean(),
  waves: z.array(WaveRate),
  respondents: z.object({ baseline: z.number().int(), midway: z.number().int(), end: z.number().int() }),
  /** Respondents who answered both baseline and end (the restricted test); the count is shown only from 5. */
  paired: z.number().int().nullable(),
  referenceLabel: z.string(),
  themes: z.array(ThemeResult),
  freeText: z.array(FreeTextResult),
});
export type SeriesResult = z.infer<typeof SeriesResult>;

export const SeriesSummary = z.object({
  instrument: Instrument, model: SurveyModel, series: z.string(), mode: z.enum(['fixed', 'continuous']),
  waves: z.array(WaveRate),
});
export const SeriesList = z.object({ series: z.array(SeriesSummary) });
export type SeriesList = z.infer<typeof SeriesList>;
