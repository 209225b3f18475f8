import { audit } from '../../platform/audit/audit.js';
import { todayIn } from '../../platform/clock/clock.js';
import type { RequestContext, Trx } from '../../platform/db/tenant.js';
import { conflict, forbidden, notFound, unprocessable } from '../../platform/http/errors.js';
import { allows, allowsCase, requireCase, type CaseAccessReason } from '../../platform/policy/policy.js';
import { findCase } from '../case/index.js';
import { expectedBy } from '../committee/rules.js';
import { planInForce } from '../competence/index.js';
import { competenceFor, type CompetenceDecider } from '../competence/rules.js';
import { checkDecision, insertDecision, type DecisionFields } from '../decision/commands.js';
import { legalBasisLabel } from '../legal-basis/commands.js';
import { competenceAmount, grantAuthority, type AmountPeriod, type ChildViewsMethod, type DecisionOutcome } from '../decision/rules.js';
import { currentCoreTeam, lockProposal, measuresOfProposals, meetingDatesFrom, proposalRows, votesOf, type ProposalRow } from './repo.js';
import { proposalRoute, tally, type ProposalStatus, type ReferralReason, type Vote } from './rules.js';
import type { CaseProposals, DecisionCompetence, ProposalInput, ProposalView, VoteInput } from './schema.js';

/**
 * Core-team proposals (issue 8 item 3; 000:876-881): made by whoever may change the case, voted by every current
 * core-team member, granted when unanimous, referred to the visitation committee on a single disagreement or when
 * the plan excepts the category (or the amount is over the core team's limit).
 */

async function loadCase(trx: Trx, ctx: RequestContext, caseId: string, action: 'read' | 'edit') {
  const row = await findCase(trx, ctx.actor, todayIn(ctx.clock), caseId);
  const reason = requireCase(row?.reason ?? null, action);
  return { row: row!, reason };
}

function requireOpen(status: string) {
  if (status === 'closed') throw unprocessable('case_closed', 'The case is closed; reopen it before proposing or voting on decisions.', []);
}

/** The decision fields a proposal stands for (a grant decided today), so every rule of a decision checks it. */
export function fieldsOf(p: {
  legal_basis_id: string; reasoning: string; amount_dkk: string | null; amount_period: string | null; child_views_method: string | null; child_views_on: string | null;
  child_views: string | null; child_views_not_obtained_reason: string | null;
}, measureIds: string[], decidedOn: string, outcome: DecisionOutcome = 'granted', reasoning = p.reasoning): DecisionFields {
  return {
    decidedOn, outcome, legalBasisId: p.legal_basis_id, reasoning, amountDkk: p.amount_dkk === null ? null : Number(p.amount_dkk),
    amountPeriod: p.amount_period as AmountPeriod | null, measureIds, childViewsMethod: p.child_views_method as ChildViewsMethod | null,
    childViewsOn: p.child_views_on, childViews: p.child_views, childViewsNotObtainedReason: p.child_views_not_obtained_reason, bisidderToldOn: null,
  };
}

/** Refers a proposal to the visitation committee: expected by its next meeting on or after today, else today + 14 days. */
export async function referToCommittee(trx: Trx, proposalId: string, reason: ReferralReason, today: string) {
  const meetings = await meetingDatesFrom(trx, today);
  const when = expectedBy(today, meetings.map((m) => m.meets_on));
  const meeting = meetings.find((m) => m.meets_on === when.meetsOn) ?? null;
  await trx.updateTable('decision_proposals').set({
    status: 'referred', referral_reason: reason, referred_on: today, expected_by: when.expectedBy, committee_meeting_id: meeting?.id ?? null,
  }).where('id', '=', proposalId).execute();
}

