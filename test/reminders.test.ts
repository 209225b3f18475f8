import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleReminders } from '../src/modules/reminders/commands.js';
import { loggingTransport, smtpTransport, type OutboxLogger, type Transports } from '../src/platform/outbox/transports.js';
import { OutboxWorker } from '../src/platform/outbox/worker.js';
import { createTestApp, testNow, type TestApp } from './app.js';
import {
  addTeamMember, client, makeMeetingRecords, loginAs, makeFamilyWithCase, makeMeasure, makeMunicipality, makeUser,
  type Session, type TestFamily, type TestMunicipality, type TestUser,
} from './factories.js';
import { makeCalendarRecords } from './calendar-fixtures.js';
import { auditHead, auditRowsAfter, countAll, snapshotTenant } from './inspect.js';
import { loginToPortal } from './portal-fixtures.js';
import { startSmtp, type TestSmtp } from './smtp.js';

/**
 * Reminders (issue 4 item 7): what the scheduler puts in the outbox — meetings within 24 hours to the staff on them
 * and to family members who opted in, follow-ups due by the cadence rule to the case's lead — in Danish, with a time
 * and a link and nothing more; idempotent across reruns and restarts; delivered through a real SMTP server.
 */

const publicUrl = 'https://tovholder.example.test';
let t: TestApp;
let smtp: TestSmtp;
let m: TestMunicipality;
let coordinator: TestUser;
let partner: TestUser;
let family: TestFamily;
let session: Session;
let meetingId: string;
const silent: OutboxLogger = { info: () => {}, warn: () => {}, error: () => {} };
let transports: Transports;

const schedule = () => scheduleReminders(t.db, t.clock, publicUrl);
const outbox = () => t.db.selectFrom('outbox_messages').selectAll().where('municipality_id', '=', m.id).orderBy('dedupe_key').execute();
const worker = () => new OutboxWorker({ db: t.db, clock: t.clock, transports, log: silent, steps: [{ name: 'reminders', run: schedule }] }, { intervalMs: 1000 });

beforeAll(async () => {
  t = await createTestApp();
  smtp = await startSmtp();
  transports = { email: smtpTransport(smtp.url, 'Tovholder <no-reply@tovholder.test>'), sms: loggingTransport('sms-log', silent) };
  m = await makeMunicipality(t.db);
  coordinator = await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: true });
  partner = await makeUser(t.db, m, { roles: ['external_partner'], department: 'school' });
  // SOF with §41-type compensation only: a follow-up every 3 months (001:753-771), counted from the start on 24 August.
  family = await makeFamilyWithCase(t.db, m, { lead: coordinator, model: 'sof', openedOn: '2026-08-24' });
  await makeMeasure(t.db, m, family.caseId, { legalBasisId: 'BL-86', startsOn: '2026-08-24' });
  await addTeamMember(t.db, family.caseId, partner);
  await t.db.updateTable('persons').set({ email: 'parent@example.test', phone: '+45 20 30 40 50' }).where('id', '=', family.parent.id).execute();
  session = await loginAs(t.app, coordinator);
  // Tomorrow (Monday) at 10.00 Danish time: within 24 hours of testNow (Sunday 11.00).
  const created = await client(t.app, session).post(`/api/cases/${family.caseId}/meetings`, {
    type: 'network_meeting', title: 'Familien og skolen', scheduledAt: '2026-11-23T10:00:00+01:00', location: 'Hjemme hos familien, Testvej 1',
    participants: [{ kind: 'user', userId: coordinator.id, role: 'chair' }, { kind: 'user', userId: partner.id }, { kind: 'person', personId: family.parent.id }],
  });
  expect(created.statusCode, created.body).toBe(201);
  meetingId = created.json().id;
});

afterAll(async () => {
  await smtp?.close();
  await t?.close();
});

