import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testNow, type TestApp } from './app.js';
import { client, loginAs, makeFamilyWithCase, makeMunicipality, makeUser, type Session, type TestMunicipality, type TestUser } from './factories.js';
import { countAll } from './inspect.js';

/**
 * Issue 9 item 3: a deputy (stedfortræder) during an absence has time-bound access — start and end both required,
 * end ≥ start ≥ today — and the access ends by itself at the end (the need-to-know SQL reads the period).
 */

let t: TestApp;
let m: TestMunicipality;
let lead: TestUser;
let deputy: TestUser;
let leadSession: Session;
let deputySession: Session;

type Response = Awaited<ReturnType<TestApp['app']['inject']>>;
async function refused(send: () => Promise<Response>) {
  const before = await countAll(t.db);
  const response = await send();
  expect(await countAll(t.db), `${response.statusCode} ${response.body}`).toEqual(before);
  const error = (response.json() as { error: { code: string; details: Array<{ field: string; code: string }> } }).error;
  return { status: response.statusCode, code: error.code, fields: error.details.map((d) => d.field) };
}

beforeAll(async () => {
  t = await createTestApp();
  m = await makeMunicipality(t.db);
  lead = await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: true, name: 'Mette Fraværende' });
  deputy = await makeUser(t.db, m, { roles: ['coordinator'], name: 'Søren Stedfortræder' });
  leadSession = await loginAs(t.app, lead);
  deputySession = await loginAs(t.app, deputy);
});

afterAll(async () => {
  await t?.close();
});

describe('deputies', () => {
  it('a deputy may not change who works on the case (403)', async () => {
    const family = await makeFamilyWithCase(t.db, m, { lead });
    await client(t.app, leadSession).post(`/api/cases/${family.caseId}/deputies`, { userId: deputy.id, startsOn: '2026-11-22', endsOn: '2026-12-05' });
    const other = await makeUser(t.db, m, { roles: ['coordinator'] });
    expect((await client(t.app, deputySession).post(`/api/cases/${family.caseId}/deputies`, { userId: other.id, startsOn: '2026-11-22', endsOn: '2026-12-05' })).statusCode).toBe(403);
  });

  it('bad periods → 4xx naming the field, nothing written', async () => {
    const family = await makeFamilyWithCase(t.db, m, { lead });
    const url = `/api/cases/${family.caseId}/deputies`;
    const noEnd = await refused(() => client(t.app, leadSession).post(url, { userId: deputy.id, startsOn: '2026-11-23' }));
    expect(noEnd.status).toBe(400);
    expect(noEnd.fields).toEqual(['endsOn']);
    expect(await refused(() => client(t.app, leadSession).post(url, { userId: deputy.id, startsOn: '2026-11-01', endsOn: '2026-11-10' })))
      .toMatchObject({ status: 422, code: 'deputy_period_invalid', fields: ['startsOn', 'endsOn'] });
    expect(await refused(() => client(t.app, leadSession).post(url, { userId: deputy.id, startsOn: '2026-11-25', endsOn: '2026-11-24' })))
      .toMatchObject({ status: 422, code: 'deputy_period_invalid', fields: ['endsOn'] });
    expect(await refused(() => client(t.app, leadSession).post(url, { userId: lead.id, startsOn: '2026-11-25', endsOn: '2026-11-28' })))
      .toMatchObject({ status: 422, code: 'deputy_is_lead', fields: ['userId'] });
  });

  it('the database refuses a deputy without an end, whoever writes it', async () => {
    const family = await makeFamilyWithCase(t.db, m, { lead });
    await expect(t.db.insertInto('case_assignments').values({ municipality_id: m.id, case_id: family.caseId, user_id: deputy.id, role: 'deputy', starts_on: '2026-11-22' }).execute())
      .rejects.toThrow(/deputy_has_end/);
  });

  it('an absence: one deputy for every open case the absent lead has', async () => {
    const absent = await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: true });
    const a = await makeFamilyWithCase(t.db, m, { lead: absent });
    const b = await makeFamilyWithCase(t.db, m, { lead: absent, model: 'sof' });
    const leader = await loginAs(t.app, await makeUser(t.db, m, { roles: ['team_leader'], department: 'child_disability' }));
    const response = await client(t.app, leader).post('/api/deputies/absence', { absentUserId: absent.id, deputyUserId: deputy.id, startsOn: '2026-11-22', endsOn: '2026-12-20' });
    expect(response.statusCode, response.body).toBe(200);
    expect((response.json() as { caseIds: string[] }).caseIds.sort()).toEqual([a.caseId, b.caseId].sort());
    expect((await client(t.app, deputySession).get(`/api/cases/${b.caseId}`)).statusCode).toBe(200);
    const none = await refused(() => client(t.app, leader).post('/api/deputies/absence', { absentUserId: deputy.id, deputyUserId: absent.id, startsOn: '2026-11-22', endsOn: '2026-12-20' }));
    expect(none).toMatchObject({ status: 422, code: 'no_cases', fields: ['absentUserId'] });
  });
  // Moves the clock (sessions are logged in anew after each move): last in the file.
  it('the deputy sees the case from the start day to the end day, then no longer (clock moved)', async () => {
    t.clock.set(testNow);
    const family = await makeFamilyWithCase(t.db, m, { lead });
    expect((await client(t.app, await loginAs(t.app, deputy)).get(`/api/cases/${family.caseId}`)).statusCode).toBe(404);
    const response = await client(t.app, await loginAs(t.app, lead)).post(`/api/cases/${family.caseId}/deputies`, { userId: deputy.id, startsOn: '2026-11-23', endsOn: '2026-11-30' });
    expect(response.statusCode, response.body).toBe(200);
    expect((response.json() as { deputies: Array<{ name: string; deputyForName: string; endsOn: string }> }).deputies)
      .toEqual([expect.objectContaining({ name: 'Søren Stedfortræder', deputyForName: 'Mette Fraværende', endsOn: '2026-11-30' })]);
    // Before the period: no access.
    expect((await client(t.app, await loginAs(t.app, deputy)).get(`/api/cases/${family.caseId}`)).statusCode).toBe(404);
    t.clock.set('2026-11-23T08:00:00Z');
    const during = await client(t.app, await loginAs(t.app, deputy)).get(`/api/cases/${family.caseId}`);
    expect(during.statusCode).toBe(200);
    expect((during.json() as { accessReason: string; abilities: { canEdit: boolean; canManageTeam: boolean } })).toMatchObject({ accessReason: 'deputy', abilities: { canEdit: true, canManageTeam: false } });
    t.clock.set('2026-11-30T22:00:00Z'); // 23:00 in Denmark: still the last day
    expect((await client(t.app, await loginAs(t.app, deputy)).get(`/api/cases/${family.caseId}`)).statusCode).toBe(200);
    t.clock.set('2026-11-30T23:30:00Z'); // 00:30 on 1 December in Denmark: the period is over
    expect((await client(t.app, await loginAs(t.app, deputy)).get(`/api/cases/${family.caseId}`)).statusCode).toBe(404);
    t.clock.set(testNow);
  });

});
