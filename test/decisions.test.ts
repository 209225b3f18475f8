import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app.js';
import {
  addTeamMember, client, loginAs, makeFamilyWithCase, makeMeasure, makeMunicipality, makeUser,
  type Session, type TestFamily, type TestMunicipality, type TestUser,
} from './factories.js';
import { coordinatorMayGrantAll, publishTestPlan } from './decision-fixtures.js';
import { auditRowsAfter, countAll, countRows } from './inspect.js';

/**
 * Decisions with today's law duties (issue 7 §3): the child's views before the decision (Barnets Lov §5), the child's
 * age and party status on the decision date (§3), told of the right to a bisidder (§6), and the §86 threshold / §87 cap
 * from the yearly configuration.
 */

let t: TestApp;
let m: TestMunicipality;
let family: TestFamily;
let otherFamily: TestFamily;
let coordinator: TestUser;
let admin: TestUser;
let session: Session;
let supportMeasureId: string;
let extraCostsMeasureId: string;
let otherCaseMeasureId: string;
let foreignMeasureId: string;

interface ErrorBody { error: { code: string; message: string; details: Array<{ field: string; code: string; message: string }> } }
interface Decision {
  id: string; caseId: string; decidedOn: string; outcome: string; legalBasisLabel: string; amountDkk: number | null; amountPeriod: string | null;
  measures: Array<{ id: string; legalBasisLabel: string; description: string }>; childViewsMethod: string | null; childViewsOn: string | null; childViews: string | null;
  childViewsNotObtainedReason: string | null; bisidderToldOn: string | null; childAgeOnDecision: number | null; childIsParty: boolean | null;
  warnings: Array<{ code: string }>; recordedBy: string | null; version: number; abilities: Record<string, boolean>;
}
type Response = Awaited<ReturnType<TestApp['app']['inject']>>;

const api = (s: Session = session) => client(t.app, s);
const decisionsUrl = (caseId = family.caseId) => `/api/cases/${caseId}/decisions`;

const views = { childViewsMethod: 'conversation', childViewsOn: '2026-10-20', childViews: 'Jeg vil gerne have en kontaktperson, der kan lide fodbold.' };
const supportGrant = (extra: Record<string, unknown> = {}) => ({
  decidedOn: '2026-11-02', outcome: 'granted', legalBasisId: 'BL-32', reasoning: 'Barnet har brug for en fast kontaktperson (§32 stk. 1 nr. 3).',
  measureIds: [supportMeasureId], ...views, ...extra,
});
const extraCosts = (extra: Record<string, unknown> = {}) => ({
  decidedOn: '2026-11-02', outcome: 'granted', legalBasisId: 'BL-86', reasoning: 'Dokumenterede merudgifter til kørsel og bleer.',
  measureIds: [extraCostsMeasureId], amountDkk: 400, amountPeriod: 'month', ...views, ...extra,
});

/** Sends a request that must be refused, and checks that no tenant table (audit log included) changed. */
async function refused(send: () => Promise<Response>): Promise<{ status: number; body: ErrorBody }> {
  const before = await countAll(t.db);
  const response = await send();
  expect(await countAll(t.db), `${response.statusCode} ${response.body}`).toEqual(before);
  return { status: response.statusCode, body: response.json() as ErrorBody };
}

async function setAmount(year: number, kind: string, amountDkk: number) {
  const response = await client(t.app, await loginAs(t.app, admin)).request('PUT', '/api/admin/yearly-amounts', { year, kind, amountDkk, note: 'Testværdi', version: 0 });
  expect(response.statusCode, response.body).toBe(200);
}

