import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/errors.js';
import { currentDefinition, definitions } from './definitions.js';
import { referenceLevels } from './references.js';
import { quarterOf } from '../../platform/clock/dates.js';
import { checkAnswers, dueOf, inReminderWindow } from './rules.js';

describe('the quarter a day belongs to, and when its measurement is due', () => {
  const table: Array<[string, string, string, string, string]> = [
    // today, quarter, opens, remind from, due by
    ['2026-01-01', '2026-Q1', '2026-01-01', '2026-03-01', '2026-03-31'],
    ['2026-03-31', '2026-Q1', '2026-01-01', '2026-03-01', '2026-03-31'],
    ['2026-04-01', '2026-Q2', '2026-04-01', '2026-06-01', '2026-06-30'],
    ['2026-08-15', '2026-Q3', '2026-07-01', '2026-09-01', '2026-09-30'],
    ['2026-11-22', '2026-Q4', '2026-10-01', '2026-12-01', '2026-12-31'],
    ['2028-02-29', '2028-Q1', '2028-01-01', '2028-03-01', '2028-03-31'],
  ];
  for (const [today, quarter, opensOn, remindFrom, dueBy] of table) {
    it(`${today} → ${quarter}, due by ${dueBy}`, () => {
      expect(quarterOf(today)).toBe(quarter);
      expect(dueOf(today)).toEqual({ quarter, opensOn, remindFrom, dueBy });
    });
  }
  it('reminds only in the quarter\'s last month', () => {
    expect(['2026-10-01', '2026-11-30', '2026-12-01', '2026-12-31', '2027-01-01'].map(inReminderWindow)).toEqual([false, false, true, true, false]);
  });
});

describe('the questionnaires as data', () => {
  it('each model has four core elements with the report\'s names and at least two index questions each', () => {
    expect(currentDefinition('efei')!.elements.map((e) => e.nameDa)).toEqual(['Inddragelse af familien', 'Koordineret sagsbehandling', 'Fælles systematisk tilgang', 'Fælles finansiering']);
    expect(currentDefinition('sof')!.elements.map((e) => e.nameDa)).toEqual(['Inddragelse af familien', 'Styrket tværgående samarbejde', 'Systematisk og hyppig opfølgning', 'Fælles målbillede']);
    for (const d of definitions) for (const e of d.elements) expect(e.questions.length).toBeGreaterThanOrEqual(2);
    expect(currentDefinition('law')).toBeNull();
  });
  it('question keys are unique and every reference level names a known element or none', () => {
    const keys = definitions.flatMap((d) => d.elements.flatMap((e) => e.questions.map((q) => `${d.model}:${q.key}`)));
    expect(new Set(keys).size).toBe(keys.length);
    for (const level of referenceLevels) {
      if (level.elementKey !== null) expect(currentDefinition(level.model)!.elements.map((e) => e.key)).toContain(level.elementKey);
    }
  });
});

describe('checkAnswers: every problem named by its field', () => {
  const efei = currentDefinition('efei')!;
  const all = (score = 4) => efei.elements.flatMap((e) => e.questions.map((q) => ({ questionKey: q.key, score })));
  const problems = (answers: Array<{ questionKey: string; score: number }>) => {
    try {
      checkAnswers(efei, answers);
      return [];
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).statusCode).toBe(422);
      return (error as AppError).details.map((d) => `${d.field} ${d.code}`);
    }
  };
  it('a complete measurement passes and gets its elements', () => {
    expect(checkAnswers(efei, all()).map((a) => a.elementKey)).toContain('joint_financing');
  });
  const table: Array<[string, (a: Array<{ questionKey: string; score: number }>) => Array<{ questionKey: string; score: number }>, string[]]> = [
    ['a score of 0', (a) => a.map((x, i) => (i === 2 ? { ...x, score: 0 } : x)), ['answers.2.score out_of_range']],
    ['a score of 7', (a) => a.map((x, i) => (i === 0 ? { ...x, score: 7 } : x)), ['answers.0.score out_of_range']],
    ['a score of 3.5', (a) => a.map((x, i) => (i === 1 ? { ...x, score: 3.5 } : x)), ['answers.1.score out_of_range']],
    ['an unknown question', (a) => [...a, { questionKey: 'sof_goals_written', score: 3 }], [`answers.${all().length}.questionKey unknown_question`]],
    ['a question twice', (a) => [...a, { ...a[0]! }], [`answers.${all().length}.questionKey duplicate_question`]],
    ['a missing question', (a) => a.slice(1), ['answers.efei_involvement_assessment required']],
  ];
  for (const [name, change, expected] of table) it(name, () => expect(problems(change(all()))).toEqual(expected));
});
