import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app.js';
import {
  addTeamMember, client, loginAs, makeFamilyWithCase, makeMeasure, makeMunicipality, makeUser,
  type Session, type TestFamily, type TestMunicipality, type TestUser,
} from './factories.js';
import { auditHead, auditRowsAfter, countAll } from './inspect.js';

/**
 * The guided case flow through the API (issue 3 §1): GET /api/cases/:id/flow derives every step from what was
 * recorded — held meetings, flow records, the core team — for both models; step facts that are not meetings are
 * recorded with content; status changes reuse PATCH /api/cases/:id.
 */

let t: TestApp;
let m: TestMunicipality;
let coordinator: TestUser;
let coreMember: TestUser;
let session: Session;

interface Step { key: string; number: number | null; state: string; doneAt: string | null; skipReason: string | null }
interface Flow {
  caseId: string; model: string; status: string; round: number; steps: Step[];
  nextAction: { key: string; step: string; dueOn: string | null } | null;
  records: Array<{ kind: string; step: string; text: string; round: number }>;
  cadence: string; warnings: Array<{ code: string }>; abilities: Record<string, boolean>;
}
interface ErrorBody { error: { code: string; message: string; details: Array<{ field: string; code: string }> } }
type Response = Awaited<ReturnType<TestApp['app']['inject']>>;

const api = () => client(t.app, session);
const heldAt = '2026-11-21T09:00:00+01:00';

async function flowOf(caseId: string): Promise<Flow> {
  const response = await api().get(`/api/cases/${caseId}/flow`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Flow;
}
const stateOf = (flow: Flow, key: string) => flow.steps.find((s) => s.key === key)?.state;

/** Holds a meeting of the given type: created, then closed with the next date. */
async function holdMeeting(caseId: string, type: string, extra: Record<string, unknown> = {}): Promise<void> {
  const created = await api().post(`/api/cases/${caseId}/meetings`, { type, scheduledAt: heldAt, ...extra });
  expect(created.statusCode, created.body).toBe(201);
  const meeting = created.json() as { id: string; version: number };
  const closed = await api().post(`/api/meetings/${meeting.id}/close`, { nextMeetingOn: '2027-01-14', version: meeting.version });
  expect(closed.statusCode, closed.body).toBe(200);
}

/**
 * Arranges an agreed version of the family's joint plan directly in the tables of migration 0004 (the joint-plan
 * module owns the API); returns the version number.
 */
async function agreePlan(family: TestFamily, by: TestUser, recordedAt: string): Promise<number> {
  const db = t.db;
  let plan = await db.selectFrom('joint_plans').select(['id', 'latest_version']).where('family_id', '=', family.familyId).executeTakeFirst();
  if (!plan) {
    plan = await db.insertInto('joint_plans').values({ municipality_id: family.municipalityId, family_id: family.familyId, created_by: by.id })
      .returning(['id', 'latest_version']).executeTakeFirstOrThrow();
  }
  const number = plan.latest_version + 1;
  const version = await db.insertInto('joint_plan_versions').values({
    municipality_id: family.municipalityId, plan_id: plan.id, number, reason: 'Aftalt med familien', created_by: by.id, created_at: recordedAt,
  }).returning('id').executeTakeFirstOrThrow();
  await db.updateTable('joint_plans').set({ latest_version: number }).where('id', '=', plan.id).execute();
  await db.insertInto('joint_plan_agreements').values({
    municipality_id: family.municipalityId, version_id: version.id, agreed_on: recordedAt.slice(0, 10), recorded_by: by.id, recorded_at: recordedAt,
  }).execute();
  return number;
}

async function refused(send: () => Promise<Response>): Promise<{ status: number; body: ErrorBody }> {
  const before = await countAll(t.db);
  const response = await send();
  expect(await countAll(t.db), `${response.statusCode} ${response.body}`).toEqual(before);
  return { status: response.statusCode, body: response.json() as ErrorBody };
}

beforeAll(async () => {
  t = await createTestApp();
  m = await makeMunicipality(t.db);
  coordinator = await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: true });
  coreMember = await makeUser(t.db, m, { roles: ['core_team_member'], department: 'ppr' });
  session = await loginAs(t.app, coordinator);
});

afterAll(async () => {
  await t?.close();
});

