import { audit } from '../../platform/audit/audit.js';
import { todayIn } from '../../platform/clock/clock.js';
import type { RequestContext, Trx } from '../../platform/db/tenant.js';
import { notFound, staleVersion, unprocessable } from '../../platform/http/errors.js';
import { allowsCase, requireCase, type CaseAccessReason } from '../../platform/policy/policy.js';
import { findCase } from '../case/index.js';
import { legalBasisLabel } from '../legal-basis/commands.js';
import { checkLegalBasisInForce, unknownLegalBasis } from '../measure/rules.js';
import { findYearlyAmount } from '../yearly-amount/commands.js';
import { planInForce } from '../competence/index.js';
import type { CompetenceDecider } from '../competence/rules.js';
import { storeLetter } from './letter.js';
import { childBirthDate, childFirstName, decisionRows, findBasis, lettersOfDecisions, measureIdsOfCase, measuresOfDecisions, previousGrant, type DecisionRow } from './repo.js';
import {
  bisidderWarning, changeGrantsMore, checkAmountGiven, checkChildViews, checkNotInFuture, checkYearlyAmount, competenceAmount, grantAuthority, needsCompetence,
  outsideCompetenceError, partyStatus, type AmountPeriod, type ChildViewsMethod, type DecisionOutcome,
} from './rules.js';
import type { CaseDecisions, DecisionInput, DecisionUpdate, DecisionView } from './schema.js';

/** Decisions (afgørelser) of a case: record, correct and read them with today's duties (issue 7 §3). */

type CaseAction = 'read' | 'edit';

/** The case with the actor's need-to-know reason (404 without, 403 when reading but not changing). */
async function loadCase(trx: Trx, ctx: RequestContext, caseId: string, action: CaseAction, what = 'The case') {
  const row = await findCase(trx, ctx.actor, todayIn(ctx.clock), caseId);
  const reason = requireCase(row?.reason ?? null, action, what);
  if (action === 'edit' && row!.status === 'closed') {
    throw unprocessable('case_closed', 'The case is closed; reopen it before recording decisions.', []);
  }
  return { row: row!, reason };
}

/** The decision and its case, checked like the case: another municipality's or an unreadable decision is 404. */
async function loadDecision(trx: Trx, ctx: RequestContext, decisionId: string, action: CaseAction) {
  const [decision] = await decisionRows(trx, { id: decisionId });
  if (!decision) throw notFound('The decision');
  const { row, reason } = await loadCase(trx, ctx, decision.case_id, action, 'The decision');
  return { decision, row, reason };
}

/** The decision's fields after an input (create) or a correction (update), as the rules read them. */
export interface DecisionFields {
  decidedOn: string; outcome: DecisionOutcome; legalBasisId: string; reasoning: string; amountDkk: number | null; amountPeriod: AmountPeriod | null;
  measureIds: string[]; childViewsMethod: ChildViewsMethod | null; childViewsOn: string | null; childViews: string | null;
  childViewsNotObtainedReason: string | null; bisidderToldOn: string | null;
}

/** Every rule of a decision, before anything is written: a refusal leaves the database as it was. */
export async function checkDecision(trx: Trx, ctx: RequestContext, caseId: string, f: DecisionFields) {
  const today = todayIn(ctx.clock);
  checkNotInFuture(f.decidedOn, today, 'decidedOn');
  const found = await findBasis(trx, f.legalBasisId);
  if (!found) throw unknownLegalBasis(f.legalBasisId);
  checkLegalBasisInForce(found.validity, f.decidedOn);
  checkChildViews({ method: f.childViewsMethod, on: f.childViewsOn, said: f.childViews, notObtainedReason: f.childViewsNotObtainedReason }, f.decidedOn, today);
  checkNotInFuture(f.bisidderToldOn, today, 'bisidderToldOn');
  checkAmountGiven(found.basis, f.outcome, f.amountDkk, f.amountPeriod);
  if (found.basis.yearlyAmountKind && f.amountDkk !== null) {
    const configuredDkk = await findYearlyAmount(trx, Number(f.decidedOn.slice(0, 4)), found.basis.yearlyAmountKind);
    checkYearlyAmount({ basis: found.basis, outcome: f.outcome, amountDkk: f.amountDkk, period: f.amountPeriod, decidedOn: f.decidedOn, configuredDkk });
  }
  await checkMeasuresOfCase(trx, caseId, f.measureIds);
  return found.basis;
}

