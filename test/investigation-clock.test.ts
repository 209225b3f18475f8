import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MovableClock } from '../src/platform/clock/clock.js';
import { createTestApp, type TestApp } from './app.js';
import {
  addTeamMember, client, loginAs, makeFamilyWithCase, makeMeasure, makeMunicipality, makeUser, type Session, type TestFamily, type TestMunicipality, type TestUser,
} from './factories.js';
import { countRows } from './inspect.js';

/**
 * Barnets Lov §20 stk. 3 end to end (issue 7): a børnefaglig undersøgelse is a measure under BL §20; its legal basis
 * carries the 4-month deadline (data), the measure the day the municipality became aware. The clock runs across month
 * ends and the leap day with the injectable clock: aware 31 October 2027 → due 29 February 2028. The worklist shows
 * the days left while it runs, asks for a provisional assessment once it is past due, and lets go when it has ended.
 */
let t: TestApp;
let m: TestMunicipality;
let family: TestFamily;
let lead: Session;
let measureId: string;
let version: number;

interface Item { kind: string; bucket: string; dueOn: string; familyId: string; detail: string | null; link: string; refId: string | null }
interface Measure {
  id: string; version: number; awareOn: string | null; investigationDueOn: string | null; investigationDaysLeft: number | null;
  provisionalAssessmentRequired: boolean; provisionalAssessmentAllowed: boolean; provisionalAssessmentOn: string | null; provisionalAssessment: string | null;
}
interface ErrorBody { error: { code: string; details: Array<{ field: string; code: string; message: string }> } }

const investigationItems = async () => ((await client(t.app, lead).get('/api/worklist')).json() as { items: Item[] }).items
  .filter((i) => i.familyId === family.familyId && ['investigation_due', 'provisional_assessment_required'].includes(i.kind))
  .map((i) => `${i.kind}:${i.bucket}:${i.dueOn}:${i.detail}`);

let coordinator: TestUser;
/** Moves the injectable clock to 10:00 UTC of a day; sessions expire over months, so the lead logs in again. */
async function at(day: string): Promise<void> {
  t.clock.set(`${day}T10:00:00Z`);
  lead = await loginAs(t.app, coordinator);
}
const measureRows = () => countRows(t.db, 'measures', m.id);
const investigation = (over: Record<string, unknown> = {}) => ({
  legalBasisId: 'BL-20', departmentId: m.departments.child_disability, description: 'Børnefaglig undersøgelse', startsOn: '2027-11-03', awareOn: '2027-10-31', ...over,
});
const stored = () => t.db.selectFrom('measures').selectAll().where('id', '=', measureId).executeTakeFirstOrThrow();

beforeAll(async () => {
  t = await createTestApp({ clock: new MovableClock('2027-11-05T10:00:00Z') });
  m = await makeMunicipality(t.db);
  coordinator = await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: true });
  family = await makeFamilyWithCase(t.db, m, { lead: coordinator, model: 'sof', openedOn: '2027-10-01' });
  lead = await loginAs(t.app, coordinator);
});

afterAll(async () => {
  await t?.close();
});

describe('the 4-month deadline is data on the legal basis', () => {
  it('the legal-bases API gives BL §20 and SEL §50 a 4-month completion deadline and no other paragraph one', async () => {
    const bases = (await client(t.app, lead).get('/api/legal-bases')).json() as Array<{ id: string; completionMonths: number | null }>;
    expect(bases.filter((b) => b.completionMonths !== null).map((b) => `${b.id}:${b.completionMonths}`).sort()).toEqual(['BL-20:4', 'SEL-50:4']);
  });
});

