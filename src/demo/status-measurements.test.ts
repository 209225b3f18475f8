import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { client, login } from '../../test/factories.js';
import { demoPassword, seedDemo } from './seed.js';

/**
 * The status-measurement demo (issue 9 item 7): the team leader of Demo Kommune's child-disability department finds
 * about two years of quarterly results per model, rising from around the evaluation's first levels, with the lowest
 * element marked; a coordinator finds cases to rate this quarter.
 */
let t: TestApp;

interface Results { models: Array<{ model: string; quarters: Array<{ quarter: string; n: number; elements: Array<{ elementKey: string; mean: number | null }> }>; latestLowestElementKeys: string[] }> }

beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.db, t.clock);
}, 180_000);

afterAll(async () => {
  await t?.close();
});

describe('status-measurement demo', () => {
  it('the team leader sees a two-year trend per model that rises, with joint financing lowest in EFEI', async () => {
    const leader = client(t.app, await login(t.app, 'teamleder@demo.tovholder.dk', demoPassword));
    const response = await leader.get('/api/status-measurements/results');
    expect(response.statusCode, response.body).toBe(200);
    const results = response.json() as Results;
    for (const model of results.models) {
      // EFEI's oldest demo cases opened over two years ago, SOF's about a year and a half ago (flows.ts).
      expect(model.quarters.length, model.model).toBeGreaterThanOrEqual(model.model === 'efei' ? 8 : 6);
      const avg = (q: Results['models'][number]['quarters'][number]) => q.elements.reduce((s, e) => s + (e.mean ?? 0), 0) / q.elements.length;
      expect(avg(model.quarters.at(-1)!) - avg(model.quarters[0]!), model.model).toBeGreaterThan(0.2);
    }
    expect(results.models.find((m) => m.model === 'efei')!.latestLowestElementKeys).toEqual(['joint_financing']);
  });

  it('a coordinator has cases left to rate this quarter', async () => {
    const coordinator = client(t.app, await login(t.app, 'koordinator@demo.tovholder.dk', demoPassword));
    const mine = (await coordinator.get('/api/status-measurements/mine')).json() as { toRate: unknown[]; measurements: unknown[] };
    expect(mine.toRate.length).toBeGreaterThan(0);
    expect(mine.measurements.length).toBeGreaterThan(0);
  });
});
