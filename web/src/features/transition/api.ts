import { api, request } from '../../api/client';
import type { Abilities } from '../../api/types';

/** The transition track to adult services as the API sends it (src/modules/transition/schema.ts). */
export interface TransitionStep { id: string; title: string; plannedOn: string; doneOn: string | null; overdue: boolean; version: number }
export interface TransitionTrack {
  caseId: string; caseNumber: string; childName: string; birthDate: string | null; trackAge: number; shown: boolean;
  opensOn: string | null; eighteenOn: string | null; startBy: string | null; startedOn: string | null; alert: boolean;
  adultContact: { name: string | null; unit: string | null; phone: string | null; email: string | null } | null;
  /** The adult-services contact's version; null until the track is first saved (then send 0). */
  steps: TransitionStep[]; version: number | null; abilities: Abilities;
}
export interface TrackInput { adultContactName: string | null; adultContactUnit: string | null; adultContactPhone: string | null; adultContactEmail: string | null; version: number }
export interface TransitionAlert { caseId: string; caseNumber: string; startBy: string; eighteenOn: string; leadName: string | null }

const id = encodeURIComponent;
export const transitionTrackApi = {
  get: (caseId: string) => api.get<TransitionTrack>(`/cases/${id(caseId)}/transition-track`),
  save: (caseId: string, input: TrackInput) => request<TransitionTrack>('PUT', `/cases/${id(caseId)}/transition-track`, input),
  addStep: (caseId: string, input: { title: string; plannedOn: string }) => api.post<TransitionTrack>(`/cases/${id(caseId)}/transition-track/steps`, input),
  updateStep: (stepId: string, input: { done?: boolean; version: number }) => api.patch<TransitionTrack>(`/transition-steps/${id(stepId)}`, input),
  alerts: () => api.get<{ alerts: TransitionAlert[] }>('/transition-alerts'),
};
