import type { Trx } from '../../platform/db/tenant.js';

export async function findSeries(trx: Trx, id: string) {
  return trx.selectFrom('leader_meeting_series').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function membersOf(trx: Trx, seriesId: string) {
  return trx.selectFrom('leader_meeting_members as m')
    .innerJoin('users as u', (j) => j.onRef('u.municipality_id', '=', 'm.municipality_id').onRef('u.id', '=', 'm.user_id'))
    .select(['u.id', 'u.name', 'u.email', 'u.department_id', 'u.active']).where('m.series_id', '=', seriesId).orderBy('u.name').execute();
}

export async function meetingsOf(trx: Trx, seriesId: string) {
  return trx.selectFrom('leader_meetings').select(['id', 'scheduled_on', 'status', 'held_on']).where('series_id', '=', seriesId).orderBy('scheduled_on').execute();
}

export async function findMeeting(trx: Trx, id: string) {
  return trx.selectFrom('leader_meetings').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function decisionsOf(trx: Trx, meetingId: string) {
  return trx.selectFrom('leader_meeting_decisions as d')
    .innerJoin('users as u', (j) => j.onRef('u.municipality_id', '=', 'd.municipality_id').onRef('u.id', '=', 'd.responsible_user_id'))
    .select(['d.id', 'd.text', 'd.due_on', 'd.created_at', 'u.id as user_id', 'u.name']).where('d.meeting_id', '=', meetingId).orderBy('d.created_at').execute();
}

export async function activeStaff(trx: Trx, ids: string[]) {
  if (ids.length === 0) return [];
  return trx.selectFrom('users').select(['id']).where('id', 'in', ids).where('active', '=', true)
    .where((eb) => eb.or(['coordinator', 'core_team_member', 'team_leader', 'department_head'].map((r) => eb(eb.val(r), '=', eb.fn.any('roles'))))).execute();
}