describe('EFEI: the seven steps derived from what was recorded (000:139-210)', () => {
  let family: TestFamily;
  beforeAll(async () => {
    family = await makeFamilyWithCase(t.db, m, { lead: coordinator, model: 'efei' });
  });

  it('a new case without a core team: step 1 is current and the next action is to form the core team', async () => {
    const flow = await flowOf(family.caseId);
    expect(flow.model).toBe('efei');
    expect(flow.steps.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7, null]);
    expect(flow.steps.map((s) => s.state)).toEqual(['current', 'upcoming', 'upcoming', 'upcoming', 'upcoming', 'upcoming', 'upcoming', 'upcoming']);
    expect(flow.nextAction).toEqual({ key: 'form_core_team', step: 'assign_and_form_core_team', dueOn: null });
    expect(flow.abilities).toMatchObject({ canRecord: true, canStartRound: false });
  });

  it('adding a core-team member completes step 1; the assessment meeting with the family is next (000:648-650)', async () => {
    const added = await api().post(`/api/cases/${family.caseId}/team-members`, { userId: coreMember.id, teamRole: 'PPR-psykolog' });
    expect(added.statusCode, added.body).toBe(200);
    const flow = await flowOf(family.caseId);
    expect(stateOf(flow, 'assign_and_form_core_team')).toBe('done');
    expect(flow.nextAction?.key).toBe('hold_assessment_meeting');
  });

  it('a planned assessment meeting does not complete step 2; holding (closing) it does', async () => {
    const planned = await api().post(`/api/cases/${family.caseId}/meetings`, { type: 'assessment_meeting', scheduledAt: heldAt });
    expect(planned.statusCode).toBe(201);
    expect(stateOf(await flowOf(family.caseId), 'assessment')).toBe('current');
    const meeting = planned.json() as { id: string; version: number };
    await api().post(`/api/meetings/${meeting.id}/close`, { nextMeetingOn: '2026-12-03', version: meeting.version });
    const flow = await flowOf(family.caseId);
    expect(stateOf(flow, 'assessment')).toBe('done');
    expect(flow.steps.find((s) => s.key === 'assessment')!.doneAt).toBe(new Date(heldAt).toISOString());
    expect(flow.nextAction?.key).toBe('record_information_gathered');
  });

  it('step 3 is done by recording what information was gathered, with content (201, the record shown)', async () => {
    const response = await api().post(`/api/cases/${family.caseId}/flow/records`, { kind: 'information_gathered', text: 'Udtalelse fra PPR og skolen' });
    expect(response.statusCode, response.body).toBe(201);
    const flow = response.json() as Flow;
    expect(stateOf(flow, 'information_gathering')).toBe('done');
    expect(flow.records).toEqual([expect.objectContaining({ kind: 'information_gathered', step: 'information_gathering', text: 'Udtalelse fra PPR og skolen', round: 1 })]);
    expect(flow.nextAction?.key).toBe('hold_or_skip_analysis_meeting');
  });

  it('a record without its text → 400 naming text; an unknown kind → 400 naming kind; nothing written', async () => {
    const blank = await refused(() => api().post(`/api/cases/${family.caseId}/flow/records`, { kind: 'information_shared', text: '  ' }));
    expect(blank.status).toBe(400);
    expect(blank.body.error.details.map((d) => d.field)).toEqual(['text']);
    const checkbox = await refused(() => api().post(`/api/cases/${family.caseId}/flow/records`, { kind: 'done', text: 'x' }));
    expect(checkbox.status).toBe(400);
    expect(checkbox.body.error.details.map((d) => d.field)).toEqual(['kind']);
  });

  it('step 4 skipped with a reason is "skipped" and shows the reason; skipping again → 422 step_already_done', async () => {
    const response = await api().post(`/api/cases/${family.caseId}/flow/records`, { kind: 'skipped', text: 'Sagen er tilstrækkeligt belyst.' });
    expect(response.statusCode, response.body).toBe(201);
    const flow = response.json() as Flow;
    expect(flow.steps.find((s) => s.key === 'analysis_meeting')).toMatchObject({ state: 'skipped', skipReason: 'Sagen er tilstrækkeligt belyst.' });
    expect(flow.nextAction?.key).toBe('record_information_shared');
    const again = await refused(() => api().post(`/api/cases/${family.caseId}/flow/records`, { kind: 'skipped', text: 'Igen' }));
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe('step_already_done');
  });

  it('steps 5 and 6; step 7 (the joint plan) is then current, and no new round may start before it (422 round_in_progress)', async () => {
    await api().post(`/api/cases/${family.caseId}/flow/records`, { kind: 'information_shared', text: 'Delt med kerneteam og familie' });
    await holdMeeting(family.caseId, 'summary_meeting');
    const flow = await flowOf(family.caseId);
    expect(flow.steps.map((s) => s.state)).toEqual(['done', 'done', 'done', 'skipped', 'done', 'done', 'current', 'upcoming']);
    expect(flow.nextAction).toEqual({ key: 'agree_joint_plan', step: 'joint_plan', dueOn: null });
    const round = await refused(() => api().post(`/api/cases/${family.caseId}/flow/rounds`, { reason: 'Ny runde' }));
    expect(round.status).toBe(422);
    expect(round.body.error).toMatchObject({ code: 'round_in_progress', details: [{ field: 'reason' }] });
    expect(round.body.error.message).toContain('000:190-191');
  });

  it('step 7 is done when the family\'s joint plan is agreed; "in operation" is then current with the next meeting date agreed at the last meeting (000:677-680)', async () => {
    await agreePlan(family, coordinator, '2026-11-22T09:30:00Z');
    const flow = await flowOf(family.caseId);
    expect(flow.steps.map((s) => s.state)).toEqual(['done', 'done', 'done', 'skipped', 'done', 'done', 'done', 'current']);
    expect(flow.steps.find((s) => s.key === 'joint_plan')!.doneAt).toBe('2026-11-22T09:30:00.000Z');
    expect(flow.nextAction).toEqual({ key: 'hold_status_meeting', step: 'in_operation', dueOn: '2027-01-14' });
    expect(flow.abilities.canStartRound).toBe(true);
  });

  it('a new round (steps 2-7 repeated, 000:190-191) needs a reason (400) and then starts from step 2; step 1 stays done; records count per round', async () => {
    const blank = await refused(() => api().post(`/api/cases/${family.caseId}/flow/rounds`, { reason: ' ' }));
    expect(blank.status).toBe(400);
    expect(blank.body.error.details.map((d) => d.field)).toEqual(['reason']);
    t.clock.set('2026-11-22T12:00:00Z');
    const started = await api().post(`/api/cases/${family.caseId}/flow/rounds`, { reason: 'Barnet skifter skole; familiens behov udredes igen.' });
    expect(started.statusCode, started.body).toBe(201);
    const flow = started.json() as Flow & { rounds: Array<{ number: number; reason: string | null }> };
    expect(flow.round).toBe(2);
    expect(flow.rounds.map((r) => [r.number, r.reason])).toEqual([[1, null], [2, 'Barnet skifter skole; familiens behov udredes igen.']]);
    expect(flow.steps.map((s) => s.state)).toEqual(['done', 'current', 'upcoming', 'upcoming', 'upcoming', 'upcoming', 'upcoming', 'upcoming']);
    expect(flow.abilities.canStartRound).toBe(false);
    // Round 2's own record completes step 3 of round 2.
    const recorded = (await api().post(`/api/cases/${family.caseId}/flow/records`, { kind: 'information_gathered', text: 'Ny udtalelse fra skolen' })).json() as Flow;
    expect(recorded.records.map((r) => r.round)).toEqual([1, 1, 1, 2]);
    expect(stateOf(recorded, 'information_gathering')).toBe('done');
    // A plan agreed again after the round started completes step 7 of round 2.
    await agreePlan(family, coordinator, '2026-11-22T13:00:00Z');
    expect(stateOf(await flowOf(family.caseId), 'joint_plan')).toBe('done');
    t.clock.set('2026-11-22T10:00:00Z');
  });

  it('an analysis meeting held in the same round would have made step 4 done instead of skipped', async () => {
    const other = await makeFamilyWithCase(t.db, m, { lead: coordinator, model: 'efei' });
    await holdMeeting(other.caseId, 'analysis_meeting');
    const flow = await flowOf(other.caseId);
    expect(stateOf(flow, 'analysis_meeting')).toBe('done');
    const skip = await refused(() => api().post(`/api/cases/${other.caseId}/flow/records`, { kind: 'skipped', text: 'For sent' }));
    expect(skip.body.error.code).toBe('step_already_done');
  });

  it('reading the flow is audited with the case and family', async () => {
    const before = await auditHead(t.db, m.id);
    await flowOf(family.caseId);
    const rows = await auditRowsAfter(t.db, m.id, before);
    expect(rows).toEqual([expect.objectContaining({ action: 'read', entity_type: 'case_flow', case_ids: [family.caseId], family_ids: [family.familyId] })]);
  });
});

