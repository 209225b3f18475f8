import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app.js';
import { client, loginAs, makeFamilyWithCase, makeMeasure, makeMunicipality, makeUser, type TestFamily, type TestMunicipality, type TestUser } from './factories.js';

/** Need-to-know on the leader dashboard (issue 9 item 8): leaders see their own department only; exports are logged. */

let t: TestApp;
let m: TestMunicipality;
let leader: TestUser;
let therapyLeader: TestUser;
let coordinator: TestUser;
let controller: TestUser;
let mine: TestFamily;
let theirs: TestFamily;

beforeAll(async () => {
  t = await createTestApp();
  m = await makeMunicipality(t.db);
  leader = await makeUser(t.db, m, { roles: ['team_leader'] });
  therapyLeader = await makeUser(t.db, m, { roles: ['department_head'], department: 'family_therapy' });
  coordinator = await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: true });
  controller = await makeUser(t.db, m, { roles: ['controller'] });
  const therapist = await makeUser(t.db, m, { roles: ['coordinator'], department: 'family_therapy', hasAuthority: true });
  mine = await makeFamilyWithCase(t.db, m, { model: 'sof', lead: coordinator, openedOn: '2026-03-02', lastName: 'Mineson' });
  await makeMeasure(t.db, m, mine.caseId, { legalBasisId: 'BL-86', startsOn: '2026-03-02' });
  theirs = await makeFamilyWithCase(t.db, m, { model: 'sof', lead: therapist, openedOn: '2026-03-02', responsibleDepartment: 'family_therapy', lastName: 'Theirson' });
  await makeMeasure(t.db, m, theirs.caseId, { legalBasisId: 'BL-86', startsOn: '2026-03-02' });
});
afterAll(async () => t?.close());

describe('leader dashboard need-to-know', () => {
  it('a coordinator, a controller and an administrator get 403 on every leader endpoint', async () => {
    const admin = await makeUser(t.db, m, { roles: ['administrator'] });
    for (const user of [coordinator, controller, admin]) {
      const api = client(t.app, await loginAs(t.app, user));
      for (const url of ['/api/leader/dashboard', '/api/leader/cases?filter=overdue', '/api/leader/export?report=overdue', '/api/leader/escalations']) {
        expect((await api.get(url)).statusCode, `${user.roles[0]} ${url}`).toBe(403);
      }
    }
  });

  it('a leader sees only their own department\'s cases and staff', async () => {
    const api = client(t.app, await loginAs(t.app, leader));
    const body = (await api.get('/api/leader/dashboard')).json();
    expect(body.departmentId).toBe(m.departments.child_disability);
    expect(body.overdue.map((o: { caseId: string }) => o.caseId)).toEqual([mine.caseId]);
    expect(body.caseload.coordinators.map((c: { userId: string }) => c.userId)).toEqual([coordinator.id]);
    const other = (await client(t.app, await loginAs(t.app, therapyLeader)).get('/api/leader/dashboard')).json();
    expect(other.overdue.map((o: { caseId: string }) => o.caseId)).toEqual([theirs.caseId]);
    const drill = (await client(t.app, await loginAs(t.app, therapyLeader)).get(`/api/leader/cases?filter=overdue&userId=${coordinator.id}`)).json();
    expect(drill.cases).toEqual([]);
  });

  it('reads are audited with the cases they show', async () => {
    const api = client(t.app, await loginAs(t.app, leader));
    await api.get('/api/leader/cases?filter=overdue');
    const rows = await t.db.selectFrom('audit_log').select(['action', 'entity_type', 'case_ids', 'actor_user_id']).where('municipality_id', '=', m.id)
      .where('entity_type', 'in', ['leader_dashboard', 'leader_cases']).execute();
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.every((r) => r.actor_user_id === leader.id || r.actor_user_id === therapyLeader.id)).toBe(true);
    expect(rows.find((r) => r.entity_type === 'leader_cases' && r.actor_user_id === leader.id)!.case_ids).toEqual([mine.caseId]);
  });

  it('exports CSV and logs every export', async () => {
    const api = client(t.app, await loginAs(t.app, leader));
    for (const report of ['caseload', 'compliance', 'overdue', 'cases']) {
      const res = await api.get(`/api/leader/export?report=${report}&filter=due`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      expect(res.headers['content-disposition']).toContain(`tovholder-${report}-2026-11-22.csv`);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body.startsWith('\uFEFF')).toBe(true);
    }
    const overdue = (await api.get('/api/leader/export?report=overdue')).body;
    expect(overdue).toContain('Mineson');
    expect(overdue).not.toContain('Theirson');
    const exports = await t.db.selectFrom('audit_log').select(['entity_type', 'case_ids']).where('municipality_id', '=', m.id).where('action', '=', 'export').execute();
    expect(exports.map((e) => e.entity_type).sort()).toEqual(['leader_export_caseload', 'leader_export_cases', 'leader_export_compliance', 'leader_export_overdue', 'leader_export_overdue']);
    expect(exports.find((e) => e.entity_type === 'leader_export_overdue')!.case_ids).toEqual([mine.caseId]);
    expect((await api.get('/api/leader/export?report=secret')).statusCode).toBe(400);
  });
});
