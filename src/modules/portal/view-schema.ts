import { z } from 'zod';
import { AgreementStatus, ColumnKey, MeetingType, ParticipantRole } from '../meeting/schema.js';

/**
 * What the family sees in the portal (issue 5 item 2): their contact person, agreements, coming meetings, shared
 * minutes. Only what is classified for the family (platform/policy/visibility.ts) and never a staff-only field
 * (a meeting's title, a version's reason, who recorded what).
 */

const Person = {
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string(),
  /** When they can be reached, as they wrote it (users.reachable_hours). */
  reachableHours: z.string().nullable(),
};

/** The family's one contact person per child (EFEI family coordinator / SOF primary caseworker) and the buddy, if any. */
export const PortalContact = z.object({
  contacts: z.array(z.object({
    ...Person,
    role: z.enum(['family_coordinator', 'primary_caseworker']),
    /** The children whose contact person they are (first names). */
    children: z.array(z.string()),
    /** The buddy (makker, 001:182-187) who stands in when the contact person is away. */
    buddies: z.array(z.object(Person)),
  })),
});
export type PortalContact = z.infer<typeof PortalContact>;

export const PortalAgreement = z.object({
  id: z.string().uuid(),
  text: z.string(),
  owner: z.object({ kind: z.enum(['family', 'staff']), name: z.string() }),
  dueOn: z.string().nullable(),
  status: AgreementStatus,
  /** The meeting it was made at (always one shared with the family: an item is only as shared as its meeting). */
  meeting: z.object({ id: z.string().uuid(), type: MeetingType, scheduledAt: z.string() }),
});
export type PortalAgreement = z.infer<typeof PortalAgreement>;

export const PortalAgreements = z.object({ agreements: z.array(PortalAgreement) });
export type PortalAgreements = z.infer<typeof PortalAgreements>;

export const PortalParticipant = z.object({
  name: z.string(),
  /** family, staff (the municipality), partner (e.g. the school), guest. */
  category: z.enum(['family', 'staff', 'partner', 'guest']),
  role: ParticipantRole,
  organisation: z.string().nullable(),
});

export const PortalMeeting = z.object({
  id: z.string().uuid(),
  type: MeetingType,
  scheduledAt: z.string(),
  location: z.string().nullable(),
  childFirstName: z.string(),
  participants: z.array(PortalParticipant),
});
export type PortalMeeting = z.infer<typeof PortalMeeting>;

export const PortalMeetings = z.object({
  /** Coming meetings shared with the family, soonest first. */
  upcoming: z.array(PortalMeeting),
  /** Held meetings with minutes shared with the family, newest first. */
  withMinutes: z.array(z.object({ id: z.string().uuid(), type: MeetingType, scheduledAt: z.string(), childFirstName: z.string() })),
});
export type PortalMeetings = z.infer<typeof PortalMeetings>;

export const PortalMinutes = z.object({
  id: z.string().uuid(),
  type: MeetingType,
  scheduledAt: z.string(),
  childFirstName: z.string(),
  nextMeetingOn: z.string().nullable(),
  /** The minutes text, when shared. */
  minutes: z.string().nullable(),
  /** Shared points in the method template's columns (empty columns left out). */
  columns: z.array(z.object({ key: ColumnKey, points: z.array(z.object({ id: z.string().uuid(), text: z.string() })) })),
  decisions: z.array(z.object({ id: z.string().uuid(), text: z.string() })),
  agreements: z.array(PortalAgreement),
});
export type PortalMinutes = z.infer<typeof PortalMinutes>;
