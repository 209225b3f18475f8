import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleStatusMeasurementReminders } from '../src/modules/status-measurement/commands.js';
import { currentDefinition } from '../src/modules/status-measurement/definitions.js';
import { createTestApp, testNow, type TestApp } from './app.js';
import {
  addAssignment, addTeamMember, client, loginAs, makeFamilyWithCase, makeMunicipality, makeUser, type Session, type TestFamily, type TestMunicipality, type TestUser,
} from './factories.js';
import { auditRowsAfter, auditHead, countAll } from './inspect.js';

/**
 * The fidelity status measurement (issue 9 item 7 = issue 10 item 6; 004:716-723, 004:1919-1999): the key staff rate
 * each case once per quarter on the model's four core elements (1-6), are reminded once per quarter through the
 * outbox, see their own entries; a department's leaders see its results next to the national evaluation's levels.
 */

const publicUrl = 'https://tovholder.example.test';
let t: TestApp;
let m: TestMunicipality;
let coordinator: TestUser;
let coreMember: TestUser;
let outsider: TestUser;
let partner: TestUser;
let extra: TestUser;
let leaderUser: TestUser;
let efei: TestFamily;
let sof: TestFamily;
let otherDeptCase: TestFamily;
let s: { coordinator: Session; core: Session; outsider: Session; partner: Session; leader: Session; otherLeader: Session; extra: Session };
let firstId: string;

type Response = Awaited<ReturnType<TestApp['app']['inject']>>;

const answers = (model: 'efei' | 'sof', score: (elementIndex: number, questionIndex: number) => number) =>
  currentDefinition(model)!.elements.flatMap((e, ei) => e.questions.map((q, qi) => ({ questionKey: q.key, score: score(ei, qi) })));
const submit = (session: Session, caseId: string, body: unknown) => client(t.app, session).request('POST', `/api/cases/${caseId}/status-measurements`, body);
const outbox = () => t.db.selectFrom('outbox_messages').selectAll().where('municipality_id', '=', m.id).where('dedupe_key', 'like', 'status_measurement:%').orderBy('dedupe_key').execute();
const schedule = () => scheduleStatusMeasurementReminders(t.db, t.clock, publicUrl);

async function refused(send: () => Promise<Response>) {
  const before = await countAll(t.db);
  const response = await send();
  expect(await countAll(t.db), `${response.statusCode} ${response.body}`).toEqual(before);
  const error = (response.json() as { error: { code: string; details?: Array<{ field: string; code: string }> } }).error;
  return { status: response.statusCode, code: error.code, details: (error.details ?? []).map((d) => `${d.field} ${d.code}`) };
}

beforeAll(async () => {
  t = await createTestApp();
  m = await makeMunicipality(t.db);
  coordinator = await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: true, name: 'Kim Koordinator' });
  coreMember = await makeUser(t.db, m, { roles: ['core_team_member'], department: 'school', name: 'Sara Skole' });
  outsider = await makeUser(t.db, m, { roles: ['coordinator'], name: 'Ole Udenfor' });
  partner = await makeUser(t.db, m, { roles: ['external_partner'], department: 'ppr' });
  extra = await makeUser(t.db, m, { roles: ['core_team_member'], department: 'ppr', name: 'Per PPR' });
  leaderUser = await makeUser(t.db, m, { roles: ['team_leader'], department: 'child_disability', name: 'Lea Leder' });
  const otherLeader = await makeUser(t.db, m, { roles: ['department_head'], department: 'child_youth' });
  efei = await makeFamilyWithCase(t.db, m, { lead: coordinator, model: 'efei', openedOn: '2026-02-02' });
  sof = await makeFamilyWithCase(t.db, m, { lead: coordinator, model: 'sof', openedOn: '2026-02-02' });
  otherDeptCase = await makeFamilyWithCase(t.db, m, { model: 'efei', openedOn: '2026-02-02', responsibleDepartment: 'child_youth' });
  await addAssignment(t.db, otherDeptCase.caseId, coordinator, 'caseworker', { startsOn: '2026-02-02' });
  await addTeamMember(t.db, efei.caseId, coreMember);
  await addTeamMember(t.db, efei.caseId, partner);
  s = {
    coordinator: await loginAs(t.app, coordinator), core: await loginAs(t.app, coreMember), outsider: await loginAs(t.app, outsider),
    partner: await loginAs(t.app, partner), leader: await loginAs(t.app, leaderUser), otherLeader: await loginAs(t.app, otherLeader), extra: await loginAs(t.app, extra),
  };
});

