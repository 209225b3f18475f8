import { z } from 'zod';
import { Abilities, Id, IsoDate, OptionalText, RequiredText } from '../../platform/http/fields.js';

/** The child's own voice (001:160-163, 000:479-483, 004:143-148): schemas for notes and Dialoglinealen scores. */

export const voiceMethods = ['conversation', 'observation'] as const;
export const VoiceMethod = z.enum(voiceMethods);
export const trends = ['up', 'down', 'same', 'first'] as const;

export const VoiceNoteInput = z.object({
  occurredOn: IsoDate,
  method: VoiceMethod,
  summary: RequiredText(8000),
  meetingId: Id.nullish(),
});
export type VoiceNoteInput = z.infer<typeof VoiceNoteInput>;

/** One Dialoglinealen session: a date and a smiley (1-5) per topic. */
export const RulerScoresInput = z.object({
  scoredOn: IsoDate,
  meetingId: Id.nullish(),
  scores: z.array(z.object({
    topic: RequiredText(100),
    score: z.number({ error: 'required: Choose a smiley.' }).int('score_range: Choose 1 to 5 smileys.')
      .min(1, 'score_range: Choose 1 to 5 smileys.').max(5, 'score_range: Choose 1 to 5 smileys.'),
    comment: OptionalText(2000),
  })).min(1, 'required: Give at least one topic.').max(30),
});
export type RulerScoresInput = z.infer<typeof RulerScoresInput>;

export const VoiceNoteView = z.object({
  id: z.string(), occurredOn: z.string(), method: VoiceMethod, summary: z.string(), meetingId: z.string().nullable(),
  recordedBy: z.string(), recordedAt: z.string(),
});
export type VoiceNoteView = z.infer<typeof VoiceNoteView>;

export const RulerScoreView = z.object({
  id: z.string(), scoredOn: z.string(), topic: z.string(), score: z.number().int(), comment: z.string().nullable(), meetingId: z.string().nullable(),
  /** Null when the child answered on the child's page in the family portal (source child_page, issue 5 item 5). */
  recordedBy: z.string().nullable(),
  source: z.enum(['staff', 'child_page']),
});
export type RulerScoreView = z.infer<typeof RulerScoreView>;

export const TopicTrend = z.object({
  topic: z.string(),
  latest: z.number().int(),
  latestOn: z.string(),
  previous: z.number().int().nullable(),
  trend: z.enum(trends),
  history: z.array(z.object({ scoredOn: z.string(), score: z.number().int() })),
});
export type TopicTrend = z.infer<typeof TopicTrend>;

/** Per child: the latest Dialoglinealen score per topic with its trend, and the latest notes. */
export const ChildVoiceSummary = z.object({
  childId: z.string(),
  childName: z.string(),
  topics: z.array(TopicTrend),
  latestNotes: z.array(VoiceNoteView),
});
export type ChildVoiceSummary = z.infer<typeof ChildVoiceSummary>;

export const ChildVoiceView = z.object({
  childId: z.string(),
  childName: z.string(),
  notes: z.array(VoiceNoteView),
  scores: z.array(RulerScoreView),
  topics: z.array(TopicTrend),
  abilities: Abilities,
});
export type ChildVoiceView = z.infer<typeof ChildVoiceView>;
