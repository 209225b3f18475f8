import { z } from 'zod';
import { Abilities, Id, IsoDate, OptionalText, RequiredText, Version } from '../../platform/http/fields.js';
import { VisibilityField } from '../../platform/policy/visibility.js';

export const meetingTypes = ['start_conversation', 'child_conversation', 'home_visit', 'assessment_meeting', 'analysis_meeting',
  'summary_meeting', 'status_meeting', 'network_meeting', 'follow_up'] as const;
export const meetingTemplates = ['signs_of_safety', 'loft', 'ics', 'free'] as const;
export const meetingStatuses = ['planned', 'closed', 'cancelled'] as const;
export const participantKinds = ['user', 'person', 'guest'] as const;
export const participantRoles = ['chair', 'minute_taker', 'participant'] as const;
export const agreementStatuses = ['open', 'done', 'cancelled'] as const;
export const childContacts = ['conversation', 'observation'] as const;
export const columnKeys = ['worries', 'working_well', 'next_steps', 'see_happen', 'agreements',
  'developmental_needs', 'parenting_capacity', 'family_environment', 'points'] as const;

export const MeetingType = z.enum(meetingTypes);
export const MeetingTemplate = z.enum(meetingTemplates);
export const MeetingStatus = z.enum(meetingStatuses);
export const ParticipantRole = z.enum(participantRoles);
export const AgreementStatus = z.enum(agreementStatuses);
export const ChildContact = z.enum(childContacts);
export const ColumnKey = z.enum(columnKeys);
export type MeetingType = z.infer<typeof MeetingType>;
export type MeetingTemplate = z.infer<typeof MeetingTemplate>;
export type ParticipantRole = z.infer<typeof ParticipantRole>;
export type ColumnKey = z.infer<typeof ColumnKey>;

/** An instant with a time zone, e.g. 2026-11-24T09:00:00+01:00 or …Z. */
export const Instant = z.string().datetime({ offset: true, message: 'datetime_format: Use a date and time like 2026-11-24T09:00:00+01:00.' });

/** A participant: a staff user (incl. an external partner with a login), a family member, or a named guest. */
export const ParticipantInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user'), userId: Id, role: ParticipantRole.default('participant') }),
  z.object({ kind: z.literal('person'), personId: Id, role: ParticipantRole.default('participant') }),
  z.object({
    kind: z.literal('guest'), guestName: RequiredText(200), guestOrganisation: OptionalText(200), role: ParticipantRole.default('participant'),
  }),
], { error: 'kind_invalid: Choose user, person or guest.' });
export type ParticipantInput = z.infer<typeof ParticipantInput>;

export const MeetingInput = z.object({
  type: MeetingType,
  template: MeetingTemplate.default('free'),
  childContact: ChildContact.nullish(),
  title: OptionalText(200),
  scheduledAt: Instant,
  location: OptionalText(200),
  participants: z.array(ParticipantInput).max(50).default([]),
});
export type MeetingInput = z.infer<typeof MeetingInput>;

export const MeetingUpdate = z.object({
  template: MeetingTemplate.optional(),
  childContact: ChildContact.nullish(),
  title: OptionalText(200),
  scheduledAt: Instant.optional(),
  location: OptionalText(200),
  minutes: z.string().max(50_000, 'too_long: At most 50000 characters.').nullish(),
  version: Version,
});
export type MeetingUpdate = z.infer<typeof MeetingUpdate>;

export const CloseMeetingInput = z.object({
  nextMeetingOn: IsoDate.nullish(),
  noNextMeetingReason: OptionalText(1000),
  version: Version,
});
export type CloseMeetingInput = z.infer<typeof CloseMeetingInput>;

export const CancelMeetingInput = z.object({ version: Version });

export const AgendaPointInput = z.object({ column: ColumnKey, text: RequiredText(2000), visibility: VisibilityField.optional() });
export type AgendaPointInput = z.infer<typeof AgendaPointInput>;
export const AgendaPointUpdate = z.object({ text: RequiredText(2000), version: Version });

export const DecisionInput = z.object({ text: RequiredText(2000), visibility: VisibilityField.optional() });

/** An agreement's owner: a family member (personId) or a staff member/partner (userId) — exactly one. */
export const AgreementInput = z.object({
  text: RequiredText(2000),
  ownerUserId: Id.nullish(),
  ownerPersonId: Id.nullish(),
  dueOn: IsoDate,
  /** Issue 5 item 2; without it, an agreement a family member owns is shared with the family, others are internal. */
  visibility: VisibilityField.optional(),
});
export type AgreementInput = z.infer<typeof AgreementInput>;

