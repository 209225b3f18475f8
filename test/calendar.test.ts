import ICAL from 'ical.js';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldLine } from '../src/modules/calendar/ics.js';
import { hashToken } from '../src/modules/calendar/repo.js';
import { appRole } from '../src/platform/db/tenant.js';
import { createTestApp, type TestApp } from './app.js';
import {
  addTeamMember, client, loginAs, makeFamilyWithCase, makeMunicipality, makeUser, type Session, type TestFamily, type TestMunicipality, type TestUser,
} from './factories.js';
import { auditRowsAfter, auditHead } from './inspect.js';

/**
 * The calendar (issue 4 item 6): a meeting's invitation and a user's subscribable feed, parsed with a real
 * iCalendar parser (ical.js). The entries tell a participant when to turn up and link into Tovholder; they never
 * carry the family's or child's name, CPR numbers, the meeting's free-text title or its minutes.
 */

let t: TestApp;
let m: TestMunicipality;
let coordinator: TestUser;
let partner: TestUser;
let outsider: TestUser;
let family: TestFamily;
let otherFamily: TestFamily;
let session: Session;
let meetingId: string;
const location = 'Rådhuset, mødelokale 3; indgang B, 2. sal — spørg i receptionen efter Børnehandicap, så viser de vej (husk nøglekort)';
const secretTitle = 'Drøftelse af diagnose og anbringelse';

type Vevent = InstanceType<typeof ICAL.Component>;

function parse(text: string): { calendar: InstanceType<typeof ICAL.Component>; events: Vevent[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return { calendar, events: calendar.getAllSubcomponents('vevent') };
}

/** Every line of the text is at most 75 octets and ends in CRLF (RFC 5545 §3.1). */
function expectFolded(text: string) {
  expect(text.endsWith('\r\n')).toBe(true);
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
}

function expectNoSecrets(text: string) {
  const unfolded = text.replace(/\r\n /g, '');
  for (const secret of [family.familyName, family.child.firstName, family.child.lastName, family.child.cpr, family.parent.cpr, secretTitle, 'Referat']) {
    expect(unfolded).not.toContain(secret);
  }
}

async function invitation(api = client(t.app, session), id = meetingId) {
  return api.get(`/api/meetings/${id}/invitation.ics`);
}

beforeAll(async () => {
  t = await createTestApp();
  m = await makeMunicipality(t.db);
  coordinator = await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: true, name: 'Mette Lund, Børnehandicap' });
  partner = await makeUser(t.db, m, { roles: ['external_partner'], department: 'school', name: 'Anne "Skov"' });
  outsider = await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: true });
  family = await makeFamilyWithCase(t.db, m, { lead: coordinator, model: 'sof' });
  otherFamily = await makeFamilyWithCase(t.db, m, { lead: outsider, model: 'sof' });
  await addTeamMember(t.db, family.caseId, partner);
  await t.db.updateTable('persons').set({ email: 'forælder@example.test' }).where('id', '=', family.parent.id).execute();
  session = await loginAs(t.app, coordinator);
  const created = await client(t.app, session).post(`/api/cases/${family.caseId}/meetings`, {
    type: 'network_meeting', title: secretTitle, scheduledAt: '2026-11-24T10:00:00+01:00', location,
    participants: [
      { kind: 'user', userId: coordinator.id, role: 'chair' },
      { kind: 'user', userId: partner.id },
      { kind: 'person', personId: family.parent.id },
      { kind: 'guest', guestName: 'Ekstern Ekspert' },
    ],
  });
  expect(created.statusCode, created.body).toBe(201);
  meetingId = created.json().id;
  await t.db.updateTable('meetings').set({ minutes: 'Referat' }).where('id', '=', meetingId).execute();
});

afterAll(async () => {
  await t?.close();
});

