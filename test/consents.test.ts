import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testToday, type TestApp } from './app.js';
import {
  addTeamMember, client, loginAs, makeFamilyWithCase, makeMunicipality, makeUser, type Session, type TestFamily, type TestMunicipality, type TestUser,
} from './factories.js';
import { auditHead, auditRowsAfter, countRows } from './inspect.js';
import { givePortalEmail, loginToPortal } from './portal-fixtures.js';

/**
 * Consent to share (issue 5 item 3): "[The family can] give or withdraw consent to share information with named
 * departments and partners." The parent gives and withdraws in the portal; history is kept; staff see the consents
 * and record paper consents. What consent then opens for partners is test/partner-access.test.ts.
 */

let t: TestApp;
let m: TestMunicipality;
let family: TestFamily;
let otherFamily: TestFamily;
let coordinator: TestUser;
let partner: TestUser;
let parent: ReturnType<typeof client>;
let otherParent: ReturnType<typeof client>;
let staff: Session;

const portalClient = (session: Awaited<ReturnType<typeof loginToPortal>>) => client(t.app, { ...session, userId: '' });

beforeAll(async () => {
  t = await createTestApp();
  m = await makeMunicipality(t.db);
  coordinator = await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: true });
  partner = await makeUser(t.db, m, { roles: ['external_partner'], department: 'school' });
  family = await makeFamilyWithCase(t.db, m, { lead: coordinator });
  otherFamily = await makeFamilyWithCase(t.db, m, { lead: coordinator });
  await addTeamMember(t.db, family.caseId, partner, { teamRole: 'school' });
  parent = portalClient(await loginToPortal(t.app, t.db, await givePortalEmail(t.db, family.parent.id)));
  otherParent = portalClient(await loginToPortal(t.app, t.db, await givePortalEmail(t.db, otherFamily.parent.id)));
  staff = await loginAs(t.app, coordinator);
});

afterAll(async () => {
  await t?.close();
});

