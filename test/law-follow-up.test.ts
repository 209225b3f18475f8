import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MovableClock } from '../src/platform/clock/clock.js';
import { createTestApp, type TestApp } from './app.js';
import {
  addTeamMember, client, loginAs, makeFamilyWithCase, makeMeasure, makeMunicipality, makeUser,
  type Session, type TestFamily, type TestMunicipality, type TestUser,
} from './factories.js';
import { countAll } from './inspect.js';

/**
 * Barnets Lov §95 (issue 7 §3, current-law.md "The SOF cadence rule in both laws"): the first follow-up of a §32
 * support measure within 3 months of its start; the cadence decided then is recorded with its reasons and marked as
 * explained to child and parents (PUT /api/measures/:id/law-follow-up); the stricter of it and the model's date wins.
 */

let t: TestApp;
let m: TestMunicipality;
let coordinator: TestUser;
let coreMember: TestUser;
let session: Session;
/** EFEI, the municipality has set no status meeting cadence: §95 gives the case's only date. */
let efei: TestFamily;
let efeiMeasure: string;
/** SOF with a §32: the 6-week cadence, unless a stricter §95 cadence is recorded. */
let sof: TestFamily;
let sofMeasure: string;
let compensation: string;
let selSupport: string;
const clock = new MovableClock('2026-04-01T10:00:00Z');

type Response = Awaited<ReturnType<TestApp['app']['inject']>>;
interface ErrorBody { error: { code: string; details: Array<{ field: string; code: string }> } }
interface Cadence {
  rule: string; dueOn: string | null; bucket: string | null; source: 'model' | 'law_95'; modelDueOn: string | null;
  law: { dueOn: string | null; measureId: string | null; basis: string | null; months: number | null; cadenceMissing: string[] };
}
interface Item { kind: string; caseId: string; dueOn: string; bucket: string; detail: string | null; link: string; refId: string | null }

const api = () => client(t.app, session);
async function at(instant: string): Promise<void> {
  clock.set(instant);
  session = await loginAs(t.app, coordinator);
}
async function cadence(family: TestFamily): Promise<Cadence> {
  const response = await api().get(`/api/cases/${family.caseId}/follow-ups`);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { cadence: Cadence }).cadence;
}
async function worklistOf(family: TestFamily): Promise<Item[]> {
  const response = await api().get('/api/worklist');
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { items: Item[] }).items.filter((i) => i.caseId === family.caseId);
}
const record = (measureId: string, body: Record<string, unknown>) => api().request('PUT', `/api/measures/${measureId}/law-follow-up`, body);
async function measureRow(id: string) {
  return t.db.selectFrom('measures').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}
/** Sends a request that must be refused, and proves nothing was written: no row anywhere, the measure unchanged. */
async function refused(measureId: string, send: () => Promise<Response>): Promise<{ status: number; body: ErrorBody }> {
  const [counts, before] = [await countAll(t.db), await measureRow(measureId)];
  const response = await send();
  expect(await countAll(t.db), `${response.statusCode} ${response.body}`).toEqual(counts);
  expect(await measureRow(measureId)).toEqual(before);
  return { status: response.statusCode, body: response.json() as ErrorBody };
}
async function followUp(family: TestFamily, occurredOn: string): Promise<void> {
  const response = await api().post(`/api/cases/${family.caseId}/follow-ups`, { occurredOn, form: 'phone', summary: 'Opfølgning på familiebehandlingen.' });
  expect(response.statusCode, response.body).toBe(201);
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  m = await makeMunicipality(t.db);
  coordinator = await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: true });
  coreMember = await makeUser(t.db, m, { roles: ['core_team_member'], department: 'ppr' });
  efei = await makeFamilyWithCase(t.db, m, { lead: coordinator, model: 'efei', openedOn: '2026-03-02' });
  efeiMeasure = await makeMeasure(t.db, m, efei.caseId, { legalBasisId: 'BL-32', department: 'family_therapy', description: 'Familiebehandling', startsOn: '2026-03-02' });
  compensation = await makeMeasure(t.db, m, efei.caseId, { legalBasisId: 'BL-86', startsOn: '2026-03-02' });
  await addTeamMember(t.db, efei.caseId, coreMember);
  sof = await makeFamilyWithCase(t.db, m, { lead: coordinator, model: 'sof', openedOn: '2023-06-01' });
  selSupport = await makeMeasure(t.db, m, sof.caseId, { legalBasisId: 'SEL-52', department: 'family_therapy', description: 'Familiebehandling (SEL)', startsOn: '2023-06-01', endsOn: '2023-12-31' });
  sofMeasure = await makeMeasure(t.db, m, sof.caseId, { legalBasisId: 'BL-32', department: 'family_therapy', description: 'Familiebehandling', startsOn: '2026-03-16' });
  session = await loginAs(t.app, coordinator);
});

