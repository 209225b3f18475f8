import { conflict, unprocessable } from '../../platform/http/errors.js';

/**
 * The child's page (issue 5 item 5): when the parents allow it, the child answers a few Dialoglinealen questions
 * with smileys — "hvordan barnet har det generelt og i forhold til konkrete aspekter af barnets liv" (000:479-483).
 * The answers are Dialoglinealen scores like those a caseworker records with the child, so they join the same
 * topics' trends beside the joint plan; the child's own voice is heard less than the parents' (004:143-148).
 */

/** The questions, in the order the child meets them; the topic is what the scores are filed under (Danish, as staff write them). */
export const childPageQuestions = [
  { key: 'general', topic: 'Generelt' },
  { key: 'home', topic: 'Hjemme' },
  { key: 'school', topic: 'Skole' },
  { key: 'friends', topic: 'Venner' },
  { key: 'free_time', topic: 'Fritid' },
] as const;
export type ChildPageQuestion = (typeof childPageQuestions)[number]['key'];
export const childPageQuestionKeys = childPageQuestions.map((q) => q.key) as [ChildPageQuestion, ...ChildPageQuestion[]];

export function topicOf(key: ChildPageQuestion): string {
  return childPageQuestions.find((q) => q.key === key)!.topic;
}

/** The page is open only while the parents allow it. */
export function checkAllowed(allowed: boolean): void {
  if (!allowed) {
    throw unprocessable('child_page_not_allowed', 'The child\'s page is closed. A parent opens it first.', []);
  }
}

/** 1 (very sad) to 5 (very happy): Dialoglinealen's smileys (000:479-483, migration 0004's score_range). */
export function checkAnswers(answers: ReadonlyArray<{ question: ChildPageQuestion; score: number }>): void {
  const details = answers.flatMap((a, i) => (a.score < 1 || a.score > 5 ? [{ field: `answers.${i}.score`, code: 'score_range', message: 'Choose one of the 5 smileys.' }] : []));
  if (details.length > 0) throw unprocessable('score_range', 'Choose one of the 5 smileys.', details);
  const seen = new Set<string>();
  answers.forEach((a, i) => {
    if (seen.has(a.question)) {
      throw unprocessable('question_repeated', 'A question is answered twice.', [{ field: `answers.${i}.question`, code: 'question_repeated', message: 'Each question once.' }]);
    }
    seen.add(a.question);
  });
}

/** One set of answers per day, like one Dialoglinealen session per date (dialogue_ruler_scores_one_per_day). */
export const answeredToday = () => conflict('already_answered_today', 'The child has already answered today. The page opens again tomorrow.');
