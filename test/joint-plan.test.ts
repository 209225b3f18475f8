import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../src/platform/db/tenant.js';
import { planFactsForFamily } from '../src/modules/plan/facts.js';
import { createTestApp, type TestApp } from './app.js';
import {
  addTeamMember, client, loginAs, makeFamilyWithCase, makeMeasure, makeMunicipality, makeUser,
  type Session, type TestFamily, type TestMunicipality, type TestUser,
} from './factories.js';
import { auditHead, auditRowsAfter, countAll } from './inspect.js';
import { givePortalEmail, loginToPortal } from './portal-fixtures.js';

/**
 * The joint plan (issue 3 §4): one per family, SMARTE goals with owners, activities and statuses, every revision a new
 * immutable version with who/when/why, agreed with the family, two versions compared, a Danish PDF.
 */

let t: TestApp;
let m: TestMunicipality;
let family: TestFamily;
let otherFamily: TestFamily;
let coordinator: TestUser;
let coreMember: TestUser;
let outsider: TestUser;
let session: Session;
let measureId: string;
let meetingId: string;
let otherMeetingId: string;

interface ErrorBody { error: { code: string; message: string; details: Array<{ field: string; code: string; message: string }> } }
interface Goal {
  goalKey: string; title: string; status: string; statusMeetingId: string | null; startsOn: string; endsOn: string; familyWords: string | null;
  professionalAssessment: string | null; owners: Array<{ kind: string; name: string }>; activities: Array<{ description: string; dueOn: string; responsible: { name: string } }>;
  measures: Array<{ id: string; label: string }>; departments: Array<{ id: string; name: string }>; evaluation: string; accepted: string;
}
interface Plan {
  familyId: string; planId: string | null; latestVersion: number | null; latestAgreedVersion: number | null;
  version: null | { number: number; basedOn: number | null; reason: string; createdBy: string; createdAt: string; state: string; latest: boolean;
    agreement: null | { agreedOn: string; parties: Array<{ name: string; familyMember: boolean }> }; goals: Goal[] };
  versions: Array<{ number: number; state: string; reason: string }>; childVoice: unknown[]; abilities: Record<string, boolean>;
}
type Response = Awaited<ReturnType<TestApp['app']['inject']>>;

const api = (s: Session = session) => client(t.app, s);
const planUrl = () => `/api/families/${family.familyId}/plan`;

function goal(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Emil kan sove i eget værelse',
    concernsPersonId: family.child.id,
    horizon: 'short',
    specific: 'Emil sover i sin egen seng hele natten.',
    measurable: 'Fem nætter om ugen, skrevet i søvndagbog.',
    accepted: 'Emil og forældrene vil gerne – det var deres eget ønske.',
    realistic: 'Med aflastning og et fast aftenritual.',
    startsOn: '2026-12-01',
    endsOn: '2027-03-01',
    evaluation: 'Følges op på statusmødet i marts ud fra søvndagbogen.',
    familyWords: 'Vi vil gerne kunne sove en hel nat igen.',
    professionalAssessment: 'Søvnen er den største belastning for familien lige nu.',
    owners: [{ kind: 'person', personId: family.parent.id }, { kind: 'user', userId: coordinator.id }],
    measureIds: [measureId],
    departmentIds: [m.departments.child_disability],
    activities: [
      { description: 'Søge aflastning hver anden weekend', responsible: { kind: 'user', userId: coordinator.id }, dueOn: '2026-12-15' },
      { description: 'Føre søvndagbog', responsible: { kind: 'person', personId: family.parent.id }, dueOn: '2027-01-15' },
    ],
    ...overrides,
  };
}

const schoolGoal = () => goal({
  title: 'Emil trives i skolen', horizon: 'long', startsOn: '2026-12-01', endsOn: '2027-06-30', familyWords: null,
  owners: [{ kind: 'partner', name: 'Klasselærer Ole, Demo Skole' }], departmentIds: [m.departments.school], measureIds: [], activities: [],
});