describe('consent in the family portal', () => {
  it('lists the departments and partners involved with the family first, the school marked external and on the core team', async () => {
    const response = await parent.get('/api/portal/consents');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as { familyId: string; consents: unknown[]; recipients: Array<{ departmentId: string; external: boolean; involvement: string[] }> };
    expect(body.familyId).toBe(family.familyId);
    expect(body.consents).toEqual([]);
    expect(body.recipients[0]).toMatchObject({ departmentId: m.departments.school, external: true, involvement: ['core_team'] });
    expect(body.recipients.map((r) => r.departmentId)).toEqual(expect.arrayContaining(Object.values(m.departments)));
  });

  it('the parent gives consent to the school: 201, in force, given by them today in the portal; audited', async () => {
    const before = await auditHead(t.db, m.id);
    const given = await parent.post('/api/portal/consents', { departmentId: m.departments.school });
    expect(given.statusCode, given.body).toBe(201);
    expect(given.json()).toMatchObject({
      department: { id: m.departments.school, external: true }, scope: 'coordination', givenOn: testToday, source: 'portal', inForce: true, withdrawnAt: null, version: 1,
      givenBy: { personId: family.parent.id },
    });
    const rows = await auditRowsAfter(t.db, m.id, before);
    expect(rows).toEqual([expect.objectContaining({ action: 'create', entity_type: 'consent', entity_id: given.json().id, actor_user_id: null, family_ids: [family.familyId] })]);
    expect(rows[0]!.entry).toMatchObject({ person: family.parent.id, reason: 'parent' });
  });

  it('giving it again while in force is 409 consent_in_force, and nothing is written', async () => {
    const before = await countRows(t.db, 'consents');
    const again = await parent.post('/api/portal/consents', { departmentId: m.departments.school });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'consent_in_force', details: [expect.objectContaining({ field: 'departmentId' })] });
    expect(await countRows(t.db, 'consents')).toBe(before);
  });

  it('422 for an unknown department, a department of another municipality, or a missing one; nothing is written', async () => {
    const neighbour = await makeMunicipality(t.db);
    const before = await countRows(t.db, 'consents');
    for (const body of [{ departmentId: '00000000-0000-4000-8000-000000000000' }, { departmentId: neighbour.departments.school }]) {
      const refused = await parent.post('/api/portal/consents', body);
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error).toMatchObject({ code: 'unknown_department', details: [expect.objectContaining({ field: 'departmentId' })] });
    }
    expect((await parent.post('/api/portal/consents', {})).statusCode).toBe(400);
    expect((await parent.post('/api/portal/consents', { departmentId: m.departments.ppr, scope: 'everything' })).statusCode).toBe(400);
    expect(await countRows(t.db, 'consents')).toBe(before);
  });

  it('withdrawing: 200, no longer in force, withdrawn by the parent; a stale version or a second withdrawal is 409', async () => {
    const list = (await parent.get('/api/portal/consents')).json() as { consents: Array<{ id: string; inForce: boolean; version: number }> };
    const consent = list.consents.find((c) => c.inForce)!;
    const stale = await parent.post(`/api/portal/consents/${consent.id}/withdraw`, { version: consent.version + 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    const withdrawn = await parent.post(`/api/portal/consents/${consent.id}/withdraw`, { version: consent.version });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({ inForce: false, withdrawnAt: expect.any(String), version: 2 });
    expect(withdrawn.json().withdrawnBy).toContain(family.parent.firstName);
    const again = await parent.post(`/api/portal/consents/${consent.id}/withdraw`, { version: 2 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('consent_withdrawn');
  });

  it('history is kept: consent given again after a withdrawal is a new row, and both are listed (in force first)', async () => {
    const given = await parent.post('/api/portal/consents', { departmentId: m.departments.school });
    expect(given.statusCode).toBe(201);
    const list = (await parent.get('/api/portal/consents')).json() as { consents: Array<{ id: string; inForce: boolean }>; recipients: Array<{ departmentId: string; consentId: string | null }> };
    expect(list.consents.map((c) => c.inForce)).toEqual([true, false]);
    expect(list.consents[0]!.id).toBe(given.json().id);
    expect(list.recipients.find((r) => r.departmentId === m.departments.school)?.consentId).toBe(given.json().id);
    const rows = await t.db.selectFrom('consents').select(['id', 'withdrawn_at']).where('family_id', '=', family.familyId).execute();
    expect(rows).toHaveLength(2);
  });

  it('another family\'s parent cannot see or withdraw this family\'s consent: 404 like an unknown id, and nothing changes', async () => {
    const [consent] = await t.db.selectFrom('consents').select(['id', 'version']).where('family_id', '=', family.familyId).where('withdrawn_at', 'is', null).execute();
    const foreign = await otherParent.post(`/api/portal/consents/${consent!.id}/withdraw`, { version: consent!.version });
    const unknown = await otherParent.post('/api/portal/consents/00000000-0000-4000-8000-000000000000/withdraw', { version: 1 });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).toBe(unknown.body);
    expect((await otherParent.get('/api/portal/consents')).json()).toMatchObject({ familyId: otherFamily.familyId, consents: [] });
    const after = await t.db.selectFrom('consents').select('withdrawn_at').where('id', '=', consent!.id).executeTakeFirstOrThrow();
    expect(after.withdrawn_at).toBeNull();
  });

  it('the portal consent routes need a portal session: a staff session gets 401', async () => {
    expect((await client(t.app, staff).get('/api/portal/consents')).statusCode).toBe(401);
  });
});

describe('consent on the family page (staff)', () => {
  it('the coordinator sees the family\'s consents read-only with the history; the read is audited', async () => {
    const before = await auditHead(t.db, m.id);
    const response = await client(t.app, staff).get(`/api/families/${family.familyId}/consents`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ familyId: family.familyId, abilities: { canGive: true } });
    expect((response.json() as { consents: unknown[] }).consents).toHaveLength(2);
    expect(await auditRowsAfter(t.db, m.id, before)).toEqual([expect.objectContaining({ action: 'read', entity_type: 'consent_list', family_ids: [family.familyId] })]);
  });

  it('records a consent given on paper, marked as such with who recorded it; 422 for a person without custody or a future date', async () => {
    const api = client(t.app, staff);
    const before = await countRows(t.db, 'consents');
    const child = await api.post(`/api/families/${family.familyId}/consents`, { departmentId: m.departments.ppr, givenOn: testToday, givenByPersonId: family.child.id });
    expect(child.statusCode).toBe(422);
    expect(child.json().error.code).toBe('not_custody_holder');
    const future = await api.post(`/api/families/${family.familyId}/consents`, { departmentId: m.departments.ppr, givenOn: '2026-12-01', givenByPersonId: family.parent.id });
    expect(future.statusCode).toBe(422);
    expect(future.json().error.details[0].field).toBe('givenOn');
    expect(await countRows(t.db, 'consents')).toBe(before);
    const paper = await api.post(`/api/families/${family.familyId}/consents`, { departmentId: m.departments.ppr, givenOn: '2026-11-20', givenByPersonId: family.parent.id });
    expect(paper.statusCode, paper.body).toBe(201);
    expect(paper.json()).toMatchObject({ source: 'paper', recordedBy: coordinator.name, givenOn: '2026-11-20', inForce: true });
    // A withdrawal told by phone is recorded by staff and names them.
    const withdrawn = await api.post(`/api/consents/${paper.json().id}/withdraw`, { version: 1 });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({ inForce: false, withdrawnBy: coordinator.name });
  });

  it('staff without a relation to the family, and external partners, get 404', async () => {
    const stranger = await loginAs(t.app, await makeUser(t.db, m, { roles: ['coordinator'] }));
    for (const session of [stranger, await loginAs(t.app, partner)]) {
      expect((await client(t.app, session).get(`/api/families/${family.familyId}/consents`)).statusCode).toBe(404);
      expect((await client(t.app, session).post(`/api/families/${family.familyId}/consents`, {
        departmentId: m.departments.ppr, givenOn: testToday, givenByPersonId: family.parent.id,
      })).statusCode).toBe(404);
    }
  });
});
