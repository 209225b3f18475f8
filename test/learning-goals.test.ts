import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app.js';
import { client, loginAs, makeMunicipality, makeUser, type Session, type TestMunicipality, type TestUser } from './factories.js';
import { countAll } from './inspect.js';

/**
 * Issue 9 item 6 (001:247-251): an employee's learning goal is set with their leader (team leader or department head
 * of the employee's department), followed up on a date, optionally with the buddy — and seen only by those three.
 */

let t: TestApp;
let m: TestMunicipality;
let mette: TestUser;
let buddy: TestUser;
let metteS: Session;
let leaderS: Session;
let buddyS: Session;
let otherCoordinatorS: Session;
let otherLeaderS: Session;
let adminS: Session;
let controllerS: Session;
let leader: TestUser;
let goalId: string;

type Response = Awaited<ReturnType<TestApp['app']['inject']>>;
async function refused(send: () => Promise<Response>) {
  const before = await countAll(t.db);
  const response = await send();
  expect(await countAll(t.db), `${response.statusCode} ${response.body}`).toEqual(before);
  const error = (response.json() as { error: { code: string; details: Array<{ field: string }> } }).error;
  return { status: response.statusCode, code: error.code, fields: error.details.map((d) => d.field) };
}

beforeAll(async () => {
  t = await createTestApp();
  m = await makeMunicipality(t.db);
  mette = await makeUser(t.db, m, { roles: ['coordinator'], name: 'Mette Koordinator' });
  buddy = await makeUser(t.db, m, { roles: ['coordinator'], name: 'Bo Makker' });
  leader = await makeUser(t.db, m, { roles: ['team_leader'], department: 'child_disability', name: 'Tina Teamleder' });
  metteS = await loginAs(t.app, mette);
  buddyS = await loginAs(t.app, buddy);
  leaderS = await loginAs(t.app, leader);
  otherCoordinatorS = await loginAs(t.app, await makeUser(t.db, m, { roles: ['coordinator'] }));
  otherLeaderS = await loginAs(t.app, await makeUser(t.db, m, { roles: ['department_head'], department: 'school' }));
  adminS = await loginAs(t.app, await makeUser(t.db, m, { roles: ['administrator'] }));
  controllerS = await loginAs(t.app, await makeUser(t.db, m, { roles: ['controller'] }));
});

afterAll(async () => {
  await t?.close();
});

