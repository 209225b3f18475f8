import { audit } from '../../platform/audit/audit.js';
import { todayIn } from '../../platform/clock/clock.js';
import type { RequestContext, Trx } from '../../platform/db/tenant.js';
import { conflict, forbidden, notFound, unprocessable } from '../../platform/http/errors.js';
import { allows, allowsCase, type CaseAccessReason } from '../../platform/policy/policy.js';
import { hasRole } from '../../platform/auth/actor.js';
import { findCase } from '../case/index.js';
import { competenceFor, type CompetenceRule } from '../competence/rules.js';
import {
  currentPlanPayers, insertVersion, isGranted, listDepartments, listVersions, measureLabel, measureRow, sharesInForceOf, type MeasureRow,
} from './repo.js';
import { checkFinancingShares, checkStatusChange, financingRole, proposedSplit, type FinancingShare, type FinancingStatus } from './rules.js';
import type { FinancingSplitInput, FinancingStatusInput, MeasureFinancingView } from './schema.js';

/**
 * Shared financing of a granted measure (issue 8 item 4; 000:860-881): read by whoever may read the case, by the
 * leaders of the paying departments and by controllers (money, not narrative); proposed and changed by whoever may
 * change the case or leads a paying department; agreed or disputed by the case's core team and those leaders. Every
 * change is a new version (who, when, why); a stale version is 409.
 */

interface Access {
  row: MeasureRow; familyId: string; reason: CaseAccessReason | null; auditReason: string; role: ReturnType<typeof financingRole>;
  versions: Awaited<ReturnType<typeof listVersions>>;
}

function leaderDepartment(ctx: RequestContext): string | null {
  return hasRole(ctx.actor, 'team_leader', 'department_head') ? ctx.actor.departmentId : null;
}

async function loadMeasure(trx: Trx, ctx: RequestContext, measureId: string, extraDepartmentIds: string[] = []): Promise<Access> {
  const row = await measureRow(trx, measureId);
  if (!row) throw notFound('The measure');
  const found = await findCase(trx, ctx.actor, todayIn(ctx.clock), row.case_id);
  if (!found) throw notFound('The measure');
  const reason = found.reason;
  const versions = await listVersions(trx, measureId);
  const departmentIds = [row.department_id, ...(versions[0]?.shares.map((s) => s.departmentId) ?? []), ...extraDepartmentIds];
  const role = financingRole({
    caseEdit: allowsCase(reason, 'edit'), coreTeam: reason === 'core_team', leaderOfDepartmentId: leaderDepartment(ctx), departmentIds,
  });
  const controller = allows(ctx.actor, 'read_any_family_costs');
  if (!allowsCase(reason, 'read') && role === null && !controller) throw notFound('The measure');
  return { row, familyId: found.family_id, reason, auditReason: reason ?? role ?? 'controller', role, versions };
}

/** The plan's default payer for the measure's paragraph or category (competence/rules.ts competenceFor), or null. */
export async function defaultPayerFor(trx: Trx, basis: { legalBasisId: string; category: string }): Promise<string | null> {
  const rules = (await currentPlanPayers(trx)).map((r) => ({ ...r, defaultPayerDepartmentId: r.payer }) as unknown as CompetenceRule);
  return competenceFor({ rules }, basis)?.rule.defaultPayerDepartmentId ?? null;
}

/** The split in force of each measure (the newest version), for the posting run. */
export function splitsInForce(trx: Trx, measureIds: string[]): Promise<Map<string, FinancingShare[]>> {
  return sharesInForceOf(trx, measureIds);
}

async function viewOf(trx: Trx, ctx: RequestContext, access: Access, versions: Awaited<ReturnType<typeof listVersions>>): Promise<MeasureFinancingView> {
  const { row, role } = access;
  const [granted, defaultPayer, departments] = await Promise.all([
    isGranted(trx, row.id), defaultPayerFor(trx, { legalBasisId: row.legal_basis_id, category: row.category }), listDepartments(trx),
  ]);
  const current = versions[0] ?? null;
  const nameOf = (id: string) => departments.find((d) => d.id === id)?.name ?? '';
  const proposal = current ? null : proposedSplit(defaultPayer ?? row.department_id, row.starts_on).map((s) => ({ ...s, departmentName: nameOf(s.departmentId) }));
  return {
    measureId: row.id, caseId: row.case_id, legalBasisLabel: measureLabel(row), measureDepartmentId: row.department_id, granted,
    defaultPayerDepartmentId: defaultPayer, current, proposal, history: versions, departments,
    abilities: {
      canPropose: granted && role !== null,
      canAgree: granted && role !== null && current?.status === 'proposed',
    },
  };
}

