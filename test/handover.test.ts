import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app.js';
import { addAssignment, client, loginAs, makeFamilyWithCase, makeUser, testToday, type Session, type TestMunicipality, type TestUser } from './factories.js';
import { makeMunicipality } from './factories.js';
import { countAll } from './inspect.js';
import { givePortalEmail, loginToPortal } from './portal-fixtures.js';
import { send } from './family-portal-setup.js';

/**
 * Issue 9 item 3: a case's lead changes only with a structured handover note, in the same transaction; bulk
 * reassignment; the family is told in the portal who their new contact is; the last responsible person stays.
 */

let t: TestApp;
let m: TestMunicipality;
let mette: TestUser;
let jonas: TestUser;
let outsider: TestUser;
let leader: Session;
let metteSession: Session;
let outsiderSession: Session;

type Response = Awaited<ReturnType<TestApp['app']['inject']>>;
async function refused(send: () => Promise<Response>) {
  const before = await countAll(t.db);
  const response = await send();
  expect(await countAll(t.db), `${response.statusCode} ${response.body}`).toEqual(before);
  const error = (response.json() as { error: { code: string; message: string; details: Array<{ field: string; code: string }> } }).error;
  return { status: response.statusCode, code: error.code, message: error.message, fields: error.details.map((d) => d.field) };
}

const note = { familyNeeds: 'Mor foretrækker sms om eftermiddagen; barnet er bange for nye voksne.', openAgreements: 'Ansøgning om aflastning', nextDates: '2026-12-03 statusmøde' };

beforeAll(async () => {
  t = await createTestApp();
  m = await makeMunicipality(t.db);
  mette = await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: true, name: 'Mette Koordinator' });
  jonas = await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: true, name: 'Jonas Nyholm' });
  outsider = await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: true });
  leader = await loginAs(t.app, await makeUser(t.db, m, { roles: ['team_leader'], department: 'child_disability' }));
  metteSession = await loginAs(t.app, mette);
  outsiderSession = await loginAs(t.app, outsider);
});

afterAll(async () => {
  await t?.close();
});

describe('handover of one case', () => {
  it('the lead changes with the note in one transaction, and the family sees the new contact in the portal', async () => {
    const family = await makeFamilyWithCase(t.db, m, { lead: mette });
    const parent = await loginToPortal(t.app, t.db, await givePortalEmail(t.db, family.parent.id));
    const before = (await send(t, parent, 'GET', '/api/portal/contact')).json() as { contacts: Array<{ name: string }> };
    expect(before.contacts.map((c) => c.name)).toEqual(['Mette Koordinator']);

    const response = await client(t.app, metteSession).post(`/api/cases/${family.caseId}/handover`, { toUserId: jonas.id, ...note });
    expect(response.statusCode, response.body).toBe(200);
    const view = response.json() as { lead: { name: string; startsOn: string }; notes: Array<{ fromName: string; toName: string; familyNeeds: string; writtenBy: string }> };
    expect(view.lead).toMatchObject({ name: 'Jonas Nyholm', startsOn: testToday });
    expect(view.notes).toEqual([expect.objectContaining({ fromName: 'Mette Koordinator', toName: 'Jonas Nyholm', familyNeeds: note.familyNeeds, writtenBy: 'Mette Koordinator' })]);

    const after = (await send(t, parent, 'GET', '/api/portal/contact')).json() as { contacts: Array<{ name: string }> };
    expect(after.contacts.map((c) => c.name)).toContain('Jonas Nyholm');
    const threads = (await send(t, parent, 'GET', '/api/portal/threads')).json() as { threads: Array<{ id: string; subject: string }> };
    const notice = threads.threads.find((x) => x.subject === 'Ny kontaktperson');
    expect(notice).toBeDefined();
    const thread = (await send(t, parent, 'GET', `/api/portal/threads/${notice!.id}`)).json() as { messages: Array<{ body: string }> };
    expect(thread.messages[0]!.body).toContain('Din nye kontaktperson er Jonas Nyholm');

    // The new lead reads the note; the audit log names the handover.
    const jonasView = await client(t.app, await loginAs(t.app, jonas)).get(`/api/cases/${family.caseId}/handover`);
    expect(jonasView.statusCode).toBe(200);
    const audits = await t.db.selectFrom('audit_log').select('entity_type').where('municipality_id', '=', m.id).where('entity_type', '=', 'handover_note').execute();
    expect(audits.length).toBeGreaterThanOrEqual(1);
  });

  it('a handover without a note → 400 naming familyNeeds, nothing written', async () => {
    const family = await makeFamilyWithCase(t.db, m, { lead: mette });
    const r = await refused(() => client(t.app, metteSession).post(`/api/cases/${family.caseId}/handover`, { toUserId: jonas.id }));
    expect(r.status).toBe(400);
    expect(r.fields).toContain('familyNeeds');
    const blank = await refused(() => client(t.app, metteSession).post(`/api/cases/${family.caseId}/handover`, { toUserId: jonas.id, familyNeeds: '   ' }));
    expect(blank.status).toBe(400);
    expect(blank.fields).toContain('familyNeeds');
  });

  it('replacing the lead through the plain assignment route → 422 handover_note_required, nothing written', async () => {
    const family = await makeFamilyWithCase(t.db, m, { lead: mette });
    const r = await refused(() => client(t.app, metteSession).post(`/api/cases/${family.caseId}/assignments`, { userId: jonas.id, role: 'family_coordinator', startsOn: testToday }));
    expect(r).toMatchObject({ status: 422, code: 'handover_note_required', fields: ['role'] });
  });

  it('handing over to the current lead, or dated in the past → 422 naming the field', async () => {
    const family = await makeFamilyWithCase(t.db, m, { lead: mette });
    expect(await refused(() => client(t.app, metteSession).post(`/api/cases/${family.caseId}/handover`, { toUserId: mette.id, ...note })))
      .toMatchObject({ status: 422, code: 'same_lead', fields: ['toUserId'] });
    expect(await refused(() => client(t.app, metteSession).post(`/api/cases/${family.caseId}/handover`, { toUserId: jonas.id, handedOverOn: '2026-11-01', ...note })))
      .toMatchObject({ status: 422, code: 'date_in_past', fields: ['handedOverOn'] });
  });

  it('someone without need-to-know → 404; a buddy may read but not hand over → 403', async () => {
    const family = await makeFamilyWithCase(t.db, m, { lead: mette });
    expect((await client(t.app, outsiderSession).post(`/api/cases/${family.caseId}/handover`, { toUserId: jonas.id, ...note })).statusCode).toBe(404);
    expect((await client(t.app, outsiderSession).get(`/api/cases/${family.caseId}/handover`)).statusCode).toBe(404);
    const buddy = await makeUser(t.db, m, { roles: ['coordinator'] });
    await addAssignment(t.db, family.caseId, buddy, 'buddy');
    const buddySession = await loginAs(t.app, buddy);
    expect((await client(t.app, buddySession).get(`/api/cases/${family.caseId}/handover`)).statusCode).toBe(200);
    expect((await client(t.app, buddySession).post(`/api/cases/${family.caseId}/handover`, { toUserId: jonas.id, ...note })).statusCode).toBe(403);
  });

  it('removing the last responsible person of an open case is refused (422 last_responsible)', async () => {
    const family = await makeFamilyWithCase(t.db, m, { lead: mette });
    const r = await refused(() => client(t.app, leader).post(`/api/assignments/${family.leadAssignmentId}/end`, { endsOn: testToday }));
    expect(r.status).toBe(422);
    expect(r.code).toBe('last_responsible');
  });
});