describe('a meeting\'s invitation (GET /api/meetings/:id/invitation.ics)', () => {
  it('is a METHOD:REQUEST calendar with one event: stable UID, DTSTART/DTEND in UTC, organizer = chair, attendees with e-mail', async () => {
    const response = await invitation();
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-store');
    const { calendar, events } = parse(response.body);
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(events).toHaveLength(1);
    const event = new ICAL.Event(events[0]!);
    expect(event.uid).toBe(`meeting-${meetingId}@tovholder`);
    expect(event.sequence).toBe(0);
    expect(event.startDate.zone?.tzid).toBe('UTC');
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-11-24T09:00:00.000Z');
    // A network meeting is booked for 90 minutes.
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-11-24T10:30:00.000Z');
    expect(event.summary).toBe('Netværksmøde (Tovholder)');
    expect(event.description).toContain(`/meetings/${meetingId}`);
    // Escaping round-trips: commas, semicolons and non-ASCII come back exactly.
    expect(event.location).toBe(location);
    expect(events[0]!.getFirstPropertyValue('organizer')).toBe(`mailto:${coordinator.email}`);
    expect(events[0]!.getFirstProperty('organizer')!.getParameter('cn')).toBe('Mette Lund, Børnehandicap');
    const attendees = event.attendees.map((a) => ({ value: a.getFirstValue(), cn: a.getParameter('cn') ?? null, role: a.getParameter('role') }));
    expect(attendees).toEqual([
      { value: `mailto:${coordinator.email}`, cn: 'Mette Lund, Børnehandicap', role: 'CHAIR' },
      { value: `mailto:${partner.email}`, cn: 'Anne Skov', role: 'REQ-PARTICIPANT' },
      // The family member by address only; the guest has no address and is left out.
      { value: 'mailto:forælder@example.test', cn: null, role: 'REQ-PARTICIPANT' },
    ]);
    expectFolded(response.body);
    expectNoSecrets(response.body);
  });

  it('the SEQUENCE goes up when the meeting changes (time, then a participant), stays when nothing changed, and the UID stays', async () => {
    const api = client(t.app, session);
    expect(new ICAL.Event(parse((await invitation()).body).events[0]!).sequence).toBe(0);
    const moved = await api.patch(`/api/meetings/${meetingId}`, { scheduledAt: '2026-11-25T13:30:00+01:00', location, title: secretTitle, version: 1 });
    expect(moved.statusCode, moved.body).toBe(200);
    const afterMove = new ICAL.Event(parse((await invitation()).body).events[0]!);
    expect(afterMove.sequence).toBe(1);
    expect(afterMove.uid).toBe(`meeting-${meetingId}@tovholder`);
    expect(afterMove.startDate.toJSDate().toISOString()).toBe('2026-11-25T12:30:00.000Z');
    expect(new ICAL.Event(parse((await invitation()).body).events[0]!).sequence).toBe(1);
    const participant = (moved.json() as { participants: Array<{ id: string; kind: string }> }).participants.find((p) => p.kind === 'person')!;
    expect((await api.delete(`/api/meeting-participants/${participant.id}`)).statusCode).toBe(200);
    const afterRemove = new ICAL.Event(parse((await invitation()).body).events[0]!);
    expect(afterRemove.sequence).toBe(2);
    expect(afterRemove.attendees.map((a) => a.getFirstValue())).not.toContain('mailto:forælder@example.test');
  });

  it('is audited as an export naming the case and family', async () => {
    const before = await auditHead(t.db, m.id);
    await invitation();
    const rows = await auditRowsAfter(t.db, m.id, before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'export', entity_type: 'meeting_invitation', entity_id: meetingId, case_ids: [family.caseId], family_ids: [family.familyId] });
  });

  it('is 404 for someone without access to the case, for an unknown id and in another municipality; 401 without a session', async () => {
    const outsiderApi = client(t.app, await loginAs(t.app, outsider));
    const denied = await invitation(outsiderApi);
    expect(denied.statusCode).toBe(404);
    expect(denied.json().error.code).toBe('not_found');
    expect((await invitation(client(t.app, session), '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const neighbour = await makeMunicipality(t.db);
    const neighbourUser = await makeUser(t.db, neighbour, { roles: ['team_leader'], department: 'child_disability' });
    expect((await invitation(client(t.app, await loginAs(t.app, neighbourUser)))).statusCode).toBe(404);
    expect((await invitation(client(t.app))).statusCode).toBe(401);
    expect((await invitation(client(t.app, session), 'not-a-uuid')).statusCode).toBe(400);
  });

  it('a cancelled meeting\'s invitation is METHOD:CANCEL with STATUS:CANCELLED and a higher SEQUENCE', async () => {
    const api = client(t.app, session);
    const before = new ICAL.Event(parse((await invitation()).body).events[0]!).sequence;
    const current = (await api.get(`/api/meetings/${meetingId}`)).json() as { version: number };
    const other = await api.post(`/api/cases/${family.caseId}/meetings`, { type: 'follow_up', scheduledAt: '2026-12-01T09:00:00Z', participants: [] });
    const otherId = other.json().id as string;
    expect((await api.post(`/api/meetings/${otherId}/cancel`, { version: 1 })).statusCode).toBe(200);
    const cancelled = parse((await invitation(api, otherId)).body);
    expect(cancelled.calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(cancelled.events[0]!.getFirstPropertyValue('status')).toBe('CANCELLED');
    // No chair and no attendees: the creator organises it.
    expect(cancelled.events[0]!.getFirstPropertyValue('organizer')).toBe(`mailto:${coordinator.email}`);
    expect(current.version).toBeGreaterThan(0);
    expect(new ICAL.Event(parse((await invitation()).body).events[0]!).sequence).toBe(before);
  });
});

describe('line folding', () => {
  it('folds at 75 octets without splitting a UTF-8 character, and unfolds to the original', () => {
    const line = `LOCATION:${'æøå'.repeat(40)}`;
    const folded = foldLine(line);
    for (const part of folded.split('\r\n')) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(folded).not.toContain('\uFFFD');
  });
});

describe('the subscribable feed (GET /api/calendar/feed/:token.ics)', () => {
  let feedUrl: string;
  const path = (url: string) => new URL(url).pathname;

  it('POST /api/calendar/subscription gives a secret URL once; the database keeps only its hash', async () => {
    const api = client(t.app, session);
    expect((await api.get('/api/calendar/subscription')).json()).toMatchObject({ active: false, url: null });
    const created = await api.post('/api/calendar/subscription');
    expect(created.statusCode).toBe(201);
    feedUrl = created.json().url;
    expect(feedUrl).toMatch(/^http:\/\/localhost(:\d+)?\/api\/calendar\/feed\/[A-Za-z0-9_-]{43}\.ics$/);
    const token = /feed\/(.*)\.ics$/.exec(feedUrl)![1]!;
    const stored = await t.db.selectFrom('calendar_feeds').selectAll().where('user_id', '=', coordinator.id).execute();
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(token);
    const status = (await api.get('/api/calendar/subscription')).json();
    expect(status).toMatchObject({ active: true, url: null });
  });

  it('works without a session cookie and lists the user\'s upcoming meetings on cases they may read — time, kind and link only', async () => {
    // A meeting on a case the coordinator has no access to, even though they are named on it, is left out.
    const hidden = await t.db.insertInto('meetings').values({
      municipality_id: m.id, case_id: otherFamily.caseId, type: 'status_meeting', scheduled_at: '2026-11-26T09:00:00Z', created_by: outsider.id,
    }).returning('id').executeTakeFirstOrThrow();
    await t.db.insertInto('meeting_participants').values({ municipality_id: m.id, meeting_id: hidden.id, kind: 'user', user_id: coordinator.id }).execute();
    // A meeting in the past (more than a day ago) is left out too.
    await t.db.insertInto('meetings').values({
      municipality_id: m.id, case_id: family.caseId, type: 'home_visit', scheduled_at: '2026-11-01T09:00:00Z', created_by: coordinator.id,
    }).execute();

    const before = await auditHead(t.db, m.id);
    const response = await t.app.inject({ method: 'GET', url: path(feedUrl), headers: { 'user-agent': 'CalendarAgent/1.0' } });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const { calendar, events } = parse(response.body);
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    const listed = events.map((e) => new ICAL.Event(e));
    expect(listed.map((e) => e.uid)).toEqual([`meeting-${meetingId}@tovholder`]);
    const [event] = listed;
    expect(event!.summary).toBe('Netværksmøde (Tovholder)');
    // The feed is synced to phones and third-party calendars: no place, no participants.
    expect(events[0]!.getFirstPropertyValue('location')).toBeNull();
    expect(event!.attendees).toEqual([]);
    expectNoSecrets(response.body);
    expect(response.body).not.toContain(location.slice(0, 20));
    expectFolded(response.body);

    const rows = await auditRowsAfter(t.db, m.id, before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'read', entity_type: 'calendar_feed', actor_user_id: coordinator.id, case_ids: [family.caseId] });
    expect(rows[0]!.entry.reason).toBe('calendar_feed');
    expect(JSON.stringify(rows[0]!.entry)).toContain('CalendarAgent/1.0');
    expect((await client(t.app, session).get('/api/calendar/subscription')).json().lastUsedAt).not.toBeNull();
  });

  it('rotating gives a new URL and the old one stops working; revoking stops the new one; bad tokens are 404 alike', async () => {
    const api = client(t.app, session);
    const rotated = (await api.post('/api/calendar/subscription')).json().url as string;
    expect(rotated).not.toBe(feedUrl);
    const old = await t.app.inject({ method: 'GET', url: path(feedUrl) });
    expect(old.statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: path(rotated) })).statusCode).toBe(200);
    const revoked = await api.delete('/api/calendar/subscription');
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ active: false });
    const afterRevoke = await t.app.inject({ method: 'GET', url: path(rotated) });
    expect(afterRevoke.statusCode).toBe(404);
    for (const bad of ['x.ics', `${'A'.repeat(43)}.ics`, `${'A'.repeat(43)}.txt`, '..%2F..%2Fetc%2Fpasswd']) {
      const response = await t.app.inject({ method: 'GET', url: `/api/calendar/feed/${bad}` });
      expect(response.statusCode, bad).toBe(404);
      expect(response.body).toBe(old.body);
    }
    // Managing the feed needs a session.
    expect((await client(t.app).post('/api/calendar/subscription')).statusCode).toBe(401);
    const rows = await t.db.selectFrom('calendar_feeds').select(['revoked_at']).where('user_id', '=', coordinator.id).execute();
    expect(rows.length).toBe(2);
    expect(rows.every((r) => r.revoked_at !== null)).toBe(true);
  });

  it('a deactivated user\'s feed stops working', async () => {
    const user = await makeUser(t.db, m, { roles: ['coordinator'] });
    const url = (await client(t.app, await loginAs(t.app, user)).post('/api/calendar/subscription')).json().url as string;
    expect((await t.app.inject({ method: 'GET', url: path(url) })).statusCode).toBe(200);
    await t.db.updateTable('users').set({ active: false }).where('id', '=', user.id).execute();
    expect((await t.app.inject({ method: 'GET', url: path(url) })).statusCode).toBe(404);
  });
});