describe('the scheduler', () => {
  it('reminds the staff on tomorrow\'s meeting and the lead of the follow-up due in two days; the parent has not opted in', async () => {
    const before = await auditHead(t.db, m.id);
    expect((await schedule()).enqueued).toBe(3);
    const rows = await outbox();
    const meeting = rows.filter((r) => r.kind === 'meeting_reminder');
    expect(meeting.map((r) => r.recipient).sort()).toEqual([coordinator.email, partner.email].sort());
    expect(meeting.every((r) => r.channel === 'email' && r.status === 'pending')).toBe(true);
    expect(meeting[0]!.subject).toBe('Påmindelse: møde i Tovholder');
    expect(meeting[0]!.body).toBe(`Du har et møde mandag den 23. november 2026 kl. 10.00.\n\nSe mødet i Tovholder: ${publicUrl}/meetings/${meetingId}`
      + '\n\nDenne besked er sendt automatisk fra Tovholder. Du kan ikke svare på den.');
    const followUp = rows.filter((r) => r.kind === 'follow_up_reminder');
    expect(followUp).toHaveLength(1);
    expect(followUp[0]!.recipient).toBe(coordinator.email);
    expect(followUp[0]!.body).toContain('senest tirsdag den 24. november 2026');
    expect(followUp[0]!.body).toContain(`${publicUrl}/cases/${family.caseId}`);
    expect(followUp[0]!.dedupe_key).toBe(`follow_up:${family.caseId}@2026-11-24|user:${coordinator.id}|email`);
    // Minimal personal data: no names, CPR numbers, title or place.
    for (const row of rows) {
      for (const secret of [family.familyName, family.child.firstName, family.child.cpr, family.parent.cpr, 'Familien og skolen', 'Testvej']) {
        expect(row.body + row.subject).not.toContain(secret);
      }
    }
    const audit = await auditRowsAfter(t.db, m.id, before);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', entity_type: 'reminder', actor_user_id: null, case_ids: [family.caseId] });
  });

  it('running it again, or an hour later, enqueues nothing new', async () => {
    const before = await countAll(t.db, ['outbox_messages', 'audit_log']);
    expect((await schedule()).enqueued).toBe(0);
    t.clock.set(new Date(Date.parse(testNow) + 3_600_000));
    expect((await schedule()).enqueued).toBe(0);
    t.clock.set(testNow);
    expect(await countAll(t.db, ['outbox_messages', 'audit_log'])).toEqual(before);
  });

  it('once the parent opts in by text message, they get one reminder at their phone number, in Danish, without a link', async () => {
    const api = client(t.app, session);
    const set = await api.request('PUT', `/api/persons/${family.parent.id}/reminder-preference`, { optedIn: true, channel: 'sms', version: 0 });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ optedIn: true, channel: 'sms', available: { email: true, sms: true }, version: 1 });
    expect((await schedule()).enqueued).toBe(1);
    const sms = (await outbox()).find((r) => r.channel === 'sms')!;
    expect(sms.recipient).toBe('+45 20 30 40 50');
    expect(sms.body).toBe('Påmindelse: Du har et møde med kommunen mandag den 23. november 2026 kl. 10.00. Hilsen Tovholder');
    expect((await schedule()).enqueued).toBe(0);
  });

  it('a meeting moved to another time is reminded again (a new time is a new reminder); a cancelled one is not', async () => {
    const api = client(t.app, session);
    const current = (await api.get(`/api/meetings/${meetingId}`)).json() as { version: number };
    const moved = await api.patch(`/api/meetings/${meetingId}`, { scheduledAt: '2026-11-23T08:00:00+01:00', version: current.version });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await schedule()).enqueued).toBe(3);
    const other = await api.post(`/api/cases/${family.caseId}/meetings`, {
      type: 'follow_up', scheduledAt: '2026-11-23T07:30:00+01:00', participants: [{ kind: 'user', userId: partner.id }],
    });
    await api.post(`/api/meetings/${other.json().id}/cancel`, { version: 1 });
    expect((await schedule()).enqueued).toBe(0);
    // A meeting more than 24 hours away is not reminded yet.
    await api.post(`/api/cases/${family.caseId}/meetings`, { type: 'follow_up', scheduledAt: '2026-11-24T12:00:00+01:00', participants: [] });
    expect((await schedule()).enqueued).toBe(0);
    t.clock.set('2026-11-23T12:00:00Z');
    // Now it is: with no staff on it, the case's lead is reminded.
    expect((await schedule()).enqueued).toBe(1);
    expect((await outbox()).filter((r) => r.body.includes('tirsdag den 24. november 2026 kl. 12.00')).map((r) => r.recipient)).toEqual([coordinator.email]);
    t.clock.set(testNow);
  });
});

