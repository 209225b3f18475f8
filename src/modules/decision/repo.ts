import type { Trx } from '../../platform/db/tenant.js';
import { legalBasisLabel } from '../legal-basis/commands.js';
import type { AmountPeriod, DecisionBasis, YearlyAmountKind } from './rules.js';

/** A decision row with its basis and who recorded it. */
export async function decisionRows(trx: Trx, filter: { caseId: string } | { id: string }) {
  let query = trx.selectFrom('decisions as d')
    .innerJoin('legal_bases as lb', 'lb.id', 'd.legal_basis_id')
    .leftJoin('users as u', (j) => j.onRef('u.municipality_id', '=', 'd.municipality_id').onRef('u.id', '=', 'd.recorded_by'))
    .leftJoin('competence_plan_versions as pv', (j) => j.onRef('pv.municipality_id', '=', 'd.municipality_id').onRef('pv.id', '=', 'd.competence_plan_version_id'))
    .selectAll('d')
    .select(['lb.law', 'lb.paragraph', 'lb.subsection', 'lb.category', 'u.name as recorded_by_name', 'pv.version_no as plan_version_no']);
  query = 'id' in filter ? query.where('d.id', '=', filter.id) : query.where('d.case_id', '=', filter.caseId);
  return query.orderBy('d.decided_on', 'desc').orderBy('d.recorded_at', 'desc').execute();
}
export type DecisionRow = Awaited<ReturnType<typeof decisionRows>>[number];

/** The measures each decision names, with their § label and description. */
export async function measuresOfDecisions(trx: Trx, decisionIds: string[]) {
  if (decisionIds.length === 0) return [];
  const rows = await trx.selectFrom('decision_measures as dm')
    .innerJoin('measures as m', (j) => j.onRef('m.municipality_id', '=', 'dm.municipality_id').onRef('m.id', '=', 'dm.measure_id'))
    .innerJoin('legal_bases as lb', 'lb.id', 'm.legal_basis_id')
    .select(['dm.decision_id', 'm.id', 'm.description', 'lb.law', 'lb.paragraph', 'lb.subsection'])
    .where('dm.decision_id', 'in', decisionIds).orderBy('m.starts_on').execute();
  return rows.map((r) => ({ decisionId: r.decision_id, id: r.id, description: r.description, legalBasisLabel: legalBasisLabel(r) }));
}

/** The legal basis as the decision rules read it, with what the validity check needs; undefined when unknown. */
export async function findBasis(trx: Trx, id: string) {
  const rows = await trx.selectFrom('legal_bases').selectAll().execute();
  const row = rows.find((r) => r.id === id);
  if (!row) return undefined;
  const basis: DecisionBasis & { id: string } = {
    id: row.id, law: row.law, category: row.category, label: legalBasisLabel(row), yearlyAmountKind: row.yearly_amount_kind as YearlyAmountKind | null,
  };
  return {
    basis,
    validity: {
      id: row.id, label: basis.label, validFrom: row.valid_from, validTo: row.valid_to,
      replacedByLabels: rows.filter((r) => row.replaced_by.includes(r.id)).map(legalBasisLabel),
      replacesLabels: rows.filter((r) => r.replaced_by.includes(row.id)).map(legalBasisLabel),
    },
  };
}

export async function childBirthDate(trx: Trx, childId: string): Promise<string | null> {
  const row = await trx.selectFrom('persons').select('birth_date').where('id', '=', childId).executeTakeFirst();
  return row?.birth_date ?? null;
}

/** Which of the given measure ids are measures of the case. */
export async function measureIdsOfCase(trx: Trx, caseId: string, measureIds: string[]): Promise<Set<string>> {
  if (measureIds.length === 0) return new Set();
  const rows = await trx.selectFrom('measures').select('id').where('case_id', '=', caseId).where('id', 'in', measureIds).execute();
  return new Set(rows.map((r) => r.id));
}

export async function childFirstName(trx: Trx, childId: string): Promise<string> {
  const row = await trx.selectFrom('persons').select('first_name').where('id', '=', childId).executeTakeFirst();
  return row?.first_name ?? 'barnet';
}

/** The amount of the latest grant or change under the same basis in the case (the one a change changes), or null. */
export async function previousGrant(trx: Trx, caseId: string, legalBasisId: string, excludeId: string | null) {
  let query = trx.selectFrom('decisions').select(['amount_dkk', 'amount_period']).where('case_id', '=', caseId)
    .where('legal_basis_id', '=', legalBasisId).where('outcome', 'in', ['granted', 'changed']);
  if (excludeId) query = query.where('id', '<>', excludeId);
  const row = await query.orderBy('decided_on', 'desc').orderBy('recorded_at', 'desc').limit(1).executeTakeFirst();
  return row ? { amountDkk: row.amount_dkk === null ? null : Number(row.amount_dkk), period: row.amount_period as AmountPeriod | null } : null;
}

/** The newest letter of each decision (issue 8 item 2). */
export async function lettersOfDecisions(trx: Trx, decisionIds: string[]) {
  const result = new Map<string, { id: string; body: string; complaintDeadline: string | null; createdAt: string }>();
  if (decisionIds.length === 0) return result;
  const rows = await trx.selectFrom('decision_letters').select(['id', 'decision_id', 'body', 'complaint_deadline', 'created_at'])
    .where('decision_id', 'in', decisionIds).orderBy('decision_version', 'asc').execute();
  for (const r of rows) result.set(r.decision_id, { id: r.id, body: r.body, complaintDeadline: r.complaint_deadline, createdAt: new Date(r.created_at).toISOString() });
  return result;
}
