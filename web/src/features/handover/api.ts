import { api } from '../../api/client';
import type { Abilities } from '../../api/types';

/** Handover and deputies as the API sends them (src/modules/handover/schema.ts). */
export interface HandoverNote {
  id: string; caseId: string; fromName: string | null; toName: string; role: string; handedOverOn: string; familyNeeds: string;
  openAgreements: string | null; nextDates: string | null; sharedNote: string | null; batchId: string | null; writtenBy: string; createdAt: string;
}
export interface HandoverOverview {
  caseId: string; caseNumber: string; childName: string; model: 'efei' | 'sof'; status: string;
  lead: { userId: string; name: string; role: string; startsOn: string } | null;
  deputies: Array<{ assignmentId: string; userId: string; name: string; startsOn: string; endsOn: string; deputyForName: string | null }>;
  suggested: { openAgreements: string; nextDates: string };
  notes: HandoverNote[];
  abilities: Abilities;
}
export interface NoteFields { familyNeeds: string; openAgreements: string | null; nextDates: string | null }
export interface LeadCase { caseId: string; caseNumber: string; childName: string; model: 'efei' | 'sof'; role: string }

const id = encodeURIComponent;
export const handoverApi = {
  get: (caseId: string) => api.get<HandoverOverview>(`/cases/${id(caseId)}/handover`),
  handOver: (caseId: string, input: NoteFields & { toUserId: string; handedOverOn?: string; notifyFamily: boolean }) =>
    api.post<HandoverOverview>(`/cases/${id(caseId)}/handover`, input),
  deputy: (caseId: string, input: { userId: string; startsOn: string; endsOn: string }) => api.post<HandoverOverview>(`/cases/${id(caseId)}/deputies`, input),
  leadCases: (userId: string) => api.get<{ cases: LeadCase[] }>(`/handovers/lead-cases?userId=${id(userId)}`),
  bulk: (input: { fromUserId: string; toUserId: string; sharedNote: string | null; notifyFamily: boolean; cases: Array<NoteFields & { caseId: string }> }) =>
    api.post<{ batchId: string; notes: HandoverNote[] }>('/handovers/bulk', input),
  absence: (input: { absentUserId: string; deputyUserId: string; startsOn: string; endsOn: string }) =>
    api.post<{ assignmentIds: string[]; caseIds: string[] }>('/deputies/absence', input),
};
