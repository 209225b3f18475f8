import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { occurrences } from '../src/modules/leaders-meeting/rules.js';
import { createTestApp, type TestApp } from './app.js';
import { client, loginAs, makeFamilyWithCase, makeMeasure, makeMunicipality, makeUser, type Session, type TestFamily, type TestMunicipality, type TestUser } from './factories.js';
import { countAll } from './inspect.js';

/**
 * Issue 9 item 5: the coordination group (EFEI, monthly, 000:240-245) and stop-op meetings (SOF, every 3 months,
 * 001:243) as series with members, an agenda prefilled from data (aggregates and case numbers only, linking to cases
 * the viewer may see), a decision log, and minutes sent to the members through the outbox.
 */

let t: TestApp;
let m: TestMunicipality;
let leader: TestUser;
let coordinator: TestUser;
let schoolHead: TestUser;
let leaderS: Session;
let coordinatorS: Session;
let outsiderS: Session;
let adminS: Session;
let overdue: TestFamily;
let referred: TestFamily;
let disputed: TestFamily;
let escalated: TestFamily;

interface Agenda { source: string; count: number; cases: Array<{ caseNumber: string; caseId: string | null }>; people?: Array<{ name: string; count: number }> }
interface Meeting { id: string; status: string; agenda: Agenda[]; decisions: Array<{ text: string }>; version: number; abilities: Record<string, boolean>; minutesSentAt: string | null }

const item = (meeting: Meeting, source: string) => meeting.agenda.find((a) => a.source === source)!;

beforeAll(async () => {
  t = await createTestApp();
  m = await makeMunicipality(t.db);
  leader = await makeUser(t.db, m, { roles: ['team_leader'], department: 'child_disability', name: 'Tina Teamleder' });
  coordinator = await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: true, name: 'Mette Koordinator' });
  schoolHead = await makeUser(t.db, m, { roles: ['department_head'], department: 'school', name: 'Sune Skoleleder' });
  leaderS = await loginAs(t.app, leader);
  coordinatorS = await loginAs(t.app, coordinator);
  outsiderS = await loginAs(t.app, await makeUser(t.db, m, { roles: ['coordinator'] }));
  adminS = await loginAs(t.app, await makeUser(t.db, m, { roles: ['administrator'] }));

  // An SOF case opened long ago without any follow-up: overdue by the fixed cadence. Led by someone else, so the
  // coordinator may not open it.
  const other = await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: true, name: 'Anden Rådgiver' });
  overdue = await makeFamilyWithCase(t.db, m, { lead: other, model: 'sof', openedOn: '2026-01-05' });
  await makeMeasure(t.db, m, overdue.caseId, { legalBasisId: 'BL-32', startsOn: '2026-01-05' });
  referred = await makeFamilyWithCase(t.db, m, { lead: coordinator, openedOn: '2026-11-02' });
  disputed = await makeFamilyWithCase(t.db, m, { lead: coordinator, openedOn: '2026-11-02' });
  escalated = await makeFamilyWithCase(t.db, m, { lead: coordinator, openedOn: '2026-11-02' });

  const plan = await t.db.insertInto('competence_plan_versions').values({ municipality_id: m.id, version_no: 1, published_by: leader.id, note: 'Plan' }).returning('id').executeTakeFirstOrThrow();
  await sql`insert into decision_proposals (municipality_id, case_id, legal_basis_id, reasoning, child_views_not_obtained_reason, competence_plan_version_id,
      competence_rule_position, status, referral_reason, referred_on, expected_by, proposed_by)
    values (${m.id}, ${referred.caseId}, 'BL-32', 'Begrundelse', 'Barnet er for lille', ${plan.id}, 1, 'referred', 'dissent', '2026-11-10', '2026-12-01', ${coordinator.id})`.execute(t.db);
  const measureId = await makeMeasure(t.db, m, disputed.caseId);
  await sql`insert into measure_financing_versions (municipality_id, case_id, measure_id, version_no, status, reason, dispute_reason, created_by)
    values (${m.id}, ${disputed.caseId}, ${measureId}, 1, 'disputed', 'Fordeling', 'Skolen betaler ikke', ${leader.id})`.execute(t.db);
  await sql`insert into follow_up_escalations (municipality_id, case_id, due_on, counts_from, escalated_on, overdue_days, department_id, team_leader_user_id)
    values (${m.id}, ${escalated.caseId}, '2026-11-01', '2026-09-20', '2026-11-15', 14, ${m.departments.child_disability}, ${leader.id})`.execute(t.db);
});

