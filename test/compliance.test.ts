import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app.js';
import { client, loginAs, makeFamilyWithCase, makeMeasure, makeMunicipality, makeUser, type TestFamily, type TestMunicipality, type TestUser } from './factories.js';
import { logFollowUp } from './leadership-fixtures.js';

/**
 * Follow-up compliance (issue 9 item 2) on a fixture counted by hand. Today is 2026-11-22 (test/app.ts).
 *
 * Department "Børnehandicap"; coordinators A and B; all cases SOF (the fixed cadence, 001:753-771):
 *   Case 1 (lead A): opened 2026-03-02, BL-86 (compensation → every 3 months) from 2026-03-02.
 *     follow-up 2026-05-20: due 2026-06-02 (opened + 3 months)  → ON TIME (counts in 2026-06)
 *     follow-up 2026-09-01: due 2026-08-20 (05-20 + 3 months)   → LATE    (2026-08)
 *     open: due 2026-12-01 (09-01 + 3 months)                    → pending, not counted
 *   Case 2 (lead B): opened 2026-03-02, BL-86 from 2026-03-02, never followed up.
 *     open: due 2026-06-02                                       → OVERDUE (2026-06), 173 days
 *   Case 3 (lead A): opened 2026-09-01, BL-20 (assessment → every 6 weeks = 42 days) from 2026-09-01.
 *     follow-up meeting held 2026-10-10: due 2026-10-13 (09-01 + 42) → ON TIME (2026-10)
 *     open: due 2026-11-21 (10-10 + 42)                          → OVERDUE (2026-11), 1 day
 *   Case 4: another department's case (family therapy), overdue → not counted for this team.
 *
 * Team: counted 5 (2 + 1 + 2), on time 2 → share 2/5 = 0.4; late 1, overdue 2.
 * A: counted 4, on time 2 → 0.5.  B: counted 1, on time 0 → 0.
 * Trend: 2026-06 counted 2 / on time 1; 2026-08 1 / 0; 2026-10 1 / 1; 2026-11 1 / 0; the other months 0 (share null).
 */

let t: TestApp;
let m: TestMunicipality;
let leader: TestUser;
let a: TestUser;
let b: TestUser;
const cases: TestFamily[] = [];

beforeAll(async () => {
  t = await createTestApp();
  m = await makeMunicipality(t.db);
  leader = await makeUser(t.db, m, { roles: ['team_leader'], name: 'Lea Leder' });
  a = await makeUser(t.db, m, { roles: ['coordinator'], name: 'Anna A', hasAuthority: true });
  b = await makeUser(t.db, m, { roles: ['coordinator'], name: 'Bo B', hasAuthority: true });
  const c1 = await makeFamilyWithCase(t.db, m, { model: 'sof', lead: a, openedOn: '2026-03-02' });
  await makeMeasure(t.db, m, c1.caseId, { legalBasisId: 'BL-86', startsOn: '2026-03-02' });
  await logFollowUp(t.db, c1, a, '2026-05-20');
  await logFollowUp(t.db, c1, a, '2026-09-01');
  const c2 = await makeFamilyWithCase(t.db, m, { model: 'sof', lead: b, openedOn: '2026-03-02' });
  await makeMeasure(t.db, m, c2.caseId, { legalBasisId: 'BL-86', startsOn: '2026-03-02' });
  const c3 = await makeFamilyWithCase(t.db, m, { model: 'sof', lead: a, openedOn: '2026-09-01' });
  await makeMeasure(t.db, m, c3.caseId, { legalBasisId: 'BL-20', startsOn: '2026-09-01' });
  await t.db.insertInto('meetings').values({
    municipality_id: m.id, case_id: c3.caseId, type: 'follow_up', scheduled_at: new Date('2026-10-10T09:00:00Z'), status: 'closed',
    closed_at: new Date('2026-10-10T10:00:00Z'), next_meeting_on: '2026-11-20',
  }).execute();
  const other = await makeUser(t.db, m, { roles: ['coordinator'], department: 'family_therapy' });
  const c4 = await makeFamilyWithCase(t.db, m, { model: 'sof', lead: other, openedOn: '2026-03-02', responsibleDepartment: 'family_therapy' });
  await makeMeasure(t.db, m, c4.caseId, { legalBasisId: 'BL-86', startsOn: '2026-03-02' });
  cases.push(c1, c2, c3, c4);
});
afterAll(async () => t?.close());

