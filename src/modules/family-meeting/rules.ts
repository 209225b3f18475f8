import { isoDateInCopenhagen } from '../../platform/clock/clock.js';
import { conflict, unprocessable } from '../../platform/http/errors.js';

/**
 * The family's side of a meeting (issue 5 item 3).
 *
 * Preparation — 004:2108-2110: families are taken into counsel on the meeting's agenda and on which professionals to
 * invite. A family member writes their focus points, wishes and people to invite while the meeting is planned.
 *
 * Feedback — 004:2120-2123: "en feedbackmodel (FIT-inspirerede spørgsmål), hvor familier besvarer spørgsmål om
 * samarbejdet ved afslutningen af et møde. Rådgiver ringer så den følgende dag og gennemgår spørgsmål". The four
 * questions follow the Session Rating Scale of Feedback-Informed Treatment (relationship, goals and topics,
 * approach, overall), on the 1-5 smiley scale the families know from Dialoglinealen (000:479-483).
 */

export const feedbackQuestions = ['heard', 'importantTopics', 'approach', 'overall'] as const;
export type FeedbackQuestion = (typeof feedbackQuestions)[number];
export const scaleMin = 1;
export const scaleMax = 5;

/** A family member prepares while the meeting is planned; after it is held or cancelled the preparation stands. */
export function checkPreparable(status: string): void {
  if (status !== 'planned') {
    throw unprocessable('meeting_not_open', `The meeting is ${status}; preparation is for a meeting that is still planned.`, []);
  }
}

/** Feedback is given about a meeting that has been held and closed (004:2121 "ved afslutningen af et møde"). */
export function checkFeedbackOpen(status: string): void {
  if (status !== 'closed') {
    throw unprocessable('meeting_not_closed', 'Feedback is given after the meeting has been held and closed.', []);
  }
}

export function checkScale(answers: Record<FeedbackQuestion, number>): void {
  const details = feedbackQuestions.filter((q) => answers[q] < scaleMin || answers[q] > scaleMax)
    .map((q) => ({ field: q, code: 'score_range', message: `Choose ${scaleMin} to ${scaleMax}.` }));
  if (details.length > 0) throw unprocessable('score_range', `Answers are ${scaleMin} to ${scaleMax}.`, details);
}

/**
 * Once per family member and meeting: the answers are what the family felt right after it, and the caseworker's call
 * the next day goes through those; a second answer is refused (409) rather than silently replacing the first.
 */
export const feedbackGiven = () => conflict('feedback_given', 'You have already answered the questions about this meeting.');

/**
 * Staff see a family member's feedback from the day after it was given (004:2122 "den følgende dag"): the family
 * answers in peace, and the caseworker reads it when preparing the next day's call. Days are Danish calendar days.
 */
export function feedbackVisible(answeredAt: Date, now: Date): boolean {
  return isoDateInCopenhagen(now) > isoDateInCopenhagen(answeredAt);
}

/** A preparation says something: an empty one would show the coordinator a blank card. */
export function checkPreparationGiven(input: { focusPoints?: string | null; wishes?: string | null; inviteWishes?: string | null }): void {
  if (!input.focusPoints && !input.wishes && !input.inviteWishes) {
    throw unprocessable('preparation_empty', 'Write at least one of: focus points, wishes, people to invite.', [
      { field: 'focusPoints', code: 'preparation_empty', message: 'Write at least one of the fields.' },
    ]);
  }
}