beforeAll(async () => {
  t = await createTestApp();
  m = await makeMunicipality(t.db);
  coordinator = await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: true, name: 'Mette Myndighed' });
  admin = await makeUser(t.db, m, { roles: ['administrator'] });
  // Born on 29 February: 9 years old on 28 February 2026, 10 from 1 March 2026.
  family = await makeFamilyWithCase(t.db, m, { lead: coordinator, model: 'sof', childBirthDate: '2016-02-29', openedOn: '2025-06-02' });
  otherFamily = await makeFamilyWithCase(t.db, m, { lead: coordinator, model: 'sof' });
  supportMeasureId = await makeMeasure(t.db, m, family.caseId, { legalBasisId: 'BL-32', description: 'Fast kontaktperson' });
  extraCostsMeasureId = await makeMeasure(t.db, m, family.caseId, { legalBasisId: 'BL-86', description: 'Merudgifter til kørsel' });
  otherCaseMeasureId = await makeMeasure(t.db, m, otherFamily.caseId, { legalBasisId: 'BL-32' });
  const elsewhere = await makeMunicipality(t.db);
  const elsewhereFamily = await makeFamilyWithCase(t.db, elsewhere, {});
  foreignMeasureId = await makeMeasure(t.db, elsewhere, elsewhereFamily.caseId, { legalBasisId: 'BL-32' });
  session = await loginAs(t.app, coordinator);
  // Test figures, not the real ones: §86 threshold 2026 and §87 cap 2026 (2025 is left unconfigured on purpose).
  await setAmount(2026, 'bl86_threshold_per_year', 3000);
  await setAmount(2026, 'bl87_cap_per_month', 30000);
  // Issue 8 item 2: a grant needs a competence plan that allows it; here the coordinator may grant every category.
  await publishTestPlan(t.db, m.id, admin.id, coordinatorMayGrantAll);
});

afterAll(async () => {
  await t?.close();
});

describe('recording a decision', () => {
  it("records a §32 decision with the child's views and its measure; the child (10) is a party, and without a bisidder date the view warns (§§3, 6)", async () => {
    const [head] = await auditRowsAfter(t.db, m.id).then((rows) => rows.slice(-1));
    const response = await api().post(decisionsUrl(), supportGrant());
    expect(response.statusCode, response.body).toBe(201);
    const decision = response.json() as Decision;
    expect(decision).toMatchObject({
      caseId: family.caseId, decidedOn: '2026-11-02', outcome: 'granted', legalBasisLabel: 'BL §32', childAgeOnDecision: 10, childIsParty: true,
      childViewsMethod: 'conversation', childViewsOn: '2026-10-20', childViewsNotObtainedReason: null, recordedBy: 'Mette Myndighed', version: 1,
      abilities: { canEdit: true },
    });
    expect(decision.measures.map((x) => x.id)).toEqual([supportMeasureId]);
    expect(decision.warnings.map((w) => w.code)).toEqual(['bisidder_not_told']);
    const audit = await auditRowsAfter(t.db, m.id, head?.seq ?? 0);
    expect(audit.map((r) => [r.action, r.entity_type, r.entity_id])).toEqual([['create', 'decision', decision.id]]);
    expect(audit[0]!.case_ids).toEqual([family.caseId]);

    const listed = await api().get(decisionsUrl());
    expect(listed.statusCode).toBe(200);
    expect((listed.json() as { decisions: Decision[]; abilities: Record<string, boolean> }).decisions.map((d) => d.id)).toContain(decision.id);
    const one = await api().get(`/api/decisions/${decision.id}`);
    expect(one.statusCode).toBe(200);
    expect((one.json() as Decision).childViews).toBe(views.childViews);
  });

  it('with the bisidder date recorded there is no warning; the day before the 29 February birthday falls in a year, the child is 9 and not a party', async () => {
    const told = await api().post(decisionsUrl(), supportGrant({ bisidderToldOn: '2026-10-20' }));
    expect(told.statusCode, told.body).toBe(201);
    expect((told.json() as Decision).warnings).toEqual([]);
    const nine = await api().post(decisionsUrl(), supportGrant({ decidedOn: '2026-02-28', childViewsOn: '2026-02-20' }));
    expect(nine.statusCode, nine.body).toBe(201);
    expect(nine.json()).toMatchObject({ childAgeOnDecision: 9, childIsParty: false, warnings: [] });
    const ten = await api().post(decisionsUrl(), supportGrant({ decidedOn: '2026-03-01', childViewsOn: '2026-02-20' }));
    expect(ten.json()).toMatchObject({ childAgeOnDecision: 10, childIsParty: true });
  });

  it('a §86 grant at 10 is not a party case (§3 does not list §§86, 87, 90), and passes the configured threshold', async () => {
    const response = await api().post(decisionsUrl(), extraCosts());
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ childAgeOnDecision: 10, childIsParty: false, amountDkk: 400, amountPeriod: 'month', warnings: [] });
  });

  it("a reason the child's views were not obtained is enough (§5 stk. 4)", async () => {
    const response = await api().post(decisionsUrl(), supportGrant({
      childViewsMethod: null, childViewsOn: null, childViews: null, childViewsNotObtainedReason: 'Barnet har ikke verbalt sprog; forsøgt via observation uden resultat.',
    }));
    expect(response.statusCode, response.body).toBe(201);
  });
});

