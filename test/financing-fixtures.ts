import type { Database } from '../src/platform/db/database.js';
import type { TestFamily, TestMunicipality, TestUser } from './factories.js';

/**
 * Shared financing and cost postings (migration 0019) for tests: a granted measure, a plan with a default payer, and one
 * row in every table of the migration for fixtures that need every tenant table filled (tenant-isolation).
 */

/** A measure of the family's case and a decision with outcome 'granted' naming it (written directly, as H1's rules may change). */
export async function grantMeasure(db: Database, municipality: TestMunicipality, family: TestFamily, user: TestUser, options: {
  legalBasisId?: string; amountDkk?: string | null; period?: 'month' | 'year' | 'once' | null; decidedOn?: string; startsOn?: string; endsOn?: string | null;
  department?: keyof TestMunicipality['departments']; outcome?: 'granted' | 'refused';
} = {}): Promise<{ measureId: string; decisionId: string }> {
  const legalBasisId = options.legalBasisId ?? 'BL-86';
  const measure = await db.insertInto('measures').values({
    municipality_id: municipality.id, case_id: family.caseId, legal_basis_id: legalBasisId, department_id: municipality.departments[options.department ?? 'child_disability'],
    description: 'Bevilget ydelse', starts_on: options.startsOn ?? '2026-01-01', ends_on: options.endsOn ?? null,
  }).returning('id').executeTakeFirstOrThrow();
  const decision = await db.insertInto('decisions').values({
    municipality_id: municipality.id, case_id: family.caseId, decided_on: options.decidedOn ?? '2025-12-15', outcome: options.outcome ?? 'granted',
    legal_basis_id: legalBasisId, reasoning: 'Behovet er dokumenteret.', amount_dkk: options.amountDkk === undefined ? '1000.00' : options.amountDkk,
    amount_period: options.period === undefined ? 'month' : options.period,
    child_views_not_obtained_reason: 'Barnet er for lille til at udtale sig.', recorded_by: user.id,
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('decision_measures').values({ municipality_id: municipality.id, case_id: family.caseId, decision_id: decision.id, measure_id: measure.id }).execute();
  return { measureId: measure.id, decisionId: decision.id };
}

/** A competence plan whose rule for the paragraph names the default payer. */
export async function planWithPayer(db: Database, municipalityId: string, user: TestUser, legalBasisId: string, payerDepartmentId: string): Promise<void> {
  const version = await db.insertInto('competence_plan_versions').values({
    municipality_id: municipalityId, version_no: 1, published_by: user.id, note: 'Testplan',
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('competence_plan_rules').values({
    municipality_id: municipalityId, plan_version_id: version.id, position: 0, legal_basis_id: legalBasisId, decided_by: 'role', role: 'coordinator',
    default_payer_department_id: payerDepartmentId,
  }).execute();
}

/** One row in each table of migration 0019 (measure_financing_versions, measure_financing_shares, cost_postings). */
export async function makeFinancingRecords(db: Database, family: TestFamily, user: TestUser, measureId: string, departmentId: string): Promise<void> {
  const municipalityId = family.municipalityId;
  const version = await db.insertInto('measure_financing_versions').values({
    municipality_id: municipalityId, case_id: family.caseId, measure_id: measureId, version_no: 1, status: 'proposed', reason: 'Forslag fra kompetenceplanen', created_by: user.id,
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('measure_financing_shares').values({
    municipality_id: municipalityId, version_id: version.id, department_id: departmentId, valid_from: '2026-01-01', valid_to: null, share_bp: 10000,
  }).execute();
  await db.insertInto('cost_postings').values({
    municipality_id: municipalityId, case_id: family.caseId, measure_id: measureId, month: '2026-11-01', department_id: departmentId,
    expense_category: 'coordinator_salary', amount_ore: 81_250, source: 'manual', note: 'Koordinatorløn', created_by: user.id,
  }).execute();
}
