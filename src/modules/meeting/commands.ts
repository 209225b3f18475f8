import { audit } from '../../platform/audit/audit.js';
import { isoDateInCopenhagen } from '../../platform/clock/clock.js';
import type { RequestContext, Trx } from '../../platform/db/tenant.js';
import { conflict, notFound, staleVersion, unprocessable } from '../../platform/http/errors.js';
import { allowsCase } from '../../platform/policy/policy.js';
import type { Visibility } from '../../platform/policy/visibility.js';
import { loadCase, loadMeeting, reloaded, viewOf } from './load.js';
import { closedMeetingsOfCase, findUser, isFamilyMember, meetingsOfCase, summaryOf } from './repo.js';
import {
  checkChildContact, checkClosing, checkColumn, checkFamilyParticipant, checkHeld, checkOpen, checkParticipantRole, familyMayAttend, templateColumns,
} from './rules.js';
import type {
  AgendaPointInput, CloseMeetingInput, MeetingInput, MeetingList, MeetingType, MeetingUpdate, MeetingView, ParticipantInput,
} from './schema.js';

/** The meeting use cases: load, check access and the rule, write, audit in the same transaction, return the view. */

export async function listMeetings(trx: Trx, ctx: RequestContext, caseId: string): Promise<MeetingList> {
  const { row, reason } = await loadCase(trx, ctx, caseId, 'read');
  const meetings = await meetingsOfCase(trx, caseId);
  await audit(trx, ctx, { action: 'read', entityType: 'meeting_list', entityId: caseId, familyIds: [row.family_id], caseIds: [caseId], reason });
  return { meetings: meetings.map(summaryOf), abilities: { canCreate: row.status !== 'closed' && allowsCase(row.reason, 'edit') } };
}

export async function getMeeting(trx: Trx, ctx: RequestContext, meetingId: string): Promise<MeetingView> {
  const { meeting, row, reason } = await loadMeeting(trx, ctx, meetingId, 'read');
  await audit(trx, ctx, { action: 'read', entityType: 'meeting', entityId: meetingId, familyIds: [row.family_id], caseIds: [row.id], reason });
  return viewOf(trx, ctx, meeting, row);
}

export async function createMeeting(trx: Trx, ctx: RequestContext, caseId: string, input: MeetingInput): Promise<MeetingView> {
  const { row, reason } = await loadCase(trx, ctx, caseId, 'edit');
  checkChildContact(input.type, input.childContact);
  const created = await trx.insertInto('meetings').values({
    municipality_id: ctx.actor.municipalityId, case_id: caseId, type: input.type, template: input.template, child_contact: input.childContact ?? null,
    title: input.title, scheduled_at: input.scheduledAt, location: input.location, created_by: ctx.actor.userId,
    // Issue 5 item 2: the appointment is the family's, except the analysis meeting held without them (000:685-686).
    visibility: familyMayAttend(input.type) ? 'family' : 'internal',
  }).returning('id').executeTakeFirstOrThrow();
  for (const [i, participant] of input.participants.entries()) {
    await insertParticipant(trx, ctx, { id: created.id, type: input.type }, row.family_id, participant, `participants.${i}`);
  }
  await audit(trx, ctx, { action: 'create', entityType: 'meeting', entityId: created.id, familyIds: [row.family_id], caseIds: [caseId], reason });
  return reloaded(trx, ctx, created.id, row);
}

