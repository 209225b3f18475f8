import { z } from 'zod';
import { CreateVersion } from '../../platform/http/fields.js';

export const ReminderChannel = z.enum(['email', 'sms'], { error: 'channel_invalid: Choose email or sms.' });

/** A family member's reminder choice; off until they (or their caseworker, with them) opt in (000:423-445). */
export const ReminderPreferenceInput = z.object({
  optedIn: z.boolean({ error: 'required: Say whether the person wants reminders (true or false).' }),
  channel: ReminderChannel,
  /** The version last read; 0 when no choice has been recorded yet (the view's version is null). Stale: 409. */
  version: CreateVersion,
});
export type ReminderPreferenceInput = z.infer<typeof ReminderPreferenceInput>;

export const ReminderPreferenceView = z.object({
  personId: z.string(),
  optedIn: z.boolean(),
  channel: ReminderChannel,
  /** Which channels the person has an address for (their own e-mail / phone in the register). */
  available: z.object({ email: z.boolean(), sms: z.boolean() }),
  version: z.number().nullable(),
  abilities: z.object({ canEdit: z.boolean() }),
});
export type ReminderPreferenceView = z.infer<typeof ReminderPreferenceView>;
