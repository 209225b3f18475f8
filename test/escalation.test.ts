import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleEscalations } from '../src/modules/leadership/escalation.js';
import { createTestApp, type TestApp } from './app.js';
import { client, loginAs, makeFamilyWithCase, makeMeasure, makeMunicipality, makeUser, type TestFamily, type TestMunicipality, type TestUser } from './factories.js';
import { logFollowUp } from './leadership-fixtures.js';

/**
 * Escalation (issue 9 item 2): a SOF case opened 2026-08-10 with BL-86 (3-month cadence, 001:753-771) is due
 * 2026-11-10. With the default 14 days it is escalated on 2026-11-24 — not on the 23rd — once, to the department's
 * team leader, in-app and by e-mail; it stays until the follow-up is held, then resolves itself.
 */

let t: TestApp;
let m: TestMunicipality;
let leader: TestUser;
let head: TestUser;
let coordinator: TestUser;
let family: TestFamily;
let second: TestFamily;
const url = 'https://tovholder.test';

const at = (day: string) => t.clock.set(`${day}T06:00:00Z`);
const escalations = () => t.db.selectFrom('follow_up_escalations').selectAll().where('municipality_id', '=', m.id).orderBy('due_on').execute();
const mails = () => t.db.selectFrom('outbox_messages').select(['recipient', 'subject', 'dedupe_key']).where('municipality_id', '=', m.id)
  .where('dedupe_key', 'like', 'follow_up_escalation:%').execute();

beforeAll(async () => {
  t = await createTestApp();
  m = await makeMunicipality(t.db);
  head = await makeUser(t.db, m, { roles: ['department_head'], name: 'Ane Afdelingschef' });
  leader = await makeUser(t.db, m, { roles: ['team_leader'], name: 'Lea Leder' });
  coordinator = await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: true });
  family = await makeFamilyWithCase(t.db, m, { model: 'sof', lead: coordinator, openedOn: '2026-08-10' });
  await makeMeasure(t.db, m, family.caseId, { legalBasisId: 'BL-86', startsOn: '2026-08-10' });
});
afterAll(async () => t?.close());