describe('recording a børnefaglig undersøgelse: the day of awareness (Barnets Lov §20 stk. 3)', () => {
  it.each([
    ['without the day of awareness', { awareOn: undefined }, 'aware_on_required'],
    ['aware after the start', { awareOn: '2027-11-04' }, 'aware_after_start'],
    ['aware in the future', { awareOn: '2027-11-06', startsOn: '2027-11-20' }, 'date_in_future'],
  ])('%s → 422 naming awareOn and the rule, nothing written', async (_title, over, code) => {
    const before = await measureRows();
    const response = await client(t.app, lead).post(`/api/cases/${family.caseId}/measures`, investigation(over));
    expect(response.statusCode, response.body).toBe(422);
    const body = response.json() as ErrorBody;
    expect(body.error.code).toBe(code);
    expect(body.error.details).toEqual([expect.objectContaining({ field: 'awareOn', code })]);
    expect(body.error.details[0]!.message + body.error.code).toMatch(/§20 stk\. 3|future/);
    expect(await measureRows()).toBe(before);
  });

  it('aware 31 October 2027 → due 29 February 2028 (leap year), 116 days left on 5 November', async () => {
    const response = await client(t.app, lead).post(`/api/cases/${family.caseId}/measures`, investigation());
    expect(response.statusCode, response.body).toBe(201);
    const measure = response.json() as Measure;
    ({ id: measureId, version } = measure);
    expect(measure).toMatchObject({
      awareOn: '2027-10-31', investigationDueOn: '2028-02-29', investigationDaysLeft: 116, provisionalAssessmentRequired: false, provisionalAssessmentAllowed: false,
    });
    // A running statutory deadline stays on the worklist with its days left, not only in its last week.
    expect(await investigationItems()).toEqual(['investigation_due:later:2028-02-29:days_left:116']);
  });

  it('the day of awareness is ignored for a paragraph without a deadline', async () => {
    const response = await client(t.app, lead).post(`/api/cases/${family.caseId}/measures`, {
      legalBasisId: 'BL-86', departmentId: m.departments.child_disability, description: 'Kørsel', startsOn: '2027-11-03', awareOn: '2027-10-31',
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ awareOn: null, investigationDueOn: null, investigationDaysLeft: null });
  });
});

