import { sql } from 'kysely';
import type { Trx } from '../../platform/db/tenant.js';
import { templateColumns } from './rules.js';
import type {
  AgendaPointView, AgreementView, ColumnKey, DecisionView, MeetingSummary, MeetingTemplate, ParticipantView,
} from './schema.js';

/** Kysely queries of the meeting module; every function takes the tenant transaction first. */

export interface MeetingRow {
  id: string;
  case_id: string;
  type: MeetingSummary['type'];
  template: MeetingTemplate;
  child_contact: MeetingSummary['childContact'];
  title: string | null;
  scheduled_at: Date;
  location: string | null;
  status: MeetingSummary['status'];
  minutes: string | null;
  next_meeting_on: string | null;
  no_next_meeting_reason: string | null;
  closed_at: Date | null;
  version: number;
  visibility: MeetingSummary['visibility'];
  minutes_visibility: MeetingSummary['visibility'];
}

const meetingColumns = ['id', 'case_id', 'type', 'template', 'child_contact', 'title', 'scheduled_at', 'location', 'status', 'minutes',
  'next_meeting_on', 'no_next_meeting_reason', 'closed_at', 'version', 'visibility', 'minutes_visibility'] as const;

export async function findMeeting(trx: Trx, meetingId: string): Promise<MeetingRow | undefined> {
  return (await trx.selectFrom('meetings').select(meetingColumns).where('id', '=', meetingId).executeTakeFirst()) as MeetingRow | undefined;
}

export async function meetingsOfCase(trx: Trx, caseId: string): Promise<MeetingRow[]> {
  return (await trx.selectFrom('meetings').select(meetingColumns).where('case_id', '=', caseId)
    .orderBy('scheduled_at', 'desc').orderBy('created_at', 'desc').execute()) as MeetingRow[];
}

export function summaryOf(r: MeetingRow): MeetingSummary {
  return {
    id: r.id, caseId: r.case_id, type: r.type, template: r.template, childContact: r.child_contact, title: r.title,
    scheduledAt: new Date(r.scheduled_at).toISOString(), location: r.location, status: r.status, nextMeetingOn: r.next_meeting_on,
    noNextMeetingReason: r.no_next_meeting_reason, closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null, version: r.version,
    visibility: r.visibility, minutesVisibility: r.minutes_visibility,
  };
}

export async function participantsOf(trx: Trx, meetingId: string, familyId: string): Promise<ParticipantView[]> {
  const rows = await trx.selectFrom('meeting_participants as mp')
    .leftJoin('users as u', (join) => join.onRef('u.municipality_id', '=', 'mp.municipality_id').onRef('u.id', '=', 'mp.user_id'))
    .leftJoin('departments as d', (join) => join.onRef('d.municipality_id', '=', 'u.municipality_id').onRef('d.id', '=', 'u.department_id'))
    .leftJoin('persons as p', (join) => join.onRef('p.municipality_id', '=', 'mp.municipality_id').onRef('p.id', '=', 'mp.person_id'))
    .leftJoin('family_members as fm', (join) => join.onRef('fm.municipality_id', '=', 'mp.municipality_id')
      .onRef('fm.person_id', '=', 'mp.person_id').on('fm.family_id', '=', familyId))
    .select(['mp.id', 'mp.kind', 'mp.user_id', 'mp.person_id', 'mp.guest_name', 'mp.guest_organisation', 'mp.role',
      'u.name as user_name', 'u.roles as user_roles', 'd.name as department_name', 'p.first_name', 'p.last_name', 'fm.relation'])
    .where('mp.meeting_id', '=', meetingId)
    // Chair and minute taker first (000:586-589), then staff and partners, family, guests; added together = same time.
    .orderBy(sql`array_position(array['chair','minute_taker','participant'], mp.role)`)
    .orderBy(sql`array_position(array['user','person','guest'], mp.kind)`)
    .orderBy('mp.created_at').orderBy('mp.id').execute();
  return rows.map((r) => {
    const kind = r.kind as ParticipantView['kind'];
    const category: ParticipantView['category'] = kind === 'person' ? 'family' : kind === 'guest' ? 'guest'
      : (r.user_roles ?? []).includes('external_partner') ? 'partner' : 'staff';
    const name = kind === 'user' ? r.user_name ?? '' : kind === 'person' ? `${r.first_name ?? ''} ${r.last_name ?? ''}`.trim() : r.guest_name ?? '';
    const organisation = kind === 'user' ? r.department_name ?? null : kind === 'guest' ? r.guest_organisation : null;
    return {
      id: r.id, kind, userId: r.user_id, personId: r.person_id, name, organisation, relation: r.relation ?? null, category, role: r.role as ParticipantView['role'],
    };
  });
}

