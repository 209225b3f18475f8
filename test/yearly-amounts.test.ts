import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app.js';
import { client, loginAs, makeMunicipality, makeUser, type Session, type TestMunicipality } from './factories.js';
import { auditRowsAfter, countAll } from './inspect.js';

/**
 * The yearly indexed amounts of Barnets Lov §86 (threshold per year) and §87 (cap per month): configuration per year,
 * never constants (current-law.md), set by an administrator and kept per municipality.
 */

let t: TestApp;
let m: TestMunicipality;
let admin: Session;
let coordinator: Session;
let partner: Session;
let otherAdmin: Session;

interface Amounts { amounts: Array<{ year: number; kind: string; amountDkk: number; note: string | null; updatedBy: string | null; version: number }>; abilities: Record<string, boolean> }
type Response = Awaited<ReturnType<TestApp['app']['inject']>>;

const put = (s: Session, body: Record<string, unknown>) => client(t.app, s).request('PUT', '/api/admin/yearly-amounts', body);

async function refused(send: () => Promise<Response>) {
  const before = await countAll(t.db);
  const response = await send();
  expect(await countAll(t.db), `${response.statusCode} ${response.body}`).toEqual(before);
  return { status: response.statusCode, code: (response.json() as { error: { code: string } }).error.code };
}

beforeAll(async () => {
  t = await createTestApp();
  m = await makeMunicipality(t.db);
  admin = await loginAs(t.app, await makeUser(t.db, m, { roles: ['administrator'], name: 'Ida Admin' }));
  coordinator = await loginAs(t.app, await makeUser(t.db, m, { roles: ['coordinator'] }));
  partner = await loginAs(t.app, await makeUser(t.db, m, { roles: ['external_partner'], department: 'school' }));
  const other = await makeMunicipality(t.db);
  otherAdmin = await loginAs(t.app, await makeUser(t.db, other, { roles: ['administrator'] }));
});

afterAll(async () => {
  await t?.close();
});

describe('yearly amounts (§86 threshold, §87 cap)', () => {
  it('an administrator sets a year\'s amount (version 0 creates it), audited; staff read it without the right to edit', async () => {
    const [last] = (await auditRowsAfter(t.db, m.id)).slice(-1);
    const response = await put(admin, { year: 2027, kind: 'bl86_threshold_per_year', amountDkk: 1234.5, note: 'Testværdi', version: 0 });
    expect(response.statusCode, response.body).toBe(200);
    expect((response.json() as Amounts).amounts).toEqual([
      expect.objectContaining({ year: 2027, kind: 'bl86_threshold_per_year', amountDkk: 1234.5, note: 'Testværdi', updatedBy: 'Ida Admin', version: 1 }),
    ]);
    const audit = await auditRowsAfter(t.db, m.id, last?.seq ?? 0);
    expect(audit.map((r) => [r.action, r.entity_type])).toEqual([['create', 'yearly_legal_amount']]);

    const read = await client(t.app, coordinator).get('/api/admin/yearly-amounts?year=2027');
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ amounts: [{ year: 2027, amountDkk: 1234.5 }], abilities: { canEdit: false } });
    expect((await client(t.app, admin).get('/api/admin/yearly-amounts')).json()).toMatchObject({ abilities: { canEdit: true } });
  });

  it('updates with the version; a second creation or a stale version is 409 and changes nothing', async () => {
    const updated = await put(admin, { year: 2027, kind: 'bl86_threshold_per_year', amountDkk: 1300, version: 1 });
    expect(updated.statusCode, updated.body).toBe(200);
    expect((updated.json() as Amounts).amounts[0]).toMatchObject({ amountDkk: 1300, note: null, version: 2 });
    expect(await refused(() => put(admin, { year: 2027, kind: 'bl86_threshold_per_year', amountDkk: 1400, version: 0 }))).toEqual({ status: 409, code: 'version_conflict' });
    expect(await refused(() => put(admin, { year: 2027, kind: 'bl86_threshold_per_year', amountDkk: 1400, version: 1 }))).toEqual({ status: 409, code: 'version_conflict' });
  });

  it('only an administrator may set amounts; an external partner may not read them', async () => {
    expect(await refused(() => put(coordinator, { year: 2027, kind: 'bl87_cap_per_month', amountDkk: 1, version: 0 }))).toEqual({ status: 403, code: 'forbidden' });
    expect((await client(t.app, partner).get('/api/admin/yearly-amounts')).statusCode).toBe(403);
  });

  it('refuses zero, negative, more than two decimals and unknown kinds (400, nothing written)', async () => {
    for (const body of [
      { year: 2027, kind: 'bl87_cap_per_month', amountDkk: 0, version: 0 },
      { year: 2027, kind: 'bl87_cap_per_month', amountDkk: -5, version: 0 },
      { year: 2027, kind: 'bl87_cap_per_month', amountDkk: 1.005, version: 0 },
      { year: 2027, kind: 'sel41_threshold', amountDkk: 100, version: 0 },
      { year: 1999, kind: 'bl87_cap_per_month', amountDkk: 100, version: 0 },
    ]) {
      expect((await refused(() => put(admin, body))).status, JSON.stringify(body)).toBe(400);
    }
  });

  it("another municipality's administrator neither sees nor changes these amounts", async () => {
    expect((await client(t.app, otherAdmin).get('/api/admin/yearly-amounts')).json()).toMatchObject({ amounts: [] });
    const own = await put(otherAdmin, { year: 2027, kind: 'bl86_threshold_per_year', amountDkk: 999, version: 0 });
    expect(own.statusCode).toBe(200);
    expect((await client(t.app, admin).get('/api/admin/yearly-amounts?year=2027')).json()).toMatchObject({ amounts: [{ amountDkk: 1300 }] });
  });
});
