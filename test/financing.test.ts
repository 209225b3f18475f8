import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app.js';
import {
  addTeamMember, client, loginAs, makeFamilyWithCase, makeMunicipality, makeUser, type Session, type TestFamily, type TestMunicipality, type TestUser,
} from './factories.js';
import { grantMeasure, planWithPayer } from './financing-fixtures.js';
import { auditRowsAfter, auditHead } from './inspect.js';

/**
 * Shared financing of a granted measure (issue 8 item 4; 000:860-881): proposed from the plan's default payer, saved
 * as versions with who/when/why, agreed or disputed by the core team and the paying departments' leaders; bad input is
 * 422 naming the rule and writes nothing; a stale version is 409.
 */

let t: TestApp;
let m: TestMunicipality;
let family: TestFamily;
const users = {} as Record<'coordinator' | 'coreMember' | 'schoolLeader' | 'otherLeader' | 'stranger' | 'controller', TestUser>;
const s = {} as Record<keyof typeof users, Session>;
let granted: string;
let notGranted: string;

const versionsOf = async (measureId: string) =>
  (await t.db.selectFrom('measure_financing_versions').select('version_no').where('measure_id', '=', measureId).execute()).length;

beforeAll(async () => {
  t = await createTestApp();
  m = await makeMunicipality(t.db);
  users.coordinator = await makeUser(t.db, m, { roles: ['coordinator'] });
  users.coreMember = await makeUser(t.db, m, { roles: ['core_team_member'], department: 'ppr' });
  users.schoolLeader = await makeUser(t.db, m, { roles: ['team_leader'], department: 'school' });
  users.otherLeader = await makeUser(t.db, m, { roles: ['team_leader'], department: 'employment' });
  users.stranger = await makeUser(t.db, m, { roles: ['coordinator'] });
  users.controller = await makeUser(t.db, m, { roles: ['controller'] });
  family = await makeFamilyWithCase(t.db, m, { lead: users.coordinator, model: 'efei' });
  await addTeamMember(t.db, family.caseId, users.coreMember);
  await planWithPayer(t.db, m.id, users.coordinator, 'BL-86', m.departments.family_therapy);
  granted = (await grantMeasure(t.db, m, family, users.coordinator, { startsOn: '2026-02-10' })).measureId;
  notGranted = (await grantMeasure(t.db, m, family, users.coordinator, { outcome: 'refused' })).measureId;
  for (const key of Object.keys(users) as Array<keyof typeof users>) s[key] = await loginAs(t.app, users[key]);
});

afterAll(async () => {
  await t?.close();
});

const share = (department: keyof TestMunicipality['departments'], shareBp: number, validFrom = '2026-02-01', validTo: string | null = null) =>
  ({ departmentId: m.departments[department], shareBp, validFrom, validTo });

describe('the proposal and the first version', () => {
  it("shows the plan's proposal: 100 % to the default payer from the month the measure starts; the read is audited", async () => {
    const before = await auditHead(t.db, m.id);
    const res = await client(t.app, s.coordinator).get(`/api/measures/${granted}/financing`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.granted).toBe(true);
    expect(body.current).toBeNull();
    expect(body.defaultPayerDepartmentId).toBe(m.departments.family_therapy);
    expect(body.proposal).toEqual([{ departmentId: m.departments.family_therapy, departmentName: 'Familiebehandlingen', validFrom: '2026-02-01', validTo: null, shareBp: 10000 }]);
    expect(body.abilities).toEqual({ canPropose: true, canAgree: false });
    const rows = await auditRowsAfter(t.db, m.id, before);
    expect(rows.map((r) => [r.action, r.entity_type, r.entity_id])).toEqual([['read', 'measure_financing', granted]]);
  });

  it('bad input is 422 naming the rule, and nothing is written', async () => {
    const api = client(t.app, s.coordinator);
    const post = (shares: unknown[]) => api.post(`/api/measures/${granted}/financing/versions`, { basedOnVersion: 0, reason: 'Fordeling', shares });
    const cases: Array<[unknown[], string]> = [
      [[share('child_disability', 6000), share('school', 3000)], 'shares_not_100_percent'],
      [[share('child_disability', 10000, '2026-02-01', '2026-06-30'), share('school', 10000, '2026-06-01')], 'periods_overlap'],
      [[{ ...share('school', 10000), departmentId: '00000000-0000-4000-8000-000000000999' }], 'unknown_department'],
      [[share('school', 10000, '2026-02-15')], 'period_not_whole_months'],
    ];
    for (const [shares, code] of cases) {
      const res = await post(shares);
      expect(res.statusCode, code).toBe(422);
      expect(res.json().error.code).toBe('financing_split_invalid');
      expect(res.json().error.details.map((d: { code: string }) => d.code)).toContain(code);
    }
    expect(await versionsOf(granted)).toBe(0);
  });

  it('a measure no granted decision names carries no split (422 measure_not_granted)', async () => {
    const res = await client(t.app, s.coordinator).post(`/api/measures/${notGranted}/financing/versions`, { basedOnVersion: 0, reason: 'x', shares: [share('school', 10000)] });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('measure_not_granted');
    expect(await versionsOf(notGranted)).toBe(0);
  });

  it('the coordinator proposes 60/40 from February and 100 % to the school from 2027; a second save on version 0 is 409', async () => {
    const api = client(t.app, s.coordinator);
    const body = {
      basedOnVersion: 0, reason: 'Skolen betaler for skoledelen',
      shares: [share('child_disability', 6000, '2026-02-01', '2026-12-31'), share('school', 4000, '2026-02-01', '2026-12-31'), share('school', 10000, '2027-01-01')],
    };
    const res = await api.post(`/api/measures/${granted}/financing/versions`, body);
    expect(res.statusCode).toBe(201);
    const view = res.json();
    expect(view.current).toMatchObject({ versionNo: 1, status: 'proposed', reason: 'Skolen betaler for skoledelen', createdBy: users.coordinator.name });
    expect(view.current.shares).toHaveLength(3);
    expect(view.proposal).toBeNull();
    const stale = await api.post(`/api/measures/${granted}/financing/versions`, body);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    expect(await versionsOf(granted)).toBe(1);
  });
});

