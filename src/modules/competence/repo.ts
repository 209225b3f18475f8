import type { Trx } from '../../platform/db/tenant.js';
import type { CompetenceDecider, CompetencePeriod, CompetenceRole, CompetenceRule } from './rules.js';
import type { PlanInForce } from '../decision/rules.js';
import type { CompetenceRuleView, CompetenceVersionSummary } from './schema.js';

/** Queries of the decision-competence plan (migration 0017). */

export async function listVersions(trx: Trx): Promise<CompetenceVersionSummary[]> {
  const rows = await trx.selectFrom('competence_plan_versions as v')
    .leftJoin('users as u', (j) => j.onRef('u.municipality_id', '=', 'v.municipality_id').onRef('u.id', '=', 'v.published_by'))
    .select((eb) => ['v.id', 'v.version_no', 'v.published_at', 'v.note', 'v.committee_only_categories', 'u.name',
      eb.selectFrom('competence_plan_rules as r').whereRef('r.plan_version_id', '=', 'v.id').select((e) => e.fn.countAll<string>().as('n')).as('rule_count')])
    .orderBy('v.version_no', 'desc').execute();
  return rows.map((r) => ({
    id: r.id, versionNo: r.version_no, publishedAt: new Date(r.published_at).toISOString(), publishedBy: r.name, note: r.note, ruleCount: Number(r.rule_count ?? 0),
    committeeOnlyCategories: r.committee_only_categories,
  }));
}

export async function currentVersionNo(trx: Trx): Promise<number> {
  const row = await trx.selectFrom('competence_plan_versions').select((eb) => eb.fn.max('version_no').as('n')).executeTakeFirst();
  return row?.n ?? 0;
}

export async function listRules(trx: Trx, versionId: string): Promise<CompetenceRuleView[]> {
  const rows = await trx.selectFrom('competence_plan_rules as r')
    .leftJoin('legal_bases as lb', 'lb.id', 'r.legal_basis_id')
    .leftJoin('departments as d', (j) => j.onRef('d.municipality_id', '=', 'r.municipality_id').onRef('d.id', '=', 'r.department_id'))
    .leftJoin('departments as p', (j) => j.onRef('p.municipality_id', '=', 'r.municipality_id').onRef('p.id', '=', 'r.default_payer_department_id'))
    .select(['r.legal_basis_id', 'lb.law', 'lb.paragraph', 'lb.subsection', 'r.category', 'r.decided_by', 'r.role', 'r.department_id', 'd.name as department_name',
      'r.max_amount_dkk', 'r.amount_period', 'r.default_payer_department_id', 'p.name as payer_name'])
    .where('r.plan_version_id', '=', versionId).orderBy('r.position').execute();
  return rows.map((r) => ({
    legalBasisId: r.legal_basis_id,
    legalBasisLabel: r.legal_basis_id && r.law ? `${r.law} §${r.paragraph}${r.subsection ? ` ${r.subsection}` : ''}` : null,
    category: r.category, decidedBy: r.decided_by as CompetenceDecider, role: r.role as CompetenceRole | null,
    departmentId: r.department_id, departmentName: r.department_name,
    maxAmountDkk: r.max_amount_dkk === null ? null : Number(r.max_amount_dkk), amountPeriod: r.amount_period as CompetencePeriod | null,
    defaultPayerDepartmentId: r.default_payer_department_id, defaultPayerDepartmentName: r.payer_name,
  }));
}

/** Inserts a version and its rules; null when another version with the same number was published first. */
export async function insertVersion(trx: Trx, values: { municipalityId: string; versionNo: number; publishedBy: string; publishedAt: Date; note: string; committeeOnlyCategories: string[] },
  rules: CompetenceRule[]): Promise<string | null> {
  const version = await trx.insertInto('competence_plan_versions').values({
    municipality_id: values.municipalityId, version_no: values.versionNo, published_by: values.publishedBy, published_at: values.publishedAt, note: values.note,
    committee_only_categories: values.committeeOnlyCategories,
  }).onConflict((oc) => oc.constraint('competence_plan_versions_no_unique').doNothing()).returning('id').executeTakeFirst();
  if (!version) return null;
  if (rules.length > 0) {
    await trx.insertInto('competence_plan_rules').values(rules.map((r, position) => ({
      municipality_id: values.municipalityId, plan_version_id: version.id, position, legal_basis_id: r.legalBasisId, category: r.category,
      decided_by: r.decidedBy, role: r.role, department_id: r.departmentId, max_amount_dkk: r.maxAmountDkk, amount_period: r.amountPeriod,
      default_payer_department_id: r.defaultPayerDepartmentId,
    }))).execute();
  }
  return version.id;
}

export async function knownReferences(trx: Trx, rules: CompetenceRule[]): Promise<{ legalBasisIds: Set<string>; departmentIds: Set<string> }> {
  const basisIds = [...new Set(rules.map((r) => r.legalBasisId).filter((v): v is string => v !== null))];
  const departmentIds = [...new Set(rules.flatMap((r) => [r.departmentId, r.defaultPayerDepartmentId]).filter((v): v is string => v !== null))];
  const bases = basisIds.length ? await trx.selectFrom('legal_bases').select('id').where('id', 'in', basisIds).execute() : [];
  const departments = departmentIds.length ? await trx.selectFrom('departments').select('id').where('id', 'in', departmentIds).execute() : [];
  return { legalBasisIds: new Set(bases.map((b) => b.id)), departmentIds: new Set(departments.map((d) => d.id)) };
}

/**
 * The plan in force (the newest version) as the decision and proposal rules read it (issue 8 items 2-3), or null
 * while none is published. The rules keep their position: a decision records which rule of which version allowed it.
 */
export async function planInForce(trx: Trx): Promise<PlanInForce<CompetenceRule & { departmentName: string | null }> | null> {
  const [version] = await trx.selectFrom('competence_plan_versions').select(['id', 'version_no', 'committee_only_categories'])
    .orderBy('version_no', 'desc').limit(1).execute();
  if (!version) return null;
  const rules = (await listRules(trx, version.id)).map((r) => ({
    legalBasisId: r.legalBasisId, category: r.category, decidedBy: r.decidedBy, role: r.role, departmentId: r.departmentId, departmentName: r.departmentName,
    maxAmountDkk: r.maxAmountDkk, amountPeriod: r.amountPeriod, defaultPayerDepartmentId: r.defaultPayerDepartmentId,
  }));
  return { versionId: version.id, versionNo: version.version_no, rules, committeeOnlyCategories: version.committee_only_categories };
}
