import type { Database } from '../src/platform/db/database.js';
import type { TestFamily, TestUser } from './factories.js';

/**
 * One row in every table of migration 0023 (fidelity status measurements), for fixtures that need every tenant table
 * filled (tenant-isolation, cross-tenant).
 */
export async function makeStatusMeasurementRecords(db: Database, family: TestFamily, rater: TestUser): Promise<{ measurementId: string }> {
  const municipalityId = family.municipalityId;
  const c = await db.selectFrom('cases').select(['model', 'responsible_department_id']).where('id', '=', family.caseId).executeTakeFirstOrThrow();
  const at = new Date('2026-11-20T10:00:00Z');
  const measurement = await db.insertInto('status_measurements').values({
    municipality_id: municipalityId, case_id: family.caseId, rater_user_id: rater.id, quarter: '2026-Q4', model: c.model, definition_version: 1,
    department_id: c.responsible_department_id, submitted_at: at, updated_at: at,
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('status_measurement_answers').values({
    municipality_id: municipalityId, measurement_id: measurement.id, element_key: 'family_involvement', question_key: `${c.model}_involvement_test`, score: 4,
  }).execute();
  await db.insertInto('status_measurement_raters').values({
    municipality_id: municipalityId, case_id: family.caseId, user_id: rater.id, added_by: rater.id, added_on: '2026-11-20',
  }).execute();
  return { measurementId: measurement.id };
}