describe("the decision guard for the child's views (Barnets Lov §5)", () => {
  it("refuses a decision without the child's views or a reason: 422 naming each field and §5, nothing written", async () => {
    const { status, body } = await refused(() => api().post(decisionsUrl(), supportGrant({ childViewsMethod: undefined, childViewsOn: undefined, childViews: undefined })));
    expect(status).toBe(422);
    expect(body.error.code).toBe('child_views_missing');
    expect(body.error.message).toMatch(/Barnets Lov §5/);
    expect(body.error.details.map((d) => d.field)).toEqual(['childViewsMethod', 'childViewsOn', 'childViews', 'childViewsNotObtainedReason']);
    expect(body.error.details.every((d) => d.code === 'child_views_missing' && /§5/.test(d.message))).toBe(true);
  });

  it('refuses partial views, blank text, views after the decision or in the future, and views with a reason', async () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ childViews: '  ' }, 'child_views_missing', 'childViews'],
      [{ childViewsMethod: null }, 'child_views_missing', 'childViewsMethod'],
      [{ childViewsOn: '2026-11-03' }, 'child_views_after_decision', 'childViewsOn'],
      [{ decidedOn: '2026-11-23', childViewsOn: '2026-11-23' }, 'date_in_future', 'decidedOn'],
      [{ childViewsNotObtainedReason: 'Ville ikke' }, 'child_views_conflicting', 'childViewsNotObtainedReason'],
    ];
    for (const [change, code, field] of cases) {
      const { status, body } = await refused(() => api().post(decisionsUrl(), supportGrant(change)));
      expect(status, JSON.stringify(change)).toBe(422);
      expect(body.error.code, JSON.stringify(change)).toBe(code);
      expect(body.error.details[0]!.field).toBe(field);
    }
  });

  it('a correction that removes the views is refused the same way (the guard holds on PATCH too)', async () => {
    const created = (await api().post(decisionsUrl(), supportGrant())).json() as Decision;
    const { status, body } = await refused(() => api().patch(`/api/decisions/${created.id}`, { childViews: null, version: 1 }));
    expect(status).toBe(422);
    expect(body.error.code).toBe('child_views_missing');
  });
});

describe('§86 threshold and §87 cap from the yearly configuration', () => {
  it('refuses a §86 grant below the year\'s threshold (month × 12), naming the year and amount; nothing written', async () => {
    const { status, body } = await refused(() => api().post(decisionsUrl(), extraCosts({ amountDkk: 249.99, amountPeriod: 'month' })));
    expect(status).toBe(422);
    expect(body.error.code).toBe('below_yearly_threshold');
    expect(body.error.message).toMatch(/2026/);
    expect(body.error.details[0]).toMatchObject({ field: 'amountDkk', code: 'below_yearly_threshold' });
    expect((await api().post(decisionsUrl(), extraCosts({ amountDkk: 250, amountPeriod: 'month' }))).statusCode).toBe(201);
  });

  it('refuses a §87 grant above the year\'s cap per month (a yearly amount compared with 12 × the cap)', async () => {
    const lostEarnings = { legalBasisId: 'BL-87', measureIds: [] };
    const { body } = await refused(() => api().post(decisionsUrl(), extraCosts({ ...lostEarnings, amountDkk: 360000.12, amountPeriod: 'year' })));
    expect(body.error.code).toBe('above_yearly_cap');
    expect((await api().post(decisionsUrl(), extraCosts({ ...lostEarnings, amountDkk: 360000, amountPeriod: 'year' }))).statusCode).toBe(201);
  });

  it('refuses while the year has no configured amount, telling an administrator to configure it', async () => {
    const { status, body } = await refused(() => api().post(decisionsUrl(), extraCosts({ decidedOn: '2025-11-03', childViewsOn: '2025-11-01' })));
    expect(status).toBe(422);
    expect(body.error.code).toBe('yearly_amount_not_configured');
    expect(body.error.message).toMatch(/2025.*administrator/);
  });

  it('a §86 grant without an amount, or an amount without a period, is refused', async () => {
    expect((await refused(() => api().post(decisionsUrl(), extraCosts({ amountDkk: null, amountPeriod: null })))).body.error.code).toBe('amount_required');
    expect((await refused(() => api().post(decisionsUrl(), extraCosts({ amountPeriod: null })))).body.error.code).toBe('amount_period_required');
  });

  it('a refusal under §86 needs no amount and is not checked against the threshold', async () => {
    const response = await api().post(decisionsUrl(), extraCosts({ outcome: 'refused', amountDkk: null, amountPeriod: null, decidedOn: '2025-11-03', childViewsOn: '2025-11-01' }));
    expect(response.statusCode, response.body).toBe(201);
  });
});

