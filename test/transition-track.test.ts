import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleTransitionAlerts } from '../src/modules/transition/commands.js';
import { createTestApp, testNow, type TestApp } from './app.js';
import { client, loginAs, makeFamilyWithCase, makeMunicipality, makeUser, type TestMunicipality, type TestUser } from './factories.js';
import { countAll } from './inspect.js';

/**
 * Issue 9 item 4 (004:4088-4095): from 16 (a municipality setting) the case shows a transition track — adult-services
 * contact, planned steps, deadline before 18 — and alerts coordinator and leader when it has not started in time.
 * The alert date is tested across leap years with the injectable clock.
 */

let t: TestApp;
let m: TestMunicipality;
let coordinator: TestUser;
let leader: TestUser;

const alertsOf = (caseId: string) => t.db.selectFrom('outbox_messages').select(['recipient', 'subject', 'body'])
  .where('dedupe_key', 'like', `transition_alert:${caseId}@%`).orderBy('recipient').execute();

beforeAll(async () => {
  t = await createTestApp();
  m = await makeMunicipality(t.db);
  coordinator = await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: true });
  leader = await makeUser(t.db, m, { roles: ['team_leader'], department: 'child_disability' });
});

afterAll(async () => {
  await t?.close();
});

describe('the transition track of a 16-year-old', () => {
  it('is shown from 16, takes an adult-services contact and steps before 18, and a step is marked done', async () => {
    t.clock.set(testNow);
    const family = await makeFamilyWithCase(t.db, m, { lead: coordinator, childBirthDate: '2010-05-10', openedOn: '2025-01-06' });
    const api = client(t.app, await loginAs(t.app, coordinator));
    const view = (await api.get(`/api/cases/${family.caseId}/transition-track`)).json() as Record<string, unknown>;
    expect(view).toMatchObject({ shown: true, trackAge: 16, opensOn: '2026-05-10', eighteenOn: '2028-05-10', startBy: '2027-05-10', alert: false, steps: [] });

    // Version 0 creates the track (the view's version is null until then).
    expect(view.version).toBeNull();
    const track = () => t.db.selectFrom('case_transition_tracks').select(['adult_contact_name', 'version']).where('case_id', '=', family.caseId).executeTakeFirst();
    const saved = await api.request('PUT', `/api/cases/${family.caseId}/transition-track`, { adultContactName: 'Voksen Vera', adultContactUnit: 'Voksenhandicap', adultContactEmail: 'vera@example.invalid', version: 0 });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ adultContact: { name: 'Voksen Vera', unit: 'Voksenhandicap' }, version: 1 });
    // Without a version → 400 naming it; a second "first save" (0) or any other stale version → 409; nothing written.
    const before = await countAll(t.db);
    const missing = await api.request('PUT', `/api/cases/${family.caseId}/transition-track`, { adultContactName: 'X' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ error: { details: [{ field: 'version', code: 'required' }] } });
    for (const version of [0, 7]) {
      const stale = await api.request('PUT', `/api/cases/${family.caseId}/transition-track`, { adultContactName: 'X', version });
      expect(stale.statusCode, `version ${version}`).toBe(409);
      expect(stale.json()).toMatchObject({ error: { code: 'version_conflict', details: [{ field: 'version', code: 'stale' }] } });
    }
    expect(await countAll(t.db)).toEqual(before);
    expect(await track()).toEqual({ adult_contact_name: 'Voksen Vera', version: 1 });
    const again = await api.request('PUT', `/api/cases/${family.caseId}/transition-track`, { adultContactName: 'Voksen Viggo', version: 1 });
    expect(again.json()).toMatchObject({ adultContact: { name: 'Voksen Viggo', unit: null }, version: 2 });

    const step = await api.post(`/api/cases/${family.caseId}/transition-track/steps`, { title: 'Møde med voksenområdet', plannedOn: '2027-02-01' });
    expect(step.statusCode, step.body).toBe(200);
    const added = (step.json() as { steps: Array<{ id: string; version: number }> }).steps[0]!;
    expect(added.version).toBe(1);
    const done = await api.patch(`/api/transition-steps/${added.id}`, { done: true, version: 1 });
    expect(done.statusCode, done.body).toBe(200);
    expect((done.json() as { steps: Array<{ doneOn: string; version: number }> }).steps[0]).toMatchObject({ doneOn: '2026-11-22', version: 2 });
    // Someone who still sees version 1 un-ticks it: 409, the step stays done; without a version: 400.
    const stepRow = () => t.db.selectFrom('case_transition_steps').select(['done_on', 'version']).where('id', '=', added.id).executeTakeFirstOrThrow();
    const staleStep = await api.patch(`/api/transition-steps/${added.id}`, { done: false, version: 1 });
    expect(staleStep.statusCode).toBe(409);
    expect(staleStep.json()).toMatchObject({ error: { code: 'version_conflict', details: [{ field: 'version', code: 'stale' }] } });
    expect((await api.patch(`/api/transition-steps/${added.id}`, { done: false })).statusCode).toBe(400);
    expect(await stepRow()).toEqual({ done_on: '2026-11-22', version: 2 });

    // A step on or after the 18th birthday → 422 naming plannedOn, nothing written.
    const beforeLate = await countAll(t.db);
    const late = await api.post(`/api/cases/${family.caseId}/transition-track/steps`, { title: 'For sent', plannedOn: '2028-05-10' });
    expect(late.statusCode).toBe(422);
    expect(late.json()).toMatchObject({ error: { code: 'after_deadline', details: [{ field: 'plannedOn' }] } });
    expect(await countAll(t.db)).toEqual(beforeLate);
  });

  it('a 15-year-old has no track yet (422 track_not_open); with the municipality\'s age set to 15 it opens', async () => {
    t.clock.set(testNow);
    const family = await makeFamilyWithCase(t.db, m, { lead: coordinator, childBirthDate: '2011-03-01', openedOn: '2025-01-06' });
    const api = client(t.app, await loginAs(t.app, coordinator));
    expect((await api.get(`/api/cases/${family.caseId}/transition-track`)).json()).toMatchObject({ shown: false, opensOn: '2027-03-01' });
    const refused = await api.post(`/api/cases/${family.caseId}/transition-track/steps`, { title: 'Tidligt', plannedOn: '2027-01-01' });
    expect(refused.json()).toMatchObject({ error: { code: 'track_not_open' } });
    await sql`update municipalities set settings = settings || '{"transitionTrackAge": 15}'::jsonb where id = ${m.id}`.execute(t.db);
    expect((await api.get(`/api/cases/${family.caseId}/transition-track`)).json()).toMatchObject({ shown: true, opensOn: '2026-03-01' });
    await sql`update municipalities set settings = settings - 'transitionTrackAge' where id = ${m.id}`.execute(t.db);
  });

  it('someone without need-to-know gets 404', async () => {
    t.clock.set(testNow);
    const family = await makeFamilyWithCase(t.db, m, { lead: coordinator, childBirthDate: '2010-05-10', openedOn: '2025-01-06' });
    const outsider = client(t.app, await loginAs(t.app, await makeUser(t.db, m, { roles: ['coordinator'] })));
    expect((await outsider.get(`/api/cases/${family.caseId}/transition-track`)).statusCode).toBe(404);
  });
});

