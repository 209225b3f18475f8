import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testToday, type TestApp } from './app.js';
import {
  addAssignment, addTeamMember, client, loginAs, makeFamilyWithCase, makeMunicipality, makeParentLogin, makeUser,
  type Session, type TestFamily, type TestMunicipality, type TestUser,
} from './factories.js';
import { auditRowsAfter, auditHead } from './inspect.js';
import { givePortalEmail, loginToPortal } from './portal-fixtures.js';

/**
 * Need-to-know against a real database (style.md §6 "*.access.test.ts"): one EFEI case, and every kind of person
 * who might ask for it. Each row says what that person gets from the API — 200/201 when they have a reason, 403
 * when they may read but not do it, 404 when they have no reason to know the case exists — and whether the
 * family turns up in their search and their own caseload. The pure rule tables are in src/platform/policy.
 */

type Persona =
  | 'familyCoordinator' | 'buddy' | 'caseworker' | 'coreTeamMember' | 'partnerOnTeam' | 'partnerNotOnTeam'
  | 'leaderOfResponsibleDepartment' | 'departmentHeadOfResponsibleDepartment' | 'leaderOfOtherDepartment'
  | 'coordinatorNotAssigned' | 'formerCoordinator' | 'removedCoreTeamMember' | 'controller' | 'administrator'
  | 'parentOfFamily' | 'parentOfOtherFamily';

type Listing = 'shown' | 'hidden' | 403 | 401;
interface Expectation {
  reason: string | null;
  getFamily: number; getCase: number; patchCase: number; postMeasure: number; accessLog: number;
  search: Listing; myFamilies: Listing;
}

const lead = { getFamily: 200, getCase: 200, patchCase: 200, postMeasure: 201, accessLog: 200 };
const editor = { getFamily: 200, getCase: 200, patchCase: 200, postMeasure: 201, accessLog: 403 };
const reader = { getFamily: 200, getCase: 200, patchCase: 403, postMeasure: 403, accessLog: 403 };
const stranger = { getFamily: 404, getCase: 404, patchCase: 404, postMeasure: 404, accessLog: 404 };
/** No staff session at all: a parent's portal session opens no staff route (issue 5 item 1). */
const noStaffSession = { getFamily: 401, getCase: 401, patchCase: 401, postMeasure: 401, accessLog: 401 };

const matrix: Record<Persona, Expectation> = {
  familyCoordinator: { reason: 'family_coordinator', ...lead, search: 'shown', myFamilies: 'shown' },
  buddy: { reason: 'buddy', ...editor, search: 'shown', myFamilies: 'shown' },
  caseworker: { reason: 'caseworker', ...editor, search: 'shown', myFamilies: 'shown' },
  coreTeamMember: { reason: 'core_team', ...reader, search: 'shown', myFamilies: 'shown' },
  // Issue 5 item 4: an external partner never opens the staff pages, core team or not; with the family's consent they
  // see what they need through /api/partner (test/partner-access.test.ts), and have no search or caseload.
  partnerOnTeam: { reason: null, ...stranger, search: 403, myFamilies: 403 },
  partnerNotOnTeam: { reason: null, ...stranger, search: 403, myFamilies: 403 },
  // Leaders see their department's cases but they are not their own caseload.
  leaderOfResponsibleDepartment: { reason: 'department_leader', ...lead, search: 'shown', myFamilies: 'hidden' },
  departmentHeadOfResponsibleDepartment: { reason: 'department_leader', ...lead, search: 'shown', myFamilies: 'hidden' },
  leaderOfOtherDepartment: { reason: null, ...stranger, search: 'hidden', myFamilies: 'hidden' },
  coordinatorNotAssigned: { reason: null, ...stranger, search: 'hidden', myFamilies: 'hidden' },
  formerCoordinator: { reason: null, ...stranger, search: 'hidden', myFamilies: 'hidden' },
  removedCoreTeamMember: { reason: null, ...stranger, search: 'hidden', myFamilies: 'hidden' },
  controller: { reason: null, ...stranger, search: 403, myFamilies: 403 },
  administrator: { reason: null, ...stranger, search: 403, myFamilies: 403 },
  // Parents log in to the family portal and see their family there (/api/portal/me); its session opens no staff page.
  parentOfFamily: { reason: null, ...noStaffSession, search: 401, myFamilies: 401 },
  parentOfOtherFamily: { reason: null, ...noStaffSession, search: 401, myFamilies: 401 },
};

let t: TestApp;
let municipality: TestMunicipality;
let family: TestFamily;
let otherFamily: TestFamily;
const users = {} as Record<Persona, TestUser>;
const sessions = {} as Record<Persona, Session>;