export async function viewsOf(trx: Trx, ctx: RequestContext, rows: ProposalRow[], reason: CaseAccessReason | 'visitation_committee' | null): Promise<ProposalView[]> {
  const ids = rows.map((r) => r.id);
  const [allVotes, measures] = await Promise.all([votesOf(trx, ids), measuresOfProposals(trx, ids)]);
  const today = todayIn(ctx.clock);
  const committee = allows(ctx.actor, 'decide_in_committee');
  const views: ProposalView[] = [];
  for (const r of rows) {
    const members = await currentCoreTeam(trx, r.case_id, today);
    const cast = allVotes.filter((v) => v.proposal_id === r.id);
    const votes: ProposalView['votes'] = members.map((m) => {
      const v = cast.find((c) => c.voter_user_id === m.userId);
      return { userId: m.userId, name: m.name, currentMember: true, vote: (v?.vote as Vote | undefined) ?? null, reason: v?.reason ?? null, votedAt: v ? new Date(v.voted_at).toISOString() : null };
    });
    for (const v of cast.filter((c) => !members.some((m) => m.userId === c.voter_user_id))) {
      votes.push({ userId: v.voter_user_id, name: v.name, currentMember: false, vote: v.vote as Vote, reason: v.reason, votedAt: new Date(v.voted_at).toISOString() });
    }
    const isMember = members.some((m) => m.userId === ctx.actor.userId);
    views.push({
      id: r.id, caseId: r.case_id, caseNumber: r.case_number, childFirstName: r.first_name, legalBasisId: r.legal_basis_id, legalBasisLabel: legalBasisLabel(r),
      legalBasisCategory: r.category, reasoning: r.reasoning, amountDkk: r.amount_dkk === null ? null : Number(r.amount_dkk),
      amountPeriod: r.amount_period as AmountPeriod | null,
      measures: measures.filter((m) => m.proposalId === r.id).map(({ proposalId: _p, ...m }) => m),
      childViewsMethod: r.child_views_method as ChildViewsMethod | null, childViewsOn: r.child_views_on, childViews: r.child_views,
      childViewsNotObtainedReason: r.child_views_not_obtained_reason, status: r.status as ProposalStatus, referralReason: r.referral_reason as ReferralReason | null,
      referredOn: r.referred_on, expectedBy: r.expected_by,
      committeeMeeting: r.committee_meeting_id && r.meets_on ? { id: r.committee_meeting_id, meetsOn: r.meets_on } : null,
      decision: r.decision_id && r.decision_outcome && r.decision_decided_on
        ? { id: r.decision_id, outcome: r.decision_outcome as DecisionOutcome, decidedOn: r.decision_decided_on, decidedByKind: r.decision_decided_by_kind as CompetenceDecider | null }
        : null,
      planVersionNo: r.plan_version_no, proposedBy: r.proposed_by_name, proposedAt: new Date(r.proposed_at).toISOString(), votes,
      abilities: {
        canVote: r.status === 'voting' && isMember && !cast.some((c) => c.voter_user_id === ctx.actor.userId) && r.case_status !== 'closed',
        canDecideInCommittee: r.status === 'referred' && committee,
        canReadCase: reason !== null && reason !== 'visitation_committee' && allowsCase(reason, 'read'),
      },
    });
  }
  return views;
}

async function viewOf(trx: Trx, ctx: RequestContext, id: string, reason: CaseAccessReason | 'visitation_committee' | null): Promise<ProposalView> {
  return (await viewsOf(trx, ctx, await proposalRows(trx, { id }), reason))[0]!;
}

/** Makes a proposal: every rule of a decision is checked first (as a grant decided today); then it goes where the plan says. */
export async function createProposal(trx: Trx, ctx: RequestContext, caseId: string, input: ProposalInput): Promise<ProposalView> {
  const { row, reason } = await loadCase(trx, ctx, caseId, 'edit');
  requireOpen(row.status);
  const today = todayIn(ctx.clock);
  const measureIds = [...new Set(input.measureIds ?? [])];
  const stored = {
    legal_basis_id: input.legalBasisId, reasoning: input.reasoning, amount_dkk: input.amountDkk == null ? null : String(input.amountDkk), amount_period: input.amountPeriod ?? null,
    child_views_method: input.childViewsMethod ?? null, child_views_on: input.childViewsOn ?? null, child_views: input.childViews ?? null,
    child_views_not_obtained_reason: input.childViewsNotObtainedReason ?? null,
  };
  const fields = fieldsOf(stored, measureIds, today);
  const basis = await checkDecision(trx, ctx, caseId, fields);
  const plan = await planInForce(trx);
  const route = proposalRoute(plan, { legalBasisId: fields.legalBasisId, category: basis.category }, competenceAmount(fields.amountDkk, fields.amountPeriod), basis.label);
  if (route.to === 'core_team' && (await currentCoreTeam(trx, caseId, today)).length === 0) {
    throw unprocessable('no_core_team', 'The case has no core team to vote on the proposal; add its members first.', [
      { field: 'legalBasisId', code: 'no_core_team', message: 'The core team decides this, and the case has no core-team members.' },
    ]);
  }
  const created = await trx.insertInto('decision_proposals').values({
    municipality_id: ctx.actor.municipalityId, case_id: caseId, ...stored, competence_plan_version_id: plan!.versionId, competence_rule_position: route.position,
    proposed_by: ctx.actor.userId, proposed_at: ctx.clock.now(),
  }).returning('id').executeTakeFirstOrThrow();
  if (measureIds.length > 0) {
    await trx.insertInto('decision_proposal_measures').values(measureIds.map((measureId) => ({
      municipality_id: ctx.actor.municipalityId, case_id: caseId, proposal_id: created.id, measure_id: measureId,
    }))).execute();
  }
  if (route.to === 'committee') await referToCommittee(trx, created.id, route.reason, today);
  await audit(trx, ctx, { action: 'create', entityType: 'decision_proposal', entityId: created.id, familyIds: [row.family_id], caseIds: [caseId], reason });
  return viewOf(trx, ctx, created.id, reason);
}