afterAll(async () => {
  await t?.close();
});

describe('the first follow-up of a §32 measure within 3 months of its start (Barnets Lov §95)', () => {
  it('EFEI without a status meeting cadence: the measure\'s start + 3 months is the case\'s due date, and the plan says why', async () => {
    expect(await cadence(efei)).toMatchObject({
      rule: 'efei_status_meeting', dueOn: '2026-06-02', source: 'law_95', modelDueOn: null,
      law: { dueOn: '2026-06-02', measureId: efeiMeasure, basis: 'first_follow_up', months: null, cadenceMissing: [] },
    });
  });

  it('SOF: the 6-week cadence is stricter than §95 and wins', async () => {
    expect(await cadence(sof)).toMatchObject({ rule: 'sof_follow_up', dueOn: '2023-07-13', source: 'model', law: { dueOn: '2026-06-16', basis: 'first_follow_up' } });
  });

  it('the worklist shows the §95 follow-up, with its reason, as a follow-up with the family', async () => {
    await at('2026-05-30T10:00:00Z');
    expect(await worklistOf(efei)).toEqual([expect.objectContaining({
      kind: 'follow_up_due', dueOn: '2026-06-02', bucket: 'this_week', detail: 'law_95:first_follow_up', link: `/cases/${efei.caseId}/follow-ups/new`,
    })]);
  });

  it('once the first follow-up is held without a recorded cadence, the worklist asks for it on the measure', async () => {
    await followUp(efei, '2026-05-30');
    expect(await cadence(efei)).toMatchObject({ dueOn: null, source: 'model', law: { dueOn: null, cadenceMissing: [efeiMeasure] } });
    expect(await worklistOf(efei)).toEqual([expect.objectContaining({
      kind: 'law_cadence_missing', dueOn: '2026-05-30', bucket: 'today', refId: efeiMeasure, link: `/cases/${efei.caseId}/measures/${efeiMeasure}/edit#law-follow-up`,
    })]);
  });
});

