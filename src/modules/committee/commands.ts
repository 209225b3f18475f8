import { audit } from '../../platform/audit/audit.js';
import { todayIn } from '../../platform/clock/clock.js';
import type { RequestContext, Trx } from '../../platform/db/tenant.js';
import { conflict, notFound, unprocessable } from '../../platform/http/errors.js';
import { requireRole } from '../../platform/policy/policy.js';
import { checkDecision, insertDecision } from '../decision/commands.js';
import { fieldsOf, loadProposal, viewsOf } from '../proposal/commands.js';
import { lockProposal, measuresOfProposals, proposalRows } from '../proposal/index.js';
import type { CommitteeDecisionInput, CommitteeMeetingAgenda, CommitteeMeetingInput, CommitteeMeetingView, CommitteeQueue } from './schema.js';

/**
 * The visitation committee (visitationsudvalg, issue 8 item 3; 000:876-881): its queue of referred proposals, its
 * meetings (the agenda is the proposals referred to them) and its decision record. Kept by department heads and team
 * leaders (policy: decide_in_committee); every read of a referred proposal is audited with the committee as reason.
 */

async function meetings(trx: Trx, filter?: string): Promise<CommitteeMeetingView[]> {
  let query = trx.selectFrom('committee_meetings as m')
    .select((eb) => ['m.id', 'm.meets_on', 'm.location', 'm.note',
      eb.selectFrom('decision_proposals as p').whereRef('p.committee_meeting_id', '=', 'm.id').select((e) => e.fn.countAll<string>().as('n')).as('agenda_count')]);
  if (filter) query = query.where('m.id', '=', filter);
  const rows = await query.orderBy('m.meets_on').execute();
  return rows.map((r) => ({ id: r.id, meetsOn: r.meets_on, location: r.location, note: r.note, agendaCount: Number(r.agenda_count ?? 0) }));
}

export async function committeeQueue(trx: Trx, ctx: RequestContext): Promise<CommitteeQueue> {
  requireRole(ctx.actor, 'decide_in_committee');
  const rows = await proposalRows(trx, { referred: true });
  if (rows.length > 0) {
    await audit(trx, ctx, { action: 'read', entityType: 'committee_queue', familyIds: [...new Set(rows.map((r) => r.family_id))], caseIds: rows.map((r) => r.case_id), reason: 'visitation_committee' });
  }
  const today = todayIn(ctx.clock);
  return {
    proposals: (await viewsOf(trx, ctx, rows, 'visitation_committee')).sort((a, b) => (a.expectedBy ?? '').localeCompare(b.expectedBy ?? '')),
    meetings: (await meetings(trx)).filter((m) => m.meetsOn >= today),
    abilities: { canPlanMeeting: true, canDecide: true },
  };
}

/**
 * Plans a meeting. Referred proposals without a meeting whose referral day is on or before it are put on its agenda
 * and now expected by it (committee/rules.ts: the next meeting on or after the referral).
 */
export async function planMeeting(trx: Trx, ctx: RequestContext, input: CommitteeMeetingInput): Promise<CommitteeMeetingAgenda> {
  requireRole(ctx.actor, 'decide_in_committee');
  if (input.meetsOn < todayIn(ctx.clock)) {
    throw unprocessable('date_in_past', 'A committee meeting is planned for today or later.', [{ field: 'meetsOn', code: 'date_in_past', message: 'Choose today or a later day.' }]);
  }
  const row = await trx.insertInto('committee_meetings').values({
    municipality_id: ctx.actor.municipalityId, meets_on: input.meetsOn, location: input.location ?? null, note: input.note ?? null, created_by: ctx.actor.userId,
  }).onConflict((oc) => oc.constraint('committee_meetings_one_per_day').doNothing()).returning('id').executeTakeFirst();
  if (!row) throw conflict('meeting_exists', 'The committee already meets that day.', [{ field: 'meetsOn', code: 'meeting_exists', message: 'A meeting is already planned that day.' }]);
  await trx.updateTable('decision_proposals').set({ committee_meeting_id: row.id, expected_by: input.meetsOn })
    .where('status', '=', 'referred').where('committee_meeting_id', 'is', null).where('referred_on', '<=', input.meetsOn).execute();
  await audit(trx, ctx, { action: 'create', entityType: 'committee_meeting', entityId: row.id, reason: 'visitation_committee' });
  return meetingAgenda(trx, ctx, row.id);
}

export async function meetingAgenda(trx: Trx, ctx: RequestContext, id: string): Promise<CommitteeMeetingAgenda> {
  const [meeting] = await meetings(trx, id);
  if (!meeting) throw notFound('The committee meeting');
  requireRole(ctx.actor, 'decide_in_committee');
  const rows = (await trx.selectFrom('decision_proposals').select('id').where('committee_meeting_id', '=', id).execute()).map((r) => r.id);
  const agendaRows = (await Promise.all(rows.map((pid) => proposalRows(trx, { id: pid })))).flat();
  await audit(trx, ctx, {
    action: 'read', entityType: 'committee_meeting', entityId: id, familyIds: [...new Set(agendaRows.map((r) => r.family_id))], caseIds: agendaRows.map((r) => r.case_id),
    reason: 'visitation_committee',
  });
  return { meeting, agenda: await viewsOf(trx, ctx, agendaRows, 'visitation_committee') };
}

/**
 * The committee's decision on a referred proposal: granted or refused with its reasoning → a decision row (decided by
 * the visitation committee under the proposal's plan version) and the letter to the family. Every rule of a decision
 * (Barnets Lov §5 views, amounts, measures of the case, the case open) is checked again; the proposal row is locked.
 */
export async function decideInCommittee(trx: Trx, ctx: RequestContext, proposalId: string, input: CommitteeDecisionInput) {
  const { p } = await loadProposal(trx, ctx, proposalId);
  requireRole(ctx.actor, 'decide_in_committee');
  await lockProposal(trx, proposalId);
  const [locked] = await proposalRows(trx, { id: proposalId });
  if (locked!.status !== 'referred') {
    throw conflict('proposal_not_referred', `Only a proposal referred to the committee is decided there (this one is ${locked!.status}).`, [
      { field: 'outcome', code: 'proposal_not_referred', message: 'The proposal is not with the committee.' },
    ]);
  }
  if (locked!.case_status === 'closed') throw unprocessable('case_closed', 'The case is closed; reopen it before recording decisions.', []);
  const today = todayIn(ctx.clock);
  const measureIds = (await measuresOfProposals(trx, [proposalId])).map((m) => m.id);
  const base = fieldsOf(locked!, measureIds, today, input.outcome, input.reasoning);
  const fields = input.outcome === 'refused' ? { ...base, amountDkk: null, amountPeriod: null } : base;
  await checkDecision(trx, ctx, locked!.case_id, fields);
  const decisionId = await insertDecision(trx, ctx, { id: locked!.case_id, family_id: locked!.family_id, child_id: locked!.child_id }, fields, {
    kind: 'visitation_committee', planVersionId: locked!.competence_plan_version_id, rulePosition: locked!.competence_rule_position, proposalId,
  });
  await trx.updateTable('decision_proposals').set({ status: input.outcome, decision_id: decisionId }).where('id', '=', proposalId).execute();
  await audit(trx, ctx, { action: 'create', entityType: 'decision', entityId: decisionId, familyIds: [p.family_id], caseIds: [p.case_id], reason: 'visitation_committee' });
  return (await viewsOf(trx, ctx, await proposalRows(trx, { id: proposalId }), 'visitation_committee'))[0]!;
}