/** A decision or proposal names measures of its own case only. */
export async function checkMeasuresOfCase(trx: Trx, caseId: string, measureIds: string[]) {
  const ofCase = await measureIdsOfCase(trx, caseId, measureIds);
  measureIds.forEach((id, i) => {
    if (!ofCase.has(id)) {
      throw unprocessable('measure_not_of_case', 'A decision names measures of its own case only.', [
        { field: `measureIds.${i}`, code: 'measure_not_of_case', message: "Choose a measure of this decision's case." },
      ]);
    }
  });
}

/** Under which rule of which plan version a decision was made (issue 8 item 2); all null for one that grants nothing. */
export interface DecidedUnder { kind: CompetenceDecider; planVersionId: string; rulePosition: number; proposalId: string | null }

const decidedUnderColumns = (u: DecidedUnder | null) => ({
  decided_by_kind: u?.kind ?? null, competence_plan_version_id: u?.planVersionId ?? null, competence_rule_position: u?.rulePosition ?? null, proposal_id: u?.proposalId ?? null,
});

/**
 * Issue 8 item 2: a decision that grants (a grant, or a change that grants more than the grant before it) is allowed
 * only when the plan in force lets the actor decide it (rules.ts grantAuthority); otherwise 403/422 naming who can.
 */
async function authorizeDirect(trx: Trx, ctx: RequestContext, caseId: string, f: DecisionFields, basis: { category: string; label: string }, excludeId: string | null): Promise<DecidedUnder | null> {
  const previous = f.outcome === 'changed' ? await previousGrant(trx, caseId, f.legalBasisId, excludeId) : null;
  if (!needsCompetence(f.outcome, changeGrantsMore(previous, { amountDkk: f.amountDkk, period: f.amountPeriod }))) return null;
  const plan = await planInForce(trx);
  const authority = grantAuthority(plan, { legalBasisId: f.legalBasisId, category: basis.category }, competenceAmount(f.amountDkk, f.amountPeriod), ctx.actor);
  if (!authority.allowed) throw outsideCompetenceError(authority, basis.label);
  return { kind: authority.decidedByKind, planVersionId: plan!.versionId, rulePosition: authority.position, proposalId: null };
}

/** Danish words for who decided, as the letter says it. */
export const deciderInLetter: Record<CompetenceDecider | 'none', string> = {
  role: 'din sagsbehandler', department_leader: 'afdelingslederen', core_team: 'kerneteamet (enstemmigt)', visitation_committee: 'visitationsudvalget', none: 'kommunen',
};

/** Writes the letter of a decision's current version (letter.ts), from the stored row. */
export async function writeLetterOf(trx: Trx, ctx: RequestContext, decisionId: string, caseRow: { id: string; family_id: string; child_id: string }) {
  const [d] = await decisionRows(trx, { id: decisionId });
  const measures = await measuresOfDecisions(trx, [decisionId]);
  await storeLetter(trx, ctx, {
    caseId: caseRow.id, familyId: caseRow.family_id, decisionId, decisionVersion: d!.version,
    letter: {
      decidedOn: d!.decided_on, outcome: d!.outcome as DecisionOutcome, legalBasisLabel: legalBasisLabel(d!), reasoning: d!.reasoning,
      amountDkk: d!.amount_dkk === null ? null : Number(d!.amount_dkk), amountPeriod: d!.amount_period as AmountPeriod | null,
      measures: measures.map((m) => m.description), childViewsMethod: d!.child_views_method as ChildViewsMethod | null, childViewsOn: d!.child_views_on,
      childViews: d!.child_views, childViewsNotObtainedReason: d!.child_views_not_obtained_reason,
      decidedBy: deciderInLetter[(d!.decided_by_kind as CompetenceDecider | null) ?? 'none'], childFirstName: await childFirstName(trx, caseRow.child_id),
      availableOn: todayIn(ctx.clock),
    },
  });
}

/** Inserts a checked decision with its measures and letter (also used by core-team and committee decisions). */
export async function insertDecision(trx: Trx, ctx: RequestContext, caseRow: { id: string; family_id: string; child_id: string }, f: DecisionFields, under: DecidedUnder | null): Promise<string> {
  const created = await trx.insertInto('decisions').values({
    municipality_id: ctx.actor.municipalityId, case_id: caseRow.id, ...columns(f), ...decidedUnderColumns(under), recorded_by: ctx.actor.userId, recorded_at: ctx.clock.now(),
  }).returning('id').executeTakeFirstOrThrow();
  await writeMeasures(trx, ctx, caseRow.id, created.id, f.measureIds);
  await writeLetterOf(trx, ctx, created.id, caseRow);
  return created.id;
}

