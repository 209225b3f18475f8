import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testToday, type TestApp } from './app.js';
import {
  addAssignment, addTeamMember, client, loginAs, makeFamilyWithCase, makeMeasure, makeMunicipality, makeUser,
  type Session, type TestMunicipality, type TestUser,
} from './factories.js';
import { countAll } from './inspect.js';

/**
 * The core team and who leads the case (issue 3 §2): the family coordinator rule (000:556-561), internal members and
 * external partners, fixed core teams applied to a case (000:583), and the coverage check (000:591-592).
 */

let t: TestApp;
let m: TestMunicipality;
let leader: TestUser;
let coordinator: TestUser;
let coordinatorWithoutAuthority: TestUser;
let caseworker: TestUser;
let caseworkerWithoutAuthority: TestUser;
let pprCoordinator: TestUser;
let pprMember: TestUser;
let schoolPartner: TestUser;
let admin: TestUser;
let leaderSession: Session;

interface ErrorBody { error: { code: string; message: string; details: Array<{ field: string; code: string }> } }
interface Warning { code: string; departmentName?: string; message: string }
interface TeamMember { userId: string; teamRole: string; external: boolean; departmentKind: string | null; removedOn: string | null }
type Response = Awaited<ReturnType<TestApp['app']['inject']>>;

const api = () => client(t.app, leaderSession);

async function refused(send: () => Promise<Response>): Promise<{ status: number; body: ErrorBody }> {
  const before = await countAll(t.db);
  const response = await send();
  expect(await countAll(t.db), `${response.statusCode} ${response.body}`).toEqual(before);
  return { status: response.statusCode, body: response.json() as ErrorBody };
}

async function warnings(caseId: string): Promise<Warning[]> {
  const response = await api().get(`/api/cases/${caseId}/flow`);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { warnings: Warning[] }).warnings;
}

beforeAll(async () => {
  t = await createTestApp();
  m = await makeMunicipality(t.db);
  // The leader of the responsible department staffs the cases in this file.
  leader = await makeUser(t.db, m, { roles: ['team_leader'], department: 'child_disability' });
  coordinator = await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: true });
  coordinatorWithoutAuthority = await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: false });
  caseworker = await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: true });
  caseworkerWithoutAuthority = await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: false });
  pprCoordinator = await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: true, department: 'ppr' });
  pprMember = await makeUser(t.db, m, { roles: ['core_team_member'], department: 'ppr' });
  schoolPartner = await makeUser(t.db, m, { roles: ['external_partner'], department: 'school' });
  admin = await makeUser(t.db, m, { roles: ['administrator'] });
  leaderSession = await loginAs(t.app, leader);
});

afterAll(async () => {
  await t?.close();
});