async function caseVersion(): Promise<number> {
  const row = await t.db.selectFrom('cases').select('version').where('id', '=', family.caseId).executeTakeFirstOrThrow();
  return row.version;
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.db;
  municipality = await makeMunicipality(db);
  const make = (roles: TestUser['roles'], department?: Parameters<typeof makeUser>[2]['department'], hasAuthority = false) =>
    makeUser(db, municipality, { roles, department, hasAuthority });

  users.familyCoordinator = await make(['coordinator']);
  users.buddy = await make(['coordinator']);
  users.caseworker = await make(['coordinator'], 'child_disability', true);
  users.coreTeamMember = await make(['core_team_member'], 'ppr');
  users.partnerOnTeam = await make(['external_partner'], 'school');
  users.partnerNotOnTeam = await make(['external_partner'], 'school');
  users.leaderOfResponsibleDepartment = await make(['team_leader'], 'child_disability');
  users.departmentHeadOfResponsibleDepartment = await make(['department_head'], 'child_disability');
  users.leaderOfOtherDepartment = await make(['team_leader'], 'school');
  users.coordinatorNotAssigned = await make(['coordinator']);
  users.formerCoordinator = await make(['coordinator']);
  users.removedCoreTeamMember = await make(['core_team_member'], 'ppr');
  users.controller = await make(['controller']);
  users.administrator = await make(['administrator']);

  family = await makeFamilyWithCase(db, municipality, { lead: users.familyCoordinator, model: 'efei', responsibleDepartment: 'child_disability' });
  otherFamily = await makeFamilyWithCase(db, municipality, { lead: users.coordinatorNotAssigned, model: 'efei' });
  users.parentOfFamily = await makeParentLogin(db, municipality, family);
  users.parentOfOtherFamily = await makeParentLogin(db, municipality, otherFamily);

  await addAssignment(db, family.caseId, users.buddy, 'buddy');
  await addAssignment(db, family.caseId, users.caseworker, 'caseworker');
  // Ended yesterday: the relation, and with it the access, is over.
  await addAssignment(db, family.caseId, users.formerCoordinator, 'caseworker', { startsOn: '2026-03-02', endsOn: '2026-11-21' });
  await addTeamMember(db, family.caseId, users.coreTeamMember);
  await addTeamMember(db, family.caseId, users.partnerOnTeam, { teamRole: 'school' });
  // Removed today: no longer on the team today.
  await addTeamMember(db, family.caseId, users.removedCoreTeamMember, { removedOn: testToday });

  for (const persona of Object.keys(matrix) as Persona[]) {
    if (persona === 'parentOfFamily' || persona === 'parentOfOtherFamily') {
      const person = (persona === 'parentOfFamily' ? family : otherFamily).parent.id;
      sessions[persona] = { ...await loginToPortal(t.app, db, await givePortalEmail(db, person)), userId: '' };
    } else {
      sessions[persona] = await loginAs(t.app, users[persona]);
    }
  }
});

afterAll(async () => {
  await t?.close();
});

describe('need-to-know matrix on one EFEI case', () => {
  for (const [persona, expected] of Object.entries(matrix) as Array<[Persona, Expectation]>) {
    it(`${persona}: GET family ${expected.getFamily}, GET case ${expected.getCase}, PATCH case ${expected.patchCase}, POST measure ${expected.postMeasure}, access log ${expected.accessLog}; search ${expected.search}, my-families ${expected.myFamilies}`, async () => {
      const api = client(t.app, sessions[persona]);
      const before = await auditHead(t.db, municipality.id);

      const getFamily = await api.get(`/api/families/${family.familyId}`);
      const getCase = await api.get(`/api/cases/${family.caseId}`);
      const patchCase = await api.patch(`/api/cases/${family.caseId}`, { version: await caseVersion() });
      const postMeasure = await api.post(`/api/cases/${family.caseId}/measures`, {
        legalBasisId: 'BL-90-2', departmentId: municipality.departments.child_disability, description: 'Aflastning', startsOn: testToday,
      });
      const accessLog = await api.get(`/api/cases/${family.caseId}/access-log`);
      expect({
        getFamily: getFamily.statusCode, getCase: getCase.statusCode, patchCase: patchCase.statusCode,
        postMeasure: postMeasure.statusCode, accessLog: accessLog.statusCode,
      }).toEqual({
        getFamily: expected.getFamily, getCase: expected.getCase, patchCase: expected.patchCase,
        postMeasure: expected.postMeasure, accessLog: expected.accessLog,
      });

      if (expected.getCase === 200) {
        // The reason the API gives is the one the policy found, and the abilities match what the API then allows.
        const view = getCase.json() as { accessReason: string; abilities: Record<string, boolean> };
        expect(view.accessReason).toBe(expected.reason);
        expect(view.abilities.canEdit).toBe(expected.patchCase === 200);
        expect(view.abilities.canViewAccessLog).toBe(expected.accessLog === 200);
        expect((getFamily.json() as { accessReason: string }).accessReason).toBe(expected.reason);
        const reads = (await auditRowsAfter(t.db, municipality.id, before)).filter((r) => r.action === 'read' && r.entity_type === 'case');
        expect(reads).toHaveLength(1);
        expect(reads[0]).toMatchObject({ actor_user_id: users[persona].id, entity_id: family.caseId, entry: { reason: expected.reason } });
      } else {
        // A refused read leaves no trace of the case in the answer.
        for (const response of [getFamily, getCase, accessLog]) expect(response.body).not.toContain(family.familyName);
      }

      const search = await api.get(`/api/search?q=${encodeURIComponent(family.familyName)}`);
      const myFamilies = await api.get('/api/my-families');
      const listing = (response: typeof search): Listing => {
        if (response.statusCode === 403) return 403;
        if (response.statusCode === 401) return 401;
        expect(response.statusCode).toBe(200);
        return (response.json() as Array<{ familyId: string }>).some((row) => row.familyId === family.familyId) ? 'shown' : 'hidden';
      };
      expect({ search: listing(search), myFamilies: listing(myFamilies) }).toEqual({ search: expected.search, myFamilies: expected.myFamilies });
    });
  }

  it('every row of the matrix with access names a different, real relation: no persona is untested', () => {
    const granted = Object.values(matrix).filter((e) => e.reason !== null).map((e) => e.reason);
    expect(new Set(granted)).toEqual(new Set(['family_coordinator', 'buddy', 'caseworker', 'core_team', 'department_leader']));
  });
});

