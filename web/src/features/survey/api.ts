import { api } from '../../api/client';
import type { Abilities } from '../../api/types';

/** The surveys as the API sends them (src/modules/survey/schema.ts, src/modules/survey-analysis/schema.ts). */
export type Instrument = 'parent' | 'staff';
export type SurveyModel = 'efei' | 'sof';
export type Phase = 'baseline' | 'midway' | 'end';
export const phases: readonly Phase[] = ['baseline', 'midway', 'end'];

export interface ScaleLabel { value: number; da: string; en: string; inferred: boolean }
export interface SurveyItem { id: string; key: string; kind: 'scale' | 'free_text'; textDa: string; textEn: string; origin: 'national' | 'municipal'; source: string | null }
export interface SurveyTheme { key: string; titleDa: string; titleEn: string; items: SurveyItem[] }
export interface InstrumentVersion { id: string; versionNo: number; publishedAt: string; note: string; itemCount: number }
export interface InstrumentView {
  instrument: Instrument; version: InstrumentVersion; versions: InstrumentVersion[]; scale: ScaleLabel[]; dontKnow: { da: string; en: string };
  themes: SurveyTheme[]; abilities: Abilities;
}
export interface Wave {
  id: string; instrument: Instrument; model: SurveyModel; series: string; phase: Phase; mode: 'fixed' | 'continuous'; versionNo: number;
  opensOn: string; closesOn: string | null; open: boolean; invited: number; responded: number; responseRate: number | null; version: number;
}
export interface Questionnaire {
  instrument: Instrument; model: SurveyModel; phase: Phase; series: string; closesOn: string | null; open: boolean; answered: boolean;
  scale: ScaleLabel[]; dontKnow: { da: string; en: string }; themes: SurveyTheme[];
}
export interface MyInvitation { id: string; instrument: Instrument; model: SurveyModel; phase: Phase; series: string; closesOn: string | null; answered: boolean }
export interface Answer { itemKey: string; value: number | null; text?: string | null }

export interface Cell { n: number; mean: number | null; tooFew: boolean }
export type ByPhase = Record<Phase, Cell>;
export interface TestResult { difference: number; t: number; df: number; p: number; pText: string; significant: boolean }
export interface Reference { baseline: number | null; midway: number | null; end: number | null; p: string | null; note: string }
export interface ItemResult { key: string; textDa: string; textEn: string; origin: string; byPhase: ByPhase; test: TestResult | null; pairedTest: TestResult | null; reference: Reference | null }
export interface ThemeResult { key: string; titleDa: string; titleEn: string; byPhase: ByPhase; test: TestResult | null; pairedTest: TestResult | null; reference: Reference | null; items: ItemResult[] }
export interface WaveRate { phase: Phase; waveId: string; invited: number; responded: number; responseRate: number | null }
export interface SeriesResult {
  instrument: Instrument; model: SurveyModel; series: string; minimumGroup: number; tooFewAnswers: boolean; waves: WaveRate[];
  respondents: Record<Phase, number>; paired: number | null; referenceLabel: string; themes: ThemeResult[];
  freeText: Array<{ itemKey: string; textDa: string; textEn: string; answers: string[] | null; tooFew: boolean }>;
}
export interface SeriesSummary { instrument: Instrument; model: SurveyModel; series: string; mode: 'fixed' | 'continuous'; waves: WaveRate[] }

const query = (s: { instrument: Instrument; model: SurveyModel; series: string }) =>
  `instrument=${s.instrument}&model=${s.model}&series=${encodeURIComponent(s.series)}`;

export const surveyApi = {
  instrument: (instrument: Instrument) => api.get<InstrumentView>(`/surveys/instruments?instrument=${instrument}`),
  publishVersion: (input: { instrument: Instrument; note: string; basedOnVersion: number; items: Array<{ key: string; themeKey: string; kind: 'scale' | 'free_text'; textDa: string; textEn: string }> }) =>
    api.post<InstrumentView>('/surveys/instrument-versions', input),
  waves: () => api.get<{ waves: Wave[]; abilities: Abilities }>('/surveys/waves'),
  createWave: (input: { instrument: Instrument; model: SurveyModel; series: string; mode: 'fixed' | 'continuous'; phase: Phase | null; opensOn: string; closesOn: string | null }) =>
    api.post<{ waves: Wave[] }>('/surveys/waves', input),
  invite: (id: string) => api.post<{ invited: number; links: number }>(`/surveys/waves/${encodeURIComponent(id)}/invitations`),
  remind: (id: string) => api.post<{ reminded: number }>(`/surveys/waves/${encodeURIComponent(id)}/reminders`),
  close: (id: string, version: number) => api.post<Wave>(`/surveys/waves/${encodeURIComponent(id)}/close`, { version }),
  runContinuous: () => api.post<{ invited: number }>('/surveys/continuous/run'),
  myInvitations: () => api.get<{ invitations: MyInvitation[] }>('/surveys/my-invitations'),
  staffQuestionnaire: (id: string) => api.get<Questionnaire>(`/surveys/invitations/${encodeURIComponent(id)}`),
  staffAnswer: (id: string, answers: Answer[]) => api.post<{ status: string }>(`/surveys/invitations/${encodeURIComponent(id)}/response`, { answers }),
  portalInvitations: () => api.get<{ invitations: MyInvitation[] }>('/portal/surveys'),
  portalQuestionnaire: (id: string) => api.get<Questionnaire>(`/portal/surveys/${encodeURIComponent(id)}`),
  portalAnswer: (id: string, answers: Answer[]) => api.post<{ status: string }>(`/portal/surveys/${encodeURIComponent(id)}/response`, { answers }),
  linkQuestionnaire: (token: string) => api.post<Questionnaire>('/survey-links/open', { token }),
  linkAnswer: (token: string, answers: Answer[]) => api.post<{ status: string }>('/survey-links/answer', { token, answers }),
  series: () => api.get<{ series: SeriesSummary[] }>('/survey-results/series'),
  results: (s: { instrument: Instrument; model: SurveyModel; series: string }) => api.get<SeriesResult>(`/survey-results?${query(s)}`),
  csvUrl: (s: { instrument: Instrument; model: SurveyModel; series: string }) => `/api/survey-results/export.csv?${query(s)}`,
  pdfUrl: (s: { instrument: Instrument; model: SurveyModel; series: string }) => `/api/survey-results/report.pdf?${query(s)}`,
};