export async function updateMeeting(trx: Trx, ctx: RequestContext, meetingId: string, input: MeetingUpdate): Promise<MeetingView> {
  const { meeting, row, reason } = await loadMeeting(trx, ctx, meetingId, 'record_meeting');
  checkOpen(meeting.status);
  const template = input.template ?? meeting.template;
  if (template !== meeting.template) {
    // Points stand in the old template's columns; moving them silently would change what was said.
    const points = await trx.selectFrom('meeting_agenda_points').select('id').where('meeting_id', '=', meetingId).limit(1).execute();
    if (points.length > 0) {
      throw unprocessable('template_has_points', 'The agenda already has points in the current template; remove them before changing the template.', [
        { field: 'template', code: 'template_has_points', message: 'Remove the agenda points before changing the template.' },
      ]);
    }
  }
  if (input.childContact !== undefined) checkChildContact(meeting.type, input.childContact);
  const updated = await trx.updateTable('meetings').set({
    template,
    child_contact: input.childContact !== undefined ? input.childContact ?? null : meeting.child_contact,
    title: input.title !== undefined ? input.title : meeting.title,
    scheduled_at: input.scheduledAt ?? meeting.scheduled_at,
    location: input.location !== undefined ? input.location : meeting.location,
    minutes: input.minutes !== undefined ? (input.minutes?.trim() ? input.minutes : null) : meeting.minutes,
    version: input.version + 1,
  }).where('id', '=', meetingId).where('version', '=', input.version).returning('id').executeTakeFirst();
  if (!updated) throw staleVersion('The meeting');
  await audit(trx, ctx, { action: 'update', entityType: 'meeting', entityId: meetingId, familyIds: [row.family_id], caseIds: [row.id], reason });
  return reloaded(trx, ctx, meetingId, row);
}

export async function closeMeeting(trx: Trx, ctx: RequestContext, meetingId: string, input: CloseMeetingInput): Promise<MeetingView> {
  const { meeting, row, reason } = await loadMeeting(trx, ctx, meetingId, 'edit');
  checkOpen(meeting.status);
  const scheduledAt = new Date(meeting.scheduled_at);
  checkHeld(scheduledAt, ctx.clock.now());
  checkClosing(isoDateInCopenhagen(scheduledAt), input.nextMeetingOn, input.noNextMeetingReason);
  const updated = await trx.updateTable('meetings').set({
    status: 'closed', closed_at: ctx.clock.now(), closed_by: ctx.actor.userId,
    next_meeting_on: input.nextMeetingOn ?? null, no_next_meeting_reason: input.nextMeetingOn ? null : input.noNextMeetingReason,
    version: input.version + 1,
  }).where('id', '=', meetingId).where('version', '=', input.version).returning('id').executeTakeFirst();
  if (!updated) throw staleVersion('The meeting');
  await audit(trx, ctx, { action: 'update', entityType: 'meeting', entityId: meetingId, familyIds: [row.family_id], caseIds: [row.id], reason });
  return reloaded(trx, ctx, meetingId, row);
}

export async function cancelMeeting(trx: Trx, ctx: RequestContext, meetingId: string, version: number): Promise<MeetingView> {
  const { meeting, row, reason } = await loadMeeting(trx, ctx, meetingId, 'edit');
  checkOpen(meeting.status);
  const updated = await trx.updateTable('meetings').set({ status: 'cancelled', version: version + 1 })
    .where('id', '=', meetingId).where('version', '=', version).returning('id').executeTakeFirst();
  if (!updated) throw staleVersion('The meeting');
  await audit(trx, ctx, { action: 'update', entityType: 'meeting', entityId: meetingId, familyIds: [row.family_id], caseIds: [row.id], reason });
  return reloaded(trx, ctx, meetingId, row);
}

// ---- participants ----

