import { z } from 'zod';
import { Abilities, CreateVersion, IsoDate, OptionalText, RequiredText, Version } from '../../platform/http/fields.js';

export const TrackInput = z.object({
  adultContactName: OptionalText(200),
  adultContactUnit: OptionalText(200),
  adultContactPhone: OptionalText(50),
  adultContactEmail: z.string().trim().email('email_invalid: Not a valid e-mail address.').max(200).nullish().or(z.literal('').transform(() => null)),
  /** The version edited; 0 when the track has not been saved yet (the view's version is null). A stale one is 409. */
  version: CreateVersion,
});
export type TrackInput = z.infer<typeof TrackInput>;

export const StepInput = z.object({ title: RequiredText(300), plannedOn: IsoDate });
export type StepInput = z.infer<typeof StepInput>;

export const StepUpdate = z.object({
  title: RequiredText(300).optional(), plannedOn: IsoDate.optional(), done: z.boolean().optional(),
  /** The step's version edited (the view's steps[].version); a stale one is 409. */
  version: Version,
});
export type StepUpdate = z.infer<typeof StepUpdate>;

export const StepView = z.object({
  id: z.string().uuid(), title: z.string(), plannedOn: z.string(), doneOn: z.string().nullable(), overdue: z.boolean(), version: z.number().int(),
});

export const TrackView = z.object({
  caseId: z.string().uuid(),
  caseNumber: z.string(),
  childName: z.string(),
  birthDate: z.string().nullable(),
  trackAge: z.number().int(),
  /** Whether the case shows the track today (the child has reached the track age). */
  shown: z.boolean(),
  opensOn: z.string().nullable(),
  eighteenOn: z.string().nullable(),
  startBy: z.string().nullable(),
  startedOn: z.string().nullable(),
  /** The transition has not started by the start-by day: coordinator and leaders are alerted. */
  alert: z.boolean(),
  adultContact: z.object({ name: z.string().nullable(), unit: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable() }).nullable(),
  steps: z.array(StepView),
  /** The adult-services contact's version; null until the track is first saved (send 0 then). */
  version: z.number().int().nullable(),
  abilities: Abilities,
});
export type TrackView = z.infer<typeof TrackView>;

export const TransitionAlertList = z.object({
  alerts: z.array(z.object({ caseId: z.string().uuid(), caseNumber: z.string(), startBy: z.string(), eighteenOn: z.string(), leadName: z.string().nullable() })),
});
export type TransitionAlertList = z.infer<typeof TransitionAlertList>;
