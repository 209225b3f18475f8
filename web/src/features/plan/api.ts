import { api } from '../../api/client';
import type { Abilities } from '../../api/types';
import type { ChildVoiceSummary } from '../child-voice/api';

/** The joint plan as the API sends and accepts it (src/modules/plan/schema.ts). */
export type GoalStatus = 'not_started' | 'in_progress' | 'achieved' | 'changed' | 'dropped';
export const goalStatuses: readonly GoalStatus[] = ['not_started', 'in_progress', 'achieved', 'changed', 'dropped'];
export type Horizon = 'short' | 'long';
export type ResponsibleKind = 'person' | 'user' | 'partner';

export type ResponsibleInput = { kind: 'person'; personId: string } | { kind: 'user'; userId: string } | { kind: 'partner'; name: string };
export interface Responsible { kind: ResponsibleKind; personId: string | null; userId: string | null; name: string }
export interface Activity { description: string; responsible: Responsible; dueOn: string; done: boolean }
export interface Goal {
  goalKey: string; title: string; concernsPersonId: string | null; concernsName: string | null; horizon: Horizon;
  specific: string; measurable: string; accepted: string; realistic: string; startsOn: string; endsOn: string; evaluation: string;
  familyWords: string | null; professionalAssessment: string | null; status: GoalStatus; statusNote: string | null; statusMeetingId: string | null;
  owners: Responsible[]; measures: Array<{ id: string; label: string; description: string }>; departments: Array<{ id: string; name: string }>;
  activities: Activity[];
  /** Issue 5 item 2: who beyond staff sees the goal; the joint plan is the family's, so 'family' unless marked. */
  visibility?: 'internal' | 'family' | 'partners';
}
export interface VersionSummary {
  number: number; basedOn: number | null; reason: string; meetingId: string | null; createdBy: string; createdAt: string;
  state: 'draft' | 'agreed'; agreedOn: string | null;
}
export interface Agreement {
  agreedOn: string; note: string | null; recordedBy: string; recordedAt: string;
  parties: Array<{ kind: 'person' | 'user'; id: string; name: string; familyMember: boolean }>;
}
export interface PlanVersion extends VersionSummary { latest: boolean; agreement: Agreement | null; goals: Goal[] }
export interface Plan {
  familyId: string; familyName: string; planId: string | null; latestVersion: number | null; latestAgreedVersion: number | null;
  version: PlanVersion | null; versions: VersionSummary[];
  members: Array<{ personId: string; name: string; relation: string }>;
  measures: Array<{ id: string; label: string; description: string }>;
  departments: Array<{ id: string; name: string }>;
  staff: Array<{ userId: string; name: string }>;
  meetings: Array<{ id: string; type: string; scheduledAt: string }>;
  childVoice: ChildVoiceSummary[];
  accessReason: string;
  abilities: Abilities;
}
export interface ActivityInput { description: string; responsible: ResponsibleInput; dueOn: string; done: boolean }
export interface GoalInput {
  goalKey?: string; title: string; concernsPersonId: string | null; horizon: Horizon; specific: string; measurable: string; accepted: string;
  realistic: string; startsOn: string; endsOn: string; evaluation: string; familyWords: string | null; professionalAssessment: string | null;
  status: GoalStatus; statusNote: string | null; statusMeetingId: string | null; owners: ResponsibleInput[]; measureIds: string[];
  departmentIds: string[]; activities: ActivityInput[]; visibility?: 'internal' | 'family' | 'partners';
}
export interface PlanInput { reason: string; meetingId: string | null; goals: GoalInput[] }
export interface PlanDiff {
  from: number; to: number;
  added: Array<{ goalKey: string; title: string }>;
  removed: Array<{ goalKey: string; title: string }>;
  changed: Array<{ goalKey: string; title: string; changes: Array<{ field: string; before: unknown; after: unknown }> }>;
  unchanged: Array<{ goalKey: string; title: string }>;
}

const id = (value: string) => encodeURIComponent(value);
const base = (familyId: string) => `/families/${id(familyId)}/plan`;

export const planApi = {
  get: (familyId: string, version?: number) => api.get<Plan>(version ? `${base(familyId)}/versions/${version}` : base(familyId)),
  create: (familyId: string, input: PlanInput) => api.post<Plan>(base(familyId), input),
  revise: (familyId: string, input: PlanInput & { baseVersion: number }) => api.post<Plan>(`${base(familyId)}/versions`, input),
  updateStatuses: (familyId: string, version: number, input: { reason: string; meetingId: string | null; updates: Array<{ goalKey: string; status: GoalStatus; note: string | null }> }) =>
    api.post<Plan>(`${base(familyId)}/versions/${version}/statuses`, input),
  agree: (familyId: string, version: number, input: { agreedOn: string; personIds: string[]; userIds: string[]; note: string | null }) =>
    api.post<Plan>(`${base(familyId)}/versions/${version}/agreement`, input),
  compare: (familyId: string, from: number, to: number) => api.get<PlanDiff>(`${base(familyId)}/compare?from=${from}&to=${to}`),
  pdfUrl: (familyId: string, version?: number) => `/api${base(familyId)}/pdf${version ? `?version=${version}` : ''}`,
};

/** A goal as the editor starts from it: its key kept, so the versions can be compared goal by goal. */
export function goalToInput(goal: Goal): GoalInput {
  const responsible = (r: Responsible): ResponsibleInput =>
    r.kind === 'person' ? { kind: 'person', personId: r.personId ?? '' } : r.kind === 'user' ? { kind: 'user', userId: r.userId ?? '' } : { kind: 'partner', name: r.name };
  return {
    goalKey: goal.goalKey, title: goal.title, concernsPersonId: goal.concernsPersonId, horizon: goal.horizon, specific: goal.specific,
    measurable: goal.measurable, accepted: goal.accepted, realistic: goal.realistic, startsOn: goal.startsOn, endsOn: goal.endsOn,
    evaluation: goal.evaluation, familyWords: goal.familyWords, professionalAssessment: goal.professionalAssessment, status: goal.status,
    statusNote: goal.statusNote, statusMeetingId: goal.statusMeetingId, owners: goal.owners.map(responsible),
    measureIds: goal.measures.map((m) => m.id), departmentIds: goal.departments.map((d) => d.id),
    activities: goal.activities.map((a) => ({ description: a.description, responsible: responsible(a.responsible), dueOn: a.dueOn, done: a.done })),
    visibility: goal.visibility ?? 'family',
  };
}

export function emptyGoal(): GoalInput {
  return {
    title: '', concernsPersonId: null, horizon: 'short', specific: '', measurable: '', accepted: '', realistic: '', startsOn: '', endsOn: '',
    evaluation: '', familyWords: null, professionalAssessment: null, status: 'not_started', statusNote: null, statusMeetingId: null,
    owners: [], measureIds: [], departmentIds: [], activities: [],
  };
}
