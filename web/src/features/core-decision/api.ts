import { api } from '../../api/client';
import type { Abilities } from '../../api/types';
import type { AmountPeriod, ChildViewsMethod, DecisionOutcome } from '../decision/api';

/** Core-team proposals, votes and the visitation committee (issue 8 items 2-3; src/modules/proposal, src/modules/committee). */
export type Decider = 'role' | 'department_leader' | 'core_team' | 'visitation_committee';
export type CompetenceRoute = 'direct' | 'proposal' | 'committee' | 'not_you' | 'no_rule';
export interface CompetenceBasis {
  legalBasisId: string; legalBasisLabel: string; category: string; decidedBy: Decider | null; role: string | null; departmentName: string | null;
  maxAmountDkk: number | null; amountPeriod: 'month' | 'year' | null; route: CompetenceRoute;
}
export interface DecisionCompetence { planVersionNo: number | null; committeeOnlyCategories: string[]; bases: CompetenceBasis[] }

export type ProposalStatus = 'voting' | 'referred' | 'granted' | 'refused' | 'withdrawn';
export interface Proposal {
  id: string; caseId: string; caseNumber: string; childFirstName: string; legalBasisId: string; legalBasisLabel: string; legalBasisCategory: string; reasoning: string;
  amountDkk: number | null; amountPeriod: AmountPeriod | null; measures: Array<{ id: string; description: string; legalBasisLabel: string }>;
  childViewsMethod: ChildViewsMethod | null; childViewsOn: string | null; childViews: string | null; childViewsNotObtainedReason: string | null;
  status: ProposalStatus; referralReason: 'dissent' | 'excepted_category' | 'over_limit' | null; referredOn: string | null; expectedBy: string | null;
  committeeMeeting: { id: string; meetsOn: string } | null; decision: { id: string; outcome: DecisionOutcome; decidedOn: string; decidedByKind: Decider | null } | null;
  planVersionNo: number; proposedBy: string | null; proposedAt: string;
  votes: Array<{ userId: string; name: string; currentMember: boolean; vote: 'agree' | 'disagree' | null; reason: string | null; votedAt: string | null }>;
  abilities: Abilities;
}
export interface ProposalInput {
  legalBasisId: string; reasoning: string; amountDkk?: number | null; amountPeriod?: AmountPeriod | null; measureIds?: string[];
  childViewsMethod?: ChildViewsMethod | null; childViewsOn?: string | null; childViews?: string | null; childViewsNotObtainedReason?: string | null;
}
export interface CommitteeMeeting { id: string; meetsOn: string; location: string | null; note: string | null; agendaCount: number }
export interface CommitteeQueue { proposals: Proposal[]; meetings: CommitteeMeeting[]; abilities: Abilities }
export interface CommitteeAgenda { meeting: CommitteeMeeting; agenda: Proposal[] }
export interface PortalDecisions {
  letters: Array<{ id: string; decisionId: string; childFirstName: string; legalBasisLabel: string; outcome: DecisionOutcome; decidedOn: string; body: string; complaintDeadline: string | null; createdAt: string }>;
  pending: Array<{ id: string; childFirstName: string; legalBasisLabel: string; stage: 'core_team' | 'committee'; expectedBy: string | null }>;
}

/** A measure's grant status (issue 8 item 2; server: decision/rules.ts grantStatus), sent on every measure. */
export type GrantStatus = 'not_decided' | 'proposed' | 'with_committee' | 'granted' | 'refused' | 'ended';
export interface MeasureGrant { grantStatus?: GrantStatus; grantExpectedBy?: string | null }

const id = (value: string) => encodeURIComponent(value);
export const coreDecisionApi = {
  competence: (caseId: string) => api.get<DecisionCompetence>(`/cases/${id(caseId)}/decision-competence`),
  ofCase: (caseId: string) => api.get<{ caseId: string; proposals: Proposal[]; abilities: Abilities }>(`/cases/${id(caseId)}/proposals`),
  propose: (caseId: string, input: ProposalInput) => api.post<Proposal>(`/cases/${id(caseId)}/proposals`, input),
  get: (proposalId: string) => api.get<Proposal>(`/proposals/${id(proposalId)}`),
  vote: (proposalId: string, input: { vote: 'agree' | 'disagree'; reason?: string | null }) => api.post<Proposal>(`/proposals/${id(proposalId)}/votes`, input),
  queue: () => api.get<CommitteeQueue>('/committee/queue'),
  planMeeting: (input: { meetsOn: string; location?: string | null; note?: string | null }) => api.post<CommitteeAgenda>('/committee/meetings', input),
  meeting: (meetingId: string) => api.get<CommitteeAgenda>(`/committee/meetings/${id(meetingId)}`),
  decide: (proposalId: string, input: { outcome: 'granted' | 'refused'; reasoning: string }) => api.post<Proposal>(`/committee/proposals/${id(proposalId)}/decision`, input),
  portal: () => api.get<PortalDecisions>('/portal/decisions'),
};

export const competenceCodes = ['outside_competence', 'over_competence_limit', 'decided_by_core_team', 'decided_by_committee', 'no_competence_rule', 'no_competence_plan'] as const;
export type CompetenceCode = (typeof competenceCodes)[number];