afterAll(async () => {
  await t?.close();
});

describe('series and meetings', () => {
  it('the rules: monthly and every three months (a 31st becomes the month\'s last day)', () => {
    expect(occurrences('coordination_group', '2027-01-31', 3)).toEqual(['2027-01-31', '2027-02-28', '2027-03-31']);
    expect(occurrences('stop_op', '2026-09-01', 3, '2026-11-22')).toEqual(['2026-12-01', '2027-03-01', '2027-06-01']);
  });

  let seriesId: string;
  let meetingId: string;

  it('a leader creates a coordination group with members; the first meeting is scheduled; members and leaders see it, others 404, admin 403', async () => {
    const response = await client(t.app, leaderS).post('/api/leader-meetings/series', {
      kind: 'coordination_group', title: 'Koordinationsgruppen', firstOn: '2026-11-20', memberUserIds: [leader.id, coordinator.id, schoolHead.id],
    });
    expect(response.statusCode, response.body).toBe(201);
    const series = response.json() as { id: string; intervalMonths: number; meetings: Array<{ id: string; scheduledOn: string }>; nextDates: string[] };
    seriesId = series.id;
    expect(series.intervalMonths).toBe(1);
    expect(series.meetings.map((x) => x.scheduledOn)).toEqual(['2026-11-20']);
    expect(series.nextDates[0]).toBe('2026-12-20');
    meetingId = series.meetings[0]!.id;
    expect((await client(t.app, coordinatorS).get(`/api/leader-meetings/series/${seriesId}`)).statusCode).toBe(200);
    expect((await client(t.app, outsiderS).get(`/api/leader-meetings/series/${seriesId}`)).statusCode).toBe(404);
    expect((await client(t.app, outsiderS).get(`/api/leader-meetings/${meetingId}`)).statusCode).toBe(404);
    expect((await client(t.app, adminS).get(`/api/leader-meetings/${meetingId}`)).statusCode).toBe(403);
    expect((await client(t.app, coordinatorS).post(`/api/leader-meetings/series/${seriesId}/meetings`, {})).statusCode).toBe(403);
    const next = await client(t.app, leaderS).post(`/api/leader-meetings/series/${seriesId}/meetings`, {});
    expect(next.statusCode, next.body).toBe(201);
    expect((next.json() as { scheduledOn: string }).scheduledOn).toBe('2026-12-20');
  });

  it('the agenda is prefilled from data: overdue follow-ups (the cadence\'s own count), caseload, referred decisions, financing disputes, escalations', async () => {
    const meeting = (await client(t.app, leaderS).get(`/api/leader-meetings/${meetingId}`)).json() as Meeting;
    expect(meeting.agenda.map((a) => a.source)).toEqual(['overdue_follow_ups', 'caseload', 'referred_decisions', 'financing_disputes', 'open_escalations']);
    // Hand count through the follow-up page of each case: the agenda's overdue list is exactly the cases it calls overdue.
    const cases = await t.db.selectFrom('cases').select(['id', 'case_number']).where('municipality_id', '=', m.id).where('status', '<>', 'closed').execute();
    const handCount: string[] = [];
    for (const c of cases) {
      const view = (await client(t.app, leaderS).get(`/api/cases/${c.id}/follow-ups`)).json() as { cadence: { bucket: string | null } };
      if (view.cadence.bucket === 'overdue') handCount.push(c.case_number);
    }
    expect(item(meeting, 'overdue_follow_ups').cases.map((c) => c.caseNumber).sort()).toEqual(handCount.sort());
    expect(handCount).toContain(overdue.caseNumber);
    expect(item(meeting, 'caseload').people).toEqual([{ name: 'Mette Koordinator', count: 3 }, { name: 'Anden Rådgiver', count: 1 }]);
    expect(item(meeting, 'referred_decisions').cases).toEqual([{ caseNumber: referred.caseNumber, caseId: referred.caseId }]);
    expect(item(meeting, 'financing_disputes').cases).toEqual([{ caseNumber: disputed.caseNumber, caseId: disputed.caseId }]);
    expect(item(meeting, 'open_escalations').cases).toEqual([{ caseNumber: escalated.caseNumber, caseId: escalated.caseId }]);
    // Aggregates only: no names of children or families anywhere on the agenda.
    const text = JSON.stringify(meeting.agenda);
    for (const f of [overdue, referred, disputed, escalated]) {
      expect(text).not.toContain(f.child.firstName);
      expect(text).not.toContain(f.familyName);
    }
    // A member who may not open a case sees its number without a link.
    const asMember = (await client(t.app, coordinatorS).get(`/api/leader-meetings/${meetingId}`)).json() as Meeting;
    expect(item(asMember, 'overdue_follow_ups').cases.find((c) => c.caseNumber === overdue.caseNumber)!.caseId).toBeNull();
    expect(item(asMember, 'referred_decisions').cases[0]!.caseId).toBe(referred.caseId);
  });

  it('decision log, then held: the agenda is kept as it stood and the minutes go to every member once through the outbox', async () => {
    const bad = await client(t.app, leaderS).post(`/api/leader-meetings/${meetingId}/decisions`, { text: '', responsibleUserId: coordinator.id });
    expect(bad.statusCode).toBe(400);
    const decided = await client(t.app, leaderS).post(`/api/leader-meetings/${meetingId}/decisions`, { text: 'Gennemgå sager uden opfølgning', responsibleUserId: coordinator.id, dueOn: '2026-12-15' });
    expect(decided.statusCode, decided.body).toBe(200);
    expect((decided.json() as Meeting).decisions.map((d) => d.text)).toEqual(['Gennemgå sager uden opfølgning']);
    expect((await client(t.app, coordinatorS).post(`/api/leader-meetings/${meetingId}/decisions`, { text: 'x', responsibleUserId: coordinator.id })).statusCode).toBe(403);

    const before = await countAll(t.db);
    const stale = await client(t.app, leaderS).post(`/api/leader-meetings/${meetingId}/hold`, { minutes: 'Referat', version: 99 });
    expect(stale.statusCode).toBe(409);
    expect(await countAll(t.db)).toEqual(before);
    const held = await client(t.app, leaderS).post(`/api/leader-meetings/${meetingId}/hold`, { minutes: 'Vi gennemgik dagsordenen.', version: 1 });
    expect(held.statusCode, held.body).toBe(200);
    expect((held.json() as Meeting)).toMatchObject({ status: 'held' });
    const mails = await t.db.selectFrom('outbox_messages').select(['recipient', 'body']).where('dedupe_key', 'like', `leader_minutes:${meetingId}:%`).execute();
    expect(mails.map((x) => x.recipient).sort()).toEqual([leader.email, coordinator.email, schoolHead.email].sort());
    expect(mails[0]!.body).toContain(`/leader-meetings/${meetingId}`);
    const again = await client(t.app, leaderS).post(`/api/leader-meetings/${meetingId}/hold`, { minutes: 'Igen', version: 2 });
    expect(again.json()).toMatchObject({ error: { code: 'already_held' } });

    // The escalation is resolved afterwards: the held meeting's agenda still shows it as it stood.
    await sql`update follow_up_escalations set resolved_at = now(), resolution = 'follow_up_held' where case_id = ${escalated.caseId}`.execute(t.db);
    const after = (await client(t.app, leaderS).get(`/api/leader-meetings/${meetingId}`)).json() as Meeting;
    expect(item(after, 'open_escalations').count).toBe(1);
  });

  it('a planned meeting in the future cannot be held yet (422 naming scheduledOn); a series without members → 400', async () => {
    const series = (await client(t.app, leaderS).get(`/api/leader-meetings/series/${seriesId}`)).json() as { meetings: Array<{ id: string; status: string }> };
    const planned = series.meetings.find((x) => x.status === 'planned')!;
    const r = await client(t.app, leaderS).post(`/api/leader-meetings/${planned.id}/hold`, { minutes: 'x', version: 1 });
    expect(r.json()).toMatchObject({ error: { code: 'meeting_not_yet', details: [{ field: 'scheduledOn' }] } });
    const none = await client(t.app, leaderS).post('/api/leader-meetings/series', { kind: 'stop_op', title: 'Stop-op', firstOn: '2026-12-01', memberUserIds: [] });
    expect(none.statusCode).toBe(400);
  });
});
