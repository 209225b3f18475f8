import { audit } from '../../platform/audit/audit.js';
import { todayIn } from '../../platform/clock/clock.js';
import type { RequestContext, Trx } from '../../platform/db/tenant.js';
import { notFound, staleVersion, unprocessable } from '../../platform/http/errors.js';
import { requireCase } from '../../platform/policy/policy.js';
import { findCase } from '../case/index.js';
import { measuresOfCases } from './repo.js';
import { listLegalBases } from '../legal-basis/commands.js';
import { checkLegalBasisInForce, checkMeasureDuties, checkPeriod, unknownLegalBasis, type MeasureDuties } from './rules.js';
import type { MeasureInput, MeasureUpdate, MeasureView, ProvisionalAssessmentInput } from './schema.js';
import { checkAwareOn, checkProvisionalAssessment } from './investigation.js';

async function editableCase(trx: Trx, ctx: RequestContext, caseId: string) {
  const row = await findCase(trx, ctx.actor, todayIn(ctx.clock), caseId);
  const reason = requireCase(row?.reason ?? null, 'edit');
  if (row!.status === 'closed') {
    throw unprocessable('case_closed', 'The case is closed; reopen it before changing its measures.', []);
  }
  return { row: row!, reason };
}

/** The legal basis, known and in force on the start date (rules.ts); returned for the duties check. */
async function checkLegalBasis(trx: Trx, id: string, startsOn: string) {
  const bases = await listLegalBases(trx);
  const basis = bases.find((b) => b.id === id);
  if (!basis) throw unknownLegalBasis(id);
  const labelOf = (ids: string[]) => bases.filter((b) => ids.includes(b.id)).map((b) => b.label);
  checkLegalBasisInForce({
    ...basis, replacedByLabels: labelOf(basis.replacedBy), replacesLabels: bases.filter((b) => b.replacedBy.includes(id)).map((b) => b.label),
  }, startsOn);
  return basis;
}

/** The Barnets Lov details as columns (input → row). */
function dutyColumns(duties: MeasureDuties & { childPlanCompletedOn: string | null }) {
  return {
    purpose: duties.purpose, expected_duration: duties.expectedDuration, custody_consent_on: duties.custodyConsentOn,
    child_plan_decision: duties.childPlanDecision, child_plan_decided_on: duties.childPlanDecidedOn,
    child_plan_reason: duties.childPlanReason, child_plan_completed_on: duties.childPlanCompletedOn,
  };
}

async function viewOf(trx: Trx, ctx: RequestContext, caseId: string, measureId: string): Promise<MeasureView> {
  const all = await measuresOfCases(trx, [caseId], todayIn(ctx.clock));
  return all.find((m) => m.id === measureId)!;
}

export async function addMeasure(trx: Trx, ctx: RequestContext, caseId: string, input: MeasureInput): Promise<MeasureView> {
  const { row, reason } = await editableCase(trx, ctx, caseId);
  checkPeriod(input.startsOn, input.endsOn);
  const basis = await checkLegalBasis(trx, input.legalBasisId, input.startsOn);
  const duties = {
    purpose: input.purpose ?? null, expectedDuration: input.expectedDuration ?? null, custodyConsentOn: input.custodyConsentOn ?? null,
    childPlanDecision: input.childPlanDecision ?? null, childPlanDecidedOn: input.childPlanDecidedOn ?? null,
    childPlanReason: input.childPlanReason ?? null, childPlanCompletedOn: input.childPlanCompletedOn ?? null,
  };
  checkMeasureDuties(basis, duties);
  const awareOn = checkAwareOn(basis.completionMonths, input.awareOn ?? null, input.startsOn, todayIn(ctx.clock));
  const created = await trx.insertInto('measures').values({
    municipality_id: ctx.actor.municipalityId, case_id: caseId, legal_basis_id: input.legalBasisId, department_id: input.departmentId,
    description: input.description, starts_on: input.startsOn, ends_on: input.endsOn ?? null, ...dutyColumns(duties), aware_on: awareOn,
  }).returning('id').executeTakeFirstOrThrow();
  await audit(trx, ctx, { action: 'create', entityType: 'measure', entityId: created.id, familyIds: [row.family_id], caseIds: [caseId], reason });
  return viewOf(trx, ctx, caseId, created.id);
}