export const AgreementUpdate = z.object({
  text: RequiredText(2000).optional(),
  ownerUserId: Id.nullish(),
  ownerPersonId: Id.nullish(),
  dueOn: IsoDate.optional(),
  status: AgreementStatus.optional(),
  version: Version,
});
export type AgreementUpdate = z.infer<typeof AgreementUpdate>;

export const ParticipantView = z.object({
  id: z.string().uuid(),
  kind: z.enum(participantKinds),
  userId: z.string().uuid().nullable(),
  personId: z.string().uuid().nullable(),
  name: z.string(),
  organisation: z.string().nullable(),
  /** For a family member: parent, child, sibling, … */
  relation: z.string().nullable(),
  /** family: a member of the case's family; staff: a municipal user; partner: an external partner; guest: no login. */
  category: z.enum(['family', 'staff', 'partner', 'guest']),
  role: ParticipantRole,
});
export type ParticipantView = z.infer<typeof ParticipantView>;

export const AgendaPointView = z.object({
  id: z.string().uuid(), column: ColumnKey, text: z.string(), position: z.number().int(), version: z.number().int(), visibility: VisibilityField,
});
export type AgendaPointView = z.infer<typeof AgendaPointView>;

export const DecisionView = z.object({ id: z.string().uuid(), text: z.string(), createdAt: z.string(), visibility: VisibilityField });
export type DecisionView = z.infer<typeof DecisionView>;

export const AgreementView = z.object({
  id: z.string().uuid(),
  meetingId: z.string().uuid(),
  text: z.string(),
  owner: z.object({ kind: z.enum(['family', 'staff']), userId: z.string().uuid().nullable(), personId: z.string().uuid().nullable(), name: z.string() }),
  dueOn: z.string().nullable(),
  status: AgreementStatus,
  version: z.number().int(),
  visibility: VisibilityField,
});
export type AgreementView = z.infer<typeof AgreementView>;

export const TemplateColumn = z.object({ key: ColumnKey, points: z.array(AgendaPointView) });

export const MeetingSummary = z.object({
  id: z.string().uuid(),
  caseId: z.string().uuid(),
  type: MeetingType,
  template: MeetingTemplate,
  childContact: ChildContact.nullable(),
  title: z.string().nullable(),
  scheduledAt: z.string(),
  location: z.string().nullable(),
  status: MeetingStatus,
  nextMeetingOn: z.string().nullable(),
  noNextMeetingReason: z.string().nullable(),
  closedAt: z.string().nullable(),
  version: z.number().int(),
  /** Issue 5 item 2: who beyond staff sees the appointment, and the minutes text. */
  visibility: VisibilityField,
  minutesVisibility: VisibilityField,
});
export type MeetingSummary = z.infer<typeof MeetingSummary>;

export const MeetingView = MeetingSummary.extend({
  familyId: z.string().uuid(),
  minutes: z.string().nullable(),
  /** The method template's columns in order, with the points written in each. */
  columns: z.array(TemplateColumn),
  participants: z.array(ParticipantView),
  decisions: z.array(DecisionView),
  agreements: z.array(AgreementView),
  /** Whether the family may take part: false for the analysis meeting (000:685-686). */
  familyMayAttend: z.boolean(),
  abilities: Abilities,
});
export type MeetingView = z.infer<typeof MeetingView>;

export const MeetingList = z.object({
  meetings: z.array(MeetingSummary),
  abilities: Abilities,
});
export type MeetingList = z.infer<typeof MeetingList>;

export const ParticipantParams = z.object({ id: Id, participantId: Id });

/**
 * Issue 5 item 2: what of a meeting is shared with the family (and partners). Sharing is not changing what was
 * said, so it stays possible after the meeting is closed; items not named keep their classification.
 */
export const MeetingSharingInput = z.object({
  version: Version,
  visibility: VisibilityField.optional(),
  minutesVisibility: VisibilityField.optional(),
  points: z.array(z.object({ id: Id, visibility: VisibilityField })).max(500).default([]),
  decisions: z.array(z.object({ id: Id, visibility: VisibilityField })).max(500).default([]),
  agreements: z.array(z.object({ id: Id, visibility: VisibilityField })).max(500).default([]),
});
export type MeetingSharingInput = z.infer<typeof MeetingSharingInput>;