export async function listProposals(trx: Trx, ctx: RequestContext, caseId: string): Promise<CaseProposals> {
  const { row, reason } = await loadCase(trx, ctx, caseId, 'read');
  await audit(trx, ctx, { action: 'read', entityType: 'decision_proposals', entityId: caseId, familyIds: [row.family_id], caseIds: [caseId], reason });
  return { caseId, proposals: await viewsOf(trx, ctx, await proposalRows(trx, { caseId }), reason), abilities: { canPropose: allowsCase(reason, 'edit') && row.status !== 'closed' } };
}

/**
 * Reads a proposal: staff with need-to-know on its case, or a committee member (decide_in_committee) once it was
 * referred to the committee. Anyone else: 404.
 */
export async function loadProposal(trx: Trx, ctx: RequestContext, id: string) {
  const [p] = await proposalRows(trx, { id });
  if (!p) throw notFound('The proposal');
  const found = await findCase(trx, ctx.actor, todayIn(ctx.clock), p.case_id);
  const caseReason = found?.reason ?? null;
  const reason: CaseAccessReason | 'visitation_committee' | null = allowsCase(caseReason, 'read') ? caseReason
    : p.referral_reason !== null && allows(ctx.actor, 'decide_in_committee') ? 'visitation_committee' : null;
  if (reason === null) throw notFound('The proposal');
  return { p, reason };
}

export async function getProposal(trx: Trx, ctx: RequestContext, id: string): Promise<ProposalView> {
  const { p, reason } = await loadProposal(trx, ctx, id);
  await audit(trx, ctx, { action: 'read', entityType: 'decision_proposal', entityId: id, familyIds: [p.family_id], caseIds: [p.case_id], reason });
  return viewOf(trx, ctx, id, reason);
}

/**
 * A core-team member votes (000:876-881). The proposal row is locked `for update` before the votes are counted, so
 * two votes at once are counted one after the other and neither is lost; one vote per member (the first stands).
 * A disagreement refers it to the committee at once; the last agreeing vote grants it: the decision is recorded
 * (decided by the core team under the plan's rule) with its letter to the family.
 */