async function insertParticipant(
  trx: Trx, ctx: RequestContext, meeting: { id: string; type: MeetingType }, familyId: string, input: ParticipantInput, prefix: string,
): Promise<string> {
  const field = (name: string) => (prefix ? `${prefix}.${name}` : name);
  let values: { kind: string; user_id?: string; person_id?: string; guest_name?: string; guest_organisation?: string | null };
  if (input.kind === 'person') {
    if (!(await isFamilyMember(trx, familyId, input.personId))) {
      throw unprocessable('not_family_member', 'The person is not a member of the case\'s family.', [
        { field: field('personId'), code: 'not_family_member', message: 'Choose a member of the family.' },
      ]);
    }
    checkFamilyParticipant(meeting.type, true, field('personId'));
    checkParticipantRole(input.role, false, field('role'));
    values = { kind: 'person', person_id: input.personId };
  } else if (input.kind === 'user') {
    const user = await findUser(trx, input.userId);
    const parentOfFamily = !!user?.person_id && (await isFamilyMember(trx, familyId, user.person_id));
    // A parent's own login is still the family.
    checkFamilyParticipant(meeting.type, parentOfFamily, field('userId'));
    if (!user || !user.active || !user.roles.some((r) => r !== 'parent')) {
      throw unprocessable('not_staff', 'Choose an active staff member or partner; add family members as persons.', [
        { field: field('userId'), code: 'not_staff', message: 'Choose an active staff member or external partner.' },
      ]);
    }
    checkParticipantRole(input.role, true, field('role'));
    values = { kind: 'user', user_id: input.userId };
  } else {
    checkParticipantRole(input.role, false, field('role'));
    values = { kind: 'guest', guest_name: input.guestName, guest_organisation: input.guestOrganisation };
  }
  const existing = await trx.selectFrom('meeting_participants').select(['user_id', 'person_id', 'role']).where('meeting_id', '=', meeting.id).execute();
  if ((values.user_id && existing.some((p) => p.user_id === values.user_id)) || (values.person_id && existing.some((p) => p.person_id === values.person_id))) {
    throw conflict('already_participant', 'This participant is already on the meeting.', [
      { field: field(values.user_id ? 'userId' : 'personId'), code: 'already_participant', message: 'Already a participant.' },
    ]);
  }
  if (input.role !== 'participant' && existing.some((p) => p.role === input.role)) {
    // 000:586-589: one chair (the coordinator) and one minute taker.
    throw conflict('role_taken', `The meeting already has a ${input.role.replace('_', ' ')}.`, [
      { field: field('role'), code: 'role_taken', message: 'Another participant already has this role.' },
    ]);
  }
  const created = await trx.insertInto('meeting_participants').values({
    municipality_id: ctx.actor.municipalityId, meeting_id: meeting.id, role: input.role, ...values,
  }).returning('id').executeTakeFirstOrThrow();
  return created.id;
}

export async function addParticipant(trx: Trx, ctx: RequestContext, meetingId: string, input: ParticipantInput): Promise<MeetingView> {
  const { meeting, row, reason } = await loadMeeting(trx, ctx, meetingId, 'edit');
  checkOpen(meeting.status);
  const id = await insertParticipant(trx, ctx, meeting, row.family_id, input, '');
  await audit(trx, ctx, { action: 'create', entityType: 'meeting_participant', entityId: id, familyIds: [row.family_id], caseIds: [row.id], reason });
  return reloaded(trx, ctx, meetingId, row);
}

export async function removeParticipant(trx: Trx, ctx: RequestContext, participantId: string): Promise<MeetingView> {
  const participant = await trx.selectFrom('meeting_participants').select('meeting_id').where('id', '=', participantId).executeTakeFirst();
  if (!participant) throw notFound('The participant');
  const { meeting, row, reason } = await loadMeeting(trx, ctx, participant.meeting_id, 'edit');
  checkOpen(meeting.status);
  await trx.deleteFrom('meeting_participants').where('id', '=', participantId).execute();
  await audit(trx, ctx, { action: 'delete', entityType: 'meeting_participant', entityId: participantId, familyIds: [row.family_id], caseIds: [row.id], reason });
  return reloaded(trx, ctx, meeting.id, row);
}

// ---- agenda points, decisions ----

export async function addAgendaPoint(trx: Trx, ctx: RequestContext, meetingId: string, input: AgendaPointInput): Promise<MeetingView> {
  const { meeting, row, reason } = await loadMeeting(trx, ctx, meetingId, 'record_meeting');
  checkOpen(meeting.status);
  checkColumn(meeting.template, input.column);
  const last = await trx.selectFrom('meeting_agenda_points').select((eb) => eb.fn.max('position').as('max'))
    .where('meeting_id', '=', meetingId).where('column_key', '=', input.column).executeTakeFirst();
  const created = await trx.insertInto('meeting_agenda_points').values({
    municipality_id: ctx.actor.municipalityId, meeting_id: meetingId, column_key: input.column, text: input.text,
    position: Number(last?.max ?? 0) + 1, created_by: ctx.actor.userId, visibility: input.visibility ?? 'internal',
  }).returning('id').executeTakeFirstOrThrow();
  await audit(trx, ctx, { action: 'create', entityType: 'meeting_agenda_point', entityId: created.id, familyIds: [row.family_id], caseIds: [row.id], reason });
  return reloaded(trx, ctx, meetingId, row);
}