afterAll(async () => {
  await t?.close();
});

describe('rating a case', () => {
  it('the rating page gives the model\'s questionnaire, the quarter and its due date, and the key staff', async () => {
    const response = await client(t.app, s.coordinator).get(`/api/cases/${efei.caseId}/status-measurement`);
    expect(response.statusCode, response.body).toBe(200);
    const view = response.json();
    expect(view.due).toEqual({ quarter: '2026-Q4', opensOn: '2026-10-01', remindFrom: '2026-12-01', dueBy: '2026-12-31' });
    expect(view.definition.elements.map((e: { nameDa: string }) => e.nameDa)).toEqual(['Inddragelse af familien', 'Koordineret sagsbehandling', 'Fælles systematisk tilgang', 'Fælles finansiering']);
    expect(view.current).toBeNull();
    expect(view.abilities).toEqual({ canRate: true, canAddRaters: false });
    // The external partner on the core team is no rater: partners work through the partner API only.
    expect(view.raters.map((r: { name: string; rated: boolean }) => `${r.name}:${r.rated}`)).toEqual(['Kim Koordinator:false', 'Sara Skole:false']);
  });

  it('the coordinator submits this quarter\'s measurement (audited)', async () => {
    const before = await auditHead(t.db, m.id);
    const response = await submit(s.coordinator, efei.caseId, { answers: answers('efei', (e) => [5, 4, 4, 2][e]!) });
    expect(response.statusCode, response.body).toBe(201);
    const view = response.json();
    firstId = view.id;
    expect(view).toMatchObject({ quarter: '2026-Q4', model: 'efei', definitionVersion: 1, version: 1, abilities: { canEdit: true } });
    expect(view.elementMeans.map((e: { mean: number }) => e.mean)).toEqual([5, 4, 4, 2]);
    const audit = await auditRowsAfter(t.db, m.id, before);
    expect(audit.map((r) => [r.action, r.entity_type])).toEqual([['create', 'status_measurement']]);
  });

  const bad: Array<[string, () => unknown, number, string, string[]]> = [
    ['a score of 7', () => ({ answers: answers('efei', (e, q) => (e === 0 && q === 0 ? 7 : 4)) }), 422, 'status_measurement_invalid', ['answers.0.score out_of_range']],
    ['a score of 0', () => ({ answers: answers('efei', (e, q) => (e === 3 && q === 0 ? 0 : 4)) }), 422, 'status_measurement_invalid', ['answers.8.score out_of_range']],
    ['an unknown question', () => ({ answers: [...answers('efei', () => 4), { questionKey: 'no_such_question', score: 3 }] }), 422, 'status_measurement_invalid', ['answers.11.questionKey unknown_question']],
    ['a missing answer', () => ({ answers: answers('efei', () => 4).slice(1) }), 422, 'status_measurement_invalid', ['answers.efei_involvement_assessment required']],
    ['a score that is not a number', () => ({ answers: [{ questionKey: 'efei_involvement_goals', score: 'høj' }] }), 400, 'validation_failed', ['answers.0.score out_of_range']],
  ];
  for (const [name, body, status, code, details] of bad) {
    it(`${name} → ${status} naming the field, nothing written`, async () => {
      const result = await refused(() => submit(s.core, efei.caseId, body()));
      expect(result).toMatchObject({ status, code });
      expect(result.details).toEqual(details);
    });
  }

  it('a second submission for the same quarter → 409 naming the quarter, nothing written', async () => {
    const result = await refused(() => submit(s.coordinator, efei.caseId, { answers: answers('efei', () => 3) }));
    expect(result).toMatchObject({ status: 409, code: 'already_submitted', details: ['quarter already_submitted'] });
  });

  it('only key staff rate: someone without need-to-know gets 404, the external partner too, a leader who is no rater 403', async () => {
    expect((await refused(() => submit(s.outsider, efei.caseId, { answers: answers('efei', () => 3) }))).status).toBe(404);
    expect((await refused(() => submit(s.partner, efei.caseId, { answers: answers('efei', () => 3) }))).status).toBe(404);
    expect(await refused(() => submit(s.leader, efei.caseId, { answers: answers('efei', () => 3) }))).toMatchObject({ status: 403, code: 'not_key_staff' });
  });

  it('a core-team member rates the same case: one measurement per rater', async () => {
    const response = await submit(s.core, efei.caseId, { answers: answers('efei', (e) => [4, 4, 3, 1][e]!) });
    expect(response.statusCode, response.body).toBe(201);
  });

  it('an edit needs the version it was made on: a stale one is 409', async () => {
    const ok = await client(t.app, s.coordinator).request('PATCH', `/api/status-measurements/${firstId}`, { answers: answers('efei', (e) => [5, 5, 4, 2][e]!), version: 1 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ version: 2 });
    const stale = await refused(() => client(t.app, s.coordinator).request('PATCH', `/api/status-measurements/${firstId}`, { answers: answers('efei', () => 1), version: 1 }));
    expect(stale).toMatchObject({ status: 409, code: 'version_conflict', details: ['version stale'] });
    const bad = await refused(() => client(t.app, s.coordinator).request('PATCH', `/api/status-measurements/${firstId}`, { answers: answers('efei', () => 9), version: 2 }));
    expect(bad.status).toBe(422);
  });

  it('raters see their own entries only: another rater\'s measurement does not exist for them', async () => {
    const core = (await client(t.app, s.core).get(`/api/cases/${efei.caseId}/status-measurement`)).json();
    expect(core.current.elementMeans.map((e: { mean: number }) => e.mean)).toEqual([4, 4, 3, 1]);
    expect(core.raters.every((r: { rated: boolean }) => r.rated)).toBe(true);
    expect((await refused(() => client(t.app, s.core).request('PATCH', `/api/status-measurements/${firstId}`, { answers: answers('efei', () => 1), version: 2 }))).status).toBe(404);
    const mine = (await client(t.app, s.core).get('/api/status-measurements/mine')).json();
    expect(mine.measurements).toHaveLength(1);
    expect(mine.measurements[0].elementMeans.map((e: { mean: number }) => e.mean)).toEqual([4, 4, 3, 1]);
    expect(mine.abilities).toEqual({ canSeeResults: false });
    const coordinatorMine = (await client(t.app, s.coordinator).get('/api/status-measurements/mine')).json();
    expect(coordinatorMine.measurements.map((x: { id: string }) => x.id)).toEqual([firstId]);
    expect(coordinatorMine.toRate.map((x: { caseId: string }) => x.caseId).sort()).toEqual([sof.caseId, otherDeptCase.caseId].sort());
  });

  it('a leader of the case\'s department adds a rater; a leader elsewhere cannot', async () => {
    expect((await refused(() => client(t.app, s.extra).request('POST', `/api/cases/${sof.caseId}/status-measurements`, { answers: answers('sof', () => 3) }))).status).toBe(404);
    expect((await refused(() => client(t.app, s.otherLeader).request('POST', `/api/cases/${sof.caseId}/status-measurement/raters`, { userId: extra.id }))).status).toBe(404);
    expect((await refused(() => client(t.app, s.leader).request('POST', `/api/cases/${sof.caseId}/status-measurement/raters`, { userId: partner.id }))))
      .toMatchObject({ status: 422, details: ['userId not_staff'] });
    const added = await client(t.app, s.leader).request('POST', `/api/cases/${sof.caseId}/status-measurement/raters`, { userId: extra.id });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json().raters.map((r: { name: string; relation: string }) => `${r.name}:${r.relation}`)).toContain('Per PPR:added_by_leader');
    const rated = await submit(s.extra, sof.caseId, { answers: answers('sof', (e) => [4, 2, 5, 5][e]!) });
    expect(rated.statusCode, rated.body).toBe(201);
  });
});