async function refused(send: () => Promise<Response>): Promise<{ status: number; body: ErrorBody }> {
  const before = await countAll(t.db);
  const response = await send();
  expect(await countAll(t.db), `${response.statusCode} ${response.body}`).toEqual(before);
  return { status: response.statusCode, body: response.json() as ErrorBody };
}

function ok<T = Plan>(response: Response, status = 200): T {
  expect(response.statusCode, response.body).toBe(status);
  return response.json() as T;
}

beforeAll(async () => {
  t = await createTestApp();
  m = await makeMunicipality(t.db);
  coordinator = await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: true, name: 'Mette Koordinator' });
  coreMember = await makeUser(t.db, m, { roles: ['core_team_member'], department: 'ppr', name: 'Lars PPR' });
  outsider = await makeUser(t.db, m, { roles: ['coordinator'], name: 'Uden Adgang' });
  family = await makeFamilyWithCase(t.db, m, { lead: coordinator, model: 'efei' });
  otherFamily = await makeFamilyWithCase(t.db, m, { lead: coordinator, model: 'sof' });
  await addTeamMember(t.db, family.caseId, coreMember);
  measureId = await makeMeasure(t.db, m, family.caseId, { legalBasisId: 'BL-90-2', description: 'Aflastning' });
  const meeting = await t.db.insertInto('meetings').values({
    municipality_id: m.id, case_id: family.caseId, type: 'status_meeting', scheduled_at: '2026-11-20T09:00:00Z', created_by: coordinator.id,
  }).returning('id').executeTakeFirstOrThrow();
  meetingId = meeting.id;
  const other = await t.db.insertInto('meetings').values({
    municipality_id: m.id, case_id: otherFamily.caseId, type: 'status_meeting', scheduled_at: '2026-11-20T09:00:00Z', created_by: coordinator.id,
  }).returning('id').executeTakeFirstOrThrow();
  otherMeetingId = other.id;
  session = await loginAs(t.app, coordinator);
});

afterAll(async () => {
  await t?.close();
});

