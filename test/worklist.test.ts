import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testToday, type TestApp } from './app.js';
import {
  addTeamMember, client, loginAs, makeFamilyWithCase, makeMeasure, makeMunicipality, makeUser,
  type Session, type TestFamily, type TestMunicipality, type TestUser,
} from './factories.js';

/**
 * The caseworker's worklist (issue 4 §2) on 22 November 2026: follow-ups overdue, due today and this week, EFEI status
 * meetings at the municipality's cadence, meetings coming, agreements past their deadline, contact drift and a child
 * approaching 18 — each linking to where it is done — and "Mine familier"'s next action from the same items.
 */

let t: TestApp;
let m: TestMunicipality;
let me: TestUser;
let colleague: TestUser;
let session: Session;
const f = {} as Record<'overdue' | 'today' | 'week' | 'onTime' | 'efei' | 'teen' | 'colleagues', TestFamily>;

interface Item { kind: string; bucket: string; dueOn: string; familyId: string; caseId: string; refId: string | null; detail: string | null; link: string }
interface Worklist { today: string; items: Item[]; counts: { overdue: number; today: number; thisWeek: number } }

const api = () => client(t.app, session);
async function worklist(): Promise<Worklist> {
  const response = await api().get('/api/worklist');
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Worklist;
}
const itemsOf = (list: Worklist, family: TestFamily) => list.items.filter((i) => i.familyId === family.familyId).map((i) => `${i.kind}:${i.bucket}:${i.dueOn}`);

