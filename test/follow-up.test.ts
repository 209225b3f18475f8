import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MovableClock } from '../src/platform/clock/clock.js';
import { createTestApp, type TestApp } from './app.js';
import {
  addTeamMember, client, loginAs, makeFamilyWithCase, makeMeasure, makeMunicipality, makeUser,
  type Session, type TestFamily, type TestMunicipality, type TestUser,
} from './factories.js';
import { countAll } from './inspect.js';

/**
 * Follow-up cadence over time (issue 4 §1, 001:753-771) and the follow-up and contact log (§3): a SOF case whose §§
 * change while the clock moves, follow-ups and held meetings resetting the count, and bad input refused unwritten.
 */

let t: TestApp;
let m: TestMunicipality;
let coordinator: TestUser;
let coreMember: TestUser;
let admin: TestUser;
let family: TestFamily;
let session: Session;
const clock = new MovableClock('2026-04-01T10:00:00Z');

type Response = Awaited<ReturnType<TestApp['app']['inject']>>;
interface ErrorBody { error: { code: string; message: string; details: Array<{ field: string; code: string }> } }
interface Overview { cadence: { rule: string; cadence: string; reason: string; countsFrom: string; countsFromFollowUp: boolean; dueOn: string | null; bucket: string | null }; log: Array<{ kind: string; source: string; occurredOn: string; channel: string }> }

const api = () => client(t.app, session);
/** Moves the clock; sessions last 8 hours, so the coordinator logs in again on the new day. */
async function at(instant: string): Promise<void> {
  clock.set(instant);
  session = await loginAs(t.app, coordinator);
}
async function cadence(): Promise<Overview['cadence']> {
  const response = await api().get(`/api/cases/${family.caseId}/follow-ups`);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as Overview).cadence;
}
async function refused(send: () => Promise<Response>): Promise<{ status: number; body: ErrorBody }> {
  const before = await countAll(t.db);
  const response = await send();
  expect(await countAll(t.db), `${response.statusCode} ${response.body}`).toEqual(before);
  return { status: response.statusCode, body: response.json() as ErrorBody };
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  m = await makeMunicipality(t.db);
  coordinator = await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: true });
  coreMember = await makeUser(t.db, m, { roles: ['core_team_member'], department: 'ppr' });
  admin = await makeUser(t.db, m, { roles: ['administrator'] });
  family = await makeFamilyWithCase(t.db, m, { lead: coordinator, model: 'sof', openedOn: '2026-03-02' });
  await addTeamMember(t.db, family.caseId, coreMember);
  await makeMeasure(t.db, m, family.caseId, { legalBasisId: 'BL-86', startsOn: '2026-03-02' });
  session = await loginAs(t.app, coordinator);
});

afterAll(async () => {
  await t?.close();
});

