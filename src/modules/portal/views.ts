import { sql } from 'kysely';
import { audit } from '../../platform/audit/audit.js';
import { todayIn } from '../../platform/clock/clock.js';
import type { RequestContext, Trx } from '../../platform/db/tenant.js';
import { notFound } from '../../platform/http/errors.js';
import { visibleTo, type Visibility } from '../../platform/policy/visibility.js';
import type { AnnualWheel, WheelActivity } from '../annual-wheel/schema.js';
import { columnKeys, type ColumnKey, type MeetingType } from '../meeting/schema.js';
import type { PortalAgreement, PortalAgreements, PortalContact, PortalMeetings, PortalMinutes } from './view-schema.js';

/**
 * What the family sees in the portal (issue 5 item 2; 004:2118-2137: families gain most when they know their one
 * contact, see their plan and are involved before and after meetings). Every read is for the logged-in parent's own
 * family (custody, checked again here), audited like any read of case data, and every query of classified
 * information filters on `visibility in ('family', 'partners')` in SQL: nothing marked internal leaves the database.
 */

/** The classifications the family may see (the lattice in platform/policy/visibility.ts). */
const shared = visibleTo.family as Visibility[];

interface OwnFamily {
  familyId: string;
  caseIds: string[];
  childOf: Map<string, string>;
}

/** The family the portal user is a parent or carer with custody of, and its cases; 404 when there is none. */
async function ownFamily(trx: Trx, ctx: RequestContext): Promise<OwnFamily> {
  const member = await trx.selectFrom('family_members').select('family_id').where('person_id', '=', ctx.actor.personId!)
    .where('relation', 'in', ['parent', 'carer']).where('has_custody', '=', true).orderBy('family_id').limit(1).executeTakeFirst();
  if (!member) throw notFound('Your family');
  const cases = await trx.selectFrom('cases as c')
    .innerJoin('persons as p', (j) => j.onRef('p.municipality_id', '=', 'c.municipality_id').onRef('p.id', '=', 'c.child_id'))
    .select(['c.id', 'p.first_name']).where('c.family_id', '=', member.family_id).orderBy('p.birth_date').execute();
  return { familyId: member.family_id, caseIds: cases.map((c) => c.id), childOf: new Map(cases.map((c) => [c.id, c.first_name])) };
}

function auditRead(trx: Trx, ctx: RequestContext, family: OwnFamily, entityType: string, entityId = family.familyId): Promise<void> {
  return audit(trx, ctx, { action: 'read', entityType, entityId, familyIds: [family.familyId], caseIds: family.caseIds, reason: 'parent' });
}

/** The family's one contact person (per child, usually the same person) with phone, e-mail and hours, and the buddy. */
export async function getPortalContact(trx: Trx, ctx: RequestContext): Promise<PortalContact> {
  const family = await ownFamily(trx, ctx);
  const today = todayIn(ctx.clock);
  const rows = family.caseIds.length === 0 ? [] : await trx.selectFrom('case_assignments as a')
    .innerJoin('cases as c', (j) => j.onRef('c.municipality_id', '=', 'a.municipality_id').onRef('c.id', '=', 'a.case_id'))
    .innerJoin('users as u', (j) => j.onRef('u.municipality_id', '=', 'a.municipality_id').onRef('u.id', '=', 'a.user_id'))
    .select(['a.case_id', 'a.role', 'a.user_id', 'c.model', 'u.name', 'u.phone', 'u.email', 'u.reachable_hours'])
    .where('a.case_id', 'in', family.caseIds).where('c.status', '<>', 'closed').where('u.active', '=', true)
    .where('a.starts_on', '<=', today).where((eb) => eb.or([eb('a.ends_on', 'is', null), eb('a.ends_on', '>=', today)]))
    .where('a.role', 'in', ['family_coordinator', 'primary_caseworker', 'buddy'])
    .orderBy('a.starts_on').orderBy('u.name').execute();
  const person = (r: (typeof rows)[number]) => ({ name: r.name, phone: r.phone, email: r.email, reachableHours: r.reachable_hours });
  const contacts = new Map<string, PortalContact['contacts'][number]>();
  // EFEI: the family coordinator; SOF: the primary caseworker (models.md rule 1) — the one lead role of the case's model.
  for (const r of rows.filter((x) => x.role === (x.model === 'sof' ? 'primary_caseworker' : 'family_coordinator'))) {
    const contact = contacts.get(r.user_id) ?? { ...person(r), role: r.role as 'family_coordinator' | 'primary_caseworker', children: [], buddies: [] };
    const child = family.childOf.get(r.case_id)!;
    if (!contact.children.includes(child)) contact.children.push(child);
    for (const b of rows.filter((x) => x.role === 'buddy' && x.case_id === r.case_id && x.user_id !== r.user_id)) {
      if (!contact.buddies.some((known) => known.email === b.email)) contact.buddies.push(person(b));
    }
    contacts.set(r.user_id, contact);
  }
  await auditRead(trx, ctx, family, 'portal_contact');
  return { contacts: [...contacts.values()] };
}

