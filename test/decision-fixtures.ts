import type { Database } from '../src/platform/db/database.js';
import type { TestFamily, TestUser } from './factories.js';

/**
 * One row in every table of migrations 0011 (decisions, decision_measures, yearly_legal_amounts) and 0017 (competence plan), for fixtures that
 * need every tenant table filled (tenant-isolation, cross-tenant). The yearly amount is a test figure, not a real one.
 */
export async function makeDecisionRecords(db: Database, family: TestFamily, user: TestUser, measureId: string): Promise<{ decisionId: string; competenceVersionId: string }> {
  const municipalityId = family.municipalityId;
  const decision = await db.insertInto('decisions').values({
    municipality_id: municipalityId, case_id: family.caseId, decided_on: '2026-11-02', outcome: 'granted', legal_basis_id: 'BL-86',
    reasoning: 'Merudgifter til kørsel er dokumenteret.', amount_dkk: '500.00', amount_period: 'month',
    child_views_method: 'conversation', child_views_on: '2026-10-28', child_views: 'Barnet vil gerne køres til svømning.',
    recorded_by: user.id,
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('decision_measures').values({ municipality_id: municipalityId, case_id: family.caseId, decision_id: decision.id, measure_id: measureId }).execute();
  await db.insertInto('yearly_legal_amounts').values({
    municipality_id: municipalityId, year: 2026, kind: 'bl86_threshold_per_year', amount_dkk: 1000, note: 'Testværdi', updated_by: user.id,
  }).execute();
  // The decision-competence plan (migration 0017): one version with one rule.
  const version = await db.insertInto('competence_plan_versions').values({
    municipality_id: municipalityId, version_no: 1, published_by: user.id, published_at: new Date('2026-11-01T10:00:00Z'), note: 'Testplan',
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('competence_plan_rules').values({
    municipality_id: municipalityId, plan_version_id: version.id, position: 0, category: 'compensation', decided_by: 'role', role: 'coordinator',
    max_amount_dkk: 5000, amount_period: 'month',
  }).execute();
  return { decisionId: decision.id, competenceVersionId: version.id };
}

/** A rule of a test competence plan (issue 8 item 2), in the database's terms. */
export interface TestPlanRule {
  legal_basis_id?: string | null; category?: string | null; decided_by: 'role' | 'department_leader' | 'core_team' | 'visitation_committee';
  role?: string | null; department_id?: string | null; max_amount_dkk?: number | null; amount_period?: 'month' | 'year' | null;
}

/**
 * Publishes a competence plan version (the next number) straight into the database, so tests that record granted
 * decisions have a plan that allows them (issue 8 item 2: no plan → no grant).
 */
export async function publishTestPlan(db: Database, municipalityId: string, publishedBy: string, rules: TestPlanRule[], committeeOnlyCategories = ['placement']): Promise<string> {
  const latest = await db.selectFrom('competence_plan_versions').select((eb) => eb.fn.max('version_no').as('n')).where('municipality_id', '=', municipalityId).executeTakeFirst();
  const version = await db.insertInto('competence_plan_versions').values({
    municipality_id: municipalityId, version_no: (latest?.n ?? 0) + 1, published_by: publishedBy, note: 'Testplan', committee_only_categories: committeeOnlyCategories,
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('competence_plan_rules').values(rules.map((r, position) => ({
    legal_basis_id: null, category: null, role: null, department_id: null, max_amount_dkk: null, amount_period: null,
    ...r, municipality_id: municipalityId, plan_version_id: version.id, position,
  }))).execute();
  return version.id;
}

/** A plan in which a coordinator may grant everything the older decision tests grant. */
export const coordinatorMayGrantAll: TestPlanRule[] = ['preventive', 'compensation', 'assessment', 'triage', 'support_measure', 'placement', 'financial_support']
  .map((category) => ({ category, decided_by: 'role', role: 'coordinator' }));
