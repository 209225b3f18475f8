import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app.js';
import {
  addTeamMember, client, loginAs, makeFamilyWithCase, makeMunicipality, makeUser, type Session, type TestFamily, type TestMunicipality, type TestUser,
} from './factories.js';
import { countRows } from './inspect.js';

/**
 * Barnets Lov §137 (issue 7): a new notification (underretning) on an open case opens a re-assessment, which must
 * include someone new to the case — never assigned to it nor on its core team before the notification. It is on the
 * worklist of the case's lead (to assign) and of the person assigned, until completed with a conclusion.
 */
let t: TestApp;
let m: TestMunicipality;
let family: TestFamily;
let leadUser: TestUser;
let oldMember: TestUser;
let newcomer: TestUser;
let lead: Session;

interface ErrorBody { error: { code: string; details: Array<{ field: string; code: string; message: string }> } }
interface Reassessment {
  id: string; openedOn: string; assignedUserId: string | null; assignedUserName: string | null; completedOn: string | null; conclusion: string | null;
  completedByName: string | null; notNewUserIds: string[]; version: number; abilities: Record<string, boolean>;
}
interface Notifications { notifications: Array<{ id: string; receivedOn: string; source: string; summary: string; reassessment: Reassessment | null }>; abilities: Record<string, boolean> }
interface Item { kind: string; bucket: string; dueOn: string; caseId: string; detail: string | null; link: string; refId: string | null }

const notification = (over: Record<string, unknown> = {}) => ({ receivedOn: '2026-11-20', source: 'school', summary: 'Skolen er bekymret for barnets fravær.', ...over });
const counts = async () => `${await countRows(t.db, 'notifications', m.id)}/${await countRows(t.db, 'reassessments', m.id)}`;
const reassessmentItems = async (session: Session) => ((await client(t.app, session).get('/api/worklist')).json() as { items: Item[] }).items
  .filter((i) => i.kind === 'reassessment_open').map((i) => `${i.bucket}:${i.dueOn}:${i.detail}:${i.link}`);
const task = async () => ((await client(t.app, lead).get(`/api/cases/${family.caseId}/notifications`)).json() as Notifications).notifications[0]!.reassessment!;
const stored = async (id: string) => t.db.selectFrom('reassessments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

beforeAll(async () => {
  t = await createTestApp(); // today is 2026-11-22
  m = await makeMunicipality(t.db);
  leadUser = await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: true });
  family = await makeFamilyWithCase(t.db, m, { lead: leadUser, model: 'sof', openedOn: '2026-03-02' });
  oldMember = await makeUser(t.db, m, { roles: ['core_team_member'], department: 'ppr' });
  await addTeamMember(t.db, family.caseId, oldMember, { addedOn: '2026-04-01', removedOn: '2026-09-01' });
  newcomer = await makeUser(t.db, m, { roles: ['coordinator'], department: 'child_youth' });
  lead = await loginAs(t.app, leadUser);
});

afterAll(async () => {
  await t?.close();
});

