import { z } from 'zod';
import { Abilities, Id, OptionalText, Version } from '../../platform/http/fields.js';
import { VisibilityField } from '../../platform/policy/visibility.js';

export const wheelActivityKinds = ['follow_up', 'network_meeting', 'status_meeting', 'plan_evaluation', 'transition_milestone', 'other'] as const;

/** An instant with a time zone, e.g. 2027-03-09T10:00:00+01:00. */
const Instant = z.string().datetime({ offset: true, message: 'datetime_format: Use a date and time like 2027-03-09T10:00:00+01:00.' });
const Year = z.coerce.number({ error: 'required: Give the year.' }).int().min(2000, 'too_small: From the year 2000.').max(2100, 'too_big: Until the year 2100.');
const Month = z.number({ error: 'required: Choose the month.' }).int().min(1, 'too_small: Months are 1-12.').max(12, 'too_big: Months are 1-12.');

export const WheelQuery = z.object({ year: Year });

export const WheelActivityInput = z.object({
  year: Year,
  month: Month,
  kind: z.enum(wheelActivityKinds),
  title: OptionalText(200),
  caseId: Id.nullish(),
  /** Schedules the activity into a dated event at once; the date must lie in the wheel's year. */
  scheduledAt: Instant.nullish(),
  /** Issue 5 item 2: the wheel is planned with the family (001:851-884), so an activity is shared with them unless marked internal. */
  visibility: VisibilityField.optional(),
});
export type WheelActivityInput = z.infer<typeof WheelActivityInput>;

export const WheelActivityUpdate = z.object({
  month: Month.optional(),
  title: OptionalText(200),
  /** A date and time schedules the activity (and moves it to that month); null takes it back to "month only". */
  scheduledAt: Instant.nullish(),
  visibility: VisibilityField.optional(),
  version: Version,
});
export type WheelActivityUpdate = z.infer<typeof WheelActivityUpdate>;

export const WheelActivity = z.object({
  /** Stable within a wheel: the stored id, or for generated activities rule:case:month. */
  key: z.string(),
  id: z.string().uuid().nullable(),
  source: z.enum(['generated', 'planned', 'meeting']),
  kind: z.string(),
  /** For generated activities a code the web app translates (follow_up_six_weeks, transition_start, turns_18, …). */
  title: z.string().nullable(),
  caseId: z.string().uuid().nullable(),
  childName: z.string().nullable(),
  scheduledAt: z.string().nullable(),
  version: z.number().int().nullable(),
  /** Issue 5 item 2: a planned activity's or a meeting's classification; generated activities have none. */
  visibility: VisibilityField.nullish(),
});
export type WheelActivity = z.infer<typeof WheelActivity>;

export const AnnualWheel = z.object({
  familyId: z.string().uuid(),
  familyName: z.string(),
  year: z.number().int(),
  months: z.array(z.object({ month: z.number().int(), activities: z.array(WheelActivity) })),
  cases: z.array(z.object({ caseId: z.string().uuid(), childName: z.string() })),
  abilities: Abilities,
});
export type AnnualWheel = z.infer<typeof AnnualWheel>;