describe('measures, versions and need-to-know', () => {
  it("refuses a measure of another case, and another municipality's measure exactly like an unknown one", async () => {
    const { status, body } = await refused(() => api().post(decisionsUrl(), supportGrant({ measureIds: [supportMeasureId, otherCaseMeasureId] })));
    expect(status).toBe(422);
    expect(body.error.details).toEqual([expect.objectContaining({ field: 'measureIds.1', code: 'measure_not_of_case' })]);
    const foreign = await refused(() => api().post(decisionsUrl(), supportGrant({ measureIds: [foreignMeasureId] })));
    const unknown = await refused(() => api().post(decisionsUrl(), supportGrant({ measureIds: [randomUUID()] })));
    expect(foreign.status).toBe(422);
    expect(foreign.body).toEqual(unknown.body);
  });

  it('corrects a decision with its version; a stale version is 409 and changes nothing', async () => {
    const created = (await api().post(decisionsUrl(), supportGrant())).json() as Decision;
    const updated = await api().patch(`/api/decisions/${created.id}`, { bisidderToldOn: '2026-11-05', measureIds: [], version: 1 });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toMatchObject({ version: 2, bisidderToldOn: '2026-11-05', measures: [], warnings: [] });
    const { status, body } = await refused(() => api().patch(`/api/decisions/${created.id}`, { reasoning: 'Gammel udgave', version: 1 }));
    expect(status).toBe(409);
    expect(body.error.code).toBe('version_conflict');
  });

  it('a measure named by a decision cannot be removed (409), only ended', async () => {
    const { status, body } = await refused(() => api().delete(`/api/measures/${supportMeasureId}?version=1`));
    expect(status).toBe(409);
    expect(body.error.code).toBe('measure_has_decision');
  });

  // Parents are refused by the same need-to-know rule (policy.ts: 'parent' does not read case data; policy.test.ts).
  it('staff and partners without a relation to the case get 404; a core-team member reads (403 on writes)', async () => {
    const created = (await api().post(decisionsUrl(), supportGrant())).json() as Decision;
    const outsider = await loginAs(t.app, await makeUser(t.db, m, { roles: ['coordinator'] }));
    const partner = await loginAs(t.app, await makeUser(t.db, m, { roles: ['external_partner'], department: 'school' }));
    for (const s of [outsider, partner]) {
      expect((await refused(() => api(s).get(decisionsUrl()))).status).toBe(404);
      expect((await refused(() => api(s).get(`/api/decisions/${created.id}`))).status).toBe(404);
      expect((await refused(() => api(s).post(decisionsUrl(), supportGrant()))).status).toBe(404);
      expect((await refused(() => api(s).patch(`/api/decisions/${created.id}`, { reasoning: 'Udefra', version: 1 }))).status).toBe(404);
    }
    const member = await makeUser(t.db, m, { roles: ['core_team_member'], department: 'ppr' });
    await addTeamMember(t.db, family.caseId, member);
    const memberSession = await loginAs(t.app, member);
    const read = await api(memberSession).get(decisionsUrl());
    expect(read.statusCode).toBe(200);
    expect((read.json() as { abilities: Record<string, boolean> }).abilities.canRecord).toBe(false);
    expect((await refused(() => api(memberSession).post(decisionsUrl(), supportGrant()))).status).toBe(403);
    expect((await refused(() => api(memberSession).patch(`/api/decisions/${created.id}`, { reasoning: 'Ændret', version: 1 }))).status).toBe(403);
    expect(await countRows(t.db, 'decisions', m.id)).toBeGreaterThan(0);
  });
});