describe('a notification on an open case opens a re-assessment (Barnets Lov §137)', () => {
  it('recorded: the re-assessment is open, unassigned, and names who is not new to the case', async () => {
    const response = await client(t.app, lead).post(`/api/cases/${family.caseId}/notifications`, notification());
    expect(response.statusCode, response.body).toBe(201);
    const [recorded] = (response.json() as Notifications).notifications;
    expect(recorded).toMatchObject({ receivedOn: '2026-11-20', source: 'school' });
    expect(recorded!.reassessment).toMatchObject({ openedOn: '2026-11-20', assignedUserId: null, completedOn: null, abilities: { canAssign: true, canComplete: true } });
    expect(recorded!.reassessment!.notNewUserIds.sort()).toEqual([leadUser.id, oldMember.id].sort());
  });

  it('is on the lead\'s worklist today, asking for someone new, linking to the re-assessment', async () => {
    const { id } = await task();
    expect(await reassessmentItems(lead)).toEqual([`today:2026-11-22:unassigned:/cases/${family.caseId}/reassessments/${id}`]);
  });

  it('a notification dated in the future → 422 naming receivedOn, nothing written', async () => {
    const before = await counts();
    const response = await client(t.app, lead).post(`/api/cases/${family.caseId}/notifications`, notification({ receivedOn: '2026-11-23' }));
    expect(response.statusCode).toBe(422);
    expect((response.json() as ErrorBody).error.details).toEqual([expect.objectContaining({ field: 'receivedOn', code: 'date_in_future' })]);
    const unknownSource = await client(t.app, lead).post(`/api/cases/${family.caseId}/notifications`, notification({ source: 'neighbour-ish' }));
    expect(unknownSource.statusCode).toBe(400);
    expect(await counts()).toBe(before);
  });

  it('someone who was on the core team before the notification is not new → 422 reassessment_needs_new_person, nothing written', async () => {
    const { id, version } = await task();
    const response = await client(t.app, lead).patch(`/api/reassessments/${id}`, { assignedUserId: oldMember.id, version });
    expect(response.statusCode).toBe(422);
    const body = response.json() as ErrorBody;
    expect(body.error.code).toBe('reassessment_needs_new_person');
    expect(body.error.details).toEqual([expect.objectContaining({ field: 'assignedUserId', code: 'reassessment_needs_new_person' })]);
    expect(body.error.details[0]!.message).toContain('Barnets Lov §137');
    // Nor the lead, who is assigned to the case.
    expect((await client(t.app, lead).patch(`/api/reassessments/${id}`, { assignedUserId: leadUser.id, version })).statusCode).toBe(422);
    expect(await stored(id)).toMatchObject({ assigned_user_id: null, version });
  });

  it('completing before anyone new is assigned → 422 reassessment_needs_new_person, nothing written', async () => {
    const { id, version } = await task();
    const response = await client(t.app, lead).patch(`/api/reassessments/${id}`, { completedOn: '2026-11-22', conclusion: 'Ingen ændring', version });
    expect(response.statusCode).toBe(422);
    expect((response.json() as ErrorBody).error.code).toBe('reassessment_needs_new_person');
    expect(await stored(id)).toMatchObject({ completed_on: null, conclusion: null, version });
  });

  it('a core-team member may not assign (403); a stranger gets 404; a stale version 409 — nothing written', async () => {
    const { id, version } = await task();
    const current = await makeUser(t.db, m, { roles: ['core_team_member'], department: 'school' });
    await addTeamMember(t.db, family.caseId, current, { addedOn: '2026-05-01' });
    const asMember = await client(t.app, await loginAs(t.app, current)).patch(`/api/reassessments/${id}`, { assignedUserId: newcomer.id, version });
    expect(asMember.statusCode).toBe(403);
    const stranger = await loginAs(t.app, await makeUser(t.db, m, { roles: ['coordinator'] }));
    expect((await client(t.app, stranger).patch(`/api/reassessments/${id}`, { assignedUserId: newcomer.id, version })).statusCode).toBe(404);
    expect((await client(t.app, stranger).get(`/api/cases/${family.caseId}/notifications`)).statusCode).toBe(404);
    expect((await client(t.app, stranger).post(`/api/cases/${family.caseId}/notifications`, notification())).statusCode).toBe(404);
    const stale = await client(t.app, lead).patch(`/api/reassessments/${id}`, { assignedUserId: newcomer.id, version: version + 3 });
    expect(stale.statusCode).toBe(409);
    expect(await stored(id)).toMatchObject({ assigned_user_id: null, version });
  });

  it('assigned to a colleague new to the case: they join the core team for it and see it on their worklist', async () => {
    const { id, version } = await task();
    const response = await client(t.app, lead).patch(`/api/reassessments/${id}`, { assignedUserId: newcomer.id, version });
    expect(response.statusCode, response.body).toBe(200);
    expect((response.json() as Notifications).notifications[0]!.reassessment).toMatchObject({ assignedUserId: newcomer.id, assignedUserName: newcomer.name });
    const joined = await t.db.selectFrom('case_team_members').select(['team_role', 'added_on', 'removed_on'])
      .where('case_id', '=', family.caseId).where('user_id', '=', newcomer.id).execute();
    expect(joined).toEqual([{ team_role: 'reassessment', added_on: '2026-11-22', removed_on: null }]);
    const colleague = await loginAs(t.app, newcomer);
    expect((await client(t.app, colleague).get(`/api/cases/${family.caseId}`)).statusCode).toBe(200);
    expect(await reassessmentItems(colleague)).toEqual([`today:2026-11-22:opened:2026-11-20:/cases/${family.caseId}/reassessments/${id}`]);
    expect(await reassessmentItems(lead)).toHaveLength(1);
  });

  it('the item stays as the clock moves, until completed', async () => {
    t.clock.advanceDays(2);
    lead = await loginAs(t.app, leadUser);
    expect(await reassessmentItems(lead)).toEqual([expect.stringMatching(/^today:2026-11-24:opened:2026-11-20:/)]);
  });

  it('the person assigned completes it; without a conclusion or before the notification → 422, nothing written', async () => {
    const colleague = await loginAs(t.app, newcomer);
    const { id, version } = await task();
    const noConclusion = await client(t.app, colleague).patch(`/api/reassessments/${id}`, { completedOn: '2026-11-24', version });
    expect(noConclusion.statusCode).toBe(422);
    expect((noConclusion.json() as ErrorBody).error).toMatchObject({ code: 'conclusion_required', details: [{ field: 'conclusion', code: 'required' }] });
    const early = await client(t.app, colleague).patch(`/api/reassessments/${id}`, { completedOn: '2026-11-19', conclusion: 'Ingen ændring', version });
    expect(early.statusCode).toBe(422);
    expect((early.json() as ErrorBody).error.details).toEqual([expect.objectContaining({ field: 'completedOn', code: 'completed_before_opened' })]);
    expect(await stored(id)).toMatchObject({ completed_on: null, version });

    const done = await client(t.app, colleague).patch(`/api/reassessments/${id}`, {
      completedOn: '2026-11-24', conclusion: 'Fraværet skyldes hospitalsforløb; indsatsen fortsætter uændret.', version,
    });
    expect(done.statusCode, done.body).toBe(200);
    expect((done.json() as Notifications).notifications[0]!.reassessment).toMatchObject({
      completedOn: '2026-11-24', completedByName: newcomer.name, abilities: { canAssign: false, canComplete: false },
    });
    expect(await reassessmentItems(colleague)).toEqual([]);
    expect(await reassessmentItems(lead)).toEqual([]);
    const again = await client(t.app, lead).patch(`/api/reassessments/${id}`, { completedOn: '2026-11-24', conclusion: 'Igen', version: version + 1 });
    expect(again.statusCode).toBe(422);
    expect((again.json() as ErrorBody).error.code).toBe('reassessment_completed');
  });

  it('a later notification: the colleague who joined for the first is no longer new to the case', async () => {
    const response = await client(t.app, lead).post(`/api/cases/${family.caseId}/notifications`, notification({ receivedOn: '2026-11-24', source: 'health' }));
    expect(response.statusCode).toBe(201);
    const latest = (response.json() as Notifications).notifications[0]!.reassessment!;
    expect(latest.notNewUserIds).toContain(newcomer.id);
    const refused = await client(t.app, lead).patch(`/api/reassessments/${latest.id}`, { assignedUserId: newcomer.id, version: latest.version });
    expect(refused.statusCode).toBe(422);
    expect((refused.json() as ErrorBody).error.code).toBe('reassessment_needs_new_person');
  });
});

describe('notifications that open no re-assessment', () => {
  it('on a closed case, or received before the case was opened, the notification is only recorded', async () => {
    const closed = await makeFamilyWithCase(t.db, m, { lead: leadUser, openedOn: '2026-01-05' });
    await t.db.updateTable('cases').set({ status: 'closed', closed_on: '2026-10-01' }).where('id', '=', closed.caseId).execute();
    const onClosed = await client(t.app, lead).post(`/api/cases/${closed.caseId}/notifications`, notification());
    expect(onClosed.statusCode, onClosed.body).toBe(201);
    expect((onClosed.json() as Notifications).notifications[0]!.reassessment).toBeNull();

    const open = await makeFamilyWithCase(t.db, m, { lead: leadUser, openedOn: '2026-11-10' });
    const older = await client(t.app, lead).post(`/api/cases/${open.caseId}/notifications`, notification({ receivedOn: '2026-11-01' }));
    expect(older.statusCode, older.body).toBe(201);
    expect((older.json() as Notifications).notifications[0]!.reassessment).toBeNull();
  });
});
