import { sql } from 'kysely';
import type { Actor } from '../../platform/auth/actor.js';
import type { Trx } from '../../platform/db/tenant.js';
import { caseAccessReasonSql } from '../../platform/policy/policy.js';
import { notifiedAssignmentRoles } from './rules.js';
import type { MessageView, ThreadSummary } from './schema.js';

/** The family messages' SQL (style.md §2: the transaction first). */

export type Side = 'family' | 'staff';

/** The family the person is a parent or carer of (the first, should they belong to two households). */
export async function familyOfParent(trx: Trx, personId: string): Promise<string | null> {
  const row = await trx.selectFrom('family_members').select('family_id').where('person_id', '=', personId)
    .where('relation', 'in', ['parent', 'carer']).orderBy('family_id').limit(1).executeTakeFirst();
  return row?.family_id ?? null;
}

export function findThread(trx: Trx, threadId: string) {
  return trx.selectFrom('message_threads').select(['id', 'family_id', 'subject', 'last_message_at']).where('id', '=', threadId).executeTakeFirst();
}

/** The other side's unread messages: for the family, staff messages it has not read, and the other way round. */
function unreadSql(side: Side) {
  return side === 'family'
    ? sql<number>`(select count(*)::int from messages m where m.municipality_id = t.municipality_id and m.thread_id = t.id
                    and m.author_user_id is not null and m.read_by_family_at is null)`
    : sql<number>`(select count(*)::int from messages m where m.municipality_id = t.municipality_id and m.thread_id = t.id
                    and m.author_person_id is not null and m.read_by_staff_at is null)`;
}

export async function threadsOfFamily(trx: Trx, familyId: string, side: Side): Promise<ThreadSummary[]> {
  const rows = await trx.selectFrom('message_threads as t').select(['t.id', 't.family_id', 't.subject', 't.last_message_at'])
    .select(unreadSql(side).as('unread'))
    .where('t.family_id', '=', familyId).orderBy('t.last_message_at', 'desc').execute();
  return rows.map((r) => ({ id: r.id, familyId: r.family_id, subject: r.subject, lastMessageAt: new Date(r.last_message_at).toISOString(), unread: r.unread }));
}

export async function threadSummary(trx: Trx, threadId: string, side: Side): Promise<ThreadSummary> {
  const r = await trx.selectFrom('message_threads as t').select(['t.id', 't.family_id', 't.subject', 't.last_message_at'])
    .select(unreadSql(side).as('unread')).where('t.id', '=', threadId).executeTakeFirstOrThrow();
  return { id: r.id, familyId: r.family_id, subject: r.subject, lastMessageAt: new Date(r.last_message_at).toISOString(), unread: r.unread };
}

export async function messagesOf(trx: Trx, threadId: string, me: { personId: string | null; userId: string | null }): Promise<MessageView[]> {
  const rows = await trx.selectFrom('messages as m')
    .leftJoin('persons as p', (j) => j.onRef('p.municipality_id', '=', 'm.municipality_id').onRef('p.id', '=', 'm.author_person_id'))
    .leftJoin('users as u', (j) => j.onRef('u.municipality_id', '=', 'm.municipality_id').onRef('u.id', '=', 'm.author_user_id'))
    .select(['m.id', 'm.body', 'm.sent_at', 'm.author_person_id', 'm.author_user_id', 'p.first_name', 'p.last_name', 'u.name'])
    .where('m.thread_id', '=', threadId).orderBy('m.sent_at').orderBy('m.id').execute();
  return rows.map((r) => ({
    id: r.id, body: r.body, sentAt: new Date(r.sent_at).toISOString(),
    author: r.author_person_id
      ? { side: 'family' as const, name: `${r.first_name ?? ''} ${r.last_name ?? ''}`.trim() }
      : { side: 'staff' as const, name: r.name ?? '' },
    mine: (r.author_person_id !== null && r.author_person_id === me.personId) || (r.author_user_id !== null && r.author_user_id === me.userId),
  }));
}

