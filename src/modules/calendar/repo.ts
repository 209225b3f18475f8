import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Actor } from '../../platform/auth/actor.js';
import type { Database } from '../../platform/db/database.js';
import { appRole, type Trx } from '../../platform/db/tenant.js';
import { caseAccessReasonSql } from '../../platform/policy/policy.js';
import type { IcsAttendee } from './ics.js';

/** Kysely queries of the calendar module; every function takes the transaction first. */

export interface CalendarMeetingRow {
  id: string;
  case_id: string;
  family_id: string;
  type: string;
  status: string;
  scheduled_at: Date;
  location: string | null;
  creator_email: string | null;
  creator_name: string | null;
}

const meetingSelect = sql`m.id, m.case_id, c.family_id, m.type, m.status, m.scheduled_at, m.location, cu.email as creator_email, cu.name as creator_name`;
const meetingFrom = sql`meetings m
  join cases c on c.municipality_id = m.municipality_id and c.id = m.case_id
  left join users cu on cu.municipality_id = m.municipality_id and cu.id = m.created_by and cu.active`;

export async function findCalendarMeeting(trx: Trx, meetingId: string): Promise<CalendarMeetingRow | undefined> {
  const rows = await sql<CalendarMeetingRow>`select ${meetingSelect} from ${meetingFrom} where m.id = ${meetingId}::uuid`.execute(trx);
  return rows.rows[0];
}

/**
 * The feed's meetings: planned or held meetings from a day ago to a year ahead that the user takes part in, created,
 * or leads the case of, and only on cases the need-to-know rule lets them read today.
 */
export async function feedMeetings(trx: Trx, actor: Actor, today: string, from: Date, to: Date): Promise<CalendarMeetingRow[]> {
  const rows = await sql<CalendarMeetingRow>`
    select ${meetingSelect} from ${meetingFrom}
     where m.status <> 'cancelled' and m.scheduled_at >= ${from.toISOString()}::timestamptz and m.scheduled_at < ${to.toISOString()}::timestamptz
       and (m.created_by = ${actor.userId}::uuid
         or exists (select 1 from meeting_participants mp where mp.municipality_id = m.municipality_id and mp.meeting_id = m.id and mp.user_id = ${actor.userId}::uuid)
         or exists (select 1 from case_assignments a where a.municipality_id = c.municipality_id and a.case_id = c.id and a.user_id = ${actor.userId}::uuid
                      and a.role in ('family_coordinator', 'primary_caseworker') and a.starts_on <= ${today}::date and (a.ends_on is null or a.ends_on >= ${today}::date)))
       and ${caseAccessReasonSql(actor, today, 'c')} is not null
     order by m.scheduled_at, m.id
     limit 500`.execute(trx);
  return rows.rows;
}

export interface AttendeeRow extends IcsAttendee {
  meetingId: string;
}

/** Participants that have an e-mail address: staff and partners (active logins) and family members. Guests have none. */
export async function attendeesOf(trx: Trx, meetingIds: string[]): Promise<AttendeeRow[]> {
  if (meetingIds.length === 0) return [];
  const rows = await sql<{ meeting_id: string; email: string; name: string | null; role: string }>`
    select mp.meeting_id, coalesce(u.email, p.email) as email, u.name, mp.role
      from meeting_participants mp
      left join users u on u.municipality_id = mp.municipality_id and u.id = mp.user_id and u.active
      left join persons p on p.municipality_id = mp.municipality_id and p.id = mp.person_id
     where mp.meeting_id = any(${meetingIds}::uuid[]) and coalesce(u.email, p.email) is not null and btrim(coalesce(u.email, p.email)) <> ''
     order by mp.meeting_id, array_position(array['chair','minute_taker','participant'], mp.role),
              array_position(array['user','person','guest'], mp.kind), mp.created_at, mp.id`.execute(trx);
  // Family members are listed by address only: a name in a staff calendar says who the family is.
  return rows.rows.map((r) => ({ meetingId: r.meeting_id, email: r.email, name: r.name, role: r.role === 'chair' ? 'CHAIR' : 'REQ-PARTICIPANT' }));
}

/** Raises the meeting's SEQUENCE when the fingerprint differs from the one last issued; returns the sequence to use. */
export async function sequenceFor(trx: Trx, municipalityId: string, meetingId: string, fingerprint: string, now: Date): Promise<number> {
  const row = await sql<{ sequence: number }>`
    insert into calendar_event_sequences as s (municipality_id, meeting_id, sequence, fingerprint, updated_at)
    values (${municipalityId}::uuid, ${meetingId}::uuid, 0, ${fingerprint}, ${now.toISOString()}::timestamptz)
    on conflict (municipality_id, meeting_id) do update
       set sequence = s.sequence + 1, fingerprint = excluded.fingerprint, updated_at = excluded.updated_at
     where s.fingerprint <> excluded.fingerprint
    returning sequence`.execute(trx);
  if (row.rows[0]) return Number(row.rows[0].sequence);
  const current = await trx.selectFrom('calendar_event_sequences').select('sequence').where('meeting_id', '=', meetingId).executeTakeFirstOrThrow();
  return Number(current.sequence);
}

// ---- feeds ----

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

export interface FeedRow {
  id: string;
  user_id: string;
  created_at: Date;
  last_used_at: Date | null;
}

export async function activeFeedOf(trx: Trx, userId: string): Promise<FeedRow | undefined> {
  return trx.selectFrom('calendar_feeds').select(['id', 'user_id', 'created_at', 'last_used_at'])
    .where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
}

export async function revokeFeeds(trx: Trx, userId: string, now: Date): Promise<string[]> {
  const rows = await trx.updateTable('calendar_feeds').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null)
    .returning('id').execute();
  return rows.map((r) => r.id);
}

export async function insertFeed(trx: Trx, municipalityId: string, userId: string, tokenHash: string, now: Date): Promise<FeedRow> {
  return trx.insertInto('calendar_feeds').values({ municipality_id: municipalityId, user_id: userId, token_hash: tokenHash, created_at: now })
    .returning(['id', 'user_id', 'created_at', 'last_used_at']).executeTakeFirstOrThrow();
}

/**
 * Finds the active feed a token belongs to, before any tenant is known: a transaction as the app role that may see
 * exactly the one calendar_feeds row whose hash it names (policy feed_lookup, migration 0006), and nothing else.
 */
export async function lookupFeed(db: Database, tokenHash: string): Promise<{ id: string; municipality_id: string; user_id: string } | undefined> {
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('app.feed_token_hash', ${tokenHash}, true), set_config('role', ${appRole}, true)`.execute(trx);
    return trx.selectFrom('calendar_feeds').select(['id', 'municipality_id', 'user_id'])
      .where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).executeTakeFirst();
  });
}

export async function feedUser(trx: Trx, userId: string) {
  return trx.selectFrom('users').select(['id', 'municipality_id', 'roles', 'department_id', 'person_id', 'name', 'active'])
    .where('id', '=', userId).executeTakeFirst();
}
