import { api } from '../../api/client';

/** The meeting API (src/modules/meeting/schema.ts) as the web app uses it. */

export const meetingTypes = ['start_conversation', 'child_conversation', 'home_visit', 'assessment_meeting', 'analysis_meeting',
  'summary_meeting', 'status_meeting', 'network_meeting', 'follow_up'] as const;
export type MeetingType = (typeof meetingTypes)[number];
export const meetingTemplates = ['signs_of_safety', 'loft', 'ics', 'free'] as const;
export type MeetingTemplate = (typeof meetingTemplates)[number];
export type MeetingStatus = 'planned' | 'closed' | 'cancelled';
export type ParticipantRole = 'chair' | 'minute_taker' | 'participant';
export type AgreementStatus = 'open' | 'done' | 'cancelled';
export type ColumnKey = 'worries' | 'working_well' | 'next_steps' | 'see_happen' | 'agreements'
  | 'developmental_needs' | 'parenting_capacity' | 'family_environment' | 'points';

export interface MeetingSummary {
  id: string; caseId: string; type: MeetingType; template: MeetingTemplate; childContact: 'conversation' | 'observation' | null;
  title: string | null; scheduledAt: string; location: string | null; status: MeetingStatus; nextMeetingOn: string | null;
  noNextMeetingReason: string | null; closedAt: string | null; version: number;
}

export interface Participant {
  id: string; kind: 'user' | 'person' | 'guest'; userId: string | null; personId: string | null; name: string;
  organisation: string | null; relation: string | null; category: 'family' | 'staff' | 'partner' | 'guest'; role: ParticipantRole;
}

export interface AgendaPoint { id: string; column: ColumnKey; text: string; position: number; version: number }

export interface Agreement {
  id: string; meetingId: string; text: string;
  owner: { kind: 'family' | 'staff'; userId: string | null; personId: string | null; name: string };
  dueOn: string | null; status: AgreementStatus; version: number;
}

export interface Meeting extends MeetingSummary {
  familyId: string; minutes: string | null;
  columns: Array<{ key: ColumnKey; points: AgendaPoint[] }>;
  participants: Participant[];
  decisions: Array<{ id: string; text: string; createdAt: string }>;
  agreements: Agreement[];
  familyMayAttend: boolean;
  abilities: { canEdit?: boolean; canRecord?: boolean; canClose?: boolean; canUpdateAgreements?: boolean };
}

export interface MeetingList { meetings: MeetingSummary[]; abilities: { canCreate?: boolean } }

export type ParticipantInput =
  | { kind: 'user'; userId: string; role: ParticipantRole }
  | { kind: 'person'; personId: string; role: ParticipantRole }
  | { kind: 'guest'; guestName: string; guestOrganisation: string | null; role: ParticipantRole };

export interface MeetingInput {
  type: MeetingType; template: MeetingTemplate; childContact: 'conversation' | 'observation' | null; title: string | null;
  scheduledAt: string; location: string | null; participants: ParticipantInput[];
}

const id = (value: string) => encodeURIComponent(value);

export const meetingApi = {
  list: (caseId: string) => api.get<MeetingList>(`/cases/${id(caseId)}/meetings`),
  create: (caseId: string, input: MeetingInput) => api.post<Meeting>(`/cases/${id(caseId)}/meetings`, input),
  get: (meetingId: string) => api.get<Meeting>(`/meetings/${id(meetingId)}`),
  update: (meetingId: string, input: { minutes?: string | null; title?: string | null; location?: string | null; version: number }) =>
    api.patch<Meeting>(`/meetings/${id(meetingId)}`, input),
  close: (meetingId: string, input: { nextMeetingOn: string | null; noNextMeetingReason: string | null; version: number }) =>
    api.post<Meeting>(`/meetings/${id(meetingId)}/close`, input),
  cancel: (meetingId: string, version: number) => api.post<Meeting>(`/meetings/${id(meetingId)}/cancel`, { version }),
  addParticipant: (meetingId: string, input: ParticipantInput) => api.post<Meeting>(`/meetings/${id(meetingId)}/participants`, input),
  removeParticipant: (participantId: string) => api.delete<Meeting>(`/meeting-participants/${id(participantId)}`),
  addPoint: (meetingId: string, input: { column: ColumnKey; text: string }) => api.post<Meeting>(`/meetings/${id(meetingId)}/agenda-points`, input),
  deletePoint: (pointId: string, version: number) => api.delete<Meeting>(`/agenda-points/${id(pointId)}?version=${version}`),
  addDecision: (meetingId: string, text: string) => api.post<Meeting>(`/meetings/${id(meetingId)}/decisions`, { text }),
  deleteDecision: (decisionId: string) => api.delete<Meeting>(`/meeting-decisions/${id(decisionId)}`),
  addAgreement: (meetingId: string, input: { text: string; ownerUserId: string | null; ownerPersonId: string | null; dueOn: string }) =>
    api.post<Meeting>(`/meetings/${id(meetingId)}/agreements`, input),
  updateAgreement: (agreementId: string, input: { status: AgreementStatus; version: number }) => api.patch<Agreement>(`/agreements/${id(agreementId)}`, input),
};
