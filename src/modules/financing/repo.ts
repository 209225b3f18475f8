import { sql } from 'kysely';
import type { Trx } from '../../platform/db/tenant.js';
import { legalBasisLabel } from '../legal-basis/commands.js';
import type { FinancingShare, FinancingStatus } from './rules.js';
import type { FinancingVersionView } from './schema.js';

/** Queries of shared financing (migration 0019). */

export async function measureRow(trx: Trx, measureId: string) {
  return trx.selectFrom('measures as m')
    .innerJoin('legal_bases as lb', 'lb.id', 'm.legal_basis_id')
    .select(['m.id', 'm.case_id', 'm.department_id', 'm.starts_on', 'm.ends_on', 'm.legal_basis_id', 'lb.law', 'lb.paragraph', 'lb.subsection', 'lb.category'])
    .where('m.id', '=', measureId).executeTakeFirst();
}
export type MeasureRow = NonNullable<Awaited<ReturnType<typeof measureRow>>>;
export const measureLabel = (row: MeasureRow) => legalBasisLabel(row);

/** Whether a decision with outcome 'granted' names the measure. */
export async function isGranted(trx: Trx, measureId: string): Promise<boolean> {
  const row = await trx.selectFrom('decision_measures as dm')
    .innerJoin('decisions as d', (j) => j.onRef('d.municipality_id', '=', 'dm.municipality_id').onRef('d.id', '=', 'dm.decision_id'))
    .select('d.id').where('dm.measure_id', '=', measureId).where('d.outcome', '=', 'granted').limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function listDepartments(trx: Trx): Promise<Array<{ id: string; name: string }>> {
  return trx.selectFrom('departments').select(['id', 'name']).orderBy('name').execute();
}

/**
 * The default payer of the competence plan in force for each (paragraph, category): the paragraph's rule beats the
 * category's (competence/rules.ts competenceFor). Returns the rules of the newest version.
 */
export async function currentPlanPayers(trx: Trx): Promise<Array<{ legalBasisId: string | null; category: string | null; payer: string | null }>> {
  const rows = await trx.selectFrom('competence_plan_rules as r')
    .select(['r.legal_basis_id', 'r.category', 'r.default_payer_department_id'])
    .where('r.plan_version_id', '=', (eb) => eb.selectFrom('competence_plan_versions').select('id').orderBy('version_no', 'desc').limit(1))
    .orderBy('r.position').execute();
  return rows.map((r) => ({ legalBasisId: r.legal_basis_id, category: r.category, payer: r.default_payer_department_id }));
}

export async function listVersions(trx: Trx, measureId: string): Promise<FinancingVersionView[]> {
  const versions = await trx.selectFrom('measure_financing_versions as v')
    .leftJoin('users as u', (j) => j.onRef('u.municipality_id', '=', 'v.municipality_id').onRef('u.id', '=', 'v.created_by'))
    .select(['v.id', 'v.version_no', 'v.status', 'v.reason', 'v.dispute_reason', 'v.created_at', 'u.name'])
    .where('v.measure_id', '=', measureId).orderBy('v.version_no', 'desc').execute();
  const shares = versions.length === 0 ? [] : await trx.selectFrom('measure_financing_shares as s')
    .innerJoin('departments as d', (j) => j.onRef('d.municipality_id', '=', 's.municipality_id').onRef('d.id', '=', 's.department_id'))
    .select(['s.version_id', 's.department_id', 'd.name', 's.valid_from', 's.valid_to', 's.share_bp'])
    .where('s.version_id', 'in', versions.map((v) => v.id)).orderBy('s.valid_from').orderBy('s.share_bp', 'desc').execute();
  return versions.map((v) => ({
    versionNo: v.version_no, status: v.status as FinancingStatus, reason: v.reason, disputeReason: v.dispute_reason,
    createdBy: v.name, createdAt: new Date(v.created_at).toISOString(),
    shares: shares.filter((s) => s.version_id === v.id).map((s) => ({
      departmentId: s.department_id, departmentName: s.name, validFrom: s.valid_from, validTo: s.valid_to, shareBp: s.share_bp,
    })),
  }));
}

/** Inserts a version and its shares; null when another version with the same number was saved first. */
export async function insertVersion(trx: Trx, values: {
  municipalityId: string; caseId: string; measureId: string; versionNo: number; status: FinancingStatus; reason: string; disputeReason: string | null;
  createdBy: string; createdAt: Date;
}, shares: FinancingShare[]): Promise<string | null> {
  const version = await trx.insertInto('measure_financing_versions').values({
    municipality_id: values.municipalityId, case_id: values.caseId, measure_id: values.measureId, version_no: values.versionNo, status: values.status,
    reason: values.reason, dispute_reason: values.disputeReason, created_by: values.createdBy, created_at: values.createdAt,
  }).onConflict((oc) => oc.constraint('measure_financing_versions_no_unique').doNothing()).returning('id').executeTakeFirst();
  if (!version) return null;
  await trx.insertInto('measure_financing_shares').values(shares.map((s) => ({
    municipality_id: values.municipalityId, version_id: version.id, department_id: s.departmentId, valid_from: s.validFrom, valid_to: s.validTo, share_bp: s.shareBp,
  }))).execute();
  return version.id;
}

/** The shares of the newest version of each measure (the split in force). */
export async function sharesInForceOf(trx: Trx, measureIds: string[]): Promise<Map<string, FinancingShare[]>> {
  const result = new Map<string, FinancingShare[]>();
  if (measureIds.length === 0) return result;
  const rows = await sql<{ measure_id: string; department_id: string; valid_from: string; valid_to: string | null; share_bp: number }>`
    select v.measure_id, s.department_id, s.valid_from, s.valid_to, s.share_bp
      from (select distinct on (measure_id) id, municipality_id, measure_id from measure_financing_versions
             where measure_id = any(${measureIds}::uuid[]) order by measure_id, version_no desc) v
      join measure_financing_shares s on s.municipality_id = v.municipality_id and s.version_id = v.id
     order by v.measure_id, s.valid_from, s.department_id`.execute(trx);
  for (const r of rows.rows) {
    result.set(r.measure_id, [...(result.get(r.measure_id) ?? []), { departmentId: r.department_id, validFrom: r.valid_from, validTo: r.valid_to, shareBp: r.share_bp }]);
  }
  return result;
}