async function followUp(family: TestFamily, on: string) {
  await t.db.insertInto('contact_log').values({
    municipality_id: m.id, family_id: family.familyId, case_id: family.caseId, kind: 'follow_up', channel: 'phone', occurred_on: on, summary: 'Opfølgning', recorded_by: me.id,
  }).execute();
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.db;
  m = await makeMunicipality(db);
  await db.updateTable('municipalities').set({ settings: JSON.stringify({ efeiStatusMeetingWeeks: 4, transitionLeadTimeMonths: 12 }) }).where('id', '=', m.id).execute();
  me = await makeUser(db, m, { roles: ['coordinator'], hasAuthority: true });
  colleague = await makeUser(db, m, { roles: ['coordinator'] });

  // SOF, §32 (6 weeks), last follow-up 1 October → due 12 November: overdue.
  f.overdue = await makeFamilyWithCase(db, m, { lead: me, model: 'sof', openedOn: '2026-03-02' });
  await makeMeasure(db, m, f.overdue.caseId, { legalBasisId: 'BL-32', startsOn: '2026-03-02' });
  await followUp(f.overdue, '2026-10-01');
  // SOF, §86 only (3 months), opened 22 August, never followed up → due today.
  f.today = await makeFamilyWithCase(db, m, { lead: me, model: 'sof', openedOn: '2026-08-22' });
  await makeMeasure(db, m, f.today.caseId, { legalBasisId: 'BL-86', startsOn: '2026-08-22' });
  // SOF, §86, followed up 25 August → due 25 November: this week.
  f.week = await makeFamilyWithCase(db, m, { lead: me, model: 'sof', openedOn: '2026-03-02' });
  await makeMeasure(db, m, f.week.caseId, { legalBasisId: 'BL-86', startsOn: '2026-03-02' });
  await followUp(f.week, '2026-08-25');
  // SOF, §86, followed up 1 November → due 1 February: on time, not on the worklist.
  f.onTime = await makeFamilyWithCase(db, m, { lead: me, model: 'sof', openedOn: '2026-03-02' });
  await makeMeasure(db, m, f.onTime.caseId, { legalBasisId: 'BL-86', startsOn: '2026-03-02' });
  await followUp(f.onTime, '2026-11-01');
  // EFEI: status meeting every 4 weeks (municipality setting), opened 20 October → due 17 November: overdue.
  f.efei = await makeFamilyWithCase(db, m, { lead: me, model: 'efei', openedOn: '2026-10-20' });
  // A child turning 18 on 1 June 2027: the transition should have started by 1 June 2026.
  f.teen = await makeFamilyWithCase(db, m, { lead: me, model: 'sof', openedOn: '2026-03-02', childBirthDate: '2009-06-01' });
  // Someone else's case, where I am only on the core team and invited to a meeting.
  f.colleagues = await makeFamilyWithCase(db, m, { lead: colleague, model: 'sof', openedOn: '2026-03-02' });
  await makeMeasure(db, m, f.colleagues.caseId, { legalBasisId: 'BL-32', startsOn: '2026-03-02' });
  await addTeamMember(db, f.colleagues.caseId, me);

  const meeting = await db.insertInto('meetings').values({
    municipality_id: m.id, case_id: f.overdue.caseId, type: 'network_meeting', scheduled_at: '2026-11-24T09:00:00+01:00', created_by: me.id,
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('meeting_agreements').values([
    { municipality_id: m.id, meeting_id: meeting.id, text: 'Skolen sender skema', owner_user_id: colleague.id, due_on: '2026-11-20' },
    { municipality_id: m.id, meeting_id: meeting.id, text: 'Afsluttet aftale', owner_user_id: colleague.id, due_on: '2026-11-20', status: 'done' },
    { municipality_id: m.id, meeting_id: meeting.id, text: 'Senere aftale', owner_user_id: colleague.id, due_on: '2027-01-20' },
  ]).execute();
  const colleaguesMeeting = await db.insertInto('meetings').values({
    municipality_id: m.id, case_id: f.colleagues.caseId, type: 'status_meeting', scheduled_at: '2026-11-26T13:00:00+01:00', created_by: colleague.id,
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('meeting_participants').values({ municipality_id: m.id, meeting_id: colleaguesMeeting.id, kind: 'user', user_id: me.id }).execute();
  await db.insertInto('meetings').values({
    municipality_id: m.id, case_id: f.colleagues.caseId, type: 'network_meeting', scheduled_at: '2026-11-27T13:00:00+01:00', created_by: colleague.id,
  }).execute();

  // Contact drift: "today" agreed contact every 14 days, last contact 15 October → too little since 29 October.
  await db.insertInto('contact_agreements').values({
    municipality_id: m.id, family_id: f.today.familyId, revision: 1, channels: ['phone'], every_days: 14, recorded_at: '2026-10-01T10:00:00Z', recorded_by: me.id,
  }).execute();
  await db.insertInto('contact_log').values({ municipality_id: m.id, family_id: f.today.familyId, kind: 'informal', channel: 'call', occurred_on: '2026-10-15' }).execute();
  // "onTime" prefers space: at most 1 contact in 30 days, but had 2 outgoing (and 1 incoming, which does not count).
  await db.insertInto('contact_agreements').values({
    municipality_id: m.id, family_id: f.onTime.familyId, revision: 1, channels: ['sms'], every_days: 90, prefers_space: true, max_contacts_per_30_days: 1,
    recorded_at: '2026-09-01T10:00:00Z', recorded_by: me.id,
  }).execute();
  await db.insertInto('contact_log').values([
    { municipality_id: m.id, family_id: f.onTime.familyId, kind: 'informal', channel: 'sms', occurred_on: '2026-11-10' },
    { municipality_id: m.id, family_id: f.onTime.familyId, kind: 'informal', channel: 'call', occurred_on: '2026-11-12', direction: 'incoming' },
  ]).execute();
  session = await loginAs(t.app, me);
});

afterAll(async () => {
  await t?.close();
});

describe('GET /api/worklist', () => {
  it('groups follow-ups into overdue, today and this week, and leaves on-time families off', async () => {
    const list = await worklist();
    expect(list.today).toBe(testToday);
    expect(itemsOf(list, f.overdue)).toContain('follow_up_due:overdue:2026-11-12');
    expect(itemsOf(list, f.today)).toContain('follow_up_due:today:2026-11-22');
    expect(itemsOf(list, f.week)).toEqual(['follow_up_due:this_week:2026-11-25']);
    expect(itemsOf(list, f.onTime).filter((i) => i.startsWith('follow_up'))).toEqual([]);
    expect(list.items.find((i) => i.familyId === f.overdue.familyId && i.kind === 'follow_up_due')!.link).toBe(`/cases/${f.overdue.caseId}/follow-ups/new`);
  });

  it('shows EFEI status meetings at the municipality\'s cadence (003:61-66)', async () => {
    expect(itemsOf(await worklist(), f.efei)).toEqual(['status_meeting_due:overdue:2026-11-17']);
  });

  it('shows coming meetings on my cases and meetings I am invited to, and open agreements past their deadline', async () => {
    const list = await worklist();
    expect(itemsOf(list, f.overdue)).toEqual(expect.arrayContaining(['meeting:this_week:2026-11-24', 'agreement_due:overdue:2026-11-20']));
    expect(list.items.filter((i) => i.kind === 'agreement_due')).toHaveLength(1);
    expect(list.items.find((i) => i.kind === 'agreement_due')!.detail).toBe('Skolen sender skema');
    // On the colleague's case: the meeting I take part in, not the one I do not, and no follow-up (the lead's job).
    expect(itemsOf(list, f.colleagues)).toEqual(['meeting:this_week:2026-11-26']);
  });

  it('warns about contact drift: too little against the agreement, too much for a family that prefers space', async () => {
    const list = await worklist();
    expect(itemsOf(list, f.today)).toContain('contact_too_little:overdue:2026-10-29');
    expect(itemsOf(list, f.onTime)).toEqual(['contact_too_much:today:2026-11-22']);
    expect(list.items.find((i) => i.kind === 'contact_too_much')!.link).toBe(`/families/${f.onTime.familyId}/contact`);
  });

  it('warns when a child approaching 18 has not started the transition, until it is recorded (004:4088-4095)', async () => {
    expect(itemsOf(await worklist(), f.teen)).toEqual(['transition_not_started:overdue:2026-06-01']);
    const saved = await api().request('PUT', `/api/cases/${f.teen.caseId}/transition`, { startedOn: testToday, version: 0 });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(itemsOf(await worklist(), f.teen)).toEqual([]);
  });

  it('counts the groups and sorts the most urgent first', async () => {
    const list = await worklist();
    const order = { overdue: 0, today: 1, this_week: 2 } as Record<string, number>;
    const buckets = list.items.map((i) => order[i.bucket]!);
    expect([...buckets].sort((a, b) => a - b)).toEqual(buckets);
    expect(list.counts.overdue).toBe(list.items.filter((i) => i.bucket === 'overdue').length);
    expect(list.counts.overdue).toBeGreaterThanOrEqual(4);
  });

  it('completing the overdue follow-up moves it to its next due date, off the worklist', async () => {
    const done = await api().post(`/api/cases/${f.overdue.caseId}/follow-ups`, { occurredOn: testToday, form: 'home_visit', summary: 'Hjemmebesøg' });
    expect(done.statusCode, done.body).toBe(201);
    expect(done.json()).toMatchObject({ cadence: { dueOn: '2027-01-03', bucket: 'later' } });
    expect(itemsOf(await worklist(), f.overdue).filter((i) => i.startsWith('follow_up'))).toEqual([]);
  });

  it('writes one audit row naming the families and cases shown', async () => {
    const before = await t.db.selectFrom('audit_log').select('seq').where('entity_type', '=', 'worklist').execute();
    const list = await worklist();
    const rows = await t.db.selectFrom('audit_log').select(['family_ids', 'case_ids']).where('entity_type', '=', 'worklist').orderBy('seq').execute();
    expect(rows).toHaveLength(before.length + 1);
    expect(new Set(rows.at(-1)!.family_ids)).toEqual(new Set(list.items.map((i) => i.familyId)));
  });

  it('shows another municipality\'s coordinator nothing of mine; a parent may not have a worklist', async () => {
    const other = await makeMunicipality(t.db);
    const stranger = client(t.app, await loginAs(t.app, await makeUser(t.db, other, { roles: ['coordinator'] })));
    expect((await stranger.get('/api/worklist')).json()).toMatchObject({ items: [] });
    const parent = await makeUser(t.db, m, { roles: ['parent'], personId: f.today.parent.id });
    // Parents log in to the family portal only (issue 5 item 1): the staff login refuses them, so no worklist either.
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: parent.email, password: parent.password } });
    expect(login.json()).toMatchObject({ error: { code: 'use_portal' } });
  });
});

describe('"Mine familier" shows each family\'s next action from the same items', () => {
  it('the most urgent item per family, including follow-ups due after this week', async () => {
    const response = await api().get('/api/my-families');
    expect(response.statusCode, response.body).toBe(200);
    const families = response.json() as Array<{ familyId: string; nextAction: string | null; nextActionItem: Item | null }>;
    const of = (family: TestFamily) => families.find((x) => x.familyId === family.familyId)!;
    expect(of(f.efei).nextActionItem).toMatchObject({ kind: 'status_meeting_due', bucket: 'overdue' });
    expect(of(f.efei).nextAction).toBe(`Statusmøde (${f.efei.child.firstName}): forfalden 17.11.2026`);
    expect(of(f.week).nextAction).toBe(`Opfølgning (${f.week.child.firstName}): 25.11.2026`);
    expect(of(f.onTime).nextActionItem).toMatchObject({ kind: 'contact_too_much' });
    expect(of(f.overdue).nextActionItem).toMatchObject({ kind: 'agreement_due', bucket: 'overdue' });
  });
});
