import { z } from 'zod';
import { Abilities, OptionalText } from '../../platform/http/fields.js';

/** The family's side of a meeting (issue 5 item 3): preparing for it, and feedback after it (004:2105-2124). */

export const PreparationInput = z.object({
  focusPoints: OptionalText(4000),
  wishes: OptionalText(4000),
  inviteWishes: OptionalText(2000),
  /** The version the parent edited; 0 when they have not prepared yet. A stale version is refused with 409. */
  version: z.number({ error: 'required: The version you edited is required.' }).int().min(0),
});
export type PreparationInput = z.infer<typeof PreparationInput>;

export const PreparationView = z.object({
  focusPoints: z.string().nullable(),
  wishes: z.string().nullable(),
  inviteWishes: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type PreparationView = z.infer<typeof PreparationView>;

/** A whole number; the range (1-5) is the feedback rule's, answered 422 (rules.checkScale). */
const Score = z.number({ error: 'required: Choose an answer.' }).int('score_range: Choose 1 to 5.');

export const FeedbackInput = z.object({
  heard: Score,
  importantTopics: Score,
  approach: Score,
  overall: Score,
  comment: OptionalText(2000),
});
export type FeedbackInput = z.infer<typeof FeedbackInput>;

export const FeedbackAnswers = z.object({
  heard: z.number().int(), importantTopics: z.number().int(), approach: z.number().int(), overall: z.number().int(), comment: z.string().nullable(),
});

/** A meeting as the family sees it here: only what the portal needs to prepare or give feedback. */
export const FamilyMeeting = z.object({
  id: z.string(),
  type: z.string(),
  scheduledAt: z.string(),
  location: z.string().nullable(),
  status: z.enum(['planned', 'closed', 'cancelled']),
  preparation: PreparationView.nullable(),
  feedbackGiven: z.boolean(),
  abilities: Abilities,
});
export type FamilyMeeting = z.infer<typeof FamilyMeeting>;

export const FamilyMeetingList = z.object({ meetings: z.array(FamilyMeeting) });
export type FamilyMeetingList = z.infer<typeof FamilyMeetingList>;

/** What the staff see on the meeting page: each family member's preparation, and feedback from the next day. */
export const FamilyInputView = z.object({
  meetingId: z.string(),
  preparations: z.array(PreparationView.extend({ personId: z.string(), personName: z.string() })),
  feedback: z.array(FeedbackAnswers.extend({ personId: z.string(), personName: z.string(), answeredAt: z.string() })),
  /** Feedback given today, shown from tomorrow (004:2122: the caseworker goes through it the following day). */
  feedbackWaiting: z.number().int(),
});
export type FamilyInputView = z.infer<typeof FamilyInputView>;