describe('escalation of overdue follow-ups', () => {
  it('does not fire before the follow-up is 14 days overdue', async () => {
    for (const day of ['2026-11-10', '2026-11-11', '2026-11-22', '2026-11-23']) {
      at(day);
      expect(await scheduleEscalations(t.db, t.clock, url)).toEqual({ escalated: 0, resolved: 0 });
    }
    expect(await escalations()).toHaveLength(0);
  });

  it('fires on the 14th day overdue, to the team leader (not the department head), once', async () => {
    at('2026-11-24');
    expect((await scheduleEscalations(t.db, t.clock, url)).escalated).toBe(1);
    expect((await scheduleEscalations(t.db, t.clock, url)).escalated).toBe(0);
    at('2026-11-25');
    expect((await scheduleEscalations(t.db, t.clock, url)).escalated).toBe(0);
    const rows = await escalations();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ case_id: family.caseId, due_on: '2026-11-10', escalated_on: '2026-11-24', team_leader_user_id: leader.id, resolved_at: null });
    const sent = await mails();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.recipient).toBe(leader.email);
    expect(sent[0]!.subject).toContain('14 dage');
  });

  it('is visible to the department\'s leaders until resolved (list and badge); not to a coordinator', async () => {
    const api = client(t.app, await loginAs(t.app, leader));
    expect((await api.get('/api/leader/escalations/count')).json()).toEqual({ open: 1, mine: 1 });
    const list = (await api.get('/api/leader/escalations')).json();
    expect(list.open).toBe(1);
    expect(list.escalations[0]).toMatchObject({ caseId: family.caseId, dueOn: '2026-11-10', daysOverdue: 15, resolvedAt: null });
    const headApi = client(t.app, await loginAs(t.app, head));
    expect((await headApi.get('/api/leader/escalations/count')).json()).toEqual({ open: 1, mine: 0 });
    const coordApi = client(t.app, await loginAs(t.app, coordinator));
    expect((await coordApi.get('/api/leader/escalations')).statusCode).toBe(403);
    expect((await coordApi.get('/api/leader/escalations/count')).json()).toEqual({ open: 0, mine: 0 });
  });

  it('resolves itself when the follow-up is held, and the next episode escalates on its own right day', async () => {
    await logFollowUp(t.db, family, coordinator, '2026-11-26');
    at('2026-11-26');
    expect(await scheduleEscalations(t.db, t.clock, url)).toEqual({ escalated: 0, resolved: 1 });
    expect(await scheduleEscalations(t.db, t.clock, url)).toEqual({ escalated: 0, resolved: 0 });
    const [row] = await escalations();
    expect(row).toMatchObject({ resolution: 'follow_up_held', resolved_by: null });
    const api = client(t.app, await loginAs(t.app, leader));
    expect((await api.get('/api/leader/escalations/count')).json()).toEqual({ open: 0, mine: 0 });
    // Next due: 2026-11-26 + 3 months = 2027-02-26; escalated on 2027-03-12, not on 2027-03-11.
    at('2027-03-11');
    expect((await scheduleEscalations(t.db, t.clock, url)).escalated).toBe(0);
    at('2027-03-12');
    expect((await scheduleEscalations(t.db, t.clock, url)).escalated).toBe(1);
    const rows = await escalations();
    expect(rows.map((r) => [r.due_on, r.escalated_on, r.resolution])).toEqual([['2026-11-10', '2026-11-24', 'follow_up_held'], ['2027-02-26', '2027-03-12', null]]);
    expect(await mails()).toHaveLength(2);
  });

  it('a leader resolves by hand with a note; it never fires again for that episode; bad input writes nothing', async () => {
    const api = client(t.app, await loginAs(t.app, leader));
    const [open] = (await api.get('/api/leader/escalations')).json().escalations;
    const noNote = await api.post(`/api/leader/escalations/${open.id}/resolve`, { note: '  ', version: open.version });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error.details[0].field).toBe('note');
    const stale = await api.post(`/api/leader/escalations/${open.id}/resolve`, { note: 'Talt med rådgiver.', version: open.version + 1 });
    expect(stale.statusCode).toBe(409);
    expect((await escalations())[1]!.resolved_at).toBeNull();
    const ok = await api.post(`/api/leader/escalations/${open.id}/resolve`, { note: 'Talt med rådgiver; møde aftalt.', version: open.version });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ resolution: 'manual', resolutionNote: 'Talt med rådgiver; møde aftalt.', resolvedByName: 'Lea Leder' });
    const again = await api.post(`/api/leader/escalations/${open.id}/resolve`, { note: 'Igen.', version: ok.json().version });
    expect(again.statusCode).toBe(409);
    at('2027-03-20');
    expect(await scheduleEscalations(t.db, t.clock, url)).toEqual({ escalated: 0, resolved: 0 });
    const audit = await t.db.selectFrom('audit_log').select(['action', 'entity_type']).where('municipality_id', '=', m.id)
      .where('entity_type', '=', 'follow_up_escalation').where('action', '=', 'update').execute();
    expect(audit).toHaveLength(1);
  });

  it('honours the municipality\'s setting (escalationAfterDays) and a leader of another department cannot resolve', async () => {
    await t.db.updateTable('municipalities').set({ settings: JSON.stringify({ escalationAfterDays: 3 }) }).where('id', '=', m.id).execute();
    second = await makeFamilyWithCase(t.db, m, { model: 'sof', lead: coordinator, openedOn: '2027-01-04' });
    await makeMeasure(t.db, m, second.caseId, { legalBasisId: 'BL-86', startsOn: '2027-01-04' });
    // Due 2027-04-04; 3 days → 2027-04-07.
    at('2027-04-06');
    await scheduleEscalations(t.db, t.clock, url);
    expect((await escalations()).filter((e) => e.case_id === second.caseId)).toHaveLength(0);
    at('2027-04-07');
    await scheduleEscalations(t.db, t.clock, url);
    const row = (await escalations()).find((e) => e.case_id === second.caseId)!;
    expect(row).toMatchObject({ due_on: '2027-04-04', escalated_on: '2027-04-07', overdue_days: 3 });
    const otherLeader = await makeUser(t.db, m, { roles: ['team_leader'], department: 'family_therapy' });
    const other = client(t.app, await loginAs(t.app, otherLeader));
    expect((await other.post(`/api/leader/escalations/${row.id}/resolve`, { note: 'Ikke min.', version: 1 })).statusCode).toBe(404);
    expect((await other.get('/api/leader/escalations')).json().escalations).toHaveLength(0);
  });
});