describe('the feed lookup before the tenant is known (policy feed_lookup, migration 0006)', () => {
  it('a transaction as the app role with only app.feed_token_hash set sees exactly that one feed row and nothing else', async () => {
    const user = await makeUser(t.db, m, { roles: ['coordinator'] });
    const url = (await client(t.app, await loginAs(t.app, user)).post('/api/calendar/subscription')).json().url as string;
    const token = /feed\/(.*)\.ics$/.exec(url)![1]!;
    const seen = await t.db.transaction().execute(async (trx) => {
      await sql`select set_config('app.feed_token_hash', ${hashToken(token)}, true), set_config('role', ${appRole}, true)`.execute(trx);
      const feeds = await sql<{ user_id: string }>`select user_id from calendar_feeds`.execute(trx);
      const users = await sql<{ n: number }>`select count(*)::int as n from users`.execute(trx);
      const messages = await sql<{ n: number }>`select count(*)::int as n from outbox_messages`.execute(trx);
      return { feeds: feeds.rows.map((r) => r.user_id), users: users.rows[0]!.n, messages: messages.rows[0]!.n };
    });
    expect(seen).toEqual({ feeds: [user.id], users: 0, messages: 0 });
    expect(await t.db.selectFrom('calendar_feeds').select('id').execute()).not.toHaveLength(1);
  });
});
