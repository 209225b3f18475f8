import { api } from '../../api/client';
import type { Case, CaseModel, CaseStatus } from '../../api/types';

/** The guided flow and fixed core-team API (src/modules/flow, src/modules/case/core-team.ts). */

export type StepState = 'done' | 'current' | 'upcoming' | 'skipped';
export type FlowRecordKind = 'skipped' | 'information_gathered' | 'information_shared';

export interface FlowStep {
  key: string; number: number | null; source: string; state: StepState; repeatable: boolean; skippable: boolean;
  doneAt: string | null; skipReason: string | null;
}

export interface CaseWarning { code: string; message: string; departmentId?: string; departmentName?: string }

export interface Flow {
  caseId: string; model: CaseModel; status: CaseStatus; statusReason: string | null; round: number;
  rounds: Array<{ number: number; startedAt: string | null; reason: string | null }>;
  steps: FlowStep[];
  nextAction: { key: string; step: string; dueOn: string | null } | null;
  records: Array<{ round: number; kind: FlowRecordKind; step: string; text: string; recordedAt: string }>;
  cadence: 'six_weeks' | 'three_months' | 'none';
  warnings: CaseWarning[];
  abilities: { canRecord?: boolean; canStartRound?: boolean; canChangeStatus?: boolean };
}

export interface FixedTeam {
  id: string; name: string; version: number;
  members: Array<{ userId: string; name: string; departmentName: string | null; external: boolean; teamRole: string }>;
}

const id = (value: string) => encodeURIComponent(value);

export const flowApi = {
  get: (caseId: string) => api.get<Flow>(`/cases/${id(caseId)}/flow`),
  record: (caseId: string, input: { kind: FlowRecordKind; text: string }) => api.post<Flow>(`/cases/${id(caseId)}/flow/records`, input),
  startRound: (caseId: string, reason: string) => api.post<Flow>(`/cases/${id(caseId)}/flow/rounds`, { reason }),
  fixedTeams: () => api.get<FixedTeam[]>('/core-teams'),
  applyFixedTeam: (caseId: string, teamId: string) => api.post<Case>(`/cases/${id(caseId)}/core-team/apply`, { teamId }),
};