describe('the cadence and next due date move with the §§ and the follow-ups (001:753-771)', () => {
  it('starts as 3 months from the case start for compensation only (BL §86)', async () => {
    expect(await cadence()).toMatchObject({ rule: 'sof_follow_up', cadence: 'three_months', countsFrom: '2026-03-02', countsFromFollowUp: false, dueOn: '2026-06-02', bucket: 'later' });
  });

  it('becomes 6 weeks when a §32 support measure is added, recomputed from the case start: already overdue', async () => {
    await at('2026-05-02T10:00:00Z');
    // The measure is arranged directly: this file is about the cadence, not the measure API's own duties (BL §32 stk. 2-3).
    await makeMeasure(t.db, m, family.caseId, { legalBasisId: 'BL-32', department: 'family_therapy', description: 'Familiebehandling', startsOn: '2026-05-01' });
    expect(await cadence()).toMatchObject({ cadence: 'six_weeks', countsFrom: '2026-03-02', dueOn: '2026-04-13', bucket: 'overdue' });
  });

  it('a completed follow-up moves the next due date to 42 days after it and is logged with its form', async () => {
    const response = await api().post(`/api/cases/${family.caseId}/follow-ups`, {
      occurredOn: '2026-05-02', form: 'phone', summary: 'Det går bedre i skolen.', agreementsReviewed: 'Mor kontakter PPR.',
    });
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json() as Overview;
    expect(body.cadence).toMatchObject({ countsFrom: '2026-05-02', countsFromFollowUp: true, dueOn: '2026-06-13', bucket: 'later' });
    expect(body.log[0]).toMatchObject({ kind: 'follow_up', source: 'log', channel: 'phone', occurredOn: '2026-05-02' });
    const audit = await t.db.selectFrom('audit_log').select(['action', 'entity_type', 'case_ids']).where('entity_type', '=', 'follow_up').execute();
    expect(audit).toEqual([{ action: 'create', entity_type: 'follow_up', case_ids: [family.caseId] }]);
  });

  it('a held network meeting counts as a follow-up (decision: follow_up, status and network meetings count); a planned one does not', async () => {
    await at('2026-05-25T10:00:00Z');
    const base = { municipality_id: m.id, case_id: family.caseId, created_by: coordinator.id };
    await t.db.insertInto('meetings').values([
      { ...base, type: 'network_meeting', scheduled_at: '2026-05-20T09:00:00+02:00', status: 'closed', closed_at: '2026-05-20T11:00:00+02:00', next_meeting_on: '2026-11-20' },
      { ...base, type: 'follow_up', scheduled_at: '2026-05-24T09:00:00+02:00', status: 'planned' },
      { ...base, type: 'analysis_meeting', scheduled_at: '2026-05-23T09:00:00+02:00', status: 'closed', closed_at: '2026-05-23T11:00:00+02:00', next_meeting_on: '2026-11-20' },
    ]).execute();
    expect(await cadence()).toMatchObject({ countsFrom: '2026-05-20', dueOn: '2026-07-01' });
  });

  it('when the §32 ends, the cadence is 3 months again, counted from the same last follow-up', async () => {
    await t.db.updateTable('measures').set({ ends_on: '2026-06-30' }).where('case_id', '=', family.caseId).where('legal_basis_id', '=', 'BL-32').execute();
    await at('2026-07-01T10:00:00Z');
    expect(await cadence()).toMatchObject({ cadence: 'three_months', countsFrom: '2026-05-20', dueOn: '2026-08-20' });
  });

  it('when every measure has ended there is no due date, and the reason says so (never a silent default)', async () => {
    await t.db.updateTable('measures').set({ ends_on: '2026-07-01' }).where('case_id', '=', family.caseId).where('legal_basis_id', '=', 'BL-86').execute();
    await at('2026-07-02T10:00:00Z');
    expect(await cadence()).toMatchObject({ cadence: 'none', reason: 'no_active_measure', dueOn: null, bucket: null });
    await at('2026-07-01T10:00:00Z');
  });
});

describe('bad input is refused with the field named, and nothing is written', () => {
  it('a follow-up dated in the future → 422 in_future on occurredOn', async () => {
    const { status, body } = await refused(() => api().post(`/api/cases/${family.caseId}/follow-ups`, { occurredOn: '2026-07-02', form: 'video', summary: 'x' }));
    expect(status).toBe(422);
    expect(body.error.details).toEqual([expect.objectContaining({ field: 'occurredOn', code: 'in_future' })]);
  });
  it('a follow-up before the case started → 422 on occurredOn', async () => {
    const { status, body } = await refused(() => api().post(`/api/cases/${family.caseId}/follow-ups`, { occurredOn: '2026-02-01', form: 'video', summary: 'x' }));
    expect(status).toBe(422);
    expect(body.error.details[0]).toMatchObject({ field: 'occurredOn', code: 'before_case_start' });
  });
  it('an unknown form, a missing summary → 400 naming the fields', async () => {
    const { status, body } = await refused(() => api().post(`/api/cases/${family.caseId}/follow-ups`, { occurredOn: '2026-06-01', form: 'telepathy', summary: '' }));
    expect(status).toBe(400);
    expect(body.error.details.map((d) => d.field).sort()).toEqual(['form', 'summary']);
  });
  it('an informal contact in the future or by an unknown channel', async () => {
    const future = await refused(() => api().post(`/api/families/${family.familyId}/contacts`, { occurredOn: '2026-07-05', channel: 'sms' }));
    expect(future.status).toBe(422);
    expect(future.body.error.details[0]).toMatchObject({ field: 'occurredOn', code: 'in_future' });
    const channel = await refused(() => api().post(`/api/families/${family.familyId}/contacts`, { occurredOn: '2026-06-05', channel: 'pigeon' }));
    expect(channel.status).toBe(400);
    expect(channel.body.error.details[0]!.field).toBe('channel');
  });
});