describe('bulk reassignment', () => {
  it('moves several cases from one person to another with a shared note and each case\'s own note', async () => {
    const from = await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: true, name: 'Fratrådt Frida' });
    const a = await makeFamilyWithCase(t.db, m, { lead: from });
    const b = await makeFamilyWithCase(t.db, m, { lead: from, model: 'sof' });
    const list = await client(t.app, leader).get(`/api/handovers/lead-cases?userId=${from.id}`);
    expect(list.statusCode, list.body).toBe(200);
    expect((list.json() as { cases: Array<{ caseId: string }> }).cases.map((c) => c.caseId).sort()).toEqual([a.caseId, b.caseId].sort());

    const response = await client(t.app, leader).post('/api/handovers/bulk', {
      fromUserId: from.id, toUserId: jonas.id, sharedNote: 'Frida er stoppet; sagerne fordeles.',
      cases: [{ caseId: a.caseId, familyNeeds: 'Familie A: ring før besøg.' }, { caseId: b.caseId, familyNeeds: 'Familie B: tolk ved møder.' }],
    });
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json() as { batchId: string; notes: Array<{ caseId: string; sharedNote: string; familyNeeds: string; role: string }> };
    expect(result.notes).toHaveLength(2);
    expect(result.notes.every((n) => n.sharedNote === 'Frida er stoppet; sagerne fordeles.')).toBe(true);
    expect(result.notes.find((n) => n.caseId === b.caseId)!.role).toBe('primary_caseworker');
    const leads = await t.db.selectFrom('case_assignments').select(['case_id', 'user_id']).where('case_id', 'in', [a.caseId, b.caseId])
      .where('role', 'in', ['family_coordinator', 'primary_caseworker']).where('ends_on', 'is', null).execute();
    expect(leads.map((l) => l.user_id)).toEqual([jonas.id, jonas.id]);
  });

  it('one case without a note, or not led by that person, refuses the whole batch (nothing written)', async () => {
    const from = await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: true });
    const a = await makeFamilyWithCase(t.db, m, { lead: from });
    const other = await makeFamilyWithCase(t.db, m, { lead: mette });
    const noNote = await refused(() => client(t.app, leader).post('/api/handovers/bulk', {
      fromUserId: from.id, toUserId: jonas.id, cases: [{ caseId: a.caseId, familyNeeds: 'ok' }, { caseId: other.caseId }],
    }));
    expect(noNote.status).toBe(400);
    expect(noNote.fields).toContain('cases.1.familyNeeds');
    const notLed = await refused(() => client(t.app, leader).post('/api/handovers/bulk', {
      fromUserId: from.id, toUserId: jonas.id, cases: [{ caseId: a.caseId, familyNeeds: 'ok' }, { caseId: other.caseId, familyNeeds: 'ok' }],
    }));
    expect(notLed).toMatchObject({ status: 422, code: 'not_led_by_from', fields: ['cases.1.caseId'] });
  });
});

describe('the last responsible person', () => {
  it('an administrator cannot deactivate a user who still leads open cases (422 last_responsible naming active); after the handover they can', async () => {
    const leaving = await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: true });
    const family = await makeFamilyWithCase(t.db, m, { lead: leaving });
    const admin = await loginAs(t.app, await makeUser(t.db, m, { roles: ['administrator'] }));
    const r = await refused(() => client(t.app, admin).patch(`/api/users/${leaving.id}`, { active: false, version: 1 }));
    expect(r).toMatchObject({ status: 422, code: 'last_responsible', fields: ['active'] });
    expect((await client(t.app, leader).post(`/api/cases/${family.caseId}/handover`, { toUserId: jonas.id, familyNeeds: 'Overdraget før fratrædelse.' })).statusCode).toBe(200);
    expect((await client(t.app, admin).patch(`/api/users/${leaving.id}`, { active: false, version: 1 })).statusCode).toBe(200);
  });
});
