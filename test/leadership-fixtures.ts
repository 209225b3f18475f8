import type { Database } from '../src/platform/db/database.js';
import type { TestFamily, TestUser } from './factories.js';

/** A follow-up held on a day, logged in the contact log (counts like a held follow-up meeting, cadence/repo.ts). */
export async function logFollowUp(db: Database, family: TestFamily, user: TestUser, on: string): Promise<void> {
  await db.insertInto('contact_log').values({
    municipality_id: family.municipalityId, family_id: family.familyId, case_id: family.caseId, kind: 'follow_up', channel: 'phone',
    direction: 'outgoing', occurred_on: on, summary: 'Opfølgning holdt.', recorded_by: user.id,
  }).execute();
}

/**
 * Rows in every table of migrations 0021 (follow_up_escalations) and 0024 (follow_up_episodes; the case's
 * follow_up_episode_state row is made by the trigger on cases), for the tenant guards; `user` stands in as the team leader.
 */
export async function makeLeadershipRecords(db: Database, family: TestFamily, user: TestUser): Promise<{ escalationId: string }> {
  const c = await db.selectFrom('cases').select('responsible_department_id').where('id', '=', family.caseId).executeTakeFirstOrThrow();
  const row = await db.insertInto('follow_up_escalations').values({
    municipality_id: family.municipalityId, case_id: family.caseId, due_on: '2026-10-01', counts_from: '2026-07-01', escalated_on: '2026-10-15',
    overdue_days: 14, department_id: c.responsible_department_id, team_leader_user_id: user.id,
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('follow_up_episodes').values({
    municipality_id: family.municipalityId, case_id: family.caseId, department_id: c.responsible_department_id, due_on: '2026-10-01',
    held_on: null, outcome: 'overdue', lead_user_id: user.id, case_closed_on: null,
  }).execute();
  return { escalationId: row.id };
}
