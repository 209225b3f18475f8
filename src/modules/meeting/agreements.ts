import { audit } from '../../platform/audit/audit.js';
import { isoDateInCopenhagen } from '../../platform/clock/clock.js';
import type { RequestContext, Trx } from '../../platform/db/tenant.js';
import { notFound, staleVersion, unprocessable } from '../../platform/http/errors.js';
import { loadCase, loadMeeting, reloaded } from './load.js';
import { agreementsOf, findUser, isFamilyMember, meetingsOfCase } from './repo.js';
import { checkAgreementOwner, checkDueOn, checkOpen } from './rules.js';
import type { AgreementInput, AgreementUpdate, AgreementView, MeetingView } from './schema.js';

/** Agreements (aftaler) made at meetings: one owner — a family member or staff/partner — a deadline and a status. */

async function checkOwner(trx: Trx, familyId: string, ownerUserId: string | null | undefined, ownerPersonId: string | null | undefined): Promise<void> {
  checkAgreementOwner(ownerUserId, ownerPersonId);
  if (ownerPersonId && !(await isFamilyMember(trx, familyId, ownerPersonId))) {
    throw unprocessable('not_family_member', 'The owner is not a member of the case\'s family.', [
      { field: 'ownerPersonId', code: 'not_family_member', message: 'Choose a member of the family.' },
    ]);
  }
  if (ownerUserId) {
    const user = await findUser(trx, ownerUserId);
    if (!user || !user.active || !user.roles.some((r) => r !== 'parent')) {
      throw unprocessable('not_staff', 'The owner is not an active staff member or partner.', [
        { field: 'ownerUserId', code: 'not_staff', message: 'Choose an active staff member or external partner.' },
      ]);
    }
  }
}

export async function addAgreement(trx: Trx, ctx: RequestContext, meetingId: string, input: AgreementInput): Promise<MeetingView> {
  const { meeting, row, reason } = await loadMeeting(trx, ctx, meetingId, 'record_meeting');
  checkOpen(meeting.status);
  await checkOwner(trx, row.family_id, input.ownerUserId, input.ownerPersonId);
  checkDueOn(isoDateInCopenhagen(new Date(meeting.scheduled_at)), input.dueOn);
  const created = await trx.insertInto('meeting_agreements').values({
    municipality_id: ctx.actor.municipalityId, meeting_id: meetingId, text: input.text, owner_user_id: input.ownerUserId ?? null,
    owner_person_id: input.ownerPersonId ?? null, due_on: input.dueOn, created_by: ctx.actor.userId,
    // Issue 5 item 2: an agreement the family owns is theirs to see; others stay internal until shared.
    visibility: input.visibility ?? (input.ownerPersonId ? 'family' : 'internal'),
  }).returning('id').executeTakeFirstOrThrow();
  await audit(trx, ctx, { action: 'create', entityType: 'meeting_agreement', entityId: created.id, familyIds: [row.family_id], caseIds: [row.id], reason });
  return reloaded(trx, ctx, meetingId, row);
}

/** Agreements are followed up after the meeting: status, deadline, owner and text stay changeable while the case is open. */
export async function updateAgreement(trx: Trx, ctx: RequestContext, agreementId: string, input: AgreementUpdate): Promise<AgreementView> {
  const agreement = await trx.selectFrom('meeting_agreements').selectAll().where('id', '=', agreementId).executeTakeFirst();
  if (!agreement) throw notFound('The agreement');
  const { meeting, row, reason } = await loadMeeting(trx, ctx, agreement.meeting_id, 'record_meeting');
  const ownerChanged = input.ownerUserId !== undefined || input.ownerPersonId !== undefined;
  const ownerUserId = ownerChanged ? input.ownerUserId ?? null : agreement.owner_user_id;
  const ownerPersonId = ownerChanged ? input.ownerPersonId ?? null : agreement.owner_person_id;
  if (ownerChanged) await checkOwner(trx, row.family_id, ownerUserId, ownerPersonId);
  if (input.dueOn) checkDueOn(isoDateInCopenhagen(new Date(meeting.scheduled_at)), input.dueOn);
  const updated = await trx.updateTable('meeting_agreements').set({
    text: input.text ?? agreement.text, owner_user_id: ownerUserId, owner_person_id: ownerPersonId, due_on: input.dueOn ?? agreement.due_on,
    status: input.status ?? agreement.status, updated_at: ctx.clock.now(), version: input.version + 1,
  }).where('id', '=', agreementId).where('version', '=', input.version).returning('id').executeTakeFirst();
  if (!updated) throw staleVersion('The agreement');
  await audit(trx, ctx, { action: 'update', entityType: 'meeting_agreement', entityId: agreementId, familyIds: [row.family_id], caseIds: [row.id], reason });
  return (await agreementsOf(trx, [agreement.meeting_id])).find((a) => a.id === agreementId)!;
}

/** All agreements made at a case's meetings, to follow up between meetings. */
export async function listAgreements(trx: Trx, ctx: RequestContext, caseId: string): Promise<AgreementView[]> {
  const { row, reason } = await loadCase(trx, ctx, caseId, 'read');
  const meetings = await meetingsOfCase(trx, caseId);
  await audit(trx, ctx, { action: 'read', entityType: 'meeting_agreement_list', entityId: caseId, familyIds: [row.family_id], caseIds: [caseId], reason });
  return agreementsOf(trx, meetings.map((m) => m.id));
}