describe('joint plan: one per family, SMARTE goals, versions', () => {
  it('before a plan exists, the family shows none and the coordinator may create one', async () => {
    const plan = ok(await api().get(planUrl()));
    expect(plan.planId).toBeNull();
    expect(plan.version).toBeNull();
    expect(plan.abilities.canCreate).toBe(true);
  });

  it('a goal without an owner is refused with 422 goal_owner_required naming the field (000:783-784); nothing is written', async () => {
    const { status, body } = await refused(() => api().post(planUrl(), { reason: 'Første plan', goals: [goal(), goal({ owners: [] })] }));
    expect(status).toBe(422);
    expect(body.error.code).toBe('goal_owner_required');
    expect(body.error.details).toEqual([expect.objectContaining({ field: 'goals.1.owners', code: 'goal_owner_required' })]);
  });

  it('a goal ending before it starts is refused with 422 goal_period_invalid naming goals.N.endsOn; nothing is written', async () => {
    const { status, body } = await refused(() => api().post(planUrl(), { reason: 'Første plan', goals: [goal({ startsOn: '2027-03-01', endsOn: '2027-02-28' })] }));
    expect(status).toBe(422);
    expect(body.error.code).toBe('goal_period_invalid');
    expect(body.error.details[0]).toMatchObject({ field: 'goals.0.endsOn', code: 'end_before_start' });
  });

  it('owners, measures and meetings must belong to the family: another family\'s meeting or a stranger is refused (422)', async () => {
    const stranger = await refused(() => api().post(planUrl(), { reason: 'Første plan', goals: [goal({ owners: [{ kind: 'person', personId: otherFamily.parent.id }] })] }));
    expect(stranger.status).toBe(422);
    expect(stranger.body.error.details[0]).toMatchObject({ field: 'goals.0.owners.0.personId', code: 'not_family_member' });
    const meeting = await refused(() => api().post(planUrl(), { reason: 'Første plan', meetingId: otherMeetingId, goals: [goal()] }));
    expect(meeting.status).toBe(422);
    expect(meeting.body.error.code).toBe('meeting_not_of_family');
  });

  it('a revision without a reason is refused naming the field reason', async () => {
    const { status, body } = await refused(() => api().post(planUrl(), { reason: '  ', goals: [goal()] }));
    expect(status).toBe(400);
    expect(body.error.details.map((d) => d.field)).toContain('reason');
  });

  it('the coordinator creates version 1 as a draft, recording who, when and why, audited in the same transaction', async () => {
    const head = await auditHead(t.db, m.id);
    const plan = ok(await api().post(planUrl(), { reason: 'Plan efter opsamlende møde', meetingId, goals: [goal(), schoolGoal()] }), 201);
    expect(plan.version).toMatchObject({ number: 1, basedOn: null, reason: 'Plan efter opsamlende møde', createdBy: 'Mette Koordinator', state: 'draft', latest: true });
    expect(plan.version!.createdAt).toBe('2026-11-22T10:00:00.000Z');
    const [sleep, school] = plan.version!.goals;
    expect(sleep!.owners.map((o) => o.name)).toEqual([`${family.parent.firstName} ${family.parent.lastName}`, 'Mette Koordinator']);
    expect(sleep!.familyWords).toBe('Vi vil gerne kunne sove en hel nat igen.');
    expect(sleep!.professionalAssessment).toContain('største belastning');
    expect(sleep!.measures[0]!.label).toBe('BL §90 nr. 2');
    expect(sleep!.activities.map((a) => a.responsible.name)).toEqual(['Mette Koordinator', `${family.parent.firstName} ${family.parent.lastName}`]);
    expect(school!.owners).toEqual([expect.objectContaining({ kind: 'partner', name: 'Klasselærer Ole, Demo Skole' })]);
    expect(plan.abilities).toMatchObject({ canCreate: false, canRevise: true, canAgree: true });
    const rows = await auditRowsAfter(t.db, m.id, head);
    expect(rows.map((r) => [r.action, r.entity_type])).toEqual([['create', 'joint_plan']]);
    expect(rows[0]!.family_ids).toEqual([family.familyId]);
    expect(rows[0]!.case_ids).toEqual([family.caseId]);
  });

  it('one joint plan per family: creating a second is refused with 409 one_plan_per_family', async () => {
    const { status, body } = await refused(() => api().post(planUrl(), { reason: 'Endnu en plan', goals: [goal()] }));
    expect(status).toBe(409);
    expect(body.error.code).toBe('one_plan_per_family');
  });

  it('a revision is a new version based on the latest; goals keep their key so the versions can be compared', async () => {
    const v1 = ok(await api().get(planUrl())).version!;
    const [sleep, school] = v1.goals;
    const revised = ok(await api().post(`${planUrl()}/versions`, {
      baseVersion: 1, reason: 'Skolemålet erstattes af et mål om fritid',
      goals: [
        goal({ goalKey: sleep!.goalKey, title: 'Emil sover i eget værelse fem nætter om ugen', endsOn: '2027-04-01' }),
        goal({ title: 'Emil går til svømning', owners: [{ kind: 'person', personId: family.parent.id }], activities: [] }),
      ],
    }), 201);
    expect(revised.version).toMatchObject({ number: 2, basedOn: 1, state: 'draft', latest: true });
    expect(revised.versions.map((v) => v.number)).toEqual([2, 1]);
    expect(revised.version!.goals[0]!.goalKey).toBe(sleep!.goalKey);
    // The old version is unchanged.
    const old = ok(await api().get(`${planUrl()}/versions/1`)).version!;
    expect(old.goals.map((g) => g.title)).toEqual([sleep!.title, school!.title]);
    expect(old.latest).toBe(false);

    const diff = ok<{ from: number; to: number; added: Array<{ title: string }>; removed: Array<{ title: string }>; changed: Array<{ goalKey: string; changes: Array<{ field: string; before: unknown; after: unknown }> }> }>(
      await api().get(`${planUrl()}/compare?from=1&to=2`));
    expect(diff.added.map((g) => g.title)).toEqual(['Emil går til svømning']);
    expect(diff.removed.map((g) => g.title)).toEqual(['Emil trives i skolen']);
    expect(diff.changed).toHaveLength(1);
    expect(diff.changed[0]!.goalKey).toBe(sleep!.goalKey);
    expect(diff.changed[0]!.changes).toEqual([
      { field: 'title', before: 'Emil kan sove i eget værelse', after: 'Emil sover i eget værelse fem nætter om ugen' },
      { field: 'endsOn', before: '2027-03-01', after: '2027-04-01' },
    ]);
  });

  it('editing an old version is refused with 409 plan_version_superseded naming baseVersion; nothing is written', async () => {
    const { status, body } = await refused(() => api().post(`${planUrl()}/versions`, { baseVersion: 1, reason: 'Ret version 1', goals: [goal()] }));
    expect(status).toBe(409);
    expect(body.error.code).toBe('plan_version_superseded');
    expect(body.error.details[0]).toMatchObject({ field: 'baseVersion', code: 'plan_version_superseded' });
    const agreeOld = await refused(() => api().post(`${planUrl()}/versions/1/agreement`, { agreedOn: '2026-11-22', personIds: [family.parent.id] }));
    expect(agreeOld.status).toBe(409);
    expect(agreeOld.body.error.code).toBe('plan_version_superseded');
    const statusOld = await refused(() => api().post(`${planUrl()}/versions/1/statuses`, { reason: 'Status', updates: [{ goalKey: '00000000-0000-4000-8000-000000000000', status: 'achieved' }] }));
    expect(statusOld.status).toBe(409);
  });

  it('a goal key that is not in the base version is refused (422 plan_reference_invalid)', async () => {
    const { status, body } = await refused(() => api().post(`${planUrl()}/versions`, {
      baseVersion: 2, reason: 'Ukendt mål', goals: [goal({ goalKey: '00000000-0000-4000-8000-000000000000' })],
    }));
    expect(status).toBe(422);
    expect(body.error.details[0]).toMatchObject({ field: 'goals.0.goalKey', code: 'goal_key_unknown' });
  });

  it('versions are immutable in the database too: the app role cannot update or delete a goal', async () => {
    await expect(inTenant(t.db, m.id, (trx) => trx.updateTable('joint_plan_goals').set({ title: 'Ændret i smug' }).execute())).rejects.toThrow();
    await expect(inTenant(t.db, m.id, (trx) => trx.deleteFrom('joint_plan_versions').execute())).rejects.toThrow();
    const titles = await t.db.selectFrom('joint_plan_goals').select('title').execute();
    expect(titles.map((r) => r.title)).not.toContain('Ændret i smug');
  });
});