describe('the family coordinator comes from the child-disability area; without authority, the child\'s caseworker is on the case (000:556-561)', () => {
  it('assigning a coordinator from PPR → 422 coordinator_not_child_disability citing 000:556-561, nothing written', async () => {
    const family = await makeFamilyWithCase(t.db, m, { lead: coordinator, model: 'efei' });
    const { status, body } = await refused(() => api().post(`/api/cases/${family.caseId}/assignments`, { userId: pprCoordinator.id, role: 'family_coordinator', startsOn: testToday }));
    expect(status).toBe(422);
    expect(body.error).toMatchObject({ code: 'coordinator_not_child_disability', details: [{ field: 'userId', code: 'coordinator_not_child_disability' }] });
    expect(body.error.message).toContain('000:556-561');
  });

  it('assigning a coordinator without authority while the case has no caseworker with authority → 422 coordinator_needs_caseworker', async () => {
    const family = await makeFamilyWithCase(t.db, m, { lead: coordinator, model: 'efei' });
    const { status, body } = await refused(() => api().post(`/api/cases/${family.caseId}/assignments`, {
      userId: coordinatorWithoutAuthority.id, role: 'family_coordinator', startsOn: testToday,
    }));
    expect(status).toBe(422);
    expect(body.error).toMatchObject({ code: 'coordinator_needs_caseworker', details: [{ field: 'userId' }] });
    expect(body.error.message).toContain('000:556-561');
  });

  it('the child\'s caseworker must have authority (422 caseworker_without_authority)', async () => {
    const family = await makeFamilyWithCase(t.db, m, { lead: coordinator, model: 'efei' });
    const { status, body } = await refused(() => api().post(`/api/cases/${family.caseId}/assignments`, { userId: caseworkerWithoutAuthority.id, role: 'caseworker', startsOn: testToday }));
    expect(status).toBe(422);
    expect(body.error.code).toBe('caseworker_without_authority');
  });

  it('with the caseworker assigned first, the coordinator without authority is accepted and the case shows no warning', async () => {
    const family = await makeFamilyWithCase(t.db, m, { lead: coordinator, model: 'efei' });
    const first = await api().post(`/api/cases/${family.caseId}/assignments`, { userId: caseworker.id, role: 'caseworker', startsOn: testToday });
    expect(first.statusCode, first.body).toBe(200);
    // Replacing the lead goes through the handover with its note (issue 9 item 3).
    const second = await api().post(`/api/cases/${family.caseId}/handover`, { toUserId: coordinatorWithoutAuthority.id, familyNeeds: 'Overdragelse' });
    expect(second.statusCode, second.body).toBe(200);
    const assignments = (await api().get(`/api/cases/${family.caseId}`)).json() as { assignments: Array<{ userId: string; role: string; endsOn: string | null }> };
    expect(assignments.assignments).toContainEqual(expect.objectContaining({ userId: coordinatorWithoutAuthority.id, role: 'family_coordinator', endsOn: null }));
    expect((await warnings(family.caseId)).map((w) => w.code)).not.toContain('coordinator_needs_caseworker');
  });

  it('where it cannot be refused — the caseworker\'s assignment ends — the case shows the warning instead', async () => {
    const family = await makeFamilyWithCase(t.db, m, { lead: coordinatorWithoutAuthority, model: 'efei' });
    const assignmentId = await addAssignment(t.db, family.caseId, caseworker, 'caseworker');
    expect((await warnings(family.caseId)).map((w) => w.code)).toEqual([]);
    const ended = await api().post(`/api/assignments/${assignmentId}/end`, { endsOn: '2026-11-21' });
    expect(ended.statusCode, ended.body).toBe(200);
    const shown = await warnings(family.caseId);
    expect(shown).toEqual([expect.objectContaining({ code: 'coordinator_needs_caseworker', message: expect.stringContaining('000:556-561') })]);
  });

  it('opening an EFEI case led by a coordinator from PPR → 422 naming leadUserId; led by a coordinator without authority → opened, with the warning', async () => {
    const family = await makeFamilyWithCase(t.db, m, { withCase: false, createdBy: leader });
    const open = (leadUserId: string) => api().post('/api/cases', {
      familyId: family.familyId, childId: family.child.id, model: 'efei', openedOn: testToday, responsibleDepartmentId: m.departments.child_disability, leadUserId,
    });
    const refusedOpen = await refused(() => open(pprCoordinator.id));
    expect(refusedOpen.status).toBe(422);
    expect(refusedOpen.body.error.details).toEqual([expect.objectContaining({ field: 'leadUserId', code: 'coordinator_not_child_disability' })]);
    const opened = await open(coordinatorWithoutAuthority.id);
    expect(opened.statusCode, opened.body).toBe(201);
    const caseId = (opened.json() as { id: string }).id;
    expect((await warnings(caseId)).map((w) => w.code)).toEqual(['coordinator_needs_caseworker']);
  });

  it('an SOF case changed to EFEI keeps its lead from PPR: not refusable there, so shown as a warning', async () => {
    const family = await makeFamilyWithCase(t.db, m, { lead: pprCoordinator, model: 'sof' });
    const changed = await api().patch(`/api/cases/${family.caseId}`, { model: 'efei', version: 1 });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await warnings(family.caseId)).map((w) => w.code)).toEqual(['coordinator_not_child_disability']);
  });

  it('SOF\'s primary caseworker is not bound by the EFEI coordinator rule', async () => {
    const family = await makeFamilyWithCase(t.db, m, { lead: coordinator, model: 'sof' });
    const response = await api().post(`/api/cases/${family.caseId}/handover`, { toUserId: pprCoordinator.id, familyNeeds: 'Overdragelse' });
    expect(response.statusCode, response.body).toBe(200);
  });
});

describe('core team: internal members and external partners', () => {
  it('an external partner (a user with role external_partner) joins the core team and is shown as external with their organisation', async () => {
    const family = await makeFamilyWithCase(t.db, m, { lead: coordinator, model: 'efei' });
    const response = await api().post(`/api/cases/${family.caseId}/team-members`, { userId: schoolPartner.id, teamRole: 'Klasselærer' });
    expect(response.statusCode, response.body).toBe(200);
    const team = (response.json() as { teamMembers: TeamMember[] }).teamMembers;
    expect(team).toEqual([expect.objectContaining({ userId: schoolPartner.id, teamRole: 'Klasselærer', external: true, departmentKind: 'school' })]);
  });
});