async function loadAgendaPoint(trx: Trx, ctx: RequestContext, pointId: string) {
  const point = await trx.selectFrom('meeting_agenda_points').select(['meeting_id']).where('id', '=', pointId).executeTakeFirst();
  if (!point) throw notFound('The agenda point');
  const loaded = await loadMeeting(trx, ctx, point.meeting_id, 'record_meeting');
  checkOpen(loaded.meeting.status);
  return loaded;
}

export async function updateAgendaPoint(trx: Trx, ctx: RequestContext, pointId: string, input: { text: string; version: number }): Promise<MeetingView> {
  const { meeting, row, reason } = await loadAgendaPoint(trx, ctx, pointId);
  const updated = await trx.updateTable('meeting_agenda_points').set({ text: input.text, version: input.version + 1 })
    .where('id', '=', pointId).where('version', '=', input.version).returning('id').executeTakeFirst();
  if (!updated) throw staleVersion('The agenda point');
  await audit(trx, ctx, { action: 'update', entityType: 'meeting_agenda_point', entityId: pointId, familyIds: [row.family_id], caseIds: [row.id], reason });
  return reloaded(trx, ctx, meeting.id, row);
}

export async function deleteAgendaPoint(trx: Trx, ctx: RequestContext, pointId: string, version: number): Promise<MeetingView> {
  const { meeting, row, reason } = await loadAgendaPoint(trx, ctx, pointId);
  const deleted = await trx.deleteFrom('meeting_agenda_points').where('id', '=', pointId).where('version', '=', version).returning('id').executeTakeFirst();
  if (!deleted) throw staleVersion('The agenda point');
  await audit(trx, ctx, { action: 'delete', entityType: 'meeting_agenda_point', entityId: pointId, familyIds: [row.family_id], caseIds: [row.id], reason });
  return reloaded(trx, ctx, meeting.id, row);
}

export async function addDecision(trx: Trx, ctx: RequestContext, meetingId: string, text: string, visibility: Visibility = 'internal'): Promise<MeetingView> {
  const { meeting, row, reason } = await loadMeeting(trx, ctx, meetingId, 'record_meeting');
  checkOpen(meeting.status);
  const created = await trx.insertInto('meeting_decisions').values({
    municipality_id: ctx.actor.municipalityId, meeting_id: meetingId, text, created_by: ctx.actor.userId, visibility,
  }).returning('id').executeTakeFirstOrThrow();
  await audit(trx, ctx, { action: 'create', entityType: 'meeting_decision', entityId: created.id, familyIds: [row.family_id], caseIds: [row.id], reason });
  return reloaded(trx, ctx, meetingId, row);
}

export async function deleteDecision(trx: Trx, ctx: RequestContext, decisionId: string): Promise<MeetingView> {
  const decision = await trx.selectFrom('meeting_decisions').select('meeting_id').where('id', '=', decisionId).executeTakeFirst();
  if (!decision) throw notFound('The decision');
  const { meeting, row, reason } = await loadMeeting(trx, ctx, decision.meeting_id, 'record_meeting');
  checkOpen(meeting.status);
  await trx.deleteFrom('meeting_decisions').where('id', '=', decisionId).execute();
  await audit(trx, ctx, { action: 'delete', entityType: 'meeting_decision', entityId: decisionId, familyIds: [row.family_id], caseIds: [row.id], reason });
  return reloaded(trx, ctx, meeting.id, row);
}

// ---- facts for the guided flow ----

export interface MeetingFact {
  type: MeetingType;
  childContact: 'conversation' | 'observation' | null;
  heldAt: string;
  nextMeetingOn: string | null;
}

/**
 * The meetings that were held (closed) on a case, oldest first: what the guided flow derives its steps from. The caller
 * has already checked access to the case and audits its own read.
 */
export async function heldMeetingsOfCase(trx: Trx, caseId: string): Promise<MeetingFact[]> {
  const rows = await closedMeetingsOfCase(trx, caseId);
  return rows.map((r) => ({
    type: r.type as MeetingType, childContact: r.child_contact as MeetingFact['childContact'],
    heldAt: new Date(r.scheduled_at).toISOString(), nextMeetingOn: r.next_meeting_on,
  }));
}

/** The columns of each template, for clients that draw the whiteboard before a meeting exists. */
export const templates = templateColumns;