describe('need-to-know outside the matrix', () => {
  it('SOF: the primary caseworker has the lead\'s rights (case, access log, caseload) on an SOF case', async () => {
    const primary = await makeUser(t.db, municipality, { roles: ['coordinator'], hasAuthority: true });
    const sof = await makeFamilyWithCase(t.db, municipality, { lead: primary, model: 'sof' });
    const api = client(t.app, await loginAs(t.app, primary));
    const view = await api.get(`/api/cases/${sof.caseId}`);
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({ accessReason: 'primary_caseworker', abilities: { canEdit: true, canManageTeam: true, canViewAccessLog: true } });
    expect((await api.get(`/api/cases/${sof.caseId}/access-log`)).statusCode).toBe(200);
    expect((await api.patch(`/api/cases/${sof.caseId}`, { version: 1 })).statusCode).toBe(200);
    const mine = (await api.get('/api/my-families')).json() as Array<{ familyId: string; children: Array<{ myRole: string }> }>;
    expect(mine.find((f) => f.familyId === sof.familyId)?.children[0]?.myRole).toBe('primary_caseworker');
    // ... and still nothing of the EFEI case above.
    expect((await api.get(`/api/cases/${family.caseId}`)).statusCode).toBe(404);
  });

  it('a parent sees their own family through the portal, and only their own', async () => {
    const own = await client(t.app, sessions.parentOfFamily).get('/api/portal/me');
    expect(own.statusCode).toBe(200);
    expect(own.json().family).toMatchObject({ id: family.familyId, name: family.familyName });
    expect(own.body).not.toContain(family.child.cpr);
    const other = await client(t.app, sessions.parentOfOtherFamily).get('/api/portal/me');
    expect(other.json().family).toMatchObject({ id: otherFamily.familyId });
    expect(other.body).not.toContain(family.familyName);
    // Staff have no portal session, so no portal family.
    expect((await client(t.app, sessions.familyCoordinator).get('/api/portal/me')).statusCode).toBe(401);
  });

  it('the coordinator who registers a family may work on it until it has a case; then only a relation to the case counts', async () => {
    const registrar = users.coordinatorNotAssigned;
    const api = client(t.app, sessions.coordinatorNotAssigned);
    const created = await api.post('/api/families', { name: 'Familien Nyregistreret' });
    expect(created.statusCode).toBe(201);
    const familyId = (created.json() as { id: string; accessReason: string }).id;
    expect(created.json()).toMatchObject({ accessReason: 'family_creator' });
    expect((await api.get(`/api/families/${familyId}`)).statusCode).toBe(200);
    expect((await api.patch(`/api/families/${familyId}`, { notes: 'Første samtale holdt', version: 1 })).statusCode).toBe(200);

    // Someone else opens the child's case and leads it: the registrar now has no relation to the family.
    const member = await api.post(`/api/families/${familyId}/members`, { relation: 'child', person: { firstName: 'Ny', lastName: 'Registreret', birthDate: '2018-02-02' } });
    expect(member.statusCode).toBe(201);
    const childId = (member.json() as { members: Array<{ person: { id: string } }> }).members[0]!.person.id;
    const opened = await api.post('/api/cases', {
      familyId, childId, model: 'efei', openedOn: testToday, responsibleDepartmentId: municipality.departments.child_disability, leadUserId: users.familyCoordinator.id,
    });
    expect(opened.statusCode).toBe(201);
    expect(registrar.id).not.toBe(users.familyCoordinator.id);
    expect((await api.get(`/api/families/${familyId}`)).statusCode).toBe(404);
    expect((await client(t.app, sessions.familyCoordinator).get(`/api/families/${familyId}`)).statusCode).toBe(200);
  });

  it('roles without case work cannot create families or cases (403), whatever the record', async () => {
    for (const persona of ['controller', 'administrator', 'parentOfFamily', 'coreTeamMember', 'partnerOnTeam'] as const) {
      const response = await client(t.app, sessions[persona]).post('/api/families', { name: 'Familien Uvedkommende' });
      expect(response.statusCode, persona).toBe(persona === 'parentOfFamily' ? 401 : 403);
    }
  });
});
