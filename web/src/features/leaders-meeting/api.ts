import { api } from '../../api/client';
import type { Abilities } from '../../api/types';

/** Coordination group and stop-op meetings as the API sends them (src/modules/leaders-meeting/schema.ts). */
export type SeriesKind = 'coordination_group' | 'stop_op';
export interface Person { userId: string; name: string }
export interface MeetingSummary { id: string; scheduledOn: string; status: 'planned' | 'held'; heldOn: string | null }
export interface Series {
  id: string; kind: SeriesKind; title: string; firstOn: string; intervalMonths: number; members?: Person[]; meetings: MeetingSummary[]; nextDates: string[]; abilities: Abilities;
}
export type AgendaSource = 'overdue_follow_ups' | 'caseload' | 'referred_decisions' | 'financing_disputes' | 'open_escalations';
export interface AgendaItem { source: AgendaSource; count: number; cases: Array<{ caseNumber: string; caseId: string | null }>; people?: Array<{ name: string; count: number }> }
export interface LeaderMeeting {
  id: string; series: { id: string; kind: SeriesKind; title: string }; scheduledOn: string; status: 'planned' | 'held'; heldOn: string | null;
  agenda: AgendaItem[]; minutes: string | null; minutesSentAt: string | null;
  decisions: Array<{ id: string; text: string; responsible: Person; dueOn: string | null; createdAt: string }>;
  members: Person[]; version: number; abilities: Abilities;
}

const id = encodeURIComponent;
export const leaderMeetingApi = {
  series: () => api.get<{ series: Series[]; abilities: Abilities }>('/leader-meetings/series'),
  oneSeries: (seriesId: string) => api.get<Series>(`/leader-meetings/series/${id(seriesId)}`),
  createSeries: (input: { kind: SeriesKind; title: string; firstOn: string; memberUserIds: string[] }) => api.post<Series>('/leader-meetings/series', input),
  scheduleNext: (seriesId: string) => api.post<LeaderMeeting>(`/leader-meetings/series/${id(seriesId)}/meetings`, {}),
  meeting: (meetingId: string) => api.get<LeaderMeeting>(`/leader-meetings/${id(meetingId)}`),
  addDecision: (meetingId: string, input: { text: string; responsibleUserId: string; dueOn: string | null }) => api.post<LeaderMeeting>(`/leader-meetings/${id(meetingId)}/decisions`, input),
  hold: (meetingId: string, input: { minutes: string; version: number }) => api.post<LeaderMeeting>(`/leader-meetings/${id(meetingId)}/hold`, input),
};