export async function agendaOf(trx: Trx, meetingId: string, template: MeetingTemplate): Promise<Array<{ key: ColumnKey; points: AgendaPointView[] }>> {
  const rows = await trx.selectFrom('meeting_agenda_points').select(['id', 'column_key', 'text', 'position', 'version', 'visibility'])
    .where('meeting_id', '=', meetingId).orderBy('position').orderBy('created_at').execute();
  return templateColumns[template].map((key) => ({
    key,
    points: rows.filter((r) => r.column_key === key).map((r) => ({ id: r.id, column: key, text: r.text, position: r.position, version: r.version, visibility: r.visibility })),
  }));
}

export async function decisionsOf(trx: Trx, meetingId: string): Promise<DecisionView[]> {
  const rows = await trx.selectFrom('meeting_decisions').select(['id', 'text', 'created_at', 'visibility']).where('meeting_id', '=', meetingId)
    .orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, text: r.text, createdAt: new Date(r.created_at).toISOString(), visibility: r.visibility }));
}

/** Agreements of some meetings, oldest first, with their owner's name. */
export async function agreementsOf(trx: Trx, meetingIds: string[]): Promise<AgreementView[]> {
  if (meetingIds.length === 0) return [];
  const rows = await trx.selectFrom('meeting_agreements as a')
    .leftJoin('users as u', (join) => join.onRef('u.municipality_id', '=', 'a.municipality_id').onRef('u.id', '=', 'a.owner_user_id'))
    .leftJoin('persons as p', (join) => join.onRef('p.municipality_id', '=', 'a.municipality_id').onRef('p.id', '=', 'a.owner_person_id'))
    .select(['a.id', 'a.meeting_id', 'a.text', 'a.owner_user_id', 'a.owner_person_id', 'a.due_on', 'a.status', 'a.version', 'a.visibility',
      'u.name as user_name', 'p.first_name', 'p.last_name'])
    .where('a.meeting_id', 'in', meetingIds)
    .orderBy('a.created_at').orderBy('a.id').execute();
  return rows.map((r) => ({
    id: r.id, meetingId: r.meeting_id, text: r.text,
    owner: r.owner_person_id
      ? { kind: 'family' as const, userId: null, personId: r.owner_person_id, name: `${r.first_name ?? ''} ${r.last_name ?? ''}`.trim() }
      : { kind: 'staff' as const, userId: r.owner_user_id, personId: null, name: r.user_name ?? '' },
    dueOn: r.due_on, status: r.status as AgreementView['status'], version: r.version, visibility: r.visibility,
  }));
}

/** Whether the person is a member of the family. */
export async function isFamilyMember(trx: Trx, familyId: string, personId: string): Promise<boolean> {
  const row = await trx.selectFrom('family_members').select('person_id').where('family_id', '=', familyId).where('person_id', '=', personId).executeTakeFirst();
  return !!row;
}

export async function findUser(trx: Trx, userId: string) {
  return trx.selectFrom('users').select(['id', 'roles', 'active', 'person_id']).where('id', '=', userId).executeTakeFirst();
}

/** The closed meetings of a case: the facts the guided flow derives its steps from. */
export async function closedMeetingsOfCase(trx: Trx, caseId: string) {
  return trx.selectFrom('meetings').select(['id', 'type', 'child_contact', 'scheduled_at', 'closed_at', 'next_meeting_on'])
    .where('case_id', '=', caseId).where('status', '=', 'closed').orderBy('scheduled_at').execute();
}
