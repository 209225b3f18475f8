import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { client, login } from '../../test/factories.js';
import { demoPassword, seedDemo } from './seed.js';

/**
 * The survey demo (issue 10 item 7): Demo Kommune's team leader finds two years of parent-survey series per model
 * with enough answers per wave for the charts, an end wave open now with a live response rate, and the portal demo
 * parent invited and not yet answered.
 */
let t: TestApp;

interface Series { series: Array<{ instrument: string; model: string; series: string; waves: Array<{ phase: string; invited: number; responded: number }> }> }
interface Result { tooFewAnswers: boolean; respondents: Record<string, number>; paired: number | null; themes: Array<{ byPhase: Record<string, { mean: number | null }>; test: { pText: string } | null }> }

beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.db, t.clock);
}, 180_000);

afterAll(async () => {
  await t?.close();
});

describe('survey demo', () => {
  it('the team leader sees parent series per model with 15-40 answers per wave and theme means', async () => {
    const leader = client(t.app, await login(t.app, 'teamleder@demo.tovholder.dk', demoPassword));
    const list = (await leader.get('/api/survey-results/series')).json() as Series;
    const parents = list.series.filter((s) => s.instrument === 'parent');
    expect(parents.map((s) => s.model).sort()).toEqual(['efei', 'sof']);
    for (const s of parents) {
      expect(s.waves.map((w) => w.phase)).toEqual(['baseline', 'midway', 'end']);
      const response = await leader.get(`/api/survey-results?instrument=parent&model=${s.model}&series=${encodeURIComponent(s.series)}`);
      expect(response.statusCode, response.body).toBe(200);
      const result = response.json() as Result;
      expect(result.tooFewAnswers).toBe(false);
      for (const phase of ['baseline', 'midway', 'end']) {
        expect(result.respondents[phase], `${s.model} ${phase}`).toBeGreaterThanOrEqual(10);
        expect(result.respondents[phase], `${s.model} ${phase}`).toBeLessThanOrEqual(40);
      }
      expect(result.themes.every((th) => th.byPhase.baseline!.mean !== null && th.byPhase.end!.mean !== null)).toBe(true);
    }
  });

  it('the portal demo parent has an open invitation to answer', async () => {
    const person = await t.db.selectFrom('persons').select('id').where('email', '=', 'foraelder@demo.tovholder.dk').executeTakeFirstOrThrow();
    const open = await t.db.selectFrom('survey_invitations as i').innerJoin('survey_waves as w', 'w.id', 'i.wave_id')
      .select(['w.phase', 'i.responded']).where('i.person_id', '=', person.id).where('w.phase', '=', 'end').execute();
    expect(open).toEqual([{ phase: 'end', responded: false }]);
  });
});