describe('PUT /api/measures/:id/law-follow-up records the cadence decided at the first follow-up', () => {
  it('records months, reasons and the explanations, audited; the next due date moves to the follow-up + the cadence', async () => {
    const response = await record(efeiMeasure, {
      months: 2, reasons: 'Familien ønsker tæt opfølgning, mens behandlingen tager form.', decidedOn: '2026-05-30',
      explainedToChildOn: '2026-05-30', explainedToParentsOn: '2026-05-30', version: 1,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      id: efeiMeasure, lawFollowUpApplies: true, lawFollowUpMonths: 2, lawFollowUpDecidedOn: '2026-05-30',
      lawFollowUpReasons: 'Familien ønsker tæt opfølgning, mens behandlingen tager form.', explainedToChildOn: '2026-05-30', explainedToParentsOn: '2026-05-30', version: 2,
    });
    const audit = await t.db.selectFrom('audit_log').select(['action', 'entity_id', 'case_ids']).where('entity_type', '=', 'measure_law_follow_up').execute();
    expect(audit).toEqual([{ action: 'update', entity_id: efeiMeasure, case_ids: [efei.caseId] }]);
    expect(await cadence(efei)).toMatchObject({ dueOn: '2026-07-30', source: 'law_95', law: { basis: 'recorded_cadence', months: 2, cadenceMissing: [] } });
    expect((await worklistOf(efei)).map((i) => i.kind)).toEqual([]);
  });

  it('a later follow-up counts the cadence from itself', async () => {
    await at('2026-07-20T10:00:00Z');
    await followUp(efei, '2026-07-20');
    expect(await cadence(efei)).toMatchObject({ dueOn: '2026-09-20', source: 'law_95' });
  });

  it('SOF: a recorded 1-month cadence is stricter than the 6 weeks and wins; the explanations may come later', async () => {
    await followUp(sof, '2026-07-20');
    expect(await cadence(sof)).toMatchObject({ dueOn: '2026-08-31', source: 'model', law: { cadenceMissing: [sofMeasure] } });
    const response = await record(sofMeasure, { months: 1, reasons: 'Ny indsats; tæt opfølgning den første tid.', decidedOn: '2026-07-20', version: 1 });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ lawFollowUpMonths: 1, explainedToChildOn: null, explainedToParentsOn: null });
    expect(await cadence(sof)).toMatchObject({ dueOn: '2026-08-20', source: 'law_95', modelDueOn: '2026-08-31' });
    const items = await worklistOf(sof);
    expect(items.filter((i) => i.kind === 'follow_up_due')).toEqual([]); // due 20 August: not yet this week
  });

  it('a stale version → 409 version_conflict, nothing written', async () => {
    const { status, body } = await refused(efeiMeasure, () => record(efeiMeasure, { months: 3, reasons: 'Ændret', decidedOn: '2026-07-20', version: 1 }));
    expect(status).toBe(409);
    expect(body.error.code).toBe('version_conflict');
  });
});

describe('bad input is refused with the field named (422), and nothing is written', () => {
  const valid = { months: 3, reasons: 'Begrundelse', decidedOn: '2026-07-20', version: 2 };
  it.each([
    ['months 0', { months: 0 }, 'months', 'out_of_range'],
    ['months 13', { months: 13 }, 'months', 'out_of_range'],
    ['months missing', { months: null }, 'months', 'required'],
    ['reasons missing', { reasons: null }, 'reasons', 'required'],
    ['reasons blank', { reasons: '   ' }, 'reasons', 'required'],
    ['decided in the future (the clock\'s today is 20 July 2026)', { decidedOn: '2026-07-21' }, 'decidedOn', 'in_future'],
    ['decided before the measure started', { decidedOn: '2026-03-01' }, 'decidedOn', 'before_measure_start'],
    ['explained to the child before the decision', { explainedToChildOn: '2026-07-19' }, 'explainedToChildOn', 'before_decision'],
    ['explained to the parents in the future', { explainedToParentsOn: '2026-07-21' }, 'explainedToParentsOn', 'in_future'],
  ])('%s → 422 on %s', async (_title, change, field, code) => {
    const { status, body } = await refused(efeiMeasure, () => record(efeiMeasure, { ...valid, ...change }));
    expect(status).toBe(422);
    expect(body.error.details).toEqual([expect.objectContaining({ field, code })]);
  });

  it.each([
    ['a compensation measure (Barnets Lov §86)', () => compensation],
    ['a support measure under Serviceloven §52 (SEL measures keep the SOF cadence only)', () => selSupport],
  ])('%s has no §95 cadence → 422 not_a_support_measure', async (_title, id) => {
    const { status, body } = await refused(id(), () => record(id(), { ...valid, version: 1 }));
    expect(status).toBe(422);
    expect(body.error.code).toBe('not_a_support_measure');
  });

  it('a core-team member may read the case but not record the cadence → 403, before the body is judged', async () => {
    session = await loginAs(t.app, coreMember);
    const { status } = await refused(efeiMeasure, () => record(efeiMeasure, { ...valid, months: 99 }));
    expect(status).toBe(403);
    session = await loginAs(t.app, coordinator);
  });

  it('an unknown measure → 404', async () => {
    const response = await record('00000000-0000-4000-8000-000000000000', valid);
    expect(response.statusCode).toBe(404);
  });
});