function columns(f: DecisionFields) {
  return {
    decided_on: f.decidedOn, outcome: f.outcome, legal_basis_id: f.legalBasisId, reasoning: f.reasoning, amount_dkk: f.amountDkk, amount_period: f.amountPeriod,
    child_views_method: f.childViewsMethod, child_views_on: f.childViewsOn, child_views: f.childViews,
    child_views_not_obtained_reason: f.childViewsNotObtainedReason, bisidder_told_on: f.bisidderToldOn,
  };
}

async function writeMeasures(trx: Trx, ctx: RequestContext, caseId: string, decisionId: string, measureIds: string[]) {
  if (measureIds.length === 0) return;
  await trx.insertInto('decision_measures').values(measureIds.map((measureId) => ({
    municipality_id: ctx.actor.municipalityId, case_id: caseId, decision_id: decisionId, measure_id: measureId,
  }))).execute();
}

/** The views of decision rows: §3 age and party status on the decision date, §6 warning, abilities. */
async function viewsOf(trx: Trx, rows: DecisionRow[], childId: string, reason: CaseAccessReason): Promise<DecisionView[]> {
  const [birthDate, measures, letters] = await Promise.all([
    childBirthDate(trx, childId), measuresOfDecisions(trx, rows.map((r) => r.id)), lettersOfDecisions(trx, rows.map((r) => r.id)),
  ]);
  const canEdit = allowsCase(reason, 'edit');
  return rows.map((r) => {
    const basis = { law: r.law, category: r.category };
    const { childAgeOnDecision, childIsParty } = partyStatus(basis, birthDate, r.decided_on);
    const warnings: DecisionView['warnings'] = bisidderWarning(childIsParty, r.bisidder_told_on)
      ? [{ code: 'bisidder_not_told', message: 'Barnets Lov §6: the child is a party (§3); record the day the child was told of the right to a bisidder.' }]
      : [];
    return {
      id: r.id, caseId: r.case_id, decidedOn: r.decided_on, outcome: r.outcome as DecisionOutcome, legalBasisId: r.legal_basis_id,
      legalBasisLabel: legalBasisLabel(r), legalBasisCategory: r.category, reasoning: r.reasoning,
      amountDkk: r.amount_dkk === null ? null : Number(r.amount_dkk), amountPeriod: r.amount_period as AmountPeriod | null,
      measures: measures.filter((m) => m.decisionId === r.id).map(({ decisionId: _d, ...m }) => m),
      childViewsMethod: r.child_views_method as ChildViewsMethod | null, childViewsOn: r.child_views_on, childViews: r.child_views,
      childViewsNotObtainedReason: r.child_views_not_obtained_reason, bisidderToldOn: r.bisidder_told_on,
      childAgeOnDecision, childIsParty, warnings,
      recordedBy: r.recorded_by_name, recordedAt: new Date(r.recorded_at).toISOString(), version: r.version, abilities: { canEdit },
      decidedByKind: r.decided_by_kind as CompetenceDecider | null, competencePlanVersionNo: r.plan_version_no, competenceRulePosition: r.competence_rule_position,
      proposalId: r.proposal_id, letter: letters.get(r.id) ?? null,
    };
  });
}

async function viewOf(trx: Trx, decisionId: string, childId: string, reason: CaseAccessReason): Promise<DecisionView> {
  const rows = await decisionRows(trx, { id: decisionId });
  return (await viewsOf(trx, rows, childId, reason))[0]!;
}

/** The decisions of a case, newest first. */
export async function listDecisions(trx: Trx, ctx: RequestContext, caseId: string): Promise<CaseDecisions> {
  const { row, reason } = await loadCase(trx, ctx, caseId, 'read');
  await audit(trx, ctx, { action: 'read', entityType: 'decisions', entityId: caseId, familyIds: [row.family_id], caseIds: [caseId], reason });
  const decisions = await viewsOf(trx, await decisionRows(trx, { caseId }), row.child_id, reason);
  return { caseId, decisions, abilities: { canRecord: allowsCase(reason, 'edit') && row.status !== 'closed' } };
}

export async function getDecision(trx: Trx, ctx: RequestContext, decisionId: string): Promise<DecisionView> {
  const { decision, row, reason } = await loadDecision(trx, ctx, decisionId, 'read');
  await audit(trx, ctx, { action: 'read', entityType: 'decision', entityId: decisionId, familyIds: [row.family_id], caseIds: [row.id], reason });
  return viewOf(trx, decision.id, row.child_id, reason);
}

