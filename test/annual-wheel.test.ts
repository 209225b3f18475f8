import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app.js';
import {
  client, loginAs, makeFamilyWithCase, makeMeasure, makeMunicipality, makeUser, type Session, type TestFamily, type TestMunicipality, type TestUser,
} from './factories.js';
import { countAll } from './inspect.js';

/**
 * The årshjul per family and year (issue 4 §5, 001:851-884): 12 month fields with follow-ups generated from the
 * cadence, meetings, planned activities and transition milestones, by month without a date; scheduling one gives it a
 * date inside the year; an activity outside the year is refused.
 */

let t: TestApp;
let m: TestMunicipality;
let coordinator: TestUser;
let family: TestFamily;
let teen: TestFamily;
let session: Session;

interface Activity { key: string; id: string | null; source: string; kind: string; title: string | null; caseId: string | null; scheduledAt: string | null; version: number | null }
interface Wheel { year: number; months: Array<{ month: number; activities: Activity[] }>; cases: Array<{ caseId: string }>; abilities: Record<string, boolean> }
interface ErrorBody { error: { code: string; details: Array<{ field: string; code: string }> } }

const api = () => client(t.app, session);
async function wheel(of: TestFamily, year: number): Promise<Wheel> {
  const response = await api().get(`/api/families/${of.familyId}/annual-wheel?year=${year}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Wheel;
}
/** "month:source:kind:title" of every activity, month by month. */
const layout = (w: Wheel) => w.months.flatMap((month) => month.activities.map((a) => `${month.month}:${a.source}:${a.kind}:${a.title ?? ''}`));

beforeAll(async () => {
  t = await createTestApp();
  m = await makeMunicipality(t.db);
  coordinator = await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: true });
  family = await makeFamilyWithCase(t.db, m, { lead: coordinator, model: 'sof', openedOn: '2026-03-02' });
  await makeMeasure(t.db, m, family.caseId, { legalBasisId: 'BL-86', startsOn: '2026-03-02' });
  await t.db.insertInto('contact_log').values({
    municipality_id: m.id, family_id: family.familyId, case_id: family.caseId, kind: 'follow_up', channel: 'phone', occurred_on: '2026-11-01', summary: 'Opfølgning',
  }).execute();
  await t.db.insertInto('meetings').values({
    municipality_id: m.id, case_id: family.caseId, type: 'network_meeting', scheduled_at: '2027-03-10T09:00:00+01:00', created_by: coordinator.id,
  }).execute();
  teen = await makeFamilyWithCase(t.db, m, { lead: coordinator, model: 'sof', openedOn: '2026-03-02', childBirthDate: '2010-03-15' });
  session = await loginAs(t.app, coordinator);
});

afterAll(async () => {
  await t?.close();
});

describe('GET /api/families/:id/annual-wheel', () => {
  it('has 12 months with the follow-ups of the 3-month cadence, counted from the last follow-up, and the year\'s meetings', async () => {
    const w = await wheel(family, 2027);
    expect(w.months.map((x) => x.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(layout(w)).toEqual([
      '2:generated:follow_up:follow_up_three_months',
      '3:meeting:network_meeting:',
      '5:generated:follow_up:follow_up_three_months',
      '8:generated:follow_up:follow_up_three_months',
      '11:generated:follow_up:follow_up_three_months',
    ]);
    // Placed by month without a date (001:862-863).
    expect(w.months[1]!.activities[0]!.scheduledAt).toBeNull();
  });

  it('places the transition milestones: start the transition 12 months before 18, and the 18th birthday', async () => {
    expect(layout(await wheel(teen, 2027))).toEqual(['3:generated:transition_milestone:transition_start']);
    expect(layout(await wheel(teen, 2028))).toEqual(['3:generated:transition_milestone:turns_18']);
  });

  it('refuses a year outside the range with the field named', async () => {
    const response = await api().get(`/api/families/${family.familyId}/annual-wheel?year=1999`);
    expect(response.statusCode).toBe(400);
    expect((response.json() as ErrorBody).error.details[0]!.field).toBe('year');
  });
});

describe('planning and scheduling activities', () => {
  let planId = '';

  it('plans a plan evaluation in June, by month without a date', async () => {
    const response = await api().post(`/api/families/${family.familyId}/annual-wheel/activities`, { year: 2027, month: 6, kind: 'plan_evaluation', title: 'Evaluering af planen' });
    expect(response.statusCode, response.body).toBe(201);
    const june = (response.json() as Wheel).months[5]!.activities;
    expect(june).toEqual([expect.objectContaining({ source: 'planned', kind: 'plan_evaluation', title: 'Evaluering af planen', scheduledAt: null, version: 1 })]);
    planId = june[0]!.id!;
  });

  it('schedules the generated May follow-up into a dated event; it is shown once, with its date', async () => {
    const response = await api().post(`/api/families/${family.familyId}/annual-wheel/activities`, {
      year: 2027, month: 5, kind: 'follow_up', caseId: family.caseId, scheduledAt: '2027-05-04T10:00:00+02:00',
    });
    expect(response.statusCode, response.body).toBe(201);
    const may = (response.json() as Wheel).months[4]!.activities;
    expect(may).toEqual([expect.objectContaining({ source: 'planned', kind: 'follow_up', scheduledAt: '2027-05-04T08:00:00.000Z' })]);
  });

  it('refuses an activity dated outside the wheel\'s year, naming the field; nothing is written', async () => {
    const before = await countAll(t.db);
    const response = await api().post(`/api/families/${family.familyId}/annual-wheel/activities`, {
      year: 2027, month: 12, kind: 'network_meeting', scheduledAt: '2028-01-05T10:00:00+01:00',
    });
    expect(response.statusCode).toBe(422);
    expect((response.json() as ErrorBody).error.details).toEqual([expect.objectContaining({ field: 'scheduledAt', code: 'outside_year' })]);
    const month = await api().post(`/api/families/${family.familyId}/annual-wheel/activities`, { year: 2027, month: 13, kind: 'other' });
    expect(month.statusCode).toBe(400);
    expect((month.json() as ErrorBody).error.details[0]!.field).toBe('month');
    expect(await countAll(t.db)).toEqual(before);
  });

  it('scheduling a planned activity gives it a date and moves it to that month; a stale version is 409', async () => {
    const response = await api().patch(`/api/annual-wheel/activities/${planId}`, { scheduledAt: '2027-07-02T13:00:00+02:00', version: 1 });
    expect(response.statusCode, response.body).toBe(200);
    const w = response.json() as Wheel;
    expect(w.months[5]!.activities).toEqual([]);
    expect(w.months[6]!.activities).toEqual([expect.objectContaining({ id: planId, scheduledAt: '2027-07-02T11:00:00.000Z', version: 2 })]);
    const stale = await api().patch(`/api/annual-wheel/activities/${planId}`, { scheduledAt: null, version: 1 });
    expect(stale.statusCode).toBe(409);
    const outside = await api().patch(`/api/annual-wheel/activities/${planId}`, { scheduledAt: '2026-12-30T10:00:00+01:00', version: 2 });
    expect(outside.statusCode).toBe(422);
    expect((outside.json() as ErrorBody).error.details[0]!.field).toBe('scheduledAt');
  });

  it('is not visible to another municipality (404), for the wheel and the activity', async () => {
    const other = await makeMunicipality(t.db);
    const stranger = client(t.app, await loginAs(t.app, await makeUser(t.db, other, { roles: ['coordinator'] })));
    expect((await stranger.get(`/api/families/${family.familyId}/annual-wheel?year=2027`)).statusCode).toBe(404);
    expect((await stranger.patch(`/api/annual-wheel/activities/${planId}`, { scheduledAt: null, version: 2 })).statusCode).toBe(404);
  });
});