describe('SOF: start conversation → child conversation/observation → mapping → network meetings → follow-up (001:155-187)', () => {
  let family: TestFamily;
  beforeAll(async () => {
    family = await makeFamilyWithCase(t.db, m, { lead: coordinator, model: 'sof' });
  });

  it('a new SOF case starts with the start conversation; step records and rounds belong to EFEI (422 not_efei)', async () => {
    const flow = await flowOf(family.caseId);
    expect(flow.steps.map((s) => s.key)).toEqual(['start_conversation', 'child_perspective', 'mapping', 'network_meeting', 'follow_up']);
    expect(flow.nextAction?.key).toBe('hold_start_conversation');
    expect(flow.abilities.canRecord).toBe(false);
    const record = await refused(() => api().post(`/api/cases/${family.caseId}/flow/records`, { kind: 'information_gathered', text: 'x' }));
    expect(record.status).toBe(422);
    expect(record.body.error.code).toBe('not_efei');
  });

  it('the held start conversation and the child observation complete steps 1 and 2; the network meeting step 4', async () => {
    await holdMeeting(family.caseId, 'start_conversation');
    await holdMeeting(family.caseId, 'child_conversation', { childContact: 'observation' });
    await holdMeeting(family.caseId, 'network_meeting', { template: 'loft' });
    const flow = await flowOf(family.caseId);
    expect(flow.steps.map((s) => s.state)).toEqual(['done', 'done', 'current', 'done', 'upcoming']);
    expect(flow.nextAction?.key).toBe('agree_goals_and_roles');
  });

  it('the agreed joint plan holds the goals with roles split between family and caseworker: mapping done, follow-up at the fixed cadence is next', async () => {
    await agreePlan(family, coordinator, '2026-11-22T09:00:00Z');
    const flow = await flowOf(family.caseId);
    expect(flow.steps.map((s) => s.state)).toEqual(['done', 'done', 'done', 'done', 'current']);
    expect(flow.nextAction?.key).toBe('hold_follow_up');
  });

  it('the fixed cadence of the case\'s measures is shown: §41/42/44 alone → every 3 months (001:753-771)', async () => {
    await makeMeasure(t.db, m, family.caseId, { legalBasisId: 'BL-86', startsOn: '2026-04-01' });
    expect((await flowOf(family.caseId)).cadence).toBe('three_months');
  });
});

