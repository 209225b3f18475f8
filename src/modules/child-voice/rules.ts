import { unprocessable } from '../../platform/http/errors.js';
import type { TopicTrend } from './schema.js';

/**
 * Dialoglinealen (000:479-483): the child places a smiley per topic, "how the child is doing in general and in concrete
 * aspects of its life". Over time, the latest score per topic and its direction since the score before it show
 * whether things get better for the child; the child's own voice is heard less than the parents' (004:143-148), so
 * it stands beside the goals of the joint plan.
 */
export function topicTrends(scores: ReadonlyArray<{ topic: string; scoredOn: string; score: number }>): TopicTrend[] {
  const byTopic = new Map<string, Array<{ scoredOn: string; score: number }>>();
  for (const s of scores) {
    const key = s.topic.trim();
    const list = byTopic.get(key) ?? [];
    list.push({ scoredOn: s.scoredOn, score: s.score });
    byTopic.set(key, list);
  }
  return [...byTopic.entries()]
    .map(([topic, list]) => {
      const history = [...list].sort((a, b) => a.scoredOn.localeCompare(b.scoredOn));
      const latest = history[history.length - 1]!;
      const previous = history.length > 1 ? history[history.length - 2]!.score : null;
      const trend: TopicTrend['trend'] = previous === null ? 'first' : latest.score > previous ? 'up' : latest.score < previous ? 'down' : 'same';
      return { topic, latest: latest.score, latestOn: latest.scoredOn, previous, trend, history };
    })
    .sort((a, b) => a.topic.localeCompare(b.topic, 'da'));
}

/** What the child said or showed is recorded after it happened, never ahead of time. */
export function checkNotInFuture(date: string, today: string, field: string): void {
  if (date > today) {
    throw unprocessable('date_in_future', `The ${field} is in the future; record what the child said or showed after it happened.`, [
      { field, code: 'date_in_future', message: 'The date cannot be in the future.' },
    ]);
  }
}

/** One Dialoglinealen session names each topic once (a topic scored twice on one day would hide one of them). */
export function checkDistinctTopics(topics: string[]): void {
  const seen = new Set<string>();
  topics.forEach((topic, i) => {
    const key = topic.trim().toLocaleLowerCase('da');
    if (seen.has(key)) {
      throw unprocessable('topic_repeated', 'A topic appears twice in one Dialoglinealen session.', [
        { field: `scores.${i}.topic`, code: 'topic_repeated', message: 'Each topic once per date.' },
      ]);
    }
    seen.add(key);
  });
}
