import { audit } from '../../platform/audit/audit.js';
import { todayIn } from '../../platform/clock/clock.js';
import type { RequestContext, Trx } from '../../platform/db/tenant.js';
import { unprocessable } from '../../platform/http/errors.js';
import { allowsCase, requireCase, type CaseAction } from '../../platform/policy/policy.js';
import { cadenceFor, type LegalBasisCategory } from '../cadence/rules.js';
import { summarize } from '../case/commands.js';
import { caseWarnings } from '../case/core-team.js';
import { findCase, type CaseRow } from '../case/index.js';
import { heldMeetingsOfCase } from '../meeting/commands.js';
import { planFactsForFamily } from '../plan/facts.js';
import { caseFactsQuery } from '../cadence/index.js';
import { planOf } from '../follow-up/commands.js';
import { recordsOf, roundsOf } from './repo.js';
import { checkEfei, checkNewRound, checkRecord, deriveFlow, type FlowFacts } from './rules.js';
import type { FlowRecordInput, FlowView, NewRoundInput } from './schema.js';

/** The guided case flow: loads the recorded facts of a case, derives its steps (rules.ts) and records step facts. */

async function loadCase(trx: Trx, ctx: RequestContext, caseId: string, action: CaseAction) {
  const row = await findCase(trx, ctx.actor, todayIn(ctx.clock), caseId);
  const reason = requireCase(row?.reason ?? null, action);
  if (action !== 'read' && row!.status === 'closed') {
    throw unprocessable('case_closed', 'The case is closed; reopen it before recording its flow.', []);
  }
  return { row: row!, reason };
}

async function factsOf(trx: Trx, ctx: RequestContext, row: CaseRow): Promise<FlowFacts> {
  const today = todayIn(ctx.clock);
  const [summary] = await summarize(trx, ctx, [row]);
  const [meetings, records, rounds, plan, followUpFacts] = await Promise.all([
    heldMeetingsOfCase(trx, row.id), recordsOf(trx, row.id), roundsOf(trx, row.id), planFactsForFamily(trx, row.family_id),
    caseFactsQuery(trx, { kind: 'case', caseId: row.id }, today, { withPeople: false }),
  ]);
  const team = summary!.teamMembers.filter((m) => m.addedOn <= today && (m.removedOn === null || m.removedOn > today));
  const categories = summary!.measures.filter((m) => m.active).map((m) => m.legalBasisCategory as LegalBasisCategory);
  return {
    model: row.model, status: row.status, openedOn: row.opened_on,
    hasLead: summary!.lead !== null,
    coreTeamFormedOn: team.map((m) => m.addedOn).sort()[0] ?? null,
    meetings, records, rounds, plan, cadence: cadenceFor(categories),
    followUpDueOn: planOf(followUpFacts.rows[0], row).dueOn,
  };
}

async function viewOf(trx: Trx, ctx: RequestContext, row: CaseRow): Promise<FlowView> {
  const facts = await factsOf(trx, ctx, row);
  const flow = deriveFlow(facts);
  const canRecord = row.model === 'efei' && row.status !== 'closed' && allowsCase(row.reason, 'edit');
  return {
    caseId: row.id, model: row.model, status: row.status, statusReason: row.status_reason, round: flow.round,
    rounds: [{ number: 1, startedAt: null, reason: null }, ...facts.rounds],
    steps: flow.steps, nextAction: flow.nextAction, records: facts.records, cadence: facts.cadence.kind,
    warnings: await caseWarnings(trx, ctx, row),
    abilities: {
      canRecord,
      canStartRound: canRecord && flow.steps.some((s) => s.key === 'joint_plan' && s.state === 'done'),
      canChangeStatus: row.status !== 'closed' && allowsCase(row.reason, 'edit'),
    },
  };
}

export async function getFlow(trx: Trx, ctx: RequestContext, caseId: string): Promise<FlowView> {
  const { row, reason } = await loadCase(trx, ctx, caseId, 'read');
  await audit(trx, ctx, { action: 'read', entityType: 'case_flow', entityId: caseId, familyIds: [row.family_id], caseIds: [caseId], reason });
  return viewOf(trx, ctx, row);
}

export async function recordFlowFact(trx: Trx, ctx: RequestContext, caseId: string, input: FlowRecordInput): Promise<FlowView> {
  const { row, reason } = await loadCase(trx, ctx, caseId, 'edit');
  checkEfei(row.model);
  const flow = deriveFlow(await factsOf(trx, ctx, row));
  const step = checkRecord(input.kind, flow);
  const created = await trx.insertInto('case_flow_records').values({
    municipality_id: ctx.actor.municipalityId, case_id: caseId, round: flow.round, step, kind: input.kind, text: input.text,
    recorded_at: ctx.clock.now(), recorded_by: ctx.actor.userId,
  }).returning('id').executeTakeFirstOrThrow();
  await audit(trx, ctx, { action: 'create', entityType: 'case_flow_record', entityId: created.id, familyIds: [row.family_id], caseIds: [caseId], reason });
  return viewOf(trx, ctx, row);
}

export async function startRound(trx: Trx, ctx: RequestContext, caseId: string, input: NewRoundInput): Promise<FlowView> {
  const { row, reason } = await loadCase(trx, ctx, caseId, 'edit');
  checkEfei(row.model);
  const flow = deriveFlow(await factsOf(trx, ctx, row));
  checkNewRound(flow);
  const created = await trx.insertInto('case_flow_rounds').values({
    municipality_id: ctx.actor.municipalityId, case_id: caseId, number: flow.round + 1, reason: input.reason,
    started_at: ctx.clock.now(), started_by: ctx.actor.userId,
  }).returning('id').executeTakeFirstOrThrow();
  await audit(trx, ctx, { action: 'create', entityType: 'case_flow_round', entityId: created.id, familyIds: [row.family_id], caseIds: [caseId], reason });
  return viewOf(trx, ctx, row);
}
