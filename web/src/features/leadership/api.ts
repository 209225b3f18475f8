import { api } from '../../api/client';
import type { SessionUser } from '../../api/types';

/** The leader dashboard (issue 9 items 1, 2, 8): src/modules/leadership/schema.ts. */

export interface Figures { counted: number; onTime: number; late: number; overdue: number; share: number | null }
export type LoadStatus = 'under' | 'within' | 'over';
export interface CoordinatorLoad {
  userId: string; name: string; hasAuthority: boolean; cases: number; efei: number; sof: number; complex: number; weighted: number;
  status: LoadStatus; otherDepartments: number;
}
export interface OverdueRow {
  caseId: string; caseNumber: string; childName: string; familyName: string; dueOn: string; daysOverdue: number;
  leadUserId: string | null; leadName: string | null; escalated: boolean;
}
export interface Dashboard {
  departmentId: string; departmentName: string; today: string;
  settings: { caseloadTarget: { min: number; max: number }; caseloadWeights: { efei: number; sof: number; complex: number }; escalationAfterDays: number };
  caseload: {
    coordinators: CoordinatorLoad[];
    suggestion: { efei: string | null; sof: string | null };
    history: Array<{ month: string; on: string; total: number; weightedAverage: number | null; perUser: Record<string, number> }>;
  };
  compliance: { team: Figures; coordinators: Array<{ userId: string | null; name: string | null } & Figures>; trend: Array<{ month: string } & Figures> };
  overdue: OverdueRow[];
  overdueTotal: number;
  escalations: { open: number };
}

export const caseFilters = ['caseload', 'overdue', 'on_time', 'late', 'due', 'escalated'] as const;
export type CaseFilter = (typeof caseFilters)[number];
export type Outcome = 'on_time' | 'late' | 'overdue' | 'pending';
export interface LeaderCase {
  caseId: string; caseNumber: string; childName: string; familyName: string; model: 'efei' | 'sof'; dueOn: string | null; heldOn: string | null;
  outcome: Outcome | null; leadUserId: string | null; leadName: string | null;
}
export interface LeaderCases { filter: CaseFilter; userId: string | null; userName: string | null; month: string | null; cases: LeaderCase[]; hiddenCount: number }
export interface CaseQuery { filter: CaseFilter; userId?: string | null; month?: string | null; unassigned?: boolean }

export interface Escalation {
  id: string; caseId: string; caseNumber: string; childName: string; dueOn: string; escalatedOn: string; daysOverdue: number; overdueDaysSetting: number;
  teamLeaderUserId: string; teamLeaderName: string; leadName: string | null; resolvedAt: string | null; resolvedByName: string | null;
  resolution: 'follow_up_held' | 'no_longer_due' | 'manual' | null; resolutionNote: string | null; version: number;
}

export function queryString(q: Partial<CaseQuery> & { report?: string }): string {
  const params = new URLSearchParams();
  if (q.report) params.set('report', q.report);
  if (q.filter) params.set('filter', q.filter);
  if (q.userId) params.set('userId', q.userId);
  if (q.month) params.set('month', q.month);
  if (q.unassigned) params.set('unassigned', 'true');
  return params.toString();
}

/** The link behind a figure: the list of its cases. */
export const casesLink = (q: CaseQuery) => `/leader/cases?${queryString(q)}`;
/** A CSV export (a plain GET the browser downloads; the server logs it). */
export const exportLink = (report: 'caseload' | 'compliance' | 'overdue' | 'cases', q: Partial<CaseQuery> = {}) => `/api/leader/export?${queryString({ ...q, report })}`;

export const leaderApi = {
  dashboard: () => api.get<Dashboard>('/leader/dashboard'),
  cases: (q: CaseQuery) => api.get<LeaderCases>(`/leader/cases?${queryString(q)}`),
  escalations: () => api.get<{ escalations: Escalation[]; open: number }>('/leader/escalations'),
  escalationCount: () => api.get<{ open: number; mine: number }>('/leader/escalations/count'),
  resolve: (id: string, body: { note: string; version: number }) => api.post<Escalation>(`/leader/escalations/${id}/resolve`, body),
};

/** Team leaders and department heads of a department see the leader dashboard (the server decides; this shows the menu). */
export const leadsDepartment = (user: SessionUser) => user.departmentId !== null && user.roles.some((r) => r === 'team_leader' || r === 'department_head');
