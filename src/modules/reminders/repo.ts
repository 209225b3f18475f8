import { sql } from 'kysely';
import type { Trx } from '../../platform/db/tenant.js';
import type { OutboxChannel } from '../../platform/outbox/outbox.js';
import type { RecipientKind } from './rules.js';

/** Kysely queries of the reminders module; every function takes the tenant transaction first. */

export interface MeetingRecipientRow {
  meeting_id: string;
  case_id: string;
  family_id: string;
  scheduled_at: Date;
  recipient_kind: RecipientKind;
  recipient_id: string;
  address: string;
  channel: OutboxChannel;
}

/**
 * Who is reminded of the planned meetings starting in (from, to]: the staff and partner participants with a login
 * (or, when no staff member is on the meeting, the case's lead), and family members on the meeting who opted in,
 * at the address of the channel they chose. Guests have no address in Tovholder and are not reminded.
 */
export async function meetingRecipients(trx: Trx, from: Date, to: Date, today: string): Promise<MeetingRecipientRow[]> {
  const rows = await sql<MeetingRecipientRow>`
    with m as (
      select mt.id, mt.municipality_id, mt.case_id, c.family_id, mt.scheduled_at from meetings mt
        join cases c on c.municipality_id = mt.municipality_id and c.id = mt.case_id
       where mt.status = 'planned' and c.status <> 'closed'
         and mt.scheduled_at > ${from.toISOString()}::timestamptz and mt.scheduled_at <= ${to.toISOString()}::timestamptz),
    staff as (
      select m.id as meeting_id, u.id as user_id, u.email from m
        join meeting_participants mp on mp.municipality_id = m.municipality_id and mp.meeting_id = m.id and mp.kind = 'user'
        join users u on u.municipality_id = mp.municipality_id and u.id = mp.user_id and u.active and u.roles <> array['parent']),
    leads as (
      select m.id as meeting_id, u.id as user_id, u.email from m
        join case_assignments a on a.municipality_id = m.municipality_id and a.case_id = m.case_id
         and a.role in ('family_coordinator', 'primary_caseworker') and a.starts_on <= ${today}::date and (a.ends_on is null or a.ends_on >= ${today}::date)
        join users u on u.municipality_id = a.municipality_id and u.id = a.user_id and u.active
       where not exists (select 1 from staff s where s.meeting_id = m.id))
    select m.id as meeting_id, m.case_id, m.family_id, m.scheduled_at, 'user' as recipient_kind, x.user_id as recipient_id, x.email as address, 'email' as channel
      from m join (select * from staff union select * from leads) x on x.meeting_id = m.id
    union all
    select m.id, m.case_id, m.family_id, m.scheduled_at, 'person', p.id, case rp.channel when 'email' then p.email else p.phone end, rp.channel
      from m
      join meeting_participants mp on mp.municipality_id = m.municipality_id and mp.meeting_id = m.id and mp.kind = 'person'
      join persons p on p.municipality_id = mp.municipality_id and p.id = mp.person_id
      join reminder_preferences rp on rp.municipality_id = p.municipality_id and rp.person_id = p.id and rp.opted_in
     where btrim(coalesce(case rp.channel when 'email' then p.email else p.phone end, '')) <> ''
     order by 1, 5, 6`.execute(trx);
  return rows.rows;
}

/** The active leads (family coordinator / primary caseworker) of some cases, with their e-mail. */
export async function leadsOf(trx: Trx, caseIds: string[], today: string): Promise<Array<{ case_id: string; user_id: string; email: string }>> {
  if (caseIds.length === 0) return [];
  return trx.selectFrom('case_assignments as a')
    .innerJoin('users as u', (join) => join.onRef('u.municipality_id', '=', 'a.municipality_id').onRef('u.id', '=', 'a.user_id'))
    .select(['a.case_id', 'a.user_id', 'u.email'])
    .where('a.case_id', 'in', caseIds).where('a.role', 'in', ['family_coordinator', 'primary_caseworker'])
    .where('a.starts_on', '<=', today).where((eb) => eb.or([eb('a.ends_on', 'is', null), eb('a.ends_on', '>=', today)]))
    .where('u.active', '=', true)
    .orderBy('a.case_id').orderBy('a.user_id').execute();
}

export async function findPreference(trx: Trx, personId: string) {
  return trx.selectFrom('reminder_preferences').select(['opted_in', 'channel', 'version']).where('person_id', '=', personId).executeTakeFirst();
}