/** Records a decision once every duty of today's law is met (rules.ts); otherwise 422 and nothing is written. */
export async function recordDecision(trx: Trx, ctx: RequestContext, caseId: string, input: DecisionInput): Promise<DecisionView> {
  const { row, reason } = await loadCase(trx, ctx, caseId, 'edit');
  const fields: DecisionFields = {
    decidedOn: input.decidedOn, outcome: input.outcome, legalBasisId: input.legalBasisId, reasoning: input.reasoning,
    amountDkk: input.amountDkk ?? null, amountPeriod: input.amountPeriod ?? null, measureIds: [...new Set(input.measureIds ?? [])],
    childViewsMethod: input.childViewsMethod ?? null, childViewsOn: input.childViewsOn ?? null, childViews: input.childViews ?? null,
    childViewsNotObtainedReason: input.childViewsNotObtainedReason ?? null, bisidderToldOn: input.bisidderToldOn ?? null,
  };
  const basis = await checkDecision(trx, ctx, caseId, fields);
  const under = await authorizeDirect(trx, ctx, caseId, fields, basis, null);
  const id = await insertDecision(trx, ctx, row, fields, under);
  await audit(trx, ctx, { action: 'create', entityType: 'decision', entityId: id, familyIds: [row.family_id], caseIds: [caseId], reason });
  return viewOf(trx, id, row.child_id, reason);
}

/** Corrects a decision: the fields given replace the stored ones, every rule is checked again, a stale version is 409. */
export async function updateDecision(trx: Trx, ctx: RequestContext, decisionId: string, input: DecisionUpdate): Promise<DecisionView> {
  const { decision: d, row, reason } = await loadDecision(trx, ctx, decisionId, 'edit');
  const keep = <T>(given: T | undefined, stored: T) => (given !== undefined ? given : stored);
  const storedMeasures = (await measuresOfDecisions(trx, [d.id])).map((m) => m.id);
  const fields: DecisionFields = {
    decidedOn: input.decidedOn ?? d.decided_on, outcome: input.outcome ?? (d.outcome as DecisionOutcome), legalBasisId: input.legalBasisId ?? d.legal_basis_id,
    reasoning: input.reasoning ?? d.reasoning,
    amountDkk: keep(input.amountDkk, d.amount_dkk === null ? null : Number(d.amount_dkk)),
    amountPeriod: keep(input.amountPeriod, d.amount_period as AmountPeriod | null),
    measureIds: input.measureIds ? [...new Set(input.measureIds)] : storedMeasures,
    childViewsMethod: keep(input.childViewsMethod, d.child_views_method as ChildViewsMethod | null), childViewsOn: keep(input.childViewsOn, d.child_views_on),
    childViews: keep(input.childViews, d.child_views), childViewsNotObtainedReason: keep(input.childViewsNotObtainedReason, d.child_views_not_obtained_reason),
    bisidderToldOn: keep(input.bisidderToldOn, d.bisidder_told_on),
  };
  const basis = await checkDecision(trx, ctx, row.id, fields);
  // A correction that changes what is granted is checked against the plan again; a core-team or committee decision
  // keeps the authority it was made under only while its basis, outcome and amount stay as decided.
  const grantChanged = fields.legalBasisId !== d.legal_basis_id || fields.outcome !== d.outcome
    || fields.amountDkk !== (d.amount_dkk === null ? null : Number(d.amount_dkk)) || fields.amountPeriod !== d.amount_period;
  const under = grantChanged ? await authorizeDirect(trx, ctx, row.id, fields, basis, d.id) : undefined;
  const updated = await trx.updateTable('decisions').set({ ...columns(fields), ...(under !== undefined ? decidedUnderColumns(under) : {}), version: input.version + 1 })
    .where('id', '=', decisionId).where('version', '=', input.version).returning('id').executeTakeFirst();
  if (!updated) throw staleVersion('The decision');
  if (input.measureIds) {
    await trx.deleteFrom('decision_measures').where('decision_id', '=', decisionId).execute();
    await writeMeasures(trx, ctx, row.id, decisionId, fields.measureIds);
  }
  await writeLetterOf(trx, ctx, decisionId, row);
  await audit(trx, ctx, { action: 'update', entityType: 'decision', entityId: decisionId, familyIds: [row.family_id], caseIds: [row.id], reason });
  return viewOf(trx, decisionId, row.child_id, reason);
}