describe('delivery', () => {
  it('the worker sends every e-mail once through SMTP; a restarted worker and a rerun scheduler send nothing twice', async () => {
    const emails = (await outbox()).filter((r) => r.channel === 'email');
    const texts = (await outbox()).filter((r) => r.channel === 'sms');
    expect(texts).toHaveLength(2);
    // The last reminder was enqueued at 12.00 on the 23rd, and is not sent before its time.
    expect((await worker().runOnce()).sent).toBe(emails.length - 1 + texts.length);
    expect(smtp.received).toHaveLength(emails.length - 1);
    t.clock.set('2026-11-23T12:00:00Z');
    const first = await worker().runOnce();
    expect(first.sent).toBe(1);
    expect(smtp.received).toHaveLength(emails.length);
    const toCoordinator = smtp.received.filter((r) => r.to[0] === coordinator.email);
    expect(toCoordinator.map((r) => r.subject).sort()).toEqual(['Påmindelse: møde i Tovholder', 'Påmindelse: møde i Tovholder', 'Påmindelse: møde i Tovholder', 'Påmindelse: opfølgning i Tovholder']);
    expect(toCoordinator.some((r) => r.text.startsWith('Du har et møde mandag den 23. november 2026 kl. 08.00.'))).toBe(true);
    // Restart: a new worker, the scheduler runs again first.
    const second = await worker().runOnce();
    expect(second.sent).toBe(0);
    expect(smtp.received).toHaveLength(emails.length);
    expect((await outbox()).every((r) => r.status === 'sent')).toBe(true);
    t.clock.set(testNow);
  });
});

describe('a family member\'s reminder choice (PUT /api/persons/:id/reminder-preference)', () => {
  const url = () => `/api/persons/${family.parent.id}/reminder-preference`;

  it('bad input is a 400 naming the field, and nothing is written', async () => {
    const api = client(t.app, session);
    const before = await countAll(t.db, ['reminder_preferences', 'audit_log']);
    const badChannel = await api.request('PUT', url(), { optedIn: true, channel: 'pigeon', version: 1 });
    expect(badChannel.statusCode).toBe(400);
    expect(badChannel.json().error.details.map((d: { field: string }) => d.field)).toEqual(['channel']);
    const missing = await api.request('PUT', url(), { channel: 'email', version: 1 });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details).toEqual([expect.objectContaining({ field: 'optedIn', code: 'required' })]);
    const stale = await api.request('PUT', url(), { optedIn: false, channel: 'email', version: 7 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details[0].field).toBe('version');
    expect(await countAll(t.db, ['reminder_preferences', 'audit_log'])).toEqual(before);
    expect((await api.get(url())).json()).toMatchObject({ optedIn: true, channel: 'sms', version: 1 });
  });

  it('opting in on a channel the person has no address for is refused (422 on channel)', async () => {
    const api = client(t.app, session);
    await t.db.updateTable('persons').set({ email: null }).where('id', '=', family.parent.id).execute();
    const refused = await api.request('PUT', url(), { optedIn: true, channel: 'email', version: 1 });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({ code: 'no_address', details: [expect.objectContaining({ field: 'channel' })] });
    await t.db.updateTable('persons').set({ email: 'parent@example.test' }).where('id', '=', family.parent.id).execute();
  });

  it('the parent may set their own choice; a core-team member may see it but not change it; others, external partners too, get 404', async () => {
    // Parents choose in the family portal (issue 5 item 1), with a portal session.
    const portal = await loginToPortal(t.app, t.db, 'parent@example.test');
    const parentApi = client(t.app, { ...portal, userId: '' });
    const own = await parentApi.request('PUT', '/api/portal/reminder-preference', { optedIn: false, channel: 'email', version: 1 });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({ optedIn: false, channel: 'email', version: 2, abilities: { canEdit: true } });
    const member = await makeUser(t.db, m, { roles: ['core_team_member'], department: 'ppr' });
    await addTeamMember(t.db, family.caseId, member);
    const memberApi = client(t.app, await loginAs(t.app, member));
    expect((await memberApi.get(url())).json()).toMatchObject({ abilities: { canEdit: false } });
    expect((await memberApi.request('PUT', url(), { optedIn: true, channel: 'email', version: 2 })).statusCode).toBe(403);
    // Issue 5 item 4: an external partner uses the partner API only; the staff routes are 404 to them.
    expect((await client(t.app, await loginAs(t.app, partner)).get(url())).statusCode).toBe(404);
    const stranger = await makeUser(t.db, m, { roles: ['coordinator'] });
    expect((await client(t.app, await loginAs(t.app, stranger)).get(url())).statusCode).toBe(404);
    const neighbour = await makeMunicipality(t.db);
    const neighbourLeader = await makeUser(t.db, neighbour, { roles: ['team_leader'] });
    expect((await client(t.app, await loginAs(t.app, neighbourLeader)).get(url())).statusCode).toBe(404);
  });

  it('after opting out, no new reminder goes to the parent', async () => {
    const api = client(t.app, session);
    const moved = (await api.get(`/api/meetings/${meetingId}`)).json() as { version: number };
    await api.patch(`/api/meetings/${meetingId}`, { scheduledAt: '2026-11-23T09:00:00+01:00', version: moved.version });
    await schedule();
    const forMeeting = (await outbox()).filter((r) => r.dedupe_key.startsWith(`meeting:${meetingId}@2026-11-23T08:00:00.000Z`));
    expect(forMeeting.map((r) => r.recipient).sort()).toEqual([coordinator.email, partner.email].sort());
  });
});