/**
 * Agreements shared with the family. An item of a meeting is only as shared as its meeting: nothing of a meeting held
 * without the family (an analysis meeting, 000:685-686, or any meeting staff keep internal) reaches the portal.
 */
async function sharedAgreements(trx: Trx, caseIds: string[], meetingId?: string): Promise<PortalAgreement[]> {
  if (caseIds.length === 0) return [];
  let query = trx.selectFrom('meeting_agreements as a')
    .innerJoin('meetings as m', (j) => j.onRef('m.municipality_id', '=', 'a.municipality_id').onRef('m.id', '=', 'a.meeting_id'))
    .leftJoin('users as u', (j) => j.onRef('u.municipality_id', '=', 'a.municipality_id').onRef('u.id', '=', 'a.owner_user_id'))
    .leftJoin('persons as p', (j) => j.onRef('p.municipality_id', '=', 'a.municipality_id').onRef('p.id', '=', 'a.owner_person_id'))
    .select(['a.id', 'a.text', 'a.owner_person_id', 'a.due_on', 'a.status', 'm.id as meeting_id', 'm.type', 'm.scheduled_at',
      'u.name as user_name', 'p.first_name', 'p.last_name'])
    .where('m.case_id', 'in', caseIds).where('m.status', '<>', 'cancelled').where('m.visibility', 'in', shared).where('a.visibility', 'in', shared);
  if (meetingId) query = query.where('a.meeting_id', '=', meetingId);
  const rows = await query.orderBy(sql`a.status = 'open'`, 'desc').orderBy('a.due_on').orderBy('a.created_at').execute();
  return rows.map((r) => ({
    id: r.id, text: r.text,
    owner: r.owner_person_id ? { kind: 'family' as const, name: `${r.first_name ?? ''} ${r.last_name ?? ''}`.trim() } : { kind: 'staff' as const, name: r.user_name ?? '' },
    dueOn: r.due_on, status: r.status as PortalAgreement['status'],
    meeting: { id: r.meeting_id, type: r.type as MeetingType, scheduledAt: new Date(r.scheduled_at).toISOString() },
  }));
}

export async function getPortalAgreements(trx: Trx, ctx: RequestContext): Promise<PortalAgreements> {
  const family = await ownFamily(trx, ctx);
  const agreements = await sharedAgreements(trx, family.caseIds);
  await auditRead(trx, ctx, family, 'portal_agreements');
  return { agreements };
}

async function participantsOf(trx: Trx, meetingIds: string[]) {
  if (meetingIds.length === 0) return [];
  const rows = await trx.selectFrom('meeting_participants as mp')
    .leftJoin('users as u', (j) => j.onRef('u.municipality_id', '=', 'mp.municipality_id').onRef('u.id', '=', 'mp.user_id'))
    .leftJoin('departments as d', (j) => j.onRef('d.municipality_id', '=', 'u.municipality_id').onRef('d.id', '=', 'u.department_id'))
    .leftJoin('persons as p', (j) => j.onRef('p.municipality_id', '=', 'mp.municipality_id').onRef('p.id', '=', 'mp.person_id'))
    .select(['mp.meeting_id', 'mp.kind', 'mp.role', 'mp.guest_name', 'mp.guest_organisation', 'u.name as user_name', 'u.roles', 'd.name as department',
      'p.first_name', 'p.last_name'])
    .where('mp.meeting_id', 'in', meetingIds)
    .orderBy(sql`array_position(array['chair','minute_taker','participant'], mp.role)`).orderBy('mp.created_at').orderBy('mp.id').execute();
  return rows.map((r) => ({
    meetingId: r.meeting_id,
    name: r.kind === 'user' ? r.user_name ?? '' : r.kind === 'person' ? `${r.first_name ?? ''} ${r.last_name ?? ''}`.trim() : r.guest_name ?? '',
    category: r.kind === 'person' ? 'family' as const : r.kind === 'guest' ? 'guest' as const : (r.roles ?? []).includes('external_partner') ? 'partner' as const : 'staff' as const,
    role: r.role as 'chair' | 'minute_taker' | 'participant',
    organisation: r.kind === 'user' ? r.department ?? null : r.kind === 'guest' ? r.guest_organisation : null,
  }));
}

