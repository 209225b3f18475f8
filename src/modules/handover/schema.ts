import { z } from 'zod';
import { Abilities, Id, IsoDate, OptionalText, RequiredText } from '../../platform/http/fields.js';

/** Issue 9 item 3: the structured handover note — what the family needs to know, open agreements, next dates. */
export const HandoverNoteFields = z.object({
  familyNeeds: RequiredText(5000),
  openAgreements: OptionalText(5000),
  nextDates: OptionalText(2000),
});

export const HandoverInput = HandoverNoteFields.extend({
  toUserId: Id,
  /** The day the new lead takes over; today when left out. */
  handedOverOn: IsoDate.optional(),
  /** Tell the family in the portal who their new contact is (default on). */
  notifyFamily: z.boolean().default(true),
});
export type HandoverInput = z.infer<typeof HandoverInput>;

/**
 * Bulk reassignment (decision): a shared note for what all the cases have in common (why the cases move) plus each
 * case's own "what the family needs to know" — a family's needs are never written for a batch.
 */
export const BulkHandoverInput = z.object({
  fromUserId: Id,
  toUserId: Id,
  handedOverOn: IsoDate.optional(),
  sharedNote: OptionalText(5000),
  notifyFamily: z.boolean().default(true),
  cases: z.array(HandoverNoteFields.extend({ caseId: Id })).min(1, 'required: Choose at least one case.').max(200),
});
export type BulkHandoverInput = z.infer<typeof BulkHandoverInput>;

export const DeputyInput = z.object({
  userId: Id,
  startsOn: IsoDate,
  endsOn: IsoDate,
  /** Whom the deputy stands in for; the case's current lead when left out. */
  deputyForUserId: Id.optional(),
});
export type DeputyInput = z.infer<typeof DeputyInput>;

/** Deputies for all cases an absent lead has, for one period (an absence). */
export const AbsenceDeputyInput = z.object({ absentUserId: Id, deputyUserId: Id, startsOn: IsoDate, endsOn: IsoDate });
export type AbsenceDeputyInput = z.infer<typeof AbsenceDeputyInput>;

export const HandoverNoteView = z.object({
  id: z.string().uuid(),
  caseId: z.string().uuid(),
  fromName: z.string().nullable(),
  toName: z.string(),
  role: z.string(),
  handedOverOn: z.string(),
  familyNeeds: z.string(),
  openAgreements: z.string().nullable(),
  nextDates: z.string().nullable(),
  sharedNote: z.string().nullable(),
  batchId: z.string().uuid().nullable(),
  writtenBy: z.string(),
  createdAt: z.string(),
});
export type HandoverNoteView = z.infer<typeof HandoverNoteView>;

export const PersonRef = z.object({ userId: z.string().uuid(), name: z.string() });

export const HandoverOverview = z.object({
  caseId: z.string().uuid(),
  caseNumber: z.string(),
  childName: z.string(),
  model: z.enum(['efei', 'sof']),
  status: z.string(),
  lead: PersonRef.extend({ role: z.string(), startsOn: z.string() }).nullable(),
  deputies: z.array(PersonRef.extend({ assignmentId: z.string().uuid(), startsOn: z.string(), endsOn: z.string(), deputyForName: z.string().nullable() })),
  /** Prefill of the note: the case's open agreements and next dates as the system knows them. */
  suggested: z.object({ openAgreements: z.string(), nextDates: z.string() }),
  notes: z.array(HandoverNoteView),
  abilities: Abilities,
});
export type HandoverOverview = z.infer<typeof HandoverOverview>;

export const BulkHandoverResult = z.object({
  batchId: z.string().uuid(),
  notes: z.array(HandoverNoteView),
});
export type BulkHandoverResult = z.infer<typeof BulkHandoverResult>;

export const LeadCasesQuery = z.object({ userId: Id });
export const LeadCase = z.object({ caseId: z.string().uuid(), caseNumber: z.string(), childName: z.string(), model: z.enum(['efei', 'sof']), role: z.string() });
export const LeadCases = z.object({ cases: z.array(LeadCase) });
export type LeadCases = z.infer<typeof LeadCases>;

export const DeputyResult = z.object({ assignmentIds: z.array(z.string().uuid()), caseIds: z.array(z.string().uuid()) });
export type DeputyResult = z.infer<typeof DeputyResult>;