export async function castVote(trx: Trx, ctx: RequestContext, id: string, input: VoteInput): Promise<ProposalView> {
  const { p, reason } = await loadProposal(trx, ctx, id);
  await lockProposal(trx, id);
  const [locked] = await proposalRows(trx, { id });
  const today = todayIn(ctx.clock);
  const members = await currentCoreTeam(trx, locked!.case_id, today);
  if (!members.some((m) => m.userId === ctx.actor.userId)) {
    throw forbidden('Only the current members of the case\'s core team vote on its proposals (000:876-881).', 'not_core_team_member');
  }
  requireOpen(locked!.case_status);
  if (locked!.status !== 'voting') {
    throw conflict('proposal_not_voting', `The proposal is no longer being voted on (it is ${locked!.status}).`, [
      { field: 'vote', code: 'proposal_not_voting', message: 'Voting on this proposal has ended.' },
    ]);
  }
  const before = await votesOf(trx, [id]);
  if (before.some((v) => v.voter_user_id === ctx.actor.userId)) {
    throw conflict('already_voted', 'You have already voted on this proposal; the first vote stands.', [
      { field: 'vote', code: 'already_voted', message: 'One vote per core-team member; the first stands.' },
    ]);
  }
  if (input.vote === 'disagree' && !input.reason?.trim()) {
    throw unprocessable('dissent_reason_required', 'Say why you disagree: the reason goes to the visitation committee with the proposal.', [
      { field: 'reason', code: 'required', message: 'Give the reason you disagree.' },
    ]);
  }
  await trx.insertInto('decision_proposal_votes').values({
    municipality_id: ctx.actor.municipalityId, proposal_id: id, voter_user_id: ctx.actor.userId, vote: input.vote, reason: input.reason?.trim() || null, voted_at: ctx.clock.now(),
  }).execute();
  const outcome = tally(members.map((m) => m.userId), [...before.map((v) => ({ voterUserId: v.voter_user_id, vote: v.vote as Vote })), { voterUserId: ctx.actor.userId, vote: input.vote }]);
  if (outcome === 'referred') await referToCommittee(trx, id, 'dissent', today);
  if (outcome === 'granted') await grantByCoreTeam(trx, ctx, locked!, today);
  await audit(trx, ctx, { action: 'create', entityType: 'decision_proposal_vote', entityId: id, familyIds: [p.family_id], caseIds: [p.case_id], reason });
  return viewOf(trx, ctx, id, reason);
}

/** The unanimous core team's decision: every rule of a decision is checked again on the day of the last vote. */
async function grantByCoreTeam(trx: Trx, ctx: RequestContext, p: ProposalRow, today: string) {
  const measureIds = (await measuresOfProposals(trx, [p.id])).map((m) => m.id);
  const fields = fieldsOf(p, measureIds, today);
  await checkDecision(trx, ctx, p.case_id, fields);
  const decisionId = await insertDecision(trx, ctx, { id: p.case_id, family_id: p.family_id, child_id: p.child_id }, fields, {
    kind: 'core_team', planVersionId: p.competence_plan_version_id, rulePosition: p.competence_rule_position, proposalId: p.id,
  });
  await trx.updateTable('decision_proposals').set({ status: 'granted', decision_id: decisionId }).where('id', '=', p.id).execute();
  await audit(trx, ctx, { action: 'create', entityType: 'decision', entityId: decisionId, familyIds: [p.family_id], caseIds: [p.case_id], reason: 'core_team' });
}

/** "What may I decide?" on a case (issue 8 item 2): for each legal basis in force, who grants it and the actor's route. */
export async function decisionCompetence(trx: Trx, ctx: RequestContext, caseId: string): Promise<DecisionCompetence> {
  await loadCase(trx, ctx, caseId, 'read');
  const today = todayIn(ctx.clock);
  const plan = await planInForce(trx);
  const bases = await trx.selectFrom('legal_bases').selectAll().where('valid_from', '<=', today)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', today)])).orderBy('law').orderBy('id').execute();
  return {
    planVersionNo: plan?.versionNo ?? null, committeeOnlyCategories: plan?.committeeOnlyCategories ?? [],
    bases: bases.map((b) => {
      const match = plan ? competenceFor(plan, { legalBasisId: b.id, category: b.category }) : null;
      const rule = match?.rule ?? null;
      const authority = grantAuthority(plan, { legalBasisId: b.id, category: b.category }, null, ctx.actor);
      const route = authority.allowed ? 'direct' as const
        : rule === null ? 'no_rule' as const
        : rule.decidedBy === 'visitation_committee' || (rule.decidedBy === 'core_team' && plan!.committeeOnlyCategories.includes(b.category)) ? 'committee' as const
        : rule.decidedBy === 'core_team' ? 'proposal' as const : 'not_you' as const;
      return {
        legalBasisId: b.id, legalBasisLabel: legalBasisLabel(b), category: b.category, decidedBy: rule?.decidedBy ?? null, role: rule?.role ?? null,
        departmentName: rule?.departmentName ?? null, maxAmountDkk: rule?.maxAmountDkk ?? null, amountPeriod: rule?.amountPeriod ?? null, route,
      };
    }),
  };
}