describe('results for leaders', () => {
  it('a leader sees their own department\'s results per model and quarter, with the evaluation\'s levels and the lowest element; audited', async () => {
    const before = await auditHead(t.db, m.id);
    const response = await client(t.app, s.leader).get('/api/status-measurements/results');
    expect(response.statusCode, response.body).toBe(200);
    const view = response.json();
    expect(view.departmentId).toBe(m.departments.child_disability);
    const efeiResult = view.models.find((x: { model: string }) => x.model === 'efei');
    expect(efeiResult.quarters).toHaveLength(1);
    expect(efeiResult.quarters[0]).toMatchObject({ quarter: '2026-Q4', n: 2, cases: 1 });
    // Coordinator (after the edit) 5,5,4,2 and core member 4,4,3,1 → 4.5, 4.5, 3.5, 1.5.
    expect(efeiResult.quarters[0].elements.map((e: { mean: number; n: number }) => [e.mean, e.n])).toEqual([[4.5, 2], [4.5, 2], [3.5, 2], [1.5, 2]]);
    expect(efeiResult.latestLowestElementKeys).toEqual(['joint_financing']);
    const sofResult = view.models.find((x: { model: string }) => x.model === 'sof');
    expect(sofResult.latestLowestElementKeys).toEqual(['cross_sector_collaboration']);
    expect(view.reference.levels.find((l: { model: string; elementKey: string }) => l.model === 'efei' && l.elementKey === 'joint_financing'))
      .toMatchObject({ baseline: 2.3, midway: 1.6, end: 2.8, source: '004:1971, 004:1947-1948' });
    expect(view.reference.label.da).toContain('nationale evaluering');
    const audit = await auditRowsAfter(t.db, m.id, before);
    expect(audit.map((r) => [r.action, r.entity_type, r.entry.reason])).toEqual([['read', 'status_measurement_results', 'department_leader']]);
  });

  it('the other department\'s leader sees only their own department (none of these measurements)', async () => {
    const view = (await client(t.app, s.otherLeader).get('/api/status-measurements/results')).json();
    expect(view.departmentId).toBe(m.departments.child_youth);
    expect(view.models.flatMap((x: { quarters: unknown[] }) => x.quarters)).toEqual([]);
  });

  it('raters and coordinators do not see results (403)', async () => {
    for (const session of [s.coordinator, s.core]) {
      const response = await client(t.app, session).get('/api/status-measurements/results');
      expect(response.statusCode).toBe(403);
    }
  });
});