describe('informal contacts and access', () => {
  it('quick entry of an sms is logged on the family and shown in the case\'s log, without moving the follow-up date', async () => {
    const response = await api().post(`/api/families/${family.familyId}/contacts`, { occurredOn: '2026-06-20', channel: 'sms', note: 'Bekræftet tid' });
    expect(response.statusCode, response.body).toBe(201);
    const overview = (await api().get(`/api/cases/${family.caseId}/follow-ups`)).json() as Overview;
    expect(overview.log[0]).toMatchObject({ kind: 'informal', channel: 'sms', occurredOn: '2026-06-20' });
    expect(overview.cadence.countsFrom).toBe('2026-05-20');
  });
  it('a core-team member may read the log but not record follow-ups (403); nothing is written', async () => {
    const core = client(t.app, await loginAs(t.app, coreMember));
    expect((await core.get(`/api/cases/${family.caseId}/follow-ups`)).statusCode).toBe(200);
    const before = await countAll(t.db);
    expect((await core.post(`/api/cases/${family.caseId}/follow-ups`, { occurredOn: '2026-06-01', form: 'phone', summary: 'x' })).statusCode).toBe(403);
    expect(await countAll(t.db)).toEqual(before);
  });
  it('another municipality gets 404 for the case and the family', async () => {
    const other = await makeMunicipality(t.db);
    const stranger = client(t.app, await loginAs(t.app, await makeUser(t.db, other, { roles: ['coordinator'] })));
    expect((await stranger.get(`/api/cases/${family.caseId}/follow-ups`)).statusCode).toBe(404);
    expect((await stranger.post(`/api/families/${family.familyId}/contacts`, { occurredOn: '2026-06-01', channel: 'sms' })).statusCode).toBe(404);
  });
});

describe('the cadence is fixed: a municipality cannot set it (001:770-771)', () => {
  it('PATCH /api/municipality with a follow-up cadence → 422 cadence_fixed naming the setting; nothing changes', async () => {
    const adminApi = client(t.app, await loginAs(t.app, admin));
    const current = (await adminApi.get('/api/municipality')).json() as { version: number };
    const { status, body } = await refused(() => adminApi.patch('/api/municipality', { settings: { followUpCadence: { sixWeeks: 56 } }, version: current.version }));
    expect(status).toBe(422);
    expect(body.error.code).toBe('cadence_fixed');
    expect(body.error.message).toContain('001:770-771');
    expect(body.error.details[0]!.field).toBe('settings.followUpCadence');
  });
  it('the EFEI status meeting cadence and transition lead time are settings (003:61-66, 004:4088-4095)', async () => {
    const adminApi = client(t.app, await loginAs(t.app, admin));
    const current = (await adminApi.get('/api/municipality')).json() as { version: number };
    const saved = await adminApi.patch('/api/municipality', { settings: { efeiStatusMeetingWeeks: 6, transitionLeadTimeMonths: 18 }, version: current.version });
    expect(saved.statusCode, saved.body).toBe(200);
    const bad = await adminApi.patch('/api/municipality', { settings: { efeiStatusMeetingWeeks: 0 }, version: current.version + 1 });
    expect(bad.statusCode).toBe(422);
    expect((bad.json() as ErrorBody).error.details[0]!.field).toBe('settings.efeiStatusMeetingWeeks');
  });
});

describe('the transition to adult services (004:4088-4095)', () => {
  it('is recorded as started, not in the future', async () => {
    const future = await refused(() => api().request('PUT', `/api/cases/${family.caseId}/transition`, { startedOn: '2026-08-01', version: 0 }));
    expect(future.status).toBe(422);
    expect(future.body.error.details[0]!.field).toBe('startedOn');
    const saved = await api().request('PUT', `/api/cases/${family.caseId}/transition`, { startedOn: '2026-06-30', note: 'Møde med voksenhandicap aftalt', version: 0 });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ startedOn: '2026-06-30', birthDate: family.child.birthDate, leadTimeMonths: 18, version: 1 });
  });
});