describe('follow-up compliance', () => {
  it('equals the hand count: team 2/5 = 0.4, A 2/4, B 0/1', async () => {
    const api = client(t.app, await loginAs(t.app, leader));
    const res = await api.get('/api/leader/dashboard');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.compliance.team).toEqual({ counted: 5, onTime: 2, late: 1, overdue: 2, share: 0.4 });
    const byName = Object.fromEntries(body.compliance.coordinators.map((c: { name: string }) => [c.name, c]));
    expect(byName['Anna A']).toMatchObject({ counted: 4, onTime: 2, late: 1, overdue: 1, share: 0.5 });
    expect(byName['Bo B']).toMatchObject({ counted: 1, onTime: 0, late: 0, overdue: 1, share: 0 });
    const trend = Object.fromEntries(body.compliance.trend.map((m: { month: string }) => [m.month, m]));
    expect(body.compliance.trend).toHaveLength(12);
    expect(trend['2026-06']).toMatchObject({ counted: 2, onTime: 1 });
    expect(trend['2026-08']).toMatchObject({ counted: 1, onTime: 0, late: 1 });
    expect(trend['2026-10']).toMatchObject({ counted: 1, onTime: 1, share: 1 });
    expect(trend['2026-11']).toMatchObject({ counted: 1, onTime: 0, overdue: 1 });
    expect(trend['2026-07']).toMatchObject({ counted: 0, share: null });
  });

  it('lists the overdue follow-ups oldest first, with days overdue and the lead, and only this department', async () => {
    const api = client(t.app, await loginAs(t.app, leader));
    const body = (await api.get('/api/leader/dashboard')).json();
    expect(body.overdue.map((o: { caseId: string; dueOn: string; daysOverdue: number; leadName: string }) => [o.caseId, o.dueOn, o.daysOverdue, o.leadName])).toEqual([
      [cases[1]!.caseId, '2026-06-02', 173, 'Bo B'],
      [cases[2]!.caseId, '2026-11-21', 1, 'Anna A'],
    ]);
  });

  it('every figure drills down to its cases', async () => {
    const api = client(t.app, await loginAs(t.app, leader));
    const onTime = (await api.get('/api/leader/cases?filter=on_time')).json();
    expect(onTime.cases.map((c: { caseId: string; heldOn: string }) => [c.caseId, c.heldOn]).sort()).toEqual(
      [[cases[0]!.caseId, '2026-05-20'], [cases[2]!.caseId, '2026-10-10']].sort());
    const lateA = (await api.get(`/api/leader/cases?filter=late&userId=${a.id}`)).json();
    expect(lateA.cases.map((c: { caseId: string; outcome: string }) => [c.caseId, c.outcome])).toEqual([
      [cases[0]!.caseId, 'late'], [cases[2]!.caseId, 'overdue'],
    ]);
    const june = (await api.get('/api/leader/cases?filter=due&month=2026-06')).json();
    expect(june.cases).toHaveLength(2);
    const bad = await api.get('/api/leader/cases?filter=due&month=2026-13');
    expect(bad.statusCode).toBe(400);
  });

  it('the cadence change counts from the same follow-up (no re-implementation: a new 6-week measure makes the due date earlier)', async () => {
    // Case 1 gets an assessment from 2026-11-01: 6 weeks from 2026-09-01 = 2026-10-13, so it is overdue now.
    await makeMeasure(t.db, m, cases[0]!.caseId, { legalBasisId: 'BL-20', startsOn: '2026-11-01' });
    const api = client(t.app, await loginAs(t.app, leader));
    const body = (await api.get('/api/leader/dashboard')).json();
    expect(body.overdue.map((o: { caseId: string; dueOn: string }) => [o.caseId, o.dueOn])).toContainEqual([cases[0]!.caseId, '2026-10-13']);
    expect(body.compliance.team).toEqual({ counted: 6, onTime: 2, late: 1, overdue: 3, share: 0.333 });
    await t.db.deleteFrom('measures').where('case_id', '=', cases[0]!.caseId).where('legal_basis_id', '=', 'BL-20').execute();
  });
});