describe('status transitions reuse PATCH /api/cases/:id (000:205-211)', () => {
  it('ordinary operation needs a reason (422), with one the loop step is done; back to operation; closed with reason → no next action and nothing to record', async () => {
    const family = await makeFamilyWithCase(t.db, m, { lead: coordinator, model: 'efei' });
    await addTeamMember(t.db, family.caseId, coreMember);
    const noReason = await refused(() => api().patch(`/api/cases/${family.caseId}`, { status: 'ordinary_operation', version: 1 }));
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.code).toBe('reason_required');

    const ordinary = await api().patch(`/api/cases/${family.caseId}`, { status: 'ordinary_operation', statusReason: 'Tæt koordinering er ikke længere nødvendig.', version: 1 });
    expect(ordinary.statusCode, ordinary.body).toBe(200);
    let flow = await flowOf(family.caseId);
    expect(flow.status).toBe('ordinary_operation');
    expect(stateOf(flow, 'in_operation')).toBe('done');

    const back = await api().patch(`/api/cases/${family.caseId}`, { status: 'in_operation', version: 2 });
    expect(back.statusCode, back.body).toBe(200);
    flow = await flowOf(family.caseId);
    expect(stateOf(flow, 'in_operation')).toBe('upcoming');

    const closed = await api().patch(`/api/cases/${family.caseId}`, { status: 'closed', statusReason: 'Barnet er fraflyttet kommunen.', version: 3 });
    expect(closed.statusCode, closed.body).toBe(200);
    flow = await flowOf(family.caseId);
    expect(flow.nextAction).toBeNull();
    expect(flow.abilities).toMatchObject({ canRecord: false, canStartRound: false, canChangeStatus: false });
    const record = await refused(() => api().post(`/api/cases/${family.caseId}/flow/records`, { kind: 'information_gathered', text: 'Efter lukning' }));
    expect(record.status).toBe(422);
    expect(record.body.error.code).toBe('case_closed');
  });
});

describe('need-to-know', () => {
  it('a core-team member reads the flow but may not record a step (403); a colleague without relation gets 404', async () => {
    const family = await makeFamilyWithCase(t.db, m, { lead: coordinator, model: 'efei' });
    await addTeamMember(t.db, family.caseId, coreMember);
    const core = client(t.app, await loginAs(t.app, coreMember));
    expect((await core.get(`/api/cases/${family.caseId}/flow`)).statusCode).toBe(200);
    const write = await refused(() => core.post(`/api/cases/${family.caseId}/flow/records`, { kind: 'information_gathered', text: 'x' }));
    expect(write.status).toBe(403);
    const stranger = client(t.app, await loginAs(t.app, await makeUser(t.db, m, { roles: ['coordinator'] })));
    expect((await stranger.get(`/api/cases/${family.caseId}/flow`)).statusCode).toBe(404);
  });
});
