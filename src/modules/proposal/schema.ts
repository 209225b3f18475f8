import { z } from 'zod';
import { Abilities, IsoDate, OptionalText } from '../../platform/http/fields.js';
import { competenceDeciders } from '../competence/rules.js';
import { DecisionInput } from '../decision/schema.js';
import { amountPeriods, childViewsMethods, decisionOutcomes } from '../decision/rules.js';
import { proposalStatuses, referralReasons, votes } from './rules.js';

/** Core-team proposals and votes (issue 8 item 3; 000:876-881). */

/** What a proposal states: as a decision needs (measures, basis, amount, reasoning, the child's views; Barnets Lov §5). */
export const ProposalInput = DecisionInput.omit({ decidedOn: true, outcome: true, bisidderToldOn: true });
export type ProposalInput = z.infer<typeof ProposalInput>;

export const VoteInput = z.object({
  vote: z.enum(votes, { error: 'vote_invalid: Choose agree or disagree.' }),
  /** Required when disagreeing: the dissent sent to the visitation committee. */
  reason: OptionalText(4000),
});
export type VoteInput = z.infer<typeof VoteInput>;

export const ProposalView = z.object({
  id: z.string().uuid(),
  caseId: z.string().uuid(),
  caseNumber: z.string(),
  childFirstName: z.string(),
  legalBasisId: z.string(),
  legalBasisLabel: z.string(),
  legalBasisCategory: z.string(),
  reasoning: z.string(),
  amountDkk: z.number().nullable(),
  amountPeriod: z.enum(amountPeriods).nullable(),
  measures: z.array(z.object({ id: z.string().uuid(), description: z.string(), legalBasisLabel: z.string() })),
  childViewsMethod: z.enum(childViewsMethods).nullable(),
  childViewsOn: z.string().nullable(),
  childViews: z.string().nullable(),
  childViewsNotObtainedReason: z.string().nullable(),
  status: z.enum(proposalStatuses),
  referralReason: z.enum(referralReasons).nullable(),
  referredOn: z.string().nullable(),
  expectedBy: z.string().nullable(),
  committeeMeeting: z.object({ id: z.string().uuid(), meetsOn: z.string() }).nullable(),
  decision: z.object({ id: z.string().uuid(), outcome: z.enum(decisionOutcomes), decidedOn: z.string(), decidedByKind: z.enum(competenceDeciders).nullable() }).nullable(),
  planVersionNo: z.number().int(),
  proposedBy: z.string().nullable(),
  proposedAt: z.string(),
  /** Every current core-team member with their vote (null: not voted yet), and votes of former members. */
  votes: z.array(z.object({
    userId: z.string().uuid(), name: z.string(), currentMember: z.boolean(), vote: z.enum(votes).nullable(), reason: z.string().nullable(), votedAt: z.string().nullable(),
  })),
  abilities: Abilities,
});
export type ProposalView = z.infer<typeof ProposalView>;

export const CaseProposals = z.object({ caseId: z.string().uuid(), proposals: z.array(ProposalView), abilities: Abilities });
export type CaseProposals = z.infer<typeof CaseProposals>;

/** "What may I decide?" for a case: per legal basis in force, who grants it under the plan and whether the actor may. */
export const DecisionCompetence = z.object({
  planVersionNo: z.number().int().nullable(),
  committeeOnlyCategories: z.array(z.string()),
  bases: z.array(z.object({
    legalBasisId: z.string(), legalBasisLabel: z.string(), category: z.string(),
    decidedBy: z.enum(competenceDeciders).nullable(), role: z.string().nullable(), departmentName: z.string().nullable(),
    maxAmountDkk: z.number().nullable(), amountPeriod: z.string().nullable(),
    /** direct: the actor may grant it (within the limit); proposal: through the core team; committee: referred; none: nobody yet / not the actor. */
    route: z.enum(['direct', 'proposal', 'committee', 'not_you', 'no_rule']),
  })),
});
export type DecisionCompetence = z.infer<typeof DecisionCompetence>;
export const DecisionDateQuery = z.object({ on: IsoDate.optional() });