async function loadMeasure(trx: Trx, ctx: RequestContext, measureId: string) {
  const measure = await trx.selectFrom('measures').selectAll().where('id', '=', measureId).executeTakeFirst();
  if (!measure) throw notFound('The measure');
  const row = await findCase(trx, ctx.actor, todayIn(ctx.clock), measure.case_id);
  if (!row?.reason) throw notFound('The measure');
  const { reason } = await editableCase(trx, ctx, measure.case_id);
  return { measure, row, reason };
}

export async function updateMeasure(trx: Trx, ctx: RequestContext, measureId: string, input: MeasureUpdate): Promise<MeasureView> {
  const { measure, row, reason } = await loadMeasure(trx, ctx, measureId);
  const startsOn = input.startsOn ?? measure.starts_on;
  const endsOn = input.endsOn !== undefined ? input.endsOn ?? null : measure.ends_on;
  checkPeriod(startsOn, endsOn);
  const basis = await checkLegalBasis(trx, input.legalBasisId ?? measure.legal_basis_id, startsOn);
  const keep = <T>(given: T | undefined, stored: T) => (given !== undefined ? given : stored);
  const duties = {
    purpose: keep(input.purpose, measure.purpose), expectedDuration: keep(input.expectedDuration, measure.expected_duration),
    custodyConsentOn: keep(input.custodyConsentOn, measure.custody_consent_on),
    childPlanDecision: keep(input.childPlanDecision, measure.child_plan_decision as MeasureDuties['childPlanDecision']),
    childPlanDecidedOn: keep(input.childPlanDecidedOn, measure.child_plan_decided_on),
    childPlanReason: keep(input.childPlanReason, measure.child_plan_reason),
    childPlanCompletedOn: keep(input.childPlanCompletedOn, measure.child_plan_completed_on),
  };
  checkMeasureDuties(basis, duties);
  const awareOn = checkAwareOn(basis.completionMonths, keep(input.awareOn, measure.aware_on), startsOn, todayIn(ctx.clock));
  const updated = await trx.updateTable('measures').set({
    legal_basis_id: input.legalBasisId ?? measure.legal_basis_id,
    department_id: input.departmentId ?? measure.department_id,
    description: input.description ?? measure.description,
    starts_on: startsOn, ends_on: endsOn, version: input.version + 1, ...dutyColumns(duties), aware_on: awareOn,
  }).where('id', '=', measureId).where('version', '=', input.version).returning('id').executeTakeFirst();
  if (!updated) throw staleVersion('The measure');
  await audit(trx, ctx, { action: 'update', entityType: 'measure', entityId: measureId, familyIds: [row.family_id], caseIds: [row.id], reason });
  return viewOf(trx, ctx, row.id, measureId);
}

/** Removes a wrongly recorded measure (a measure that ended is given an end date instead). */
export async function deleteMeasure(trx: Trx, ctx: RequestContext, measureId: string, version: number): Promise<void> {
  const { row, reason } = await loadMeasure(trx, ctx, measureId);
  const deleted = await trx.deleteFrom('measures').where('id', '=', measureId).where('version', '=', version).returning('id').executeTakeFirst();
  if (!deleted) throw staleVersion('The measure');
  await audit(trx, ctx, { action: 'delete', entityType: 'measure', entityId: measureId, familyIds: [row.family_id], caseIds: [row.id], reason });
}

/**
 * Barnets Lov §20 stk. 3: records (or replaces) the provisional assessment of an investigation that is not finished by
 * its deadline; investigation.ts decides when that is allowed.
 */
export async function recordProvisionalAssessment(trx: Trx, ctx: RequestContext, measureId: string, input: ProvisionalAssessmentInput): Promise<MeasureView> {
  const { measure, row, reason } = await loadMeasure(trx, ctx, measureId);
  const basis = (await listLegalBases(trx)).find((b) => b.id === measure.legal_basis_id)!;
  checkProvisionalAssessment({
    completionMonths: basis.completionMonths, awareOn: measure.aware_on, endsOn: measure.ends_on, provisionalAssessmentOn: measure.provisional_assessment_on,
  }, input.on, todayIn(ctx.clock));
  const updated = await trx.updateTable('measures').set({ provisional_assessment_on: input.on, provisional_assessment: input.text, version: input.version + 1 })
    .where('id', '=', measureId).where('version', '=', input.version).returning('id').executeTakeFirst();
  if (!updated) throw staleVersion('The measure');
  await audit(trx, ctx, { action: 'update', entityType: 'provisional_assessment', entityId: measureId, familyIds: [row.family_id], caseIds: [row.id], reason });
  return viewOf(trx, ctx, row.id, measureId);
}