/**
 * The family's coming meetings (time, type, place, who takes part — never the staff's title), and the held meetings
 * whose minutes have something shared with them.
 */
export async function getPortalMeetings(trx: Trx, ctx: RequestContext): Promise<PortalMeetings> {
  const family = await ownFamily(trx, ctx);
  if (family.caseIds.length === 0) {
    await auditRead(trx, ctx, family, 'portal_meetings');
    return { upcoming: [], withMinutes: [] };
  }
  const [upcoming, held] = await Promise.all([
    trx.selectFrom('meetings').select(['id', 'case_id', 'type', 'scheduled_at', 'location'])
      .where('case_id', 'in', family.caseIds).where('visibility', 'in', shared).where('status', '=', 'planned')
      .where('scheduled_at', '>=', ctx.clock.now()).orderBy('scheduled_at').execute(),
    trx.selectFrom('meetings as m').select(['m.id', 'm.case_id', 'm.type', 'm.scheduled_at'])
      .where('m.case_id', 'in', family.caseIds).where('m.visibility', 'in', shared).where('m.status', '=', 'closed')
      .where((eb) => eb.or([
        eb.and([eb('m.minutes_visibility', 'in', shared), eb('m.minutes', 'is not', null)]),
        eb.exists(eb.selectFrom('meeting_agenda_points as x').select('x.id').whereRef('x.municipality_id', '=', 'm.municipality_id')
          .whereRef('x.meeting_id', '=', 'm.id').where('x.visibility', 'in', shared)),
        eb.exists(eb.selectFrom('meeting_decisions as x').select('x.id').whereRef('x.municipality_id', '=', 'm.municipality_id')
          .whereRef('x.meeting_id', '=', 'm.id').where('x.visibility', 'in', shared)),
        eb.exists(eb.selectFrom('meeting_agreements as x').select('x.id').whereRef('x.municipality_id', '=', 'm.municipality_id')
          .whereRef('x.meeting_id', '=', 'm.id').where('x.visibility', 'in', shared)),
      ]))
      .orderBy('m.scheduled_at', 'desc').execute(),
  ]);
  const participants = await participantsOf(trx, upcoming.map((m) => m.id));
  await auditRead(trx, ctx, family, 'portal_meetings');
  return {
    upcoming: upcoming.map((m) => ({
      id: m.id, type: m.type as MeetingType, scheduledAt: new Date(m.scheduled_at).toISOString(), location: m.location,
      childFirstName: family.childOf.get(m.case_id)!,
      participants: participants.filter((p) => p.meetingId === m.id).map(({ meetingId: _, ...p }) => p),
    })),
    withMinutes: held.map((m) => ({ id: m.id, type: m.type as MeetingType, scheduledAt: new Date(m.scheduled_at).toISOString(), childFirstName: family.childOf.get(m.case_id)! })),
  };
}