describe('goal status from meetings and agreement with the family', () => {
  it('a core-team member (minute taker) updates goal statuses from a meeting as a new version; another family\'s meeting is refused', async () => {
    const coreSession = await loginAs(t.app, coreMember);
    const v2 = ok(await api(coreSession).get(planUrl())).version!;
    const sleepKey = v2.goals[0]!.goalKey;
    const wrong = await refused(() => api(coreSession).post(`${planUrl()}/versions/2/statuses`, {
      reason: 'Statusmøde', meetingId: otherMeetingId, updates: [{ goalKey: sleepKey, status: 'in_progress' }],
    }));
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.code).toBe('meeting_not_of_family');
    const plan = ok(await api(coreSession).post(`${planUrl()}/versions/2/statuses`, {
      reason: 'Statusmøde 20. november', meetingId, updates: [{ goalKey: sleepKey, status: 'in_progress', note: 'Tre nætter om ugen nu' }],
    }), 201);
    expect(plan.version).toMatchObject({ number: 3, basedOn: 2, state: 'draft' });
    expect(plan.version!.goals[0]).toMatchObject({ status: 'in_progress', statusMeetingId: meetingId });
    expect(plan.version!.goals[1]).toMatchObject({ status: 'not_started', statusMeetingId: null });
    // The core-team member records statuses but does not otherwise revise or agree the plan.
    expect(plan.abilities).toMatchObject({ canRevise: false, canUpdateStatus: true, canAgree: false });
    const revise = await refused(() => api(coreSession).post(`${planUrl()}/versions`, { baseVersion: 3, reason: 'x', goals: [] }));
    expect(revise.status).toBe(403);
  });

  it('agreeing without a family member is refused with 422 plan_agreed_with_family (000:745-747)', async () => {
    const { status, body } = await refused(() => api().post(`${planUrl()}/versions/3/agreement`, { agreedOn: '2026-11-22', personIds: [], userIds: [coordinator.id] }));
    expect(status).toBe(422);
    expect(body.error.code).toBe('plan_agreed_with_family');
    expect(body.error.details[0]!.field).toBe('personIds');
  });

  it('the latest version is agreed with the parent on a date; the flow sees the agreed version; agreeing twice is refused', async () => {
    await inTenant(t.db, m.id, async (trx) => expect(await planFactsForFamily(trx, family.familyId)).toEqual({ agreedAt: null, version: null }));
    const plan = ok(await api().post(`${planUrl()}/versions/3/agreement`, { agreedOn: '2026-11-21', personIds: [family.parent.id], userIds: [coordinator.id] }));
    expect(plan.version).toMatchObject({ number: 3, state: 'agreed' });
    expect(plan.version!.agreement).toMatchObject({ agreedOn: '2026-11-21' });
    expect(plan.version!.agreement!.parties).toEqual([
      expect.objectContaining({ name: `${family.parent.firstName} ${family.parent.lastName}`, familyMember: true }),
      expect.objectContaining({ name: 'Mette Koordinator', familyMember: false }),
    ]);
    expect(plan.latestAgreedVersion).toBe(3);
    await inTenant(t.db, m.id, async (trx) => expect(await planFactsForFamily(trx, family.familyId)).toEqual({ agreedAt: '2026-11-22T10:00:00.000Z', version: 3 }));
    const again = await refused(() => api().post(`${planUrl()}/versions/3/agreement`, { agreedOn: '2026-11-22', personIds: [family.parent.id] }));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('plan_version_already_agreed');
  });

  it('a later revision is a draft again, while the flow still sees the last agreed version', async () => {
    const v3 = ok(await api().get(planUrl())).version!;
    const plan = ok(await api().post(`${planUrl()}/versions`, {
      baseVersion: 3, reason: 'Svømning droppes', goals: [goal({ goalKey: v3.goals[0]!.goalKey, status: 'in_progress' })],
    }), 201);
    expect(plan.version).toMatchObject({ number: 4, state: 'draft' });
    expect(plan.latestAgreedVersion).toBe(3);
    await inTenant(t.db, m.id, async (trx) => expect((await planFactsForFamily(trx, family.familyId)).version).toBe(3));
  });
});