export async function getFinancing(trx: Trx, ctx: RequestContext, measureId: string): Promise<MeasureFinancingView> {
  const access = await loadMeasure(trx, ctx, measureId);
  await audit(trx, ctx, {
    action: 'read', entityType: 'measure_financing', entityId: measureId, familyIds: [access.familyId], caseIds: [access.row.case_id], reason: access.auditReason,
  });
  return viewOf(trx, ctx, access, access.versions);
}

function requireGranted(granted: boolean): void {
  if (!granted) {
    throw unprocessable('measure_not_granted', 'Only a granted measure carries a cost split: record a decision that grants it first.', [
      { field: 'measureId', code: 'measure_not_granted', message: 'No decision with outcome granted names this measure.' },
    ]);
  }
}

const stale = () => conflict('version_conflict', 'The cost split was changed by someone else since you opened it. Reload it and make your change again.', [
  { field: 'basedOnVersion', code: 'stale', message: 'The version you edited is no longer the one in force.' },
]);

async function saveVersion(trx: Trx, ctx: RequestContext, access: Access, basedOnVersion: number, status: FinancingStatus, reason: string,
  disputeReason: string | null, shares: FinancingShare[]): Promise<MeasureFinancingView> {
  const latest = access.versions[0]?.versionNo ?? 0;
  if (latest !== basedOnVersion) throw stale();
  const id = await insertVersion(trx, {
    municipalityId: ctx.actor.municipalityId, caseId: access.row.case_id, measureId: access.row.id, versionNo: basedOnVersion + 1, status, reason, disputeReason,
    createdBy: ctx.actor.userId, createdAt: ctx.clock.now(),
  }, shares);
  if (id === null) throw stale();
  await audit(trx, ctx, {
    action: basedOnVersion === 0 ? 'create' : 'update', entityType: 'measure_financing', entityId: access.row.id,
    familyIds: [access.familyId], caseIds: [access.row.case_id], reason: access.auditReason,
  });
  return viewOf(trx, ctx, access, await listVersions(trx, access.row.id));
}

/** Proposes a (new) split: checked by financing/rules.ts, saved as a new 'proposed' version. */
export async function proposeSplit(trx: Trx, ctx: RequestContext, measureId: string, input: FinancingSplitInput): Promise<MeasureFinancingView> {
  const access = await loadMeasure(trx, ctx, measureId, input.shares.map((s) => s.departmentId));
  if (access.role === null) throw forbidden('Only whoever may change the case, its core team or the leaders of the paying departments may change the cost split.');
  requireGranted(await isGranted(trx, measureId));
  const departments = await listDepartments(trx);
  checkFinancingShares(input.shares, new Set(departments.map((d) => d.id)));
  return saveVersion(trx, ctx, access, input.basedOnVersion, 'proposed', input.reason, null, input.shares);
}

/** Agrees to or disputes the proposed split: a new version with the same shares and the new status. */
export async function decideSplit(trx: Trx, ctx: RequestContext, measureId: string, input: FinancingStatusInput): Promise<MeasureFinancingView> {
  const access = await loadMeasure(trx, ctx, measureId);
  if (access.role === null) throw forbidden('Only the core team and the leaders of the paying departments may agree to or dispute the cost split.');
  requireGranted(await isGranted(trx, measureId));
  const current = access.versions[0];
  if (!current || current.versionNo !== input.basedOnVersion) throw stale();
  checkStatusChange(current.status, input.status);
  const shares = current.shares.map(({ departmentName: _n, ...s }) => s);
  return saveVersion(trx, ctx, access, input.basedOnVersion, input.status, input.reason, input.status === 'disputed' ? input.reason : null, shares);
}
