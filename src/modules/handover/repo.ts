import { sql } from 'kysely';
import type { Trx } from '../../platform/db/tenant.js';
import type { HandoverNoteView } from './schema.js';

const leadRoles = ['family_coordinator', 'primary_caseworker'] as const;

/** The case's lead as of today: the assignment without end (the one-lead index keeps it unique). */
export async function currentLead(trx: Trx, caseId: string) {
  return trx.selectFrom('case_assignments as a')
    .innerJoin('users as u', (j) => j.onRef('u.municipality_id', '=', 'a.municipality_id').onRef('u.id', '=', 'a.user_id'))
    .select(['a.id', 'a.user_id', 'a.role', 'a.starts_on', 'u.name'])
    .where('a.case_id', '=', caseId).where('a.role', 'in', [...leadRoles]).where('a.ends_on', 'is', null)
    .orderBy('a.starts_on', 'desc').executeTakeFirst();
}

/** Deputies of a case whose period has not ended. */
export async function deputiesOf(trx: Trx, caseId: string, today: string) {
  return trx.selectFrom('case_assignments as a')
    .innerJoin('users as u', (j) => j.onRef('u.municipality_id', '=', 'a.municipality_id').onRef('u.id', '=', 'a.user_id'))
    .leftJoin('users as f', (j) => j.onRef('f.municipality_id', '=', 'a.municipality_id').onRef('f.id', '=', 'a.deputy_for_user_id'))
    .select(['a.id', 'a.user_id', 'u.name', 'a.starts_on', 'a.ends_on', 'f.name as for_name'])
    .where('a.case_id', '=', caseId).where('a.role', '=', 'deputy').where('a.ends_on', '>=', today)
    .orderBy('a.starts_on').execute();
}

/** Cases whose current lead is the user (for bulk reassignment and absences). */
export async function casesLedBy(trx: Trx, userId: string): Promise<string[]> {
  const rows = await trx.selectFrom('case_assignments as a')
    .innerJoin('cases as c', (j) => j.onRef('c.municipality_id', '=', 'a.municipality_id').onRef('c.id', '=', 'a.case_id'))
    .select('a.case_id').where('a.user_id', '=', userId).where('a.role', 'in', [...leadRoles]).where('a.ends_on', 'is', null)
    .where('c.status', '<>', 'closed').orderBy('c.case_number').execute();
  return rows.map((r) => r.case_id);
}

export async function staffMember(trx: Trx, userId: string) {
  return trx.selectFrom('users').select(['id', 'name', 'email', 'phone', 'roles', 'active']).where('id', '=', userId).executeTakeFirst();
}

export async function insertNote(trx: Trx, values: {
  municipalityId: string; caseId: string; fromUserId: string | null; toUserId: string; role: string; handedOverOn: string;
  familyNeeds: string; openAgreements: string | null; nextDates: string | null; sharedNote: string | null; batchId: string | null;
  createdBy: string; createdAt: Date;
}): Promise<string> {
  const row = await trx.insertInto('handover_notes').values({
    municipality_id: values.municipalityId, case_id: values.caseId, from_user_id: values.fromUserId, to_user_id: values.toUserId,
    role: values.role, handed_over_on: values.handedOverOn, family_needs: values.familyNeeds, open_agreements: values.openAgreements,
    next_dates: values.nextDates, shared_note: values.sharedNote, batch_id: values.batchId, created_by: values.createdBy, created_at: values.createdAt,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function notesOf(trx: Trx, where: { caseId?: string; ids?: string[] }): Promise<HandoverNoteView[]> {
  let query = trx.selectFrom('handover_notes as h')
    .innerJoin('users as t', (j) => j.onRef('t.municipality_id', '=', 'h.municipality_id').onRef('t.id', '=', 'h.to_user_id'))
    .innerJoin('users as w', (j) => j.onRef('w.municipality_id', '=', 'h.municipality_id').onRef('w.id', '=', 'h.created_by'))
    .leftJoin('users as f', (j) => j.onRef('f.municipality_id', '=', 'h.municipality_id').onRef('f.id', '=', 'h.from_user_id'))
    .select(['h.id', 'h.case_id', 'f.name as from_name', 't.name as to_name', 'h.role', 'h.handed_over_on', 'h.family_needs', 'h.open_agreements',
      'h.next_dates', 'h.shared_note', 'h.batch_id', 'w.name as writer', 'h.created_at']);
  if (where.caseId) query = query.where('h.case_id', '=', where.caseId);
  if (where.ids) query = query.where('h.id', 'in', where.ids.length ? where.ids : ['00000000-0000-0000-0000-000000000000']);
  const rows = await query.orderBy('h.created_at', 'desc').execute();
  return rows.map((r) => ({
    id: r.id, caseId: r.case_id, fromName: r.from_name, toName: r.to_name, role: r.role, handedOverOn: r.handed_over_on, familyNeeds: r.family_needs,
    openAgreements: r.open_agreements, nextDates: r.next_dates, sharedNote: r.shared_note, batchId: r.batch_id, writtenBy: r.writer,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/** What the note is prefilled with: the case's open agreements and its coming meetings. */
export async function openAgreementsOf(trx: Trx, caseId: string) {
  return trx.selectFrom('meeting_agreements as a')
    .innerJoin('meetings as m', (j) => j.onRef('m.municipality_id', '=', 'a.municipality_id').onRef('m.id', '=', 'a.meeting_id'))
    .select(['a.text', 'a.due_on']).where('m.case_id', '=', caseId).where('a.status', '=', 'open').where('m.status', '<>', 'cancelled')
    .orderBy('a.due_on').limit(30).execute();
}

export async function comingMeetingsOf(trx: Trx, caseId: string, now: Date) {
  return trx.selectFrom('meetings').select(['type', sql<string>`(scheduled_at at time zone 'Europe/Copenhagen')::date::text`.as('on')])
    .where('case_id', '=', caseId).where('status', '=', 'planned').where('scheduled_at', '>=', now).orderBy('scheduled_at').limit(10).execute();
}

/** Tells the family in the portal: a message from the new contact in a thread of its own (issue 9 item 3). */
export async function postFamilyNotice(trx: Trx, values: { municipalityId: string; familyId: string; authorUserId: string; subject: string; body: string; at: Date }): Promise<void> {
  const thread = await trx.insertInto('message_threads').values({
    municipality_id: values.municipalityId, family_id: values.familyId, subject: values.subject, created_by_user_id: values.authorUserId,
    created_at: values.at, last_message_at: values.at,
  }).returning('id').executeTakeFirstOrThrow();
  await trx.insertInto('messages').values({
    municipality_id: values.municipalityId, thread_id: thread.id, author_user_id: values.authorUserId, body: values.body, sent_at: values.at,
    read_by_staff_at: values.at,
  }).execute();
}