describe('the alert when the transition has not started in time (leap years, clock moved)', () => {
  it('born 29 Feb 2008: nothing on 28 Feb 2025, on 1 Mar 2025 one e-mail each to coordinator and leader, once; none after the start is recorded', async () => {
    t.clock.set('2025-02-28T10:00:00Z');
    const family = await makeFamilyWithCase(t.db, m, { lead: coordinator, childBirthDate: '2008-02-29', openedOn: '2024-06-03' });
    await scheduleTransitionAlerts(t.db, t.clock, 'http://tovholder.test');
    expect(await alertsOf(family.caseId)).toEqual([]);
    expect(((await client(t.app, await loginAs(t.app, leader)).get('/api/transition-alerts')).json() as { alerts: Array<{ caseId: string }> }).alerts.map((a) => a.caseId))
      .not.toContain(family.caseId);

    t.clock.set('2025-03-01T10:00:00Z');
    await scheduleTransitionAlerts(t.db, t.clock, 'http://tovholder.test');
    await scheduleTransitionAlerts(t.db, t.clock, 'http://tovholder.test');
    const sent = await alertsOf(family.caseId);
    expect(sent.map((s) => s.recipient).sort()).toEqual([coordinator.email, leader.email].sort());
    expect(sent[0]!.body).toContain('2025-03-01');
    expect(sent[0]!.body).not.toContain(family.child.firstName);
    // The worklist item: the leader's and the coordinator's alert lists show the case.
    for (const user of [leader, coordinator]) {
      const list = (await client(t.app, await loginAs(t.app, user)).get('/api/transition-alerts')).json() as { alerts: Array<{ caseId: string; startBy: string }> };
      expect(list.alerts).toContainEqual(expect.objectContaining({ caseId: family.caseId, startBy: '2025-03-01' }));
    }
    const track = (await client(t.app, await loginAs(t.app, coordinator)).get(`/api/cases/${family.caseId}/transition-track`)).json() as { alert: boolean };
    expect(track.alert).toBe(true);

    // Recording the start (the existing transition page, modules/follow-up) ends the alert.
    const api = client(t.app, await loginAs(t.app, coordinator));
    expect((await api.request('PUT', `/api/cases/${family.caseId}/transition`, { startedOn: '2025-03-01', note: 'Møde med voksenområdet aftalt', version: 0 })).statusCode).toBe(200);
    t.clock.set('2025-03-02T10:00:00Z');
    await scheduleTransitionAlerts(t.db, t.clock, 'http://tovholder.test');
    expect(await alertsOf(family.caseId)).toHaveLength(2);
    expect(((await client(t.app, await loginAs(t.app, coordinator)).get(`/api/cases/${family.caseId}/transition-track`)).json() as { alert: boolean }).alert).toBe(false);
  });

  it('born 29 Feb 2012 with a 24-month lead time: the alert date is 1 Mar 2028 (a leap year), not 29 Feb', async () => {
    await sql`update municipalities set settings = settings || '{"transitionLeadTimeMonths": 24}'::jsonb where id = ${m.id}`.execute(t.db);
    t.clock.set('2028-02-29T10:00:00Z');
    const family = await makeFamilyWithCase(t.db, m, { lead: coordinator, childBirthDate: '2012-02-29', openedOn: '2027-06-01' });
    await scheduleTransitionAlerts(t.db, t.clock, 'http://tovholder.test');
    expect(await alertsOf(family.caseId)).toEqual([]);
    t.clock.set('2028-03-01T10:00:00Z');
    await scheduleTransitionAlerts(t.db, t.clock, 'http://tovholder.test');
    expect((await alertsOf(family.caseId)).length).toBe(2);
    await sql`update municipalities set settings = settings - 'transitionLeadTimeMonths' where id = ${m.id}`.execute(t.db);
    t.clock.set(testNow);
  });
});