export async function insertMessage(trx: Trx, values: {
  municipalityId: string; threadId: string; authorPersonId: string | null; authorUserId: string | null; body: string; sentAt: Date;
}): Promise<string> {
  // The author's own side has read it from the start.
  const row = await trx.insertInto('messages').values({
    municipality_id: values.municipalityId, thread_id: values.threadId, author_person_id: values.authorPersonId, author_user_id: values.authorUserId,
    body: values.body, sent_at: values.sentAt,
    read_by_family_at: values.authorPersonId ? values.sentAt : null, read_by_staff_at: values.authorUserId ? values.sentAt : null,
  }).returning('id').executeTakeFirstOrThrow();
  await trx.updateTable('message_threads').set({ last_message_at: values.sentAt }).where('id', '=', values.threadId).execute();
  return row.id;
}

export async function markRead(trx: Trx, threadId: string, side: Side, at: Date): Promise<void> {
  if (side === 'family') {
    await trx.updateTable('messages').set({ read_by_family_at: at }).where('thread_id', '=', threadId)
      .where('author_user_id', 'is not', null).where('read_by_family_at', 'is', null).execute();
  } else {
    await trx.updateTable('messages').set({ read_by_staff_at: at }).where('thread_id', '=', threadId)
      .where('author_person_id', 'is not', null).where('read_by_staff_at', 'is', null).execute();
  }
}

/** Whether the thread already has family messages staff have not read (then its contact has been told already). */
export async function hasUnreadFromFamily(trx: Trx, threadId: string): Promise<boolean> {
  const row = await trx.selectFrom('messages').select('id').where('thread_id', '=', threadId)
    .where('author_person_id', 'is not', null).where('read_by_staff_at', 'is', null).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** The family's contact to tell: active staff assigned as its lead on an open case today. */
export async function contactsOfFamily(trx: Trx, familyId: string, today: string) {
  return trx.selectFrom('case_assignments as a')
    .innerJoin('cases as c', (j) => j.onRef('c.municipality_id', '=', 'a.municipality_id').onRef('c.id', '=', 'a.case_id'))
    .innerJoin('users as u', (j) => j.onRef('u.municipality_id', '=', 'a.municipality_id').onRef('u.id', '=', 'a.user_id'))
    .select(['u.id', 'u.email']).distinct()
    .where('c.family_id', '=', familyId).where('c.status', '<>', 'closed').where('u.active', '=', true)
    .where('a.role', 'in', [...notifiedAssignmentRoles]).where('a.starts_on', '<=', today)
    .where((eb) => eb.or([eb('a.ends_on', 'is', null), eb('a.ends_on', '>=', today)]))
    .orderBy('u.id').execute();
}

/** Threads with unread family messages in the families the actor is assigned to (lead, caseworker or buddy). */
export async function unreadForStaff(trx: Trx, actor: Actor, today: string) {
  const rows = await sql<{ id: string; family_id: string; family_name: string; subject: string; last_message_at: Date; unread: number }>`
    select t.id, t.family_id, f.name as family_name, t.subject, t.last_message_at, count(m.id)::int as unread
      from message_threads t
      join families f on f.municipality_id = t.municipality_id and f.id = t.family_id
      join messages m on m.municipality_id = t.municipality_id and m.thread_id = t.id and m.author_person_id is not null and m.read_by_staff_at is null
     where exists (select 1 from cases c where c.municipality_id = t.municipality_id and c.family_id = t.family_id
                     and ${caseAccessReasonSql(actor, today, 'c')} in ('family_coordinator', 'primary_caseworker', 'caseworker', 'buddy', 'deputy'))
     group by t.id, t.family_id, f.name, t.subject, t.last_message_at
     order by t.last_message_at desc
     limit 100`.execute(trx);
  return rows.rows;
}