/** The shared part of a held meeting's minutes: 404 unless the meeting is the family's, held and shared with them. */
export async function getPortalMinutes(trx: Trx, ctx: RequestContext, meetingId: string): Promise<PortalMinutes> {
  const family = await ownFamily(trx, ctx);
  const meeting = family.caseIds.length === 0 ? undefined : await trx.selectFrom('meetings')
    .select(['id', 'case_id', 'type', 'scheduled_at', 'next_meeting_on', 'minutes', 'minutes_visibility'])
    .where('id', '=', meetingId).where('case_id', 'in', family.caseIds).where('status', '=', 'closed').where('visibility', 'in', shared).executeTakeFirst();
  if (!meeting) throw notFound('The minutes');
  const [points, decisions, agreements] = await Promise.all([
    trx.selectFrom('meeting_agenda_points').select(['id', 'column_key', 'text']).where('meeting_id', '=', meetingId).where('visibility', 'in', shared)
      .orderBy('position').orderBy('created_at').execute(),
    trx.selectFrom('meeting_decisions').select(['id', 'text']).where('meeting_id', '=', meetingId).where('visibility', 'in', shared)
      .orderBy('created_at').orderBy('id').execute(),
    sharedAgreements(trx, family.caseIds, meetingId),
  ]);
  await audit(trx, ctx, { action: 'read', entityType: 'portal_minutes', entityId: meetingId, familyIds: [family.familyId], caseIds: [meeting.case_id], reason: 'parent' });
  const minutesShared = (shared as string[]).includes(meeting.minutes_visibility);
  return {
    id: meeting.id, type: meeting.type as MeetingType, scheduledAt: new Date(meeting.scheduled_at).toISOString(),
    childFirstName: family.childOf.get(meeting.case_id)!, nextMeetingOn: meeting.next_meeting_on,
    minutes: minutesShared ? meeting.minutes : null,
    columns: columnKeys.map((key: ColumnKey) => ({ key, points: points.filter((p) => p.column_key === key).map((p) => ({ id: p.id, text: p.text })) }))
      .filter((c) => c.points.length > 0),
    decisions,
    agreements,
  };
}

/**
 * The family's årshjul for a year (001:851-884), in the shape the wheel drawing takes: activities planned with the
 * family and their meetings, shared ones only, meetings by type (never the staff's title). Follow-ups the cadence
 * merely suggests are the staff's planning aid and appear once a caseworker plans them.
 */
export async function getPortalWheel(trx: Trx, ctx: RequestContext, year: number): Promise<AnnualWheel> {
  const family = await ownFamily(trx, ctx);
  const [familyRow, stored, meetings] = await Promise.all([
    trx.selectFrom('families').select('name').where('id', '=', family.familyId).executeTakeFirstOrThrow(),
    trx.selectFrom('annual_wheel_activities').select(['id', 'case_id', 'month', 'kind', 'title', 'scheduled_at', 'visibility'])
      .where('family_id', '=', family.familyId).where('year', '=', year).where('visibility', 'in', shared)
      .orderBy('month').orderBy('scheduled_at').orderBy('created_at').execute(),
    family.caseIds.length === 0 ? [] : trx.selectFrom('meetings')
      .select(['id', 'case_id', 'type', 'scheduled_at', 'visibility', sql<number>`extract(month from scheduled_at at time zone 'Europe/Copenhagen')::int`.as('month')])
      .where('case_id', 'in', family.caseIds).where('status', '<>', 'cancelled').where('visibility', 'in', shared)
      .where(sql<boolean>`extract(year from scheduled_at at time zone 'Europe/Copenhagen') = ${year}`).orderBy('scheduled_at').execute(),
  ]);
  const months: AnnualWheel['months'] = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, activities: [] as WheelActivity[] }));
  const childName = (caseId: string | null) => (caseId ? family.childOf.get(caseId) ?? null : null);
  for (const a of stored) {
    months[a.month - 1]!.activities.push({
      key: a.id, id: a.id, source: 'planned', kind: a.kind, title: a.title, caseId: a.case_id, childName: childName(a.case_id),
      scheduledAt: a.scheduled_at ? new Date(a.scheduled_at).toISOString() : null, version: null, visibility: a.visibility,
    });
  }
  for (const m of meetings) {
    months[Number(m.month) - 1]!.activities.push({
      key: m.id, id: m.id, source: 'meeting', kind: m.type, title: null, caseId: m.case_id, childName: childName(m.case_id),
      scheduledAt: new Date(m.scheduled_at).toISOString(), version: null, visibility: m.visibility,
    });
  }
  for (const month of months) month.activities.sort((a, b) => (a.scheduledAt ?? '9').localeCompare(b.scheduledAt ?? '9'));
  await auditRead(trx, ctx, family, 'portal_annual_wheel');
  return {
    familyId: family.familyId, familyName: familyRow.name, year, months,
    cases: family.caseIds.map((caseId) => ({ caseId, childName: family.childOf.get(caseId)! })), abilities: { canEdit: false },
  };
}
