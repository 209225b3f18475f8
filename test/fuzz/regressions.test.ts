import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextQuarter, previousQuarter, quartersBetween } from '../../src/platform/clock/dates.js';
import { createTestApp, type TestApp } from '../app.js';
import { client, loginAs, makeMunicipality, makeUser } from '../factories.js';

/** The 5xx the fuzzer (fuzz.test.ts) found, each pinned by the request that found it. */

describe('quarters of years before 1000 and of 9999 (found with FUZZ_SEED=7: /api/reports/expenses?from=0743-03 was a 500)', () => {
  it('keep four year digits, so each quarter can be read back', () => {
    expect(nextQuarter('0743-Q1')).toBe('0743-Q2');
    expect(previousQuarter('1000-Q1')).toBe('0999-Q4');
    expect(quartersBetween('0743-Q4', '0744-Q1')).toEqual(['0743-Q4', '0744-Q1']);
  });

  it('stop at the last quarter of 9999 (as text, "10000-Q1" sorts before "9999-Q4")', () => {
    expect(quartersBetween('9999-Q3', '9999-Q4')).toEqual(['9999-Q3', '9999-Q4']);
  });
});

describe('GET /api/reports/expenses with far-off months', () => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    t = await createTestApp();
    const municipality = await makeMunicipality(t.db);
    api = client(t.app, await loginAs(t.app, await makeUser(t.db, municipality, { roles: ['controller'] })));
  });
  afterAll(() => t.close());

  it('answers a period in the year 743 with its (empty) quarters, not a 500', async () => {
    const response = await api.get('/api/reports/expenses?group=all&splitOn=2026-11-22&from=0743-03&to=0743-12');
    expect(response.statusCode).toBe(200);
    expect((response.json() as { quarters: Array<{ quarter: string }> }).quarters.map((q) => q.quarter)).toEqual(expect.arrayContaining(['0743-Q1', '0743-Q4']));
  });

  it('answers the last quarter of 9999, not a 500', async () => {
    const response = await api.get('/api/reports/expenses?group=all&splitOn=2026-11-22&from=9999-10&to=9999-12');
    expect(response.statusCode).toBe(200);
  });
});
