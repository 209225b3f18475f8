import type { Trx } from '../../platform/db/tenant.js';

/** A case's notifications (newest first) with their re-assessments and the names of who recorded, holds and completed them. */
export async function notificationsOf(trx: Trx, caseId: string) {
  return trx.selectFrom('notifications as n')
    .innerJoin('users as u', (j) => j.onRef('u.municipality_id', '=', 'n.municipality_id').onRef('u.id', '=', 'n.recorded_by'))
    .leftJoin('reassessments as r', (j) => j.onRef('r.municipality_id', '=', 'n.municipality_id').onRef('r.notification_id', '=', 'n.id'))
    .leftJoin('users as au', (j) => j.onRef('au.municipality_id', '=', 'r.municipality_id').onRef('au.id', '=', 'r.assigned_user_id'))
    .leftJoin('users as cu', (j) => j.onRef('cu.municipality_id', '=', 'r.municipality_id').onRef('cu.id', '=', 'r.completed_by'))
    .select(['n.id', 'n.received_on', 'n.source', 'n.summary', 'u.name as recorded_by', 'n.recorded_at',
      'r.id as reassessment_id', 'r.opened_on', 'r.assigned_user_id', 'au.name as assigned_user_name', 'r.completed_on', 'r.conclusion',
      'cu.name as completed_by_name', 'r.version'])
    .where('n.case_id', '=', caseId)
    .orderBy('n.received_on', 'desc').orderBy('n.recorded_at', 'desc')
    .execute();
}

/**
 * Barnets Lov §137 "someone new to the case": the staff who were assigned to the case or on its core team before the
 * given day (the day the notification was received), whether or not they still are.
 */
export async function usersOnCaseBefore(trx: Trx, caseId: string, day: string): Promise<Set<string>> {
  const rows = await trx.selectFrom('case_assignments').select('user_id').where('case_id', '=', caseId).where('starts_on', '<', day)
    .union(trx.selectFrom('case_team_members').select('user_id').where('case_id', '=', caseId).where('added_on', '<', day))
    .execute();
  return new Set(rows.map((r) => r.user_id));
}

/** Whether the user works on the case today (an assignment or core-team membership), i.e. has need-to-know through it. */
export async function worksOnCase(trx: Trx, caseId: string, userId: string, today: string): Promise<boolean> {
  const assignment = await trx.selectFrom('case_assignments').select('id').where('case_id', '=', caseId).where('user_id', '=', userId)
    .where('starts_on', '<=', today).where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', today)])).executeTakeFirst();
  if (assignment) return true;
  const member = await trx.selectFrom('case_team_members').select('id').where('case_id', '=', caseId).where('user_id', '=', userId)
    .where('removed_on', 'is', null).executeTakeFirst();
  return !!member;
}