describe('reminders through the outbox, once per quarter per rater', () => {
  it('none before the quarter\'s last month', async () => {
    t.clock.set(testNow);
    expect((await schedule()).enqueued).toBe(0);
    // Outside the window a tick touches no database at all.
    const untouchable = new Proxy({}, { get: () => { throw new Error('the database was used'); } }) as typeof t.db;
    expect(await scheduleStatusMeasurementReminders(untouchable, t.clock, publicUrl)).toEqual({ enqueued: 0 });
  });

  it('in the last month: one e-mail per rater with unrated cases; rerunning adds nothing', async () => {
    t.clock.set('2026-12-01T08:00:00Z');
    expect((await schedule()).enqueued).toBe(1);
    const rows = await outbox();
    // The coordinator has the SOF case and the other department's case left; the core member and the added rater are done.
    expect(rows.map((r) => r.recipient)).toEqual([coordinator.email]);
    expect(rows[0]!.dedupe_key).toBe(`status_measurement:2026-Q4|user:${coordinator.id}|email`);
    expect(rows[0]!.body).toContain('mangler for 2 af dine sager');
    expect(rows[0]!.body).toContain('torsdag den 31. december 2026');
    expect(rows[0]!.body).not.toContain(efei.caseNumber);
    t.clock.set('2026-12-20T08:00:00Z');
    expect((await schedule()).enqueued).toBe(0);
  });

  it('the next quarter reminds again, from its own last month', async () => {
    t.clock.set('2027-02-15T08:00:00Z');
    expect((await schedule()).enqueued).toBe(0);
    t.clock.set('2027-03-02T08:00:00Z');
    expect((await schedule()).enqueued).toBe(3);
    expect((await outbox()).map((r) => r.dedupe_key.split('|')[0])).toEqual(['status_measurement:2026-Q4', ...Array(3).fill('status_measurement:2027-Q1')]);
    expect((await schedule()).enqueued).toBe(0);
    t.clock.set(testNow);
  });

  it('a tick with nothing new is skipped until the next day, when a case that became due since is reminded once', async () => {
    t.clock.set('2027-06-10T08:00:00Z');
    const quarterRows = async () => (await outbox()).filter((r) => r.dedupe_key.startsWith('status_measurement:2027-Q2|'));
    await schedule();
    const before = await quarterRows();
    expect(before.length).toBeGreaterThan(0);
    const late = await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: true, name: 'Lis Senere' });
    await makeFamilyWithCase(t.db, m, { lead: late, model: 'sof', openedOn: '2027-06-10' });
    t.clock.set('2027-06-10T15:00:00Z');
    expect((await schedule()).enqueued).toBe(0);
    expect(await quarterRows()).toHaveLength(before.length);
    t.clock.set('2027-06-11T08:00:00Z');
    expect((await schedule()).enqueued).toBe(1);
    const added = (await quarterRows()).filter((r) => !before.some((b) => b.id === r.id));
    expect(added.map((r) => [r.recipient, r.dedupe_key])).toEqual([[late.email, `status_measurement:2027-Q2|user:${late.id}|email`]]);
    t.clock.set('2027-06-12T08:00:00Z');
    expect((await schedule()).enqueued).toBe(0);
    t.clock.set(testNow);
  });
});
