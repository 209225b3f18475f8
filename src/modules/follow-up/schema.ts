import { z } from 'zod';
import { Abilities, CreateVersion, Id, IsoDate, OptionalText, RequiredText } from '../../platform/http/fields.js';

/** How a follow-up was held (001:811-813: by phone as a rule, physically on request; 001:425-427 home visits). */
export const followUpForms = ['phone', 'physical_meeting', 'video', 'home_visit'] as const;
/** Informal contact between follow-ups (001:772-775). */
export const informalChannels = ['sms', 'call', 'email', 'message'] as const;

export const FollowUpInput = z.object({
  occurredOn: IsoDate,
  form: z.enum(followUpForms),
  summary: RequiredText(5000),
  /** The agreements followed up on since last time (001:814-816). */
  agreementsReviewed: OptionalText(5000),
});
export type FollowUpInput = z.infer<typeof FollowUpInput>;

export const ContactInput = z.object({
  occurredOn: IsoDate,
  channel: z.enum(informalChannels),
  direction: z.enum(['outgoing', 'incoming']).default('outgoing'),
  note: OptionalText(1000),
  caseId: Id.nullish(),
});
export type ContactInput = z.infer<typeof ContactInput>;

export const LogEntry = z.object({
  id: z.string().uuid(),
  source: z.enum(['log', 'meeting']),
  kind: z.enum(['follow_up', 'informal']),
  channel: z.string(),
  direction: z.enum(['outgoing', 'incoming']),
  occurredOn: z.string(),
  caseId: z.string().uuid().nullable(),
  summary: z.string().nullable(),
  agreementsReviewed: z.string().nullable(),
  recordedBy: z.string().nullable(),
});
export type LogEntry = z.infer<typeof LogEntry>;

/** A case's cadence as the rules decided it, with why; `dueOn` null means nothing is due and `reason` says why. */
export const CadenceView = z.object({
  rule: z.enum(['sof_follow_up', 'efei_status_meeting', 'none']),
  cadence: z.enum(['six_weeks', 'three_months', 'weeks', 'none']),
  weeks: z.number().int().nullable(),
  reason: z.string(),
  countsFrom: z.string().nullable(),
  countsFromFollowUp: z.boolean(),
  dueOn: z.string().nullable(),
  bucket: z.enum(['overdue', 'today', 'this_week', 'later']).nullable(),
  /** Which rule gave `dueOn`: the model's cadence above, or Barnets Lov §95 (the stricter wins; cadence/rules.ts). */
  source: z.enum(['model', 'law_95']),
  /** The model's own date, before §95. */
  modelDueOn: z.string().nullable(),
  /** Barnets Lov §95 for the case's BL support measures: its date and why, and measures whose cadence is not recorded. */
  law: z.object({
    dueOn: z.string().nullable(),
    measureId: z.string().uuid().nullable(),
    basis: z.enum(['first_follow_up', 'recorded_cadence']).nullable(),
    months: z.number().int().nullable(),
    cadenceMissing: z.array(z.string().uuid()),
  }),
});
export type CadenceView = z.infer<typeof CadenceView>;

export const FollowUpOverview = z.object({
  caseId: z.string().uuid(),
  familyId: z.string().uuid(),
  caseNumber: z.string(),
  childName: z.string(),
  cadence: CadenceView,
  log: z.array(LogEntry),
  abilities: Abilities,
});
export type FollowUpOverview = z.infer<typeof FollowUpOverview>;

export const TransitionInput = z.object({
  startedOn: IsoDate, note: OptionalText(2000),
  /** The version edited; 0 when no start is recorded yet (the view's version is null). A stale one is 409. */
  version: CreateVersion,
});
export type TransitionInput = z.infer<typeof TransitionInput>;
export const TransitionView = z.object({
  caseId: z.string().uuid(),
  childName: z.string(),
  birthDate: z.string().nullable(),
  eighteenOn: z.string().nullable(),
  startBy: z.string().nullable(),
  leadTimeMonths: z.number().int(),
  startedOn: z.string().nullable(),
  note: z.string().nullable(),
  /** Null until the start is first recorded. */
  version: z.number().int().nullable(),
  abilities: Abilities,
});
export type TransitionView = z.infer<typeof TransitionView>;

export const RequiredNote = RequiredText(1000);