describe('canary: another municipality', () => {
  it('staff and administrators of B get the same 404 as for unknown ids from every calendar and reminder route with A\'s ids, and A is unchanged', async () => {
    const records = await makeCalendarRecords(t.db, family, coordinator, meetingId);
    const neighbour = await makeMunicipality(t.db);
    const before = await snapshotTenant(t.db, m.id);
    const neighbourFamily = await makeFamilyWithCase(t.db, neighbour);
    const neighbourCoordinator = await makeUser(t.db, neighbour, { roles: ['coordinator'], hasAuthority: true });
    await makeMeetingRecords(t.db, neighbour, neighbourFamily, neighbourCoordinator);
    const routes = (ids: { meeting: string; person: string; message: string }): Array<['GET' | 'PUT' | 'POST', string, unknown?]> => [
      ['GET', `/api/meetings/${ids.meeting}/invitation.ics`],
      ['GET', `/api/persons/${ids.person}/reminder-preference`],
      ['PUT', `/api/persons/${ids.person}/reminder-preference`, { optedIn: false, channel: 'email', version: 1 }],
      ['POST', `/api/admin/outbox/${ids.message}/retry`],
    ];
    const mine = { meeting: meetingId, person: family.parent.id, message: records.outboxMessageId };
    const unknown = { meeting: '00000000-0000-4000-8000-000000000001', person: '00000000-0000-4000-8000-000000000002', message: '00000000-0000-4000-8000-000000000003' };
    for (const roles of [['coordinator'], ['team_leader'], ['administrator']] as const) {
      const api = client(t.app, await loginAs(t.app, await makeUser(t.db, neighbour, { roles: [...roles], department: roles[0] === 'administrator' ? null : 'child_disability' })));
      const foreign = routes(mine);
      const missing = routes(unknown);
      for (const [i, [method, url, payload]] of foreign.entries()) {
        const a = await api.request(method, url, payload);
        const b = await api.request(missing[i]![0], missing[i]![1], missing[i]![2]);
        expect(a.statusCode, `${roles[0]} ${method} ${url}`).toBe(404);
        expect(a.body).toBe(b.body);
      }
      const list = await api.get('/api/admin/outbox');
      expect(list.body).not.toContain(records.outboxMessageId);
    }
    expect(await snapshotTenant(t.db, m.id)).toEqual(before);
  });
});

describe('EFEI status meetings at the municipality\'s cadence (003:61-66)', () => {
  it('the family coordinator is reminded of the status meeting due in three days, worded as a status meeting', async () => {
    t.clock.set(testNow);
    const efei = await makeMunicipality(t.db);
    await t.db.updateTable('municipalities').set({ settings: JSON.stringify({ efeiStatusMeetingWeeks: 12 }) }).where('id', '=', efei.id).execute();
    const lead = await makeUser(t.db, efei, { roles: ['coordinator'], hasAuthority: true });
    // 12 weeks after 2 September is 25 November: three days after testNow.
    const efeiFamily = await makeFamilyWithCase(t.db, efei, { lead, model: 'efei', openedOn: '2026-09-02' });
    await schedule();
    const rows = await t.db.selectFrom('outbox_messages').selectAll().where('municipality_id', '=', efei.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'follow_up_reminder', recipient: lead.email, subject: 'Påmindelse: statusmøde i Tovholder' });
    expect(rows[0]!.body).toContain('Et statusmøde i en af dine sager skal holdes senest onsdag den 25. november 2026.');
    expect(rows[0]!.dedupe_key).toBe(`follow_up:${efeiFamily.caseId}@2026-11-25|user:${lead.id}|email`);
  });
});
