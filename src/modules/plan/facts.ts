import type { Trx } from '../../platform/db/tenant.js';

/**
 * What the guided case flow needs to know about a family's joint plan: its latest agreed version and when it was
 * agreed (EFEI step 7 is done when a joint plan is agreed, 000:139-210). Null when no version has been agreed.
 * The caller's tenant transaction scopes the query to its municipality (row-level security).
 */
export async function planFactsForFamily(trx: Trx, familyId: string): Promise<{ agreedAt: string | null; version: number | null }> {
  const row = await trx.selectFrom('joint_plans as p')
    .innerJoin('joint_plan_versions as v', (j) => j.onRef('v.municipality_id', '=', 'p.municipality_id').onRef('v.plan_id', '=', 'p.id'))
    .innerJoin('joint_plan_agreements as a', (j) => j.onRef('a.municipality_id', '=', 'v.municipality_id').onRef('a.version_id', '=', 'v.id'))
    .select(['v.number', 'a.recorded_at'])
    .where('p.family_id', '=', familyId)
    .orderBy('v.number', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return { agreedAt: null, version: null };
  return { agreedAt: new Date(row.recorded_at).toISOString(), version: row.number };
}
