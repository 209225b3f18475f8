import { api } from '../../api/client';
import type { Abilities } from '../../api/types';

/** The decision-competence plan as the API sends it (src/modules/competence/schema.ts). */
export type CompetenceDecider = 'role' | 'department_leader' | 'core_team' | 'visitation_committee';
export const competenceDeciders: readonly CompetenceDecider[] = ['role', 'department_leader', 'core_team', 'visitation_committee'];
export type CompetenceRole = 'coordinator' | 'core_team_member' | 'team_leader' | 'department_head';
export const competenceRoles: readonly CompetenceRole[] = ['coordinator', 'core_team_member', 'team_leader', 'department_head'];
export type CompetencePeriod = 'month' | 'year';
export const competencePeriods: readonly CompetencePeriod[] = ['month', 'year'];
export const legalCategories = ['preventive', 'compensation', 'assessment', 'triage', 'support_measure', 'placement', 'financial_support'] as const;
export type LegalCategory = (typeof legalCategories)[number];

export interface CompetenceRuleInput {
  legalBasisId: string | null; category: string | null; decidedBy: CompetenceDecider; role: CompetenceRole | null; departmentId: string | null;
  maxAmountDkk: number | null; amountPeriod: CompetencePeriod | null; defaultPayerDepartmentId: string | null;
}
export interface CompetenceRule extends CompetenceRuleInput { legalBasisLabel: string | null; departmentName: string | null; defaultPayerDepartmentName: string | null }
export interface CompetenceVersion {
  id: string; versionNo: number; publishedAt: string; publishedBy: string | null; note: string; ruleCount: number;
  /** Issue 8 item 3: categories a core-team proposal always refers to the visitation committee. */
  committeeOnlyCategories: string[];
}
export interface CompetencePlan { version: CompetenceVersion | null; current: boolean; rules: CompetenceRule[]; abilities: Abilities }

export const competenceApi = {
  current: () => api.get<CompetencePlan>('/competence-plan'),
  versions: () => api.get<{ versions: CompetenceVersion[] }>('/competence-plan/versions'),
  version: (versionId: string) => api.get<CompetencePlan>(`/competence-plan/versions/${encodeURIComponent(versionId)}`),
  publish: (input: { note: string; rules: CompetenceRuleInput[]; basedOnVersion: number; committeeOnlyCategories: string[] }) => api.post<CompetencePlan>('/competence-plan/versions', input),
};
