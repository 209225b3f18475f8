import type { Database } from '../src/platform/db/database.js';
import type { TestFamily, TestUser } from './factories.js';

export interface TestAssessmentRecords { screeningId: string; notificationId: string; reassessmentId: string }

/**
 * One row in every table of migration 0009 (§18 screenings, §137 notifications and re-assessments), for fixtures that
 * need every tenant table filled (tenant-isolation, cross-tenant).
 */
export async function makeAssessmentRecords(db: Database, family: TestFamily, user: TestUser): Promise<TestAssessmentRecords> {
  const municipalityId = family.municipalityId;
  const screening = await db.insertInto('screenings').values({
    municipality_id: municipalityId, case_id: family.caseId, aware_on: '2026-11-01', screened_on: '2026-11-03', outcome: 'afdaekning',
    reasons: 'Skolen beskriver uro', recorded_by: user.id,
  }).returning('id').executeTakeFirstOrThrow();
  const notification = await db.insertInto('notifications').values({
    municipality_id: municipalityId, case_id: family.caseId, received_on: '2026-11-10', source: 'school', summary: 'Underretning fra skolen', recorded_by: user.id,
  }).returning('id').executeTakeFirstOrThrow();
  const reassessment = await db.insertInto('reassessments').values({
    municipality_id: municipalityId, case_id: family.caseId, notification_id: notification.id, opened_on: '2026-11-10',
  }).returning('id').executeTakeFirstOrThrow();
  return { screeningId: screening.id, notificationId: notification.id, reassessmentId: reassessment.id };
}
