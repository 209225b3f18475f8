import { z } from 'zod';
import { Abilities, IsoDate, RequiredText } from '../../platform/http/fields.js';
import { instruments, itemKinds, surveyModels, waveModes, wavePhases } from './rules.js';

/** The surveys (issue 10): instruments, waves and answering. */

export const Instrument = z.enum(instruments);
export const SurveyModel = z.enum(surveyModels);
export const WavePhase = z.enum(wavePhases);

export const ScaleLabelView = z.object({ value: z.number().int(), da: z.string(), en: z.string(), inferred: z.boolean() });

export const SurveyItemView = z.object({
  id: z.string(),
  key: z.string(),
  kind: z.enum(itemKinds),
  textDa: z.string(),
  textEn: z.string(),
  origin: z.enum(['national', 'municipal']),
  source: z.string().nullable(),
});
export type SurveyItemView = z.infer<typeof SurveyItemView>;

export const SurveyThemeView = z.object({ key: z.string(), titleDa: z.string(), titleEn: z.string(), items: z.array(SurveyItemView) });
export type SurveyThemeView = z.infer<typeof SurveyThemeView>;

export const InstrumentVersionSummary = z.object({
  id: z.string(), versionNo: z.number().int(), publishedAt: z.string(), note: z.string(), itemCount: z.number().int(),
});
export type InstrumentVersionSummary = z.infer<typeof InstrumentVersionSummary>;

export const InstrumentView = z.object({
  instrument: Instrument,
  version: InstrumentVersionSummary,
  versions: z.array(InstrumentVersionSummary),
  scale: z.array(ScaleLabelView),
  dontKnow: z.object({ da: z.string(), en: z.string() }),
  themes: z.array(SurveyThemeView),
  abilities: Abilities,
});
export type InstrumentView = z.infer<typeof InstrumentView>;

export const InstrumentQuery = z.object({ instrument: Instrument, versionId: z.string().uuid().optional() });

export const NewItemInput = z.object({
  /** Letters, digits and underscores; the municipality's own keys are prefixed "m_" by the app. */
  key: z.string().trim().regex(/^[a-z0-9_]{1,40}$/, 'key_format: Use lower-case letters, digits and _ (at most 40).'),
  themeKey: z.string().trim().regex(/^[a-z0-9_]{1,40}$/, 'key_format: Use lower-case letters, digits and _ (at most 40).'),
  themeTitleDa: z.string().trim().max(120).nullish().transform((v) => v || null),
  themeTitleEn: z.string().trim().max(120).nullish().transform((v) => v || null),
  kind: z.enum(itemKinds).default('scale'),
  textDa: RequiredText(400),
  textEn: RequiredText(400),
});
export type NewItemInput = z.infer<typeof NewItemInput>;

export const InstrumentVersionInput = z.object({
  instrument: Instrument,
  note: RequiredText(1000),
  /** The version the leader extended; another is refused with 409. */
  basedOnVersion: z.number({ error: 'required: The version you edited is required.' }).int().min(1),
  items: z.array(NewItemInput).min(1, 'required: Add at least one item.').max(40),
});
export type InstrumentVersionInput = z.infer<typeof InstrumentVersionInput>;

export const WaveInput = z.object({
  instrument: Instrument,
  model: SurveyModel,
  series: RequiredText(60),
  mode: z.enum(waveModes).default('fixed'),
  /** For a fixed wave; a continuous series creates all three phases at once. */
  phase: WavePhase.nullish().transform((v) => v ?? null),
  opensOn: IsoDate,
  closesOn: IsoDate.nullish().transform((v) => v ?? null),
});
export type WaveInput = z.infer<typeof WaveInput>;

export const WaveView = z.object({
  id: z.string(),
  instrument: Instrument,
  model: SurveyModel,
  series: z.string(),
  phase: WavePhase,
  mode: z.enum(waveModes),
  versionNo: z.number().int(),
  opensOn: z.string(),
  closesOn: z.string().nullable(),
  open: z.boolean(),
  invited: z.number().int(),
  responded: z.number().int(),
  /** responded / invited, null while nobody is invited. */
  responseRate: z.number().nullable(),
  version: z.number().int(),
});
export type WaveView = z.infer<typeof WaveView>;

export const WaveList = z.object({ waves: z.array(WaveView), abilities: Abilities });
export type WaveList = z.infer<typeof WaveList>;

export const InvitationsSent = z.object({ invited: z.number().int(), links: z.number().int(), wave: WaveView });
export const RemindersSent = z.object({ reminded: z.number().int() });
export const ContinuousRun = z.object({ invited: z.number().int() });
export const CloseWaveInput = z.object({ version: z.number().int().positive() });

export const AnswerInput = z.object({
  itemKey: z.string().max(60),
  /** 1-6, or null for "ved ikke". Checked against the item in rules.ts so the error names the answer. */
  value: z.number().nullish().transform((v) => v ?? null),
  text: z.string().trim().max(2000).nullish().transform((v) => v || null),
});
export const ResponseInput = z.object({ answers: z.array(AnswerInput).max(100) });
export type ResponseInput = z.infer<typeof ResponseInput>;

export const ResponseRecorded = z.object({ status: z.literal('recorded') });

export const Questionnaire = z.object({
  instrument: Instrument,
  model: SurveyModel,
  phase: WavePhase,
  series: z.string(),
  closesOn: z.string().nullable(),
  open: z.boolean(),
  answered: z.boolean(),
  scale: z.array(ScaleLabelView),
  dontKnow: z.object({ da: z.string(), en: z.string() }),
  themes: z.array(SurveyThemeView),
});
export type Questionnaire = z.infer<typeof Questionnaire>;

export const MyInvitation = z.object({
  id: z.string(), instrument: Instrument, model: SurveyModel, phase: WavePhase, series: z.string(), closesOn: z.string().nullable(), answered: z.boolean(),
});
export type MyInvitation = z.infer<typeof MyInvitation>;
export const MyInvitations = z.object({ invitations: z.array(MyInvitation) });
export type MyInvitations = z.infer<typeof MyInvitations>;

/** The one-time link's token travels in the body, never in a URL the server logs. */
export const LinkToken = z.object({ token: z.string().max(100) });
export const LinkResponseInput = ResponseInput.extend({ token: z.string().max(100) });
