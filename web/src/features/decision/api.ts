import { api, request } from '../../api/client';
import type { Abilities } from '../../api/types';

/** Decisions and the yearly amounts as the API sends them (src/modules/decision/schema.ts, src/modules/yearly-amount/schema.ts). */
export type DecisionOutcome = 'granted' | 'refused' | 'changed' | 'ended';
export const decisionOutcomes: readonly DecisionOutcome[] = ['granted', 'refused', 'changed', 'ended'];
export type AmountPeriod = 'month' | 'year' | 'once';
export const amountPeriods: readonly AmountPeriod[] = ['month', 'year', 'once'];
export type ChildViewsMethod = 'conversation' | 'dialoglinealen' | 'drawing' | 'observation' | 'other';
export const childViewsMethods: readonly ChildViewsMethod[] = ['conversation', 'dialoglinealen', 'drawing', 'observation', 'other'];
export type YearlyAmountKind = 'bl86_threshold_per_year' | 'bl87_cap_per_month';
export const yearlyAmountKinds: readonly YearlyAmountKind[] = ['bl86_threshold_per_year', 'bl87_cap_per_month'];

export interface Decision {
  id: string; caseId: string; decidedOn: string; outcome: DecisionOutcome; legalBasisId: string; legalBasisLabel: string; legalBasisCategory: string;
  reasoning: string; amountDkk: number | null; amountPeriod: AmountPeriod | null;
  measures: Array<{ id: string; legalBasisLabel: string; description: string }>;
  childViewsMethod: ChildViewsMethod | null; childViewsOn: string | null; childViews: string | null; childViewsNotObtainedReason: string | null;
  bisidderToldOn: string | null; childAgeOnDecision: number | null; childIsParty: boolean | null;
  warnings: Array<{ code: 'bisidder_not_told'; message: string }>; recordedBy: string | null; recordedAt: string; version: number; abilities: Abilities;
  /** Issue 8 item 2: who decided under which plan version, and the letter to the family. */
  decidedByKind: 'role' | 'department_leader' | 'core_team' | 'visitation_committee' | null; competencePlanVersionNo: number | null;
  competenceRulePosition: number | null; proposalId: string | null;
  letter: { id: string; body: string; complaintDeadline: string | null; createdAt: string } | null;
}
export interface CaseDecisions { caseId: string; decisions: Decision[]; abilities: Abilities }
export interface DecisionInput {
  decidedOn: string; outcome: DecisionOutcome; legalBasisId: string; reasoning: string; amountDkk?: number | null; amountPeriod?: AmountPeriod | null;
  measureIds?: string[]; childViewsMethod?: ChildViewsMethod | null; childViewsOn?: string | null; childViews?: string | null;
  childViewsNotObtainedReason?: string | null; bisidderToldOn?: string | null;
}

export interface YearlyAmount { year: number; kind: YearlyAmountKind; amountDkk: number; note: string | null; updatedBy: string | null; updatedAt: string; version: number }
export interface YearlyAmounts { amounts: YearlyAmount[]; abilities: Abilities }
export interface YearlyAmountInput { year: number; kind: YearlyAmountKind; amountDkk: number; note?: string | null; version: number }

const id = (value: string) => encodeURIComponent(value);

export const decisionApi = {
  ofCase: (caseId: string) => api.get<CaseDecisions>(`/cases/${id(caseId)}/decisions`),
  record: (caseId: string, input: DecisionInput) => api.post<Decision>(`/cases/${id(caseId)}/decisions`, input),
  update: (decisionId: string, input: Partial<DecisionInput> & { version: number }) => api.patch<Decision>(`/decisions/${id(decisionId)}`, input),
};

export const yearlyAmountApi = {
  list: () => api.get<YearlyAmounts>('/admin/yearly-amounts'),
  set: (input: YearlyAmountInput) => request<YearlyAmounts>('PUT', '/admin/yearly-amounts', input),
};