describe('agreeing and disputing in the core team', () => {
  it('a core-team member agrees: version 2, same shares, status agreed; agreeing again is 422', async () => {
    const api = client(t.app, s.coreMember);
    const res = await api.post(`/api/measures/${granted}/financing/status`, { basedOnVersion: 1, status: 'agreed', reason: 'Enige på kerneteammødet' });
    expect(res.statusCode).toBe(201);
    expect(res.json().current).toMatchObject({ versionNo: 2, status: 'agreed', disputeReason: null, createdBy: users.coreMember.name });
    expect(res.json().current.shares).toEqual(res.json().history[1].shares);
    const again = await api.post(`/api/measures/${granted}/financing/status`, { basedOnVersion: 2, status: 'agreed', reason: 'igen' });
    expect(again.statusCode).toBe(422);
    expect(again.json().error.code).toBe('financing_not_proposed');
  });

  it("the paying school's leader proposes a change; a core-team member disputes it with a reason; the history keeps every version", async () => {
    const leader = client(t.app, s.schoolLeader);
    const proposed = await leader.post(`/api/measures/${granted}/financing/versions`, {
      basedOnVersion: 2, reason: 'Skolen kan kun bære 20 %', shares: [share('child_disability', 8000), share('school', 2000)],
    });
    expect(proposed.statusCode).toBe(201);
    expect(proposed.json().current).toMatchObject({ versionNo: 3, status: 'proposed' });
    const disputed = await client(t.app, s.coreMember).post(`/api/measures/${granted}/financing/status`, {
      basedOnVersion: 3, status: 'disputed', reason: 'Børnehandicap har ikke budget til 80 %',
    });
    expect(disputed.statusCode).toBe(201);
    const view = disputed.json();
    expect(view.current).toMatchObject({ versionNo: 4, status: 'disputed', disputeReason: 'Børnehandicap har ikke budget til 80 %' });
    expect(view.history.map((v: { versionNo: number; status: string }) => [v.versionNo, v.status])).toEqual([[4, 'disputed'], [3, 'proposed'], [2, 'agreed'], [1, 'proposed']]);
  });

  it('a stale status change is 409; a dispute needs a reason (400)', async () => {
    const api = client(t.app, s.coreMember);
    expect((await api.post(`/api/measures/${granted}/financing/status`, { basedOnVersion: 3, status: 'agreed', reason: 'ok' })).statusCode).toBe(409);
    expect((await api.post(`/api/measures/${granted}/financing/status`, { basedOnVersion: 4, status: 'disputed', reason: ' ' })).statusCode).toBe(400);
    expect(await versionsOf(granted)).toBe(4);
  });

  it('concurrent proposals on the same version: one is saved, the other is 409', async () => {
    const api = client(t.app, s.coordinator);
    const body = (reason: string) => ({ basedOnVersion: 4, reason, shares: [share('child_disability', 5000), share('school', 5000)] });
    const results = await Promise.all([api.post(`/api/measures/${granted}/financing/versions`, body('A')), api.post(`/api/measures/${granted}/financing/versions`, body('B'))]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await versionsOf(granted)).toBe(5);
  });
});

describe('who may see and change the split', () => {
  it('a coordinator without need-to-know and a leader of an uninvolved department get 404', async () => {
    expect((await client(t.app, s.stranger).get(`/api/measures/${granted}/financing`)).statusCode).toBe(404);
    expect((await client(t.app, s.otherLeader).get(`/api/measures/${granted}/financing`)).statusCode).toBe(404);
    expect((await client(t.app, s.stranger).post(`/api/measures/${granted}/financing/versions`, { basedOnVersion: 5, reason: 'x', shares: [share('school', 10000)] })).statusCode).toBe(404);
  });

  it('a controller reads the split (money) but may not change or agree to it (403)', async () => {
    const api = client(t.app, s.controller);
    const res = await api.get(`/api/measures/${granted}/financing`);
    expect(res.statusCode).toBe(200);
    expect(res.json().abilities).toEqual({ canPropose: false, canAgree: false });
    expect((await api.post(`/api/measures/${granted}/financing/versions`, { basedOnVersion: 5, reason: 'x', shares: [share('school', 10000)] })).statusCode).toBe(403);
    expect((await api.post(`/api/measures/${granted}/financing/status`, { basedOnVersion: 5, status: 'agreed', reason: 'x' })).statusCode).toBe(403);
  });
});