describe('the clock moves: across the leap day to past due and a provisional assessment', () => {
  it('a week before: this week, 7 days left; a provisional assessment now is refused (not yet due), nothing written', async () => {
    await at('2028-02-22');
    expect(await investigationItems()).toEqual(['investigation_due:this_week:2028-02-29:days_left:7']);
    const response = await client(t.app, lead).request('PUT', `/api/measures/${measureId}/provisional-assessment`, { on: '2028-02-22', text: 'Foreløbig', version });
    expect(response.statusCode, response.body).toBe(422);
    expect((response.json() as ErrorBody).error).toMatchObject({ code: 'not_yet_due', details: [{ field: 'on', code: 'not_yet_due' }] });
    expect((response.json() as ErrorBody).error.details[0]!.message).toContain('2028-02-29');
    expect(await stored()).toMatchObject({ provisional_assessment_on: null, provisional_assessment: null, version });
  });

  it('on 29 February: due today, 0 days left', async () => {
    await at('2028-02-29');
    expect(await investigationItems()).toEqual(['investigation_due:today:2028-02-29:days_left:0']);
    const measure = ((await client(t.app, lead).get(`/api/cases/${family.caseId}`)).json() as { measures: Measure[] }).measures.find((x) => x.id === measureId)!;
    expect(measure).toMatchObject({ investigationDaysLeft: 0, provisionalAssessmentRequired: false, provisionalAssessmentAllowed: true });
  });

  it('on 1 March, past due: the worklist asks for the provisional assessment instead (1 day over), linking to the measure', async () => {
    await at('2028-03-01');
    expect(await investigationItems()).toEqual(['provisional_assessment_required:overdue:2028-02-29:days_over:1']);
    const items = ((await client(t.app, lead).get('/api/worklist')).json() as { items: Item[] }).items;
    expect(items.find((i) => i.kind === 'provisional_assessment_required')).toMatchObject({
      refId: measureId, link: `/cases/${family.caseId}/measures/${measureId}/edit#provisional-assessment`,
    });
  });

  it('a provisional assessment dated in the future, without text, or of a stale version is refused, nothing written', async () => {
    const put = (body: unknown) => client(t.app, lead).request('PUT', `/api/measures/${measureId}/provisional-assessment`, body);
    const future = await put({ on: '2028-03-02', text: 'Foreløbig', version });
    expect(future.statusCode).toBe(422);
    expect((future.json() as ErrorBody).error.details).toEqual([expect.objectContaining({ field: 'on', code: 'date_in_future' })]);
    const empty = await put({ on: '2028-03-01', text: '  ', version });
    expect(empty.statusCode).toBe(400);
    expect((empty.json() as ErrorBody).error.details).toEqual([expect.objectContaining({ field: 'text', code: 'required' })]);
    const stale = await put({ on: '2028-03-01', text: 'Foreløbig', version: version + 5 });
    expect(stale.statusCode).toBe(409);
    expect((stale.json() as ErrorBody).error.code).toBe('version_conflict');
    expect(await stored()).toMatchObject({ provisional_assessment_on: null, version });
  });

  it('someone without need-to-know gets 404, a core-team member 403, and nothing is written', async () => {
    const stranger = await makeUser(t.db, m, { roles: ['coordinator'] });
    const member = await makeUser(t.db, m, { roles: ['core_team_member'], department: 'ppr' });
    await addTeamMember(t.db, family.caseId, member, { addedOn: '2027-10-01' });
    const body = { on: '2028-03-01', text: 'Foreløbig', version };
    const asStranger = await client(t.app, await loginAs(t.app, stranger)).request('PUT', `/api/measures/${measureId}/provisional-assessment`, body);
    expect(asStranger.statusCode).toBe(404);
    const asMember = await client(t.app, await loginAs(t.app, member)).request('PUT', `/api/measures/${measureId}/provisional-assessment`, body);
    expect(asMember.statusCode).toBe(403);
    expect(await stored()).toMatchObject({ provisional_assessment_on: null, version });
  });

  it('recorded: the request leaves the worklist, the overdue deadline stays until the investigation is finished', async () => {
    const response = await client(t.app, lead).request('PUT', `/api/measures/${measureId}/provisional-assessment`, {
      on: '2028-03-01', text: 'Barnet trives i skolen; hjemmet undersøges færdigt inden 3 uger.', version,
    });
    expect(response.statusCode, response.body).toBe(200);
    const measure = response.json() as Measure;
    expect(measure).toMatchObject({ provisionalAssessmentOn: '2028-03-01', provisionalAssessmentRequired: false, investigationDaysLeft: -1, version: version + 1 });
    version = measure.version;
    expect(await investigationItems()).toEqual(['investigation_due:overdue:2028-02-29:days_left:-1']);
  });

  it('finished (end date reached): the clock stops and the worklist lets go; a provisional assessment is then refused', async () => {
    const ended = await client(t.app, lead).patch(`/api/measures/${measureId}`, { endsOn: '2028-03-03', version });
    expect(ended.statusCode, ended.body).toBe(200);
    version = (ended.json() as Measure).version;
    expect(await investigationItems()).toEqual(['investigation_due:overdue:2028-02-29:days_left:-1']);
    await at('2028-03-03');
    expect(await investigationItems()).toEqual([]);
    expect(((await client(t.app, lead).get(`/api/cases/${family.caseId}`)).json() as { measures: Measure[] }).measures.find((x) => x.id === measureId))
      .toMatchObject({ investigationDueOn: '2028-02-29', investigationDaysLeft: null, provisionalAssessmentAllowed: false });
    const late = await client(t.app, lead).request('PUT', `/api/measures/${measureId}/provisional-assessment`, { on: '2028-03-03', text: 'For sent', version });
    expect(late.statusCode).toBe(422);
    expect((late.json() as ErrorBody).error.code).toBe('investigation_completed');
  });

  it('a measure without a deadline has no provisional assessment → 422 naming the rule', async () => {
    const other = await makeMeasure(t.db, m, family.caseId, { legalBasisId: 'BL-86', startsOn: '2027-11-01' });
    const response = await client(t.app, lead).request('PUT', `/api/measures/${other}/provisional-assessment`, { on: '2028-03-03', text: 'x', version: 1 });
    expect(response.statusCode).toBe(422);
    expect((response.json() as ErrorBody).error).toMatchObject({ code: 'no_completion_deadline', details: [{ field: 'legalBasisId', code: 'no_completion_deadline' }] });
  });
});

describe('month ends through the API', () => {
  it.each([
    ['30 November → 30 March', '2027-11-30', '2028-03-30'],
    ['31 October of a common year → 28 February', '2026-10-31', '2027-02-28'],
  ])('%s', async (_title, awareOn, dueOn) => {
    const response = await client(t.app, lead).post(`/api/cases/${family.caseId}/measures`, investigation({ awareOn, startsOn: awareOn }));
    expect(response.statusCode, response.body).toBe(201);
    expect((response.json() as Measure).investigationDueOn).toBe(dueOn);
  });
});
