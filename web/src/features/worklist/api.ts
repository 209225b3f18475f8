import { api, request } from '../../api/client';

/**
 * The API of the worklist, follow-up, contact and annual wheel modules (src/modules/worklist, follow-up, contact,
 * annual-wheel) as the web app uses it. One file for the four features: they share the cadence's vocabulary.
 */
const id = (value: string) => encodeURIComponent(value);

export type Bucket = 'overdue' | 'today' | 'this_week' | 'later';
export const worklistKinds = [
  'follow_up_due', 'status_meeting_due', 'meeting', 'agreement_due', 'contact_too_little', 'contact_too_much', 'transition_not_started', 'child_plan_due',
  'investigation_due', 'provisional_assessment_required', 'reassessment_open', 'law_cadence_missing',
] as const;
export type WorklistKind = (typeof worklistKinds)[number];

export interface WorklistItem {
  kind: WorklistKind; bucket: Bucket; dueOn: string; familyId: string; familyName: string; caseId: string; caseNumber: string;
  childName: string; refId: string | null; detail: string | null; link: string;
}
export interface Worklist { today: string; items: WorklistItem[]; counts: { overdue: number; today: number; thisWeek: number } }

export const followUpForms = ['phone', 'physical_meeting', 'video', 'home_visit'] as const;
export type FollowUpForm = (typeof followUpForms)[number];
export const informalChannels = ['sms', 'call', 'email', 'message'] as const;
export type InformalChannel = (typeof informalChannels)[number];

export interface CadenceView {
  rule: 'sof_follow_up' | 'efei_status_meeting' | 'none'; cadence: 'six_weeks' | 'three_months' | 'weeks' | 'none'; weeks: number | null;
  reason: string; countsFrom: string | null; countsFromFollowUp: boolean; dueOn: string | null; bucket: Bucket | null;
  /** Which rule gave dueOn: the model's cadence or Barnets Lov §95 (the stricter wins; server: cadence/rules.ts). */
  source: 'model' | 'law_95'; modelDueOn: string | null;
  law: { dueOn: string | null; measureId: string | null; basis: 'first_follow_up' | 'recorded_cadence' | null; months: number | null; cadenceMissing: string[] };
}
export interface LogEntry {
  id: string; source: 'log' | 'meeting'; kind: 'follow_up' | 'informal'; channel: string; direction: 'outgoing' | 'incoming'; occurredOn: string;
  caseId: string | null; summary: string | null; agreementsReviewed: string | null; recordedBy: string | null;
}
export interface FollowUpOverview {
  caseId: string; familyId: string; caseNumber: string; childName: string; cadence: CadenceView; log: LogEntry[]; abilities: Record<string, boolean>;
}
export interface FollowUpInput { occurredOn: string; form: string; summary: string; agreementsReviewed: string | null }
export interface ContactInput { occurredOn: string; channel: string; direction: 'outgoing' | 'incoming'; note: string | null }

export interface TransitionView {
  caseId: string; childName: string; birthDate: string | null; eighteenOn: string | null; startBy: string | null; leadTimeMonths: number;
  startedOn: string | null; note: string | null;
  /** Null until the start is first recorded: then send 0. */
  version: number | null; abilities: Record<string, boolean>;
}

export const contactChannels = ['phone', 'sms', 'email', 'message', 'video', 'physical_meeting', 'home_visit'] as const;
export type ContactChannel = (typeof contactChannels)[number];
export interface ContactAgreement {
  revision: number; channels: ContactChannel[]; everyDays: number; goodTimes: string | null; prefersSpace: boolean;
  maxContactsPer30Days: number | null; note: string | null; recordedBy: string | null; recordedAt: string;
}
export interface ContactOverview {
  familyId: string; familyName: string; current: ContactAgreement | null; history: ContactAgreement[]; lastContactOn: string | null;
  contactsLast30: number;
  drift: { kind: 'too_little'; lastContactOn: string | null; dueOn: string } | { kind: 'too_much'; contactsLast30: number; max: number } | null;
  recentContacts: Array<{ id: string; kind: string; channel: string; direction: string; occurredOn: string; summary: string | null }>;
  abilities: Record<string, boolean>;
}
export interface ContactAgreementInput {
  channels: ContactChannel[]; everyDays: number; goodTimes: string | null; prefersSpace: boolean; maxContactsPer30Days: number | null;
  note: string | null; revision: number;
}

export const wheelKinds = ['follow_up', 'network_meeting', 'status_meeting', 'plan_evaluation', 'transition_milestone', 'other'] as const;
export type WheelKind = (typeof wheelKinds)[number];
export interface WheelActivity {
  key: string; id: string | null; source: 'generated' | 'planned' | 'meeting'; kind: string; title: string | null; caseId: string | null;
  childName: string | null; scheduledAt: string | null; version: number | null;
}
export interface AnnualWheel {
  familyId: string; familyName: string; year: number; months: Array<{ month: number; activities: WheelActivity[] }>;
  cases: Array<{ caseId: string; childName: string }>; abilities: Record<string, boolean>;
}
export interface WheelActivityInput { year: number; month: number; kind: string; title: string | null; caseId: string | null; scheduledAt: string | null }

export const worklistApi = {
  get: () => api.get<Worklist>('/worklist'),
};
export const followUpApi = {
  overview: (caseId: string) => api.get<FollowUpOverview>(`/cases/${id(caseId)}/follow-ups`),
  record: (caseId: string, input: FollowUpInput) => api.post<FollowUpOverview>(`/cases/${id(caseId)}/follow-ups`, input),
  contact: (familyId: string, input: ContactInput) => api.post<LogEntry>(`/families/${id(familyId)}/contacts`, input),
  transition: (caseId: string) => api.get<TransitionView>(`/cases/${id(caseId)}/transition`),
  recordTransition: (caseId: string, input: { startedOn: string; note: string | null; version: number }) =>
    request<TransitionView>('PUT', `/cases/${id(caseId)}/transition`, input),
};
export const contactApi = {
  get: (familyId: string) => api.get<ContactOverview>(`/families/${id(familyId)}/contact-agreement`),
  revise: (familyId: string, input: ContactAgreementInput) => request<ContactOverview>('PUT', `/families/${id(familyId)}/contact-agreement`, input),
};
export const annualWheelApi = {
  get: (familyId: string, year: number) => api.get<AnnualWheel>(`/families/${id(familyId)}/annual-wheel?year=${year}`),
  add: (familyId: string, input: WheelActivityInput) => api.post<AnnualWheel>(`/families/${id(familyId)}/annual-wheel/activities`, input),
  update: (activityId: string, input: { scheduledAt?: string | null; month?: number; version: number }) =>
    api.patch<AnnualWheel>(`/annual-wheel/activities/${id(activityId)}`, input),
};

