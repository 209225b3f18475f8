import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { client, login } from '../../test/factories.js';
import { demoPassword, seedDemo } from './seed.js';

/** The costs demo (issue 8 items 4-5): about two years of postings, shared and disputed splits, as the controller sees them. */
let t: TestApp;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.db, t.clock);
  api = client(t.app, await login(t.app, 'controller@demo.tovholder.dk', demoPassword));
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('Demo Kommune costs', () => {
  it('has postings in each of the last 24 months, paid by several departments, in every evaluation category but placements', async () => {
    const months = (await api.get('/api/reports/costs?by=month&from=2024-12&to=2026-11')).json();
    expect(months.rows).toHaveLength(24);
    expect(months.rows.every((r: { amountOre: number }) => r.amountOre > 0)).toBe(true);
    const departments = (await api.get('/api/reports/costs?by=department&from=2024-12&to=2026-11')).json();
    expect(departments.rows.length).toBeGreaterThanOrEqual(3);
    const categories = (await api.get('/api/reports/costs?by=category&from=2024-12&to=2026-11')).json();
    expect(categories.rows.map((r: { key: string }) => r.key)).toEqual(expect.arrayContaining(['extra_costs', 'lost_earnings', 'preventive', 'coordinator_salary']));
  });

  it('has agreed shared splits and one disputed split', async () => {
    const rows = await t.db.selectFrom('measure_financing_versions').select(['measure_id', 'version_no', 'status']).orderBy('version_no', 'desc').execute();
    const latest = new Map<string, string>();
    for (const r of rows) if (!latest.has(r.measure_id)) latest.set(r.measure_id, r.status);
    expect([...latest.values()].filter((s) => s === 'disputed')).toHaveLength(1);
    expect([...latest.values()].filter((s) => s === 'agreed').length).toBeGreaterThanOrEqual(2);
  });

  it('the expense analysis shows per-child figures before and after the model start', async () => {
    const view = (await api.get('/api/reports/expenses?group=all&splitOn=2025-12-01&from=2024-12&to=2026-11')).json();
    const total = view.summary.find((s: { category: string }) => s.category === 'total');
    expect(total.beforeOre).toBeGreaterThan(0);
    expect(total.afterOre).toBeGreaterThan(0);
    expect(view.summary.find((s: { category: string }) => s.category === 'coordinator_salary').beforeOre).toBe(0);
  });
});
