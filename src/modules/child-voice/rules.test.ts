import { describe, expect, it } from 'vitest';
import { checkDistinctTopics, checkNotInFuture, topicTrends } from './rules.js';

describe('Dialoglinealen over time (000:479-483)', () => {
  it('gives per topic the latest score, the one before it and the direction, whatever order the scores come in', () => {
    const trends = topicTrends([
      { topic: 'Skole', scoredOn: '2026-11-01', score: 4 },
      { topic: 'Skole', scoredOn: '2026-09-01', score: 2 },
      { topic: 'Hjemme', scoredOn: '2026-09-01', score: 5 },
      { topic: 'Hjemme', scoredOn: '2026-11-01', score: 3 },
      { topic: 'Venner', scoredOn: '2026-11-01', score: 3 },
    ]);
    expect(trends.map((t) => [t.topic, t.latest, t.previous, t.trend])).toEqual([
      ['Hjemme', 3, 5, 'down'], ['Skole', 4, 2, 'up'], ['Venner', 3, null, 'first'],
    ]);
  });

  it('refuses dates in the future and a topic twice in one session (case and spaces ignored)', () => {
    expect(() => checkNotInFuture('2026-11-22', '2026-11-22', 'scoredOn')).not.toThrow();
    expect(() => checkNotInFuture('2026-11-23', '2026-11-22', 'scoredOn')).toThrow(/future/);
    expect(() => checkDistinctTopics(['Skole', 'Hjemme'])).not.toThrow();
    expect(() => checkDistinctTopics(['Skole', ' skole'])).toThrow(/twice/);
  });
});