describe('coverage: every department with measures on the case is represented (000:591-592)', () => {
  it('a measure from the school with nobody from the school on the team → warning naming the department; adding the partner clears it', async () => {
    const family = await makeFamilyWithCase(t.db, m, { lead: coordinator, model: 'efei' });
    await makeMeasure(t.db, m, family.caseId, { department: 'school', startsOn: '2026-04-01', description: 'Støtte i klassen' });
    // The coordinator's own department is represented by the coordinator.
    await makeMeasure(t.db, m, family.caseId, { department: 'child_disability', startsOn: '2026-04-01' });
    // A measure that has ended does not need representation.
    await makeMeasure(t.db, m, family.caseId, { department: 'ppr', startsOn: '2026-01-01', endsOn: '2026-02-01' });
    expect(await warnings(family.caseId)).toEqual([
      expect.objectContaining({ code: 'department_not_represented', departmentName: 'Testskolen', message: expect.stringContaining('000:591-592') }),
    ]);
    await api().post(`/api/cases/${family.caseId}/team-members`, { userId: schoolPartner.id, teamRole: 'Skole' });
    expect(await warnings(family.caseId)).toEqual([]);
  });

  it('a removed member no longer represents their department', async () => {
    const family = await makeFamilyWithCase(t.db, m, { lead: coordinator, model: 'efei' });
    await makeMeasure(t.db, m, family.caseId, { department: 'ppr', startsOn: '2026-04-01' });
    await addTeamMember(t.db, family.caseId, pprMember, { removedOn: '2026-10-01' });
    expect((await warnings(family.caseId)).map((w) => w.departmentName)).toEqual(['PPR']);
  });
});

describe('fixed core teams (000:583: "Kerneteamet kan være et fast team eller etableres fleksibelt")', () => {
  let teamId: string;

  it('the administrator registers a fixed core team; other roles may not (403)', async () => {
    const adminApi = client(t.app, await loginAs(t.app, admin));
    const created = await adminApi.post('/api/core-teams', {
      name: 'Kerneteam Nord', members: [{ userId: pprMember.id, teamRole: 'PPR-psykolog' }, { userId: schoolPartner.id, teamRole: 'Skole' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const team = created.json() as { id: string; members: Array<{ userId: string; external: boolean }> };
    teamId = team.id;
    expect(team.members.map((x) => x.external).sort()).toEqual([false, true]);
    const byLeader = await refused(() => api().post('/api/core-teams', { name: 'Uofficielt team', members: [{ userId: pprMember.id }] }));
    expect(byLeader.status).toBe(403);
    const duplicate = await refused(() => adminApi.post('/api/core-teams', { name: 'Forkert', members: [{ userId: admin.id }, { userId: admin.id }] }));
    expect(duplicate.status).toBe(422);
    expect(duplicate.body.error.details[0]).toMatchObject({ field: 'members.1.userId', code: 'duplicate_member' });
    const sameName = await refused(() => adminApi.post('/api/core-teams', { name: 'Kerneteam Nord', members: [{ userId: pprMember.id }] }));
    expect(sameName.status).toBe(409);
    expect(sameName.body.error.details[0]).toMatchObject({ field: 'name', code: 'duplicate_name' });
  });

  it('staff see the municipality\'s fixed teams', async () => {
    const list = await api().get('/api/core-teams');
    expect(list.statusCode).toBe(200);
    expect((list.json() as Array<{ name: string }>).map((x) => x.name)).toEqual(['Kerneteam Nord']);
  });

  it('applying it to a case adds its members; a member already on the team keeps their role', async () => {
    const family = await makeFamilyWithCase(t.db, m, { lead: coordinator, model: 'efei' });
    await addTeamMember(t.db, family.caseId, pprMember, { teamRole: 'Egen rolle', addedOn: '2026-05-01' });
    const applied = await api().post(`/api/cases/${family.caseId}/core-team/apply`, { teamId });
    expect(applied.statusCode, applied.body).toBe(200);
    const team = (applied.json() as { teamMembers: TeamMember[] }).teamMembers;
    expect(team.map((x) => [x.userId, x.teamRole]).sort()).toEqual([[pprMember.id, 'Egen rolle'], [schoolPartner.id, 'Skole']].sort());
  });

  it('an unknown team → 422 naming teamId, nothing written', async () => {
    const family = await makeFamilyWithCase(t.db, m, { lead: coordinator, model: 'efei' });
    const { status, body } = await refused(() => api().post(`/api/cases/${family.caseId}/core-team/apply`, { teamId: '00000000-0000-4000-8000-000000000000' }));
    expect(status).toBe(422);
    expect(body.error.details[0]).toMatchObject({ field: 'teamId', code: 'unknown_core_team' });
  });

  it('renaming with a stale version → 409', async () => {
    const adminApi = client(t.app, await loginAs(t.app, admin));
    const ok = await adminApi.patch(`/api/core-teams/${teamId}`, { name: 'Kerneteam Nord-Vest', version: 1 });
    expect(ok.statusCode, ok.body).toBe(200);
    const stale = await refused(() => adminApi.patch(`/api/core-teams/${teamId}`, { name: 'Gammelt navn', version: 1 }));
    expect(stale.status).toBe(409);
  });
});
