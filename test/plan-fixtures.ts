import { randomUUID } from 'node:crypto';
import type { Database } from '../src/platform/db/database.js';
import type { TestFamily, TestMunicipality, TestUser } from './factories.js';

/** One row in every table of the joint plan and the child's voice (migration 0004). */
export async function makePlanRecords(db: Database, municipality: TestMunicipality, family: TestFamily, user: TestUser, meetingId: string, measureId: string): Promise<void> {
  const m = municipality.id;
  const at = '2026-11-20T12:00:00Z';
  const plan = await db.insertInto('joint_plans').values({ municipality_id: m, family_id: family.familyId, latest_version: 1, created_by: user.id }).returning('id').executeTakeFirstOrThrow();
  const version = await db.insertInto('joint_plan_versions').values({
    municipality_id: m, plan_id: plan.id, number: 1, based_on: null, reason: 'Første plan', meeting_id: meetingId, created_by: user.id, created_at: at,
  }).returning('id').executeTakeFirstOrThrow();
  const goal = await db.insertInto('joint_plan_goals').values({
    municipality_id: m, version_id: version.id, goal_key: randomUUID(), position: 0, title: 'Sove i eget værelse', concerns_person_id: family.child.id, horizon: 'short',
    specific: 's', measurable: 'm', accepted: 'a', realistic: 'r', starts_on: '2026-12-01', ends_on: '2027-03-01', evaluation: 'e',
    family_words: null, professional_assessment: null, status_note: null, status_meeting_id: meetingId,
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('joint_plan_goal_owners').values({ municipality_id: m, goal_id: goal.id, kind: 'person', person_id: family.parent.id, user_id: null, partner_name: null, position: 0 }).execute();
  await db.insertInto('joint_plan_goal_measures').values({ municipality_id: m, goal_id: goal.id, measure_id: measureId }).execute();
  await db.insertInto('joint_plan_goal_departments').values({ municipality_id: m, goal_id: goal.id, department_id: municipality.departments.child_disability }).execute();
  await db.insertInto('joint_plan_activities').values({
    municipality_id: m, goal_id: goal.id, position: 0, description: 'Søge aflastning', responsible_kind: 'user', responsible_person_id: null,
    responsible_user_id: user.id, responsible_partner_name: null, due_on: '2026-12-15',
  }).execute();
  const agreement = await db.insertInto('joint_plan_agreements').values({
    municipality_id: m, version_id: version.id, agreed_on: '2026-11-20', note: null, recorded_by: user.id, recorded_at: at,
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('joint_plan_agreement_parties').values({ municipality_id: m, agreement_id: agreement.id, person_id: family.parent.id, user_id: null }).execute();
  await db.insertInto('child_voice_notes').values({
    municipality_id: m, child_id: family.child.id, occurred_on: '2026-11-20', method: 'observation', summary: 'Smilede ved snak om svømning', meeting_id: meetingId,
    recorded_by: user.id, recorded_at: at,
  }).execute();
  await db.insertInto('dialogue_ruler_scores').values({
    municipality_id: m, child_id: family.child.id, scored_on: '2026-11-20', topic: 'Skole', score: 4, comment: null, meeting_id: meetingId, recorded_by: user.id, recorded_at: at,
  }).execute();
}
