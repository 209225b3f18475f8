import { api, request } from '../../api/client';

/** What the family does in the portal (issue 5 items 3 and 5), and the staff side of family messages. */

export interface MessageView { id: string; body: string; sentAt: string; author: { side: 'family' | 'staff'; name: string }; mine: boolean }
export interface ThreadSummary { id: string; familyId: string; subject: string; lastMessageAt: string; unread: number }
export interface ThreadView extends ThreadSummary { messages: MessageView[]; abilities: { canReply?: boolean } }
export interface ThreadList { threads: ThreadSummary[]; abilities: { canStart?: boolean } }
export interface UnreadFamilyMessages { count: number; threads: Array<ThreadSummary & { familyName: string }> }

export interface Preparation { focusPoints: string | null; wishes: string | null; inviteWishes: string | null; updatedAt: string; version: number }
export interface FamilyMeeting {
  id: string; type: string; scheduledAt: string; location: string | null; status: 'planned' | 'closed' | 'cancelled';
  preparation: Preparation | null; feedbackGiven: boolean; abilities: { canPrepare?: boolean; canGiveFeedback?: boolean };
}
export const feedbackQuestions = ['heard', 'importantTopics', 'approach', 'overall'] as const;
export type FeedbackQuestion = (typeof feedbackQuestions)[number];
export interface FeedbackAnswers { heard: number; importantTopics: number; approach: number; overall: number; comment: string | null }
export interface FamilyInput {
  meetingId: string;
  preparations: Array<Preparation & { personId: string; personName: string }>;
  feedback: Array<FeedbackAnswers & { personId: string; personName: string; answeredAt: string }>;
  feedbackWaiting: number;
}

export type ChildPageQuestion = 'general' | 'home' | 'school' | 'friends' | 'free_time';
export interface ChildPage {
  childId: string; firstName: string; allowed: boolean; questions: ChildPageQuestion[]; answeredToday: boolean;
  /** Null until a parent first opens or closes the page (then send 0). */
  version: number | null; abilities: { canAnswer?: boolean };
}

export interface ContactAgreement {
  revision: number; channels: string[]; everyDays: number; goodTimes: string | null; prefersSpace: boolean; maxContactsPer30Days: number | null;
  note: string | null; recordedBy: string | null; recordedAt: string;
}
export interface ContactAgreementInput {
  channels: string[]; everyDays: number; goodTimes: string | null; prefersSpace: boolean; maxContactsPer30Days: number | null; note: string | null; revision: number;
}

const quiet = { quietUnauthorized: true };

export const familyPortalApi = {
  threads: () => api.get<ThreadList>('/portal/threads', quiet),
  thread: (id: string) => api.get<ThreadView>(`/portal/threads/${id}`, quiet),
  startThread: (subject: string, body: string) => api.post<ThreadView>('/portal/threads', { subject, body }, quiet),
  write: (id: string, body: string) => api.post<ThreadView>(`/portal/threads/${id}/messages`, { body }, quiet),
  meetings: () => api.get<{ meetings: FamilyMeeting[] }>('/portal/meeting-tasks', quiet),
  meeting: (id: string) => api.get<FamilyMeeting>(`/portal/meetings/${id}/preparation`, quiet),
  prepare: (id: string, input: { focusPoints: string; wishes: string; inviteWishes: string; version: number }) =>
    request<FamilyMeeting>('PUT', `/portal/meetings/${id}/preparation`, input, quiet),
  feedback: (id: string, input: Omit<FeedbackAnswers, 'comment'> & { comment: string }) => api.post<FamilyMeeting>(`/portal/meetings/${id}/feedback`, input, quiet),
  children: () => api.get<{ children: ChildPage[] }>('/portal/children', quiet),
  childPage: (id: string) => api.get<ChildPage>(`/portal/children/${id}/child-page`, quiet),
  allowChildPage: (id: string, allowed: boolean, version: number) => request<ChildPage>('PUT', `/portal/children/${id}/child-page`, { allowed, version }, quiet),
  answerChildPage: (id: string, answers: Array<{ question: ChildPageQuestion; score: number }>) =>
    api.post<ChildPage>(`/portal/children/${id}/child-page/answers`, { answers }, quiet),
  contactAgreement: () => api.get<{ familyId: string; current: ContactAgreement | null }>('/portal/contact-agreement', quiet),
  reviseContactAgreement: (input: ContactAgreementInput) =>
    request<{ familyId: string; current: ContactAgreement | null }>('PUT', '/portal/contact-agreement', input, quiet),
};

export const familyMessagesApi = {
  ofFamily: (familyId: string) => api.get<ThreadList>(`/families/${familyId}/threads`),
  thread: (id: string) => api.get<ThreadView>(`/message-threads/${id}`),
  reply: (id: string, body: string) => api.post<ThreadView>(`/message-threads/${id}/messages`, { body }),
  unread: () => api.get<UnreadFamilyMessages>('/family-messages/unread'),
  familyInput: (meetingId: string) => api.get<FamilyInput>(`/meetings/${meetingId}/family-input`),
};
