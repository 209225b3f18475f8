import { AppError, unprocessable } from '../../platform/http/errors.js';
import { competenceFor, type CompetenceAmount, type CompetenceBasis, type CompetenceRule } from '../competence/rules.js';
import { whoMayGrant, type PlanInForce } from '../decision/rules.js';

/**
 * Core-team decisions (issue 8 item 3; EFEI 000:876-881): "Giv medarbejderne i det tværfaglige kerneteam fuld
 * beslutningskompetence … under betingelse af, at kerneteamet, enstemmigt, træffer beslutningerne. Hvis én fagperson
 * i kerneteamet ikke er enig i beslutningen, lægges denne videre til visitationsudvalg" — with the exception of
 * "enkelte paragraffer, fx anbringelse". Pure rules: where a proposal goes, and what the votes decide.
 */

export const proposalStatuses = ['voting', 'referred', 'granted', 'refused', 'withdrawn'] as const;
export type ProposalStatus = (typeof proposalStatuses)[number];
export const referralReasons = ['dissent', 'excepted_category', 'over_limit'] as const;
export type ReferralReason = (typeof referralReasons)[number];
export const votes = ['agree', 'disagree'] as const;
export type Vote = (typeof votes)[number];

export type ProposalRoute<R extends CompetenceRule = CompetenceRule> =
  | { to: 'core_team'; rule: R; position: number }
  | { to: 'committee'; reason: 'excepted_category' | 'over_limit'; rule: R; position: number };

/**
 * Where a proposal goes under the plan in force (000:876-881):
 * - the rule gives the core team full authority → the core team votes, unless the category is excepted in the plan
 *   (committee_only_categories, placement by default) → the committee (`excepted_category`), or the amount is over
 *   the core team's limit → the committee (`over_limit`);
 * - the rule names the visitation committee → the committee (`excepted_category`: the plan excepts it from the core team);
 * - the rule names a role or a department's leader → no proposal while the amount is within the limit (422
 *   `proposal_not_needed`, naming who decides); over the limit → the committee (`over_limit`);
 * - no plan or no rule → 422, nobody may grant it yet.
 */
export function proposalRoute<R extends CompetenceRule & { departmentName?: string | null }>(plan: PlanInForce<R> | null, basis: CompetenceBasis, amount: CompetenceAmount | null, basisLabel: string): ProposalRoute<R> {
  if (plan === null) throw unprocessable('no_competence_plan', 'No decision-competence plan is published: nobody may grant yet.', [
    { field: 'legalBasisId', code: 'no_competence_plan', message: 'A leader publishes the decision-competence plan first.' },
  ]);
  const match = competenceFor(plan, basis, amount ?? undefined);
  if (!match) throw unprocessable('no_competence_rule', `The decision-competence plan does not say who may grant ${basisLabel}.`, [
    { field: 'legalBasisId', code: 'no_competence_rule', message: `The plan has no rule for ${basisLabel}; a leader adds one first.` },
  ]);
  const { rule } = match;
  const position = plan.rules.indexOf(rule);
  if (rule.decidedBy === 'visitation_committee') return { to: 'committee', reason: 'excepted_category', rule, position };
  if (rule.decidedBy === 'core_team') {
    if (plan.committeeOnlyCategories.includes(basis.category)) return { to: 'committee', reason: 'excepted_category', rule, position };
    if (match.overLimit) return { to: 'committee', reason: 'over_limit', rule, position };
    return { to: 'core_team', rule, position };
  }
  if (match.overLimit) return { to: 'committee', reason: 'over_limit', rule, position };
  const message = `${basisLabel} is decided by ${whoMayGrant(rule)}, not by a core-team proposal: record the decision directly.`;
  throw new AppError(422, 'proposal_not_needed', message, [{ field: 'legalBasisId', code: 'proposal_not_needed', message }]);
}

/**
 * Who votes: the current core-team members who are the municipality's staff. External partners take part in the core
 * team's work (000:563-603) but a grant is an exercise of the municipality's authority (myndighedsudøvelse), which
 * stays with its own staff; a partner's view reaches the proposal through the staff on the team.
 */
export const votingRoles = ['coordinator', 'core_team_member', 'team_leader', 'department_head'] as const;

export interface CastVote { voterUserId: string; vote: Vote }

/**
 * What the votes decide (000:876-881): a single disagreement refers the proposal to the visitation committee at once
 * ('referred'); when every current core-team member has agreed, it is granted ('granted'); otherwise voting goes on.
 * Votes of people no longer on the core team do not count; a core team without members never decides.
 */
export function tally(currentMembers: readonly string[], cast: readonly CastVote[]): 'voting' | 'granted' | 'referred' {
  const members = new Set(currentMembers);
  const counted = cast.filter((v) => members.has(v.voterUserId));
  if (counted.some((v) => v.vote === 'disagree')) return 'referred';
  if (members.size > 0 && [...members].every((m) => counted.some((v) => v.voterUserId === m && v.vote === 'agree'))) return 'granted';
  return 'voting';
}