describe('who sees the plan, and the PDF', () => {
  it('the parent reads their own family\'s plan in the family portal (not the child\'s voice) and can change nothing', async () => {
    // Parents log in to the portal (issue 5 item 1); its session reads the own family's plan at /api/portal/plan.
    const parentSession = { ...await loginToPortal(t.app, t.db, await givePortalEmail(t.db, family.parent.id)), userId: '' };
    const plan = ok(await api(parentSession).get('/api/portal/plan'));
    expect(plan.familyId).toBe(family.familyId);
    expect(plan.version!.number).toBe(4);
    expect(plan.childVoice).toEqual([]);
    expect(plan.abilities).toMatchObject({ canRevise: false, canAgree: false, canUpdateStatus: false });
    // A portal session opens no staff route: no change to the plan, no other family's plan (401 before any lookup).
    const { status } = await refused(() => api(parentSession).post(`${planUrl()}/versions`, { baseVersion: 4, reason: 'Forælder retter', goals: [] }));
    expect(status).toBe(401);
    const other = await api(parentSession).get(`/api/families/${otherFamily.familyId}/plan`);
    expect(other.statusCode).toBe(401);
  });

  it('a coordinator without need-to-know gets 404 for the plan, its versions, the comparison and the PDF', async () => {
    const s = await loginAs(t.app, outsider);
    for (const url of [planUrl(), `${planUrl()}/versions/1`, `${planUrl()}/compare?from=1&to=2`, `${planUrl()}/pdf`]) {
      const response = await api(s).get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    }
  });

  it('staff of another municipality get 404 not_found from every plan and child-voice route, the same answer as for unknown ids; nothing is written', async () => {
    const other = await makeMunicipality(t.db);
    const foreign = await makeUser(t.db, other, { roles: ['coordinator'], hasAuthority: true });
    const s = await loginAs(t.app, foreign);
    const unknown = '00000000-0000-4000-8000-000000000001';
    const routes: Array<[string, (familyId: string, childId: string) => string, unknown?]> = [
      ['GET', (f) => `/api/families/${f}/plan`],
      ['POST', (f) => `/api/families/${f}/plan`, { reason: 'Udefra', goals: [] }],
      ['POST', (f) => `/api/families/${f}/plan/versions`, { baseVersion: 4, reason: 'Udefra', goals: [] }],
      ['GET', (f) => `/api/families/${f}/plan/versions/1`],
      ['POST', (f) => `/api/families/${f}/plan/versions/4/statuses`, { reason: 'Udefra', updates: [{ goalKey: family.familyId, status: 'achieved' }] }],
      ['POST', (f) => `/api/families/${f}/plan/versions/4/agreement`, { agreedOn: '2026-11-22', personIds: [family.parent.id] }],
      ['GET', (f) => `/api/families/${f}/plan/compare?from=1&to=2`],
      ['GET', (f) => `/api/families/${f}/plan/pdf`],
      ['GET', (_f, c) => `/api/children/${c}/voice`],
      ['POST', (_f, c) => `/api/children/${c}/voice/notes`, { occurredOn: '2026-11-22', method: 'conversation', summary: 'Udefra' }],
      ['POST', (_f, c) => `/api/children/${c}/voice/scores`, { scoredOn: '2026-11-22', scores: [{ topic: 'Skole', score: 3 }] }],
    ];
    for (const [method, url, payload] of routes) {
      const { status, body } = await refused(() => client(t.app, s).request(method as 'GET', url(family.familyId, family.child.id), payload));
      const other404 = await client(t.app, s).request(method as 'GET', url(unknown, unknown), payload);
      expect(status, url(family.familyId, family.child.id)).toBe(404);
      expect(body.error.code).toBe('not_found');
      expect(JSON.stringify(body)).toBe(other404.body);
      expect(JSON.stringify(body)).not.toContain(family.familyName);
    }
  });

  it('the PDF is a Danish application/pdf with the goals, owners, activities and statuses, and its export is audited', async () => {
    const head = await auditHead(t.db, m.id);
    const response = await api().get(`${planUrl()}/pdf?version=3`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const bytes = response.rawPayload;
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    expect(bytes.subarray(-6).toString('latin1')).toBe('%%EOF\n');
    // Text strings are written in WinAnsi with octal escapes for æøå; decode them to read the page as a reader would.
    const text = bytes.toString('latin1').replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
    expect(text).toContain('Fælles plan for');
    expect(text).toContain('Emil sover i eget værelse fem nætter om ugen');
    expect(text).toContain('Status: ');
    expect(text).toContain('I gang');
    expect(text).toContain('Ansvarlig: ');
    expect(text).toContain('Mette Koordinator');
    expect(text).toContain('Søge aflastning hver anden weekend');
    expect(text).toContain('frist 15. december 2026');
    expect(text).toContain('Aftalt 21. november 2026');
    expect(text).toMatch(/\/Count \d+/);
    const rows = await auditRowsAfter(t.db, m.id, head);
    expect(rows.map((r) => [r.action, r.entity_type])).toEqual([['export', 'joint_plan']]);
  });
});
