import { api, request } from '../../api/client';
import type { Abilities, Measure } from '../../api/types';

/**
 * Barnets Lov §18 screenings, §137 notifications with their re-assessments, and the §20 provisional assessment, as the
 * API sends them (src/modules/screening, src/modules/notification, src/modules/measure).
 */
export const screeningOutcomes = ['nothing_further', 'afdaekning', 'child_expert_investigation'] as const;
export type ScreeningOutcome = (typeof screeningOutcomes)[number];
export const notificationSources = ['school', 'daycare', 'health', 'police', 'family', 'anonymous', 'other'] as const;
export type NotificationSource = (typeof notificationSources)[number];

export interface Screening { id: string; awareOn: string; screenedOn: string; outcome: ScreeningOutcome; reasons: string; recordedBy: string; recordedAt: string }
export interface CaseScreenings { caseId: string; screenings: Screening[]; abilities: Abilities }
export interface ScreeningInput { awareOn: string; screenedOn: string; outcome: ScreeningOutcome; reasons: string }

export interface Reassessment {
  id: string; notificationId: string; openedOn: string; assignedUserId: string | null; assignedUserName: string | null; completedOn: string | null;
  conclusion: string | null; completedByName: string | null; notNewUserIds: string[]; version: number; abilities: Abilities;
}
export interface Notification {
  id: string; receivedOn: string; source: NotificationSource; summary: string; recordedBy: string; recordedAt: string; reassessment: Reassessment | null;
}
export interface CaseNotifications { caseId: string; notifications: Notification[]; abilities: Abilities }
export interface NotificationInput { receivedOn: string; source: NotificationSource; summary: string }
export interface ReassessmentUpdate { assignedUserId?: string; conclusion?: string | null; completedOn?: string; version: number }

const id = (value: string) => encodeURIComponent(value);

export const assessmentApi = {
  screenings: (caseId: string) => api.get<CaseScreenings>(`/cases/${id(caseId)}/screenings`),
  recordScreening: (caseId: string, input: ScreeningInput) => api.post<CaseScreenings>(`/cases/${id(caseId)}/screenings`, input),
  notifications: (caseId: string) => api.get<CaseNotifications>(`/cases/${id(caseId)}/notifications`),
  recordNotification: (caseId: string, input: NotificationInput) => api.post<CaseNotifications>(`/cases/${id(caseId)}/notifications`, input),
  updateReassessment: (reassessmentId: string, input: ReassessmentUpdate) => api.patch<CaseNotifications>(`/reassessments/${id(reassessmentId)}`, input),
  provisionalAssessment: (measureId: string, input: { on: string; text: string; version: number }) =>
    request<Measure>('PUT', `/measures/${id(measureId)}/provisional-assessment`, input),
};
