import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app.js';
import { addAssignment, client, loginAs, makeFamilyWithCase, makeMeasure, makeMunicipality, makeUser, type TestFamily, type TestMunicipality, type TestUser } from './factories.js';

/**
 * Caseload (issue 9 item 1) against the municipality's target, weighted by model and complexity. Today 2026-11-22.
 * Settings: target 2-3, weights efei 1, sof 1, complex 1.5.
 *   A (authority): SOF case 1 (from 2026-03-02), SOF case 2 (2026-10-15, complex: a buddy), SOF case in another
 *      department (2026-03-02) → 3 cases, weighted 1 + 1.5 + 1 = 3.5 → over; 2 listed, 1 hidden.
 *   B (authority): 4 EFEI cases (2026-03-02), one complex (measures of two departments) → 3 + 1.5 = 4.5 → over;
 *      and a 5th case led until 2026-07-31 (history only).
 *   C (no authority): no cases → 0 → under.
 * Next case: EFEI → C (lowest, authority not needed, 000:556-561); SOF → A (C lacks authority; A 3.5 < B 4.5).
 * History (cases on the month's last day): 2026-02: A 0, B 0; 2026-03: A 2, B 5; 2026-07: B 5; 2026-08: B 4; 2026-10: A 3.
 */

let t: TestApp;
let m: TestMunicipality;
let leader: TestUser;
let a: TestUser;
let b: TestUser;
let c: TestUser;
const aCases: TestFamily[] = [];

beforeAll(async () => {
  t = await createTestApp();
  m = await makeMunicipality(t.db);
  await t.db.updateTable('municipalities').set({ settings: JSON.stringify({ caseloadTarget: { min: 2, max: 3 }, caseloadWeights: { efei: 1, sof: 1, complex: 1.5 }, efeiStatusMeetingWeeks: 6 }) })
    .where('id', '=', m.id).execute();
  leader = await makeUser(t.db, m, { roles: ['team_leader'] });
  a = await makeUser(t.db, m, { roles: ['coordinator'], name: 'Anna A', hasAuthority: true });
  b = await makeUser(t.db, m, { roles: ['coordinator'], name: 'Bo B', hasAuthority: true });
  c = await makeUser(t.db, m, { roles: ['coordinator'], name: 'Cai C', hasAuthority: false });
  const buddy = await makeUser(t.db, m, { roles: ['coordinator'], department: 'family_therapy' });
  aCases.push(await makeFamilyWithCase(t.db, m, { model: 'sof', lead: a, openedOn: '2026-03-02' }));
  const second = await makeFamilyWithCase(t.db, m, { model: 'sof', lead: a, openedOn: '2026-10-15' });
  await addAssignment(t.db, second.caseId, buddy, 'buddy', { startsOn: '2026-10-15' });
  aCases.push(second);
  await makeFamilyWithCase(t.db, m, { model: 'sof', lead: a, openedOn: '2026-03-02', responsibleDepartment: 'family_therapy' });
  for (let i = 0; i < 4; i++) {
    const f = await makeFamilyWithCase(t.db, m, { model: 'efei', lead: b, openedOn: '2026-03-02' });
    if (i === 0) {
      await makeMeasure(t.db, m, f.caseId, { department: 'child_disability' });
      await makeMeasure(t.db, m, f.caseId, { department: 'family_therapy', legalBasisId: 'BL-32' });
    }
  }
  const ended = await makeFamilyWithCase(t.db, m, { model: 'efei', openedOn: '2026-03-02' });
  await addAssignment(t.db, ended.caseId, b, 'family_coordinator', { startsOn: '2026-03-02', endsOn: '2026-07-31' });
});
afterAll(async () => t?.close());

describe('caseload', () => {
  it('weights each caseworker\'s lead cases and compares with the target', async () => {
    const api = client(t.app, await loginAs(t.app, leader));
    const res = await api.get('/api/leader/dashboard');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.settings.caseloadTarget).toEqual({ min: 2, max: 3 });
    const byName = Object.fromEntries(body.caseload.coordinators.map((x: { name: string }) => [x.name, x]));
    expect(byName['Anna A']).toMatchObject({ cases: 3, sof: 3, efei: 0, complex: 1, weighted: 3.5, status: 'over', otherDepartments: 1 });
    expect(byName['Bo B']).toMatchObject({ cases: 4, efei: 4, complex: 1, weighted: 4.5, status: 'over' });
    expect(byName['Cai C']).toMatchObject({ cases: 0, weighted: 0, status: 'under' });
  });

  it('suggests who takes the next case: the lowest weighted load, with authority where the model requires it', async () => {
    const body = (await client(t.app, await loginAs(t.app, leader)).get('/api/leader/dashboard')).json();
    expect(body.caseload.suggestion).toEqual({ efei: c.id, sof: a.id });
  });

  it('keeps a history per month from the assignment history', async () => {
    const body = (await client(t.app, await loginAs(t.app, leader)).get('/api/leader/dashboard')).json();
    const h = Object.fromEntries(body.caseload.history.map((x: { month: string }) => [x.month, x]));
    expect(body.caseload.history).toHaveLength(12);
    expect(h['2026-02'].perUser).toMatchObject({ [a.id]: 0, [b.id]: 0 });
    expect(h['2026-03']).toMatchObject({ on: '2026-03-31', perUser: { [a.id]: 2, [b.id]: 5, [c.id]: 0 } });
    expect(h['2026-07'].perUser[b.id]).toBe(5);
    expect(h['2026-08'].perUser[b.id]).toBe(4);
    expect(h['2026-10'].perUser[a.id]).toBe(3);
    expect(h['2026-11'].on).toBe('2026-11-22');
  });

  it('the caseload figure drills down to the cases this leader may see', async () => {
    const api = client(t.app, await loginAs(t.app, leader));
    const body = (await api.get(`/api/leader/cases?filter=caseload&userId=${a.id}`)).json();
    expect(body.cases.map((x: { caseId: string }) => x.caseId).sort()).toEqual(aCases.map((f) => f.caseId).sort());
    expect(body.hiddenCount).toBe(1);
    expect(body.userName).toBe('Anna A');
  });
});