describe('learning goals', () => {
  it('the leader sets a goal with the employee and a buddy; all three see it, with their relation', async () => {
    const response = await client(t.app, leaderS).post('/api/learning-goals', {
      employeeUserId: mette.id, buddyUserId: buddy.id, goal: 'Lede netværksmøder med flere fagpersoner', followUpOn: '2027-01-15', notes: 'Makker deltager i to møder.',
    });
    expect(response.statusCode, response.body).toBe(201);
    const goal = response.json() as { id: string; relation: string; employee: { name: string }; leader: { name: string }; buddy: { name: string } };
    goalId = goal.id;
    expect(goal).toMatchObject({ relation: 'leader', employee: { name: 'Mette Koordinator' }, leader: { name: 'Tina Teamleder' }, buddy: { name: 'Bo Makker' } });
    for (const [session, relation] of [[metteS, 'employee'], [leaderS, 'leader'], [buddyS, 'buddy']] as const) {
      const one = await client(t.app, session).get(`/api/learning-goals/${goalId}`);
      expect(one.statusCode, one.body).toBe(200);
      expect((one.json() as { relation: string }).relation).toBe(relation);
      const list = (await client(t.app, session).get('/api/learning-goals')).json() as { goals: Array<{ id: string }> };
      expect(list.goals.map((g) => g.id)).toContain(goalId);
    }
  });

  it('the employee sets their own goal naming their leader', async () => {
    const response = await client(t.app, metteS).post('/api/learning-goals', { leaderUserId: leader.id, goal: 'Bruge Dialoglinealen', followUpOn: '2027-02-01' });
    expect(response.statusCode, response.body).toBe(201);
    expect((response.json() as { relation: string }).relation).toBe('employee');
  });

  it('nobody else sees it: another coordinator 404 / 403, another department\'s leader 404 / 403, administrator and controller 403', async () => {
    expect((await client(t.app, otherCoordinatorS).get(`/api/learning-goals/${goalId}`)).statusCode).toBe(404);
    expect((await client(t.app, otherCoordinatorS).get(`/api/learning-goals?employeeUserId=${mette.id}`)).statusCode).toBe(403);
    expect(((await client(t.app, otherCoordinatorS).get('/api/learning-goals')).json() as { goals: unknown[] }).goals).toEqual([]);
    expect((await client(t.app, otherLeaderS).get(`/api/learning-goals/${goalId}`)).statusCode).toBe(404);
    expect((await client(t.app, otherLeaderS).get(`/api/learning-goals?employeeUserId=${mette.id}`)).statusCode).toBe(403);
    for (const s of [adminS, controllerS]) {
      expect((await client(t.app, s).get(`/api/learning-goals/${goalId}`)).statusCode).toBe(403);
      expect((await client(t.app, s).get('/api/learning-goals')).statusCode).toBe(403);
      expect((await client(t.app, s).get(`/api/learning-goals?employeeUserId=${mette.id}`)).statusCode).toBe(403);
    }
    // The employee's leader lists the employee's goals.
    const led = (await client(t.app, leaderS).get(`/api/learning-goals?employeeUserId=${mette.id}`)).json() as { goals: unknown[] };
    expect(led.goals.length).toBe(2);
  });

  it('the buddy reads but may not change the goal (403); the employee updates with the version (stale → 409)', async () => {
    expect((await client(t.app, buddyS).patch(`/api/learning-goals/${goalId}`, { notes: 'x', version: 1 })).statusCode).toBe(403);
    const ok = await client(t.app, metteS).patch(`/api/learning-goals/${goalId}`, { status: 'achieved', notes: 'Holdt to møder selv.', version: 1 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'achieved', version: 2 });
    expect((await client(t.app, leaderS).patch(`/api/learning-goals/${goalId}`, { notes: 'gammel', version: 1 })).statusCode).toBe(409);
  });

  it('a goal for someone outside the leader\'s department → 422 naming employeeUserId; an employee naming a non-leader → 422 naming leaderUserId; nothing written', async () => {
    const schoolTeacher = await makeUser(t.db, m, { roles: ['coordinator'], department: 'school' });
    expect(await refused(() => client(t.app, leaderS).post('/api/learning-goals', { employeeUserId: schoolTeacher.id, goal: 'x', followUpOn: '2027-01-01' })))
      .toMatchObject({ status: 422, code: 'outside_leaders_department', fields: ['employeeUserId'] });
    expect(await refused(() => client(t.app, metteS).post('/api/learning-goals', { leaderUserId: buddy.id, goal: 'x', followUpOn: '2027-01-01' })))
      .toMatchObject({ status: 422, code: 'outside_leaders_department', fields: ['leaderUserId'] });
    expect(await refused(() => client(t.app, metteS).post('/api/learning-goals', { leaderUserId: leader.id, goal: 'x', followUpOn: '2026-01-01' })))
      .toMatchObject({ status: 422, fields: ['followUpOn'] });
    expect(await refused(() => client(t.app, metteS).post('/api/learning-goals', { leaderUserId: leader.id, goal: '', followUpOn: '2027-01-01' })))
      .toMatchObject({ status: 400, fields: ['goal'] });
    expect(await refused(() => client(t.app, otherCoordinatorS).post('/api/learning-goals', { employeeUserId: mette.id, goal: 'x', followUpOn: '2027-01-01' })))
      .toMatchObject({ status: 403 });
  });
});
