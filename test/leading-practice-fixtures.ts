import type { Database } from '../src/platform/db/database.js';
import type { TestFamily, TestUser } from './factories.js';

/**
 * One row in every table of migration 0022 (issue 9 items 3-6: handover notes, transition track and steps, leaders'
 * meeting series, members, meetings and decisions, learning goals), for the tenant and cross-tenant canaries.
 */
export interface TestLeadingPracticeRecords {
  handoverNoteId: string;
  stepId: string;
  seriesId: string;
  meetingId: string;
  learningGoalId: string;
}

export async function makeLeadingPracticeRecords(db: Database, family: TestFamily, user: TestUser, other: TestUser): Promise<TestLeadingPracticeRecords> {
  const municipality_id = family.municipalityId;
  const at = new Date('2026-11-21T10:00:00Z');
  const note = await db.insertInto('handover_notes').values({
    municipality_id, case_id: family.caseId, from_user_id: other.id, to_user_id: user.id, role: 'primary_caseworker', handed_over_on: '2026-11-21',
    family_needs: 'Ring om eftermiddagen.', open_agreements: 'Aflastning', next_dates: '2026-12-01', created_by: user.id, created_at: at,
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('case_transition_tracks').values({ municipality_id, case_id: family.caseId, adult_contact_name: 'Voksen Vera', updated_by: user.id, updated_at: at }).execute();
  const step = await db.insertInto('case_transition_steps').values({
    municipality_id, case_id: family.caseId, title: 'Møde med voksenområdet', planned_on: '2027-01-10', created_by: user.id, created_at: at,
  }).returning('id').executeTakeFirstOrThrow();
  const series = await db.insertInto('leader_meeting_series').values({
    municipality_id, kind: 'stop_op', title: 'Stop-op', first_on: '2026-09-01', created_by: user.id, created_at: at,
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('leader_meeting_members').values({ municipality_id, series_id: series.id, user_id: user.id }).execute();
  const meeting = await db.insertInto('leader_meetings').values({ municipality_id, series_id: series.id, scheduled_on: '2026-09-01' }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('leader_meeting_decisions').values({
    municipality_id, meeting_id: meeting.id, text: 'Gennemgå sager uden opfølgning', responsible_user_id: user.id, created_by: user.id, created_at: at,
  }).execute();
  const goal = await db.insertInto('learning_goals').values({
    municipality_id, employee_user_id: other.id, leader_user_id: user.id, buddy_user_id: null, goal: 'Lede netværksmøder', follow_up_on: '2027-01-15', created_by: user.id, created_at: at,
  }).returning('id').executeTakeFirstOrThrow();
  return { handoverNoteId: note.id, stepId: step.id, seriesId: series.id, meetingId: meeting.id, learningGoalId: goal.id };
}
