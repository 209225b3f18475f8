import { z } from 'zod';
import { Abilities, Id, RequiredText, Version } from '../../platform/http/fields.js';
import { SharedDocument } from '../document/schema.js';

/**
 * The partner view (issue 5 item 4): what an external partner (school, daycare, PPR, …) sees of a family while they
 * take part and the family's consent is in force — only what they need: their goals and agreements, meeting times
 * and the minutes shared with partners. Nothing else of the case (no CPR numbers, measures, decisions or notes).
 */

export const PartnerAccessReason = z.enum(['partner_core_team', 'partner_meeting']);

export const PartnerFamily = z.object({
  familyId: Id,
  familyName: z.string(),
  caseId: Id,
  child: z.object({ firstName: z.string(), lastName: z.string() }),
  reason: PartnerAccessReason,
  nextMeetingAt: z.string().nullable(),
});
export type PartnerFamily = z.infer<typeof PartnerFamily>;

export const PartnerGoal = z.object({
  id: Id,
  title: z.string(),
  horizon: z.enum(['short', 'long']),
  status: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
});

export const PartnerAgreement = z.object({
  id: Id,
  text: z.string(),
  ownerName: z.string(),
  dueOn: z.string().nullable(),
  status: z.enum(['open', 'done', 'cancelled']),
  meetingAt: z.string(),
  version: z.number().int(),
  abilities: Abilities,
});
export type PartnerAgreement = z.infer<typeof PartnerAgreement>;

export const PartnerMeeting = z.object({
  id: Id,
  type: z.string(),
  title: z.string().nullable(),
  scheduledAt: z.string(),
  location: z.string().nullable(),
  status: z.enum(['planned', 'closed', 'cancelled']),
  /** Only minutes classified as shared with partners (migration 0013); otherwise null. */
  sharedMinutes: z.string().nullable(),
  /** Decisions of the meeting classified as shared with partners. */
  sharedDecisions: z.array(z.object({ id: Id, text: z.string() })),
});

export const PartnerNote = z.object({
  id: Id,
  text: z.string(),
  authorName: z.string(),
  createdAt: z.string(),
});
export type PartnerNote = z.infer<typeof PartnerNote>;

export const PartnerCase = z.object({
  caseId: Id,
  familyId: Id,
  familyName: z.string(),
  child: z.object({ firstName: z.string(), lastName: z.string() }),
  reason: PartnerAccessReason,
  consentGivenOn: z.string(),
  goals: z.array(PartnerGoal),
  agreements: z.array(PartnerAgreement),
  meetings: z.array(PartnerMeeting),
  notes: z.array(PartnerNote),
  /** Documents shared with partners; downloaded from /api/partner/documents/:id/content. */
  documents: z.array(SharedDocument),
});
export type PartnerCase = z.infer<typeof PartnerCase>;

export const PartnerAgreementUpdate = z.object({
  status: z.enum(['open', 'done', 'cancelled']),
  version: Version,
});
export type PartnerAgreementUpdate = z.infer<typeof PartnerAgreementUpdate>;

export const PartnerNoteInput = z.object({ text: RequiredText(4000) });
export type PartnerNoteInput = z.infer<typeof PartnerNoteInput>;
