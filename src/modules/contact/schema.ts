import { z } from 'zod';
import { Abilities, OptionalText } from '../../platform/http/fields.js';
import { contactChannels } from './rules.js';

export const ContactAgreementInput = z.object({
  /**
   * How the family wants to be contacted: at least one channel — the agreement is about how to reach the family
   * (000:423-445 "hvordan og hvor ofte familien ønsker at have kontakt"). Checked here so a form learns it together
   * with its other field errors (400, field `channels`, code `no_channel`).
   */
  channels: z.array(z.enum(contactChannels)).min(1, 'no_channel: Choose at least one way the family wants to be contacted.').max(contactChannels.length),
  /** How often: at least one contact every N days. */
  everyDays: z.number({ error: 'required: Say how often the family wants contact.' }).int().min(1, 'too_small: At least 1 day.').max(366, 'too_big: At most 366 days.'),
  goodTimes: OptionalText(500),
  prefersSpace: z.boolean().default(false),
  maxContactsPer30Days: z.number().int().min(1, 'too_small: At least 1.').max(31, 'too_big: At most 31.').nullish(),
  note: OptionalText(2000),
  /** The revision the caller edited; 0 when the family has none yet. A stale revision is refused with 409. */
  revision: z.number({ error: 'required: The revision you edited is required.' }).int().min(0),
});
export type ContactAgreementInput = z.infer<typeof ContactAgreementInput>;

export const ContactAgreementView = z.object({
  revision: z.number().int(),
  channels: z.array(z.string()),
  everyDays: z.number().int(),
  goodTimes: z.string().nullable(),
  prefersSpace: z.boolean(),
  maxContactsPer30Days: z.number().int().nullable(),
  note: z.string().nullable(),
  recordedBy: z.string().nullable(),
  recordedAt: z.string(),
});
export type ContactAgreementView = z.infer<typeof ContactAgreementView>;

export const ContactOverview = z.object({
  familyId: z.string().uuid(),
  familyName: z.string(),
  current: ContactAgreementView.nullable(),
  history: z.array(ContactAgreementView),
  lastContactOn: z.string().nullable(),
  contactsLast30: z.number().int(),
  drift: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('too_little'), lastContactOn: z.string().nullable(), dueOn: z.string() }),
    z.object({ kind: z.literal('too_much'), contactsLast30: z.number().int(), max: z.number().int() }),
  ]).nullable(),
  recentContacts: z.array(z.object({
    id: z.string().uuid(), kind: z.string(), channel: z.string(), direction: z.string(), occurredOn: z.string(), summary: z.string().nullable(),
  })),
  abilities: Abilities,
});
export type ContactOverview = z.infer<typeof ContactOverview>;
