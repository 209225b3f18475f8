import { api } from '../../api/client';
import type { Abilities } from '../../api/types';

/** The child's own voice as the API sends it (src/modules/child-voice/schema.ts). */
export type VoiceMethod = 'conversation' | 'observation';
export type Trend = 'up' | 'down' | 'same' | 'first';
export interface VoiceNote { id: string; occurredOn: string; method: VoiceMethod; summary: string; meetingId: string | null; recordedBy: string; recordedAt: string }
export interface RulerScore { id: string; scoredOn: string; topic: string; score: number; comment: string | null; meetingId: string | null; recordedBy: string }
export interface TopicTrend { topic: string; latest: number; latestOn: string; previous: number | null; trend: Trend; history: Array<{ scoredOn: string; score: number }> }
export interface ChildVoiceSummary { childId: string; childName: string; topics: TopicTrend[]; latestNotes: VoiceNote[] }
export interface ChildVoice { childId: string; childName: string; notes: VoiceNote[]; scores: RulerScore[]; topics: TopicTrend[]; abilities: Abilities }
export interface VoiceNoteInput { occurredOn: string; method: VoiceMethod; summary: string; meetingId?: string | null }
export interface RulerScoresInput { scoredOn: string; meetingId?: string | null; scores: Array<{ topic: string; score: number; comment?: string | null }> }

const id = (value: string) => encodeURIComponent(value);

export const childVoiceApi = {
  get: (childId: string) => api.get<ChildVoice>(`/children/${id(childId)}/voice`),
  addNote: (childId: string, input: VoiceNoteInput) => api.post<ChildVoice>(`/children/${id(childId)}/voice/notes`, input),
  addScores: (childId: string, input: RulerScoresInput) => api.post<ChildVoice>(`/children/${id(childId)}/voice/scores`, input),
};
