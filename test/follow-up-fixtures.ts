import type { Database } from '../src/platform/db/database.js';
import type { TestFamily } from './factories.js';

/**
 * One row in every table of migration 0005 (contact log, contact agreements, transitions, annual wheel), for fixtures
 * that need every tenant table filled (tenant-isolation, cross-tenant).
 */
export async function makeFollowUpRecords(db: Database, family: TestFamily): Promise<{ wheelActivityId: string }> {
  const municipalityId = family.municipalityId;
  await db.insertInto('contact_log').values({
    municipality_id: municipalityId, family_id: family.familyId, case_id: family.caseId, kind: 'follow_up', channel: 'phone', occurred_on: '2026-11-01', summary: 'Opfølgning',
  }).execute();
  await db.insertInto('contact_agreements').values({ municipality_id: municipalityId, family_id: family.familyId, revision: 1, channels: ['phone'], every_days: 14 }).execute();
  await db.insertInto('case_transitions').values({ municipality_id: municipalityId, case_id: family.caseId, started_on: '2026-11-01' }).execute();
  const activity = await db.insertInto('annual_wheel_activities').values({
    municipality_id: municipalityId, family_id: family.familyId, year: 2027, month: 3, kind: 'network_meeting',
  }).returning('id').executeTakeFirstOrThrow();
  return { wheelActivityId: activity.id };
}
