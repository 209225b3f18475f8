import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app.js';
import {
  addTeamMember, client, loginAs, makeFamilyWithCase, makeMunicipality, makeUser, type Session, type TestFamily, type TestMunicipality, type TestUser,
} from './factories.js';
import { grantMeasure, planWithPayer } from './financing-fixtures.js';
import { scheduleCostPostings } from '../src/modules/cost-report/schedule.js';
import { auditRowsAfter, auditHead } from './inspect.js';

/**
 * Cost postings, cost reports, the expense analysis and a family's costs (issue 8 items 4-6), and the controller role:
 * money and aggregates yes (200), case narratives no (the controller has no relation to any case, so the narrative
 * endpoints answer 404 like every record without need-to-know); every read audited.
 */

let t: TestApp;
let m: TestMunicipality;
let efei: TestFamily;
let sof: TestFamily;
const users = {} as Record<'coordinator' | 'coreMember' | 'leader' | 'controller' | 'stranger', TestUser>;
const s = {} as Record<keyof typeof users, Session>;
let monthly: string;
let yearly: string;

beforeAll(async () => {
  t = await createTestApp();
  m = await makeMunicipality(t.db);
  users.coordinator = await makeUser(t.db, m, { roles: ['coordinator'] });
  users.coreMember = await makeUser(t.db, m, { roles: ['core_team_member'], department: 'ppr' });
  users.leader = await makeUser(t.db, m, { roles: ['department_head'], department: 'child_disability' });
  users.controller = await makeUser(t.db, m, { roles: ['controller'] });
  users.stranger = await makeUser(t.db, m, { roles: ['coordinator'] });
  efei = await makeFamilyWithCase(t.db, m, { lead: users.coordinator, model: 'efei', openedOn: '2025-06-01' });
  sof = await makeFamilyWithCase(t.db, m, { lead: users.coordinator, model: 'sof', openedOn: '2025-06-01' });
  await addTeamMember(t.db, efei.caseId, users.coreMember);
  await planWithPayer(t.db, m.id, users.leader, 'BL-87', m.departments.employment);
  // EFEI: §86 extra costs 1,000.00 kr. a month from 2026-01, split 70/30 child disability / school (saved below);
  //       §87 lost earnings 12,000.01 kr. a year from 2026-01 → the plan's payer (employment).
  monthly = (await grantMeasure(t.db, m, efei, users.coordinator, { legalBasisId: 'BL-86', amountDkk: '1000.00', period: 'month', startsOn: '2026-01-01' })).measureId;
  yearly = (await grantMeasure(t.db, m, efei, users.coordinator, { legalBasisId: 'BL-87', amountDkk: '12000.01', period: 'year', startsOn: '2026-01-01' })).measureId;
  // SOF: §90 nr. 2 respite, 500.00 kr. once in 2026-02 (preventive); a refused decision costs nothing.
  await grantMeasure(t.db, m, sof, users.coordinator, { legalBasisId: 'BL-90-2', amountDkk: '500.00', period: 'once', startsOn: '2026-02-03', decidedOn: '2026-01-20' });
  await grantMeasure(t.db, m, sof, users.coordinator, { legalBasisId: 'BL-86', amountDkk: '9999.00', period: 'month', outcome: 'refused' });
  for (const key of Object.keys(users) as Array<keyof typeof users>) s[key] = await loginAs(t.app, users[key]);
  const split = await client(t.app, s.coordinator).post(`/api/measures/${monthly}/financing/versions`, {
    basedOnVersion: 0, reason: 'Skolen betaler 30 %',
    shares: [{ departmentId: m.departments.child_disability, shareBp: 7000, validFrom: '2026-01-01' }, { departmentId: m.departments.school, shareBp: 3000, validFrom: '2026-01-01' }],
  });
  expect(split.statusCode).toBe(201);
});

afterAll(async () => {
  await t?.close();
});

const postingsOf = (month: string) => t.db.selectFrom('cost_postings').select(['department_id', 'expense_category', 'amount_ore', 'source', 'measure_id'])
  .where('municipality_id', '=', m.id).where('month', '=', month).orderBy('amount_ore', 'desc').execute();

describe('the posting run', () => {
  it('posts a month from the granted decisions × the split in force, in øre; running it again changes nothing', async () => {
    const api = client(t.app, s.controller);
    const res = await api.post('/api/cost-postings/runs', { month: '2026-01' });
    expect(res.statusCode).toBe(201);
    // 1,000.00 kr. × 70/30 = 70,000 + 30,000 øre; 12,000.01 kr./12 = 100,000.08… → January gets 100,001 (1,200,001 = 12 × 100,000 + 1).
    expect(res.json()).toEqual({ month: '2026-01-01', postings: 3, totalOre: 200_001 });
    const rows = await postingsOf('2026-01-01');
    expect(rows.map((r) => [r.department_id, r.expense_category, Number(r.amount_ore)])).toEqual([
      [m.departments.employment, 'lost_earnings', 100_001], [m.departments.child_disability, 'extra_costs', 70_000], [m.departments.school, 'extra_costs', 30_000],
    ]);
    const again = await api.post('/api/cost-postings/runs', { month: '2026-01' });
    expect(again.json()).toEqual({ month: '2026-01-01', postings: 3, totalOre: 200_001 });
    expect(await postingsOf('2026-01-01')).toHaveLength(3);
  });

  it('a year of runs: the yearly grant sums to exactly 1,200,001 øre; the one-off respite only in February', async () => {
    const api = client(t.app, s.leader);
    for (let month = 1; month <= 12; month += 1) {
      expect((await api.post('/api/cost-postings/runs', { month: `2026-${String(month).padStart(2, '0')}` })).statusCode).toBe(201);
    }
    const rows = await t.db.selectFrom('cost_postings').select(['measure_id', 'month', 'amount_ore', 'expense_category']).where('municipality_id', '=', m.id).execute();
    expect(rows.filter((r) => r.measure_id === yearly).reduce((a, r) => a + Number(r.amount_ore), 0)).toBe(1_200_001);
    expect(rows.filter((r) => r.measure_id === monthly).reduce((a, r) => a + Number(r.amount_ore), 0)).toBe(12 * 100_000);
    const respite = rows.filter((r) => r.expense_category === 'preventive');
    expect(respite.map((r) => [r.month, Number(r.amount_ore)])).toEqual([['2026-02-01', 50_000]]);
  });

  it('without a month, the run posts the current month by the clock', async () => {
    const res = await client(t.app, s.controller).post('/api/cost-postings/runs', {});
    expect(res.json().month).toBe('2026-11-01');
  });

  it('the app posts the current month by the clock once a day (worker step); a second tick the same day does nothing', async () => {
    expect(await scheduleCostPostings(t.db, t.clock)).toEqual({ municipalities: 1, postings: 3 });
    expect(await scheduleCostPostings(t.db, t.clock)).toBeNull();
    expect(await postingsOf('2026-11-01')).toHaveLength(3);
  });

  it('a manual posting (coordinator salary share) by a controller; bad input is 422/400 and writes nothing; a coordinator may not (403)', async () => {
    const api = client(t.app, s.controller);
    const body = { caseId: efei.caseId, month: '2026-03', departmentId: m.departments.child_disability, expenseCategory: 'coordinator_salary', amountOre: 81_250, note: 'Koordinatorløn, andel' };
    expect((await api.post('/api/cost-postings', body)).statusCode).toBe(201);
    const unknown = await api.post('/api/cost-postings', { ...body, departmentId: '00000000-0000-4000-8000-000000000999' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.details.map((d: { code: string }) => d.code)).toEqual(['unknown_department']);
    expect((await api.post('/api/cost-postings', { ...body, amountOre: 10.5 })).statusCode).toBe(400);
    expect((await api.post('/api/cost-postings', { ...body, month: '2026-13' })).statusCode).toBe(400);
    expect((await client(t.app, s.coordinator).post('/api/cost-postings', body)).statusCode).toBe(403);
    const manual = await t.db.selectFrom('cost_postings').select('id').where('municipality_id', '=', m.id).where('source', '=', 'manual').execute();
    expect(manual).toHaveLength(1);
  });
});

describe('cost reports', () => {
  const q = 'from=2026-01&to=2026-12';
  it('per department, family, category, month and quarter sum to the same total (2026: 1,200,000 + 1,200,001 + 50,000 + 81,250 øre)', async () => {
    const api = client(t.app, s.controller);
    const total = 1_200_000 + 1_200_001 + 50_000 + 81_250;
    const get = async (by: string) => {
      const res = await api.get(`/api/reports/costs?by=${by}&${q}`);
      expect(res.statusCode, by).toBe(200);
      return res.json();
    };
    const department = await get('department');
    expect(department.totalOre).toBe(total);
    expect(Object.fromEntries(department.rows.map((r: { label: string; amountOre: number }) => [r.label, r.amountOre]))).toEqual({
      // The respite's paragraph has no plan rule: it goes 100 % to the measure's own department (child disability).
      Børnehandicap: 840_000 + 81_250 + 50_000, Testskolen: 360_000, Jobcenter: 1_200_001,
    });
    const family = await get('family');
    expect(family.rows.map((r: { key: string; label: string; amountOre: number }) => [r.key, r.amountOre]).sort()).toEqual(
      [[efei.familyId, 2_400_001 + 81_250], [sof.familyId, 50_000]].sort());
    const category = await get('category');
    expect(Object.fromEntries(category.rows.map((r: { key: string; amountOre: number }) => [r.key, r.amountOre]))).toEqual({
      extra_costs: 1_200_000, lost_earnings: 1_200_001, preventive: 50_000, coordinator_salary: 81_250,
    });
    const month = await get('month');
    expect(month.rows).toHaveLength(12);
    expect(month.rows[0]).toEqual({ key: '2026-01', label: '2026-01', amountOre: 200_001 });
    const quarter = await get('quarter');
    // Q1: 3 × 100,000 + (100,001 × 3, Jan-Mar get the first øre of the year's 1 øre remainder: only January) + 50,000 + 81,250.
    expect(quarter.rows.map((r: { key: string }) => r.key)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(quarter.rows[0].amountOre).toBe(300_000 + 300_001 + 50_000 + 81_250);
    expect(quarter.rows.reduce((a: number, r: { amountOre: number }) => a + r.amountOre, 0)).toBe(total);
  });

  it('the monthly totals the database keeps equal the postings after runs, re-runs and manual postings (migration 0019 triggers)', async () => {
    const fromPostings = await t.db.selectFrom('cost_postings').select(['month', 'department_id', 'expense_category', (eb) => eb.fn.sum<string>('amount_ore').as('amount')])
      .where('municipality_id', '=', m.id).groupBy(['month', 'department_id', 'expense_category']).execute();
    const totals = await t.db.selectFrom('cost_posting_totals').select(['month', 'department_id', 'expense_category', 'amount_ore', 'postings'])
      .where('municipality_id', '=', m.id).where('postings', '>', 0).execute();
    const key = (r: { month: string; department_id: string; expense_category: string }) => `${r.month}|${r.department_id}|${r.expense_category}`;
    expect(new Map(totals.map((r) => [key(r), Number(r.amount_ore)]))).toEqual(new Map(fromPostings.map((r) => [key(r), Number(r.amount)])));
  });

  it('CSV export in kroner, logged as an export in the audit', async () => {
    const before = await auditHead(t.db, m.id);
    const res = await client(t.app, s.controller).get(`/api/reports/costs?by=category&${q}&format=csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="costs-by-category-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.startsWith('\uFEFFcategory;label;amount_dkk\r\n')).toBe(true);
    expect(res.body).toContain('lost_earnings;Tabt arbejdsfortjeneste;12000.01');
    expect(res.body).toContain('total;;25312.51');
    const rows = await auditRowsAfter(t.db, m.id, before);
    expect(rows.map((r) => [r.action, r.entity_type])).toEqual([['export', 'cost_report_category']]);
  });

  it('bad query is 400; a reversed period is 422; a coordinator or core-team member may not read reports (403)', async () => {
    const api = client(t.app, s.controller);
    expect((await api.get('/api/reports/costs?by=colour')).statusCode).toBe(400);
    expect((await api.get('/api/reports/costs?from=2026-5')).statusCode).toBe(400);
    expect((await api.get('/api/reports/costs?from=2026-06&to=2026-01')).statusCode).toBe(422);
    expect((await client(t.app, s.coordinator).get('/api/reports/costs')).statusCode).toBe(403);
    expect((await client(t.app, s.coreMember).get('/api/reports/expenses?splitOn=2026-07-01')).statusCode).toBe(403);
  });
});

describe('the expense analysis', () => {
  it('EFEI group, before/after 2026-07-01: per quarter and category, per child with a cost, CSV', async () => {
    const api = client(t.app, s.leader);
    const res = await api.get('/api/reports/expenses?group=efei&splitOn=2026-07-01&from=2026-01&to=2026-12');
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view.quarters.map((x: { quarter: string; side: string; groupSize: number }) => [x.quarter, x.side, x.groupSize])).toEqual([
      ['2026-Q1', 'before', 1], ['2026-Q2', 'before', 1], ['2026-Q3', 'after', 1], ['2026-Q4', 'after', 1],
    ]);
    // Q1 EFEI: extra costs 300,000 (one child), lost earnings 300,001, salary 81,250; no SOF respite in the EFEI group.
    expect(view.quarters[0].categories.extra_costs).toEqual({ amountOre: 300_000, children: 1, perChildOre: 300_000 });
    expect(view.quarters[0].categories.preventive).toEqual({ amountOre: 0, children: 0, perChildOre: 0 });
    expect(view.quarters[0].totalOre).toBe(300_000 + 300_001 + 81_250);
    const extra = view.summary.find((x: { category: string }) => x.category === 'extra_costs');
    expect(extra).toEqual({ category: 'extra_costs', beforeOre: 300_000, afterOre: 300_000, beforePerChildOre: 300_000, afterPerChildOre: 300_000, changePercent: 0 });
    const csv = await api.get('/api/reports/expenses?group=efei&splitOn=2026-07-01&from=2026-01&to=2026-12&format=csv');
    expect(csv.body).toContain('2026-Q1;before;extra_costs;3000.00;1;3000.00');
  });
});

describe("a family's costs and the controller's need-to-know", () => {
  it('the coordinator and a controller see what we spend together on the family; a stranger gets 404; reads are audited', async () => {
    for (const who of ['coordinator', 'controller'] as const) {
      const before = await auditHead(t.db, m.id);
      const res = await client(t.app, s[who]).get(`/api/families/${efei.familyId}/costs`);
      expect(res.statusCode, who).toBe(200);
      const view = res.json();
      expect(view.from).toBe('2025-12-01');
      // The last 12 months by the clock: December 2025 - November 2026, so December 2026's 2 × 100,000 øre are outside.
      expect(view.totalOre).toBe(2_400_001 - 200_000 + 81_250);
      expect(view.byDepartment.map((d: { departmentName: string }) => d.departmentName)).toEqual(['Jobcenter', 'Børnehandicap', 'Testskolen']);
      expect(view.byMeasure.find((x: { measureId: string }) => x.measureId === monthly)).toMatchObject({ legalBasisLabel: 'BL §86', financingStatus: 'proposed', amountOre: 1_100_000 });
      const rows = await auditRowsAfter(t.db, m.id, before);
      expect(rows.map((r) => [r.action, r.entity_type, r.family_ids])).toEqual([['read', 'family_costs', [efei.familyId]]]);
    }
    expect((await client(t.app, s.stranger).get(`/api/families/${efei.familyId}/costs`)).statusCode).toBe(404);
  });

  it('the controller never reads a case narrative: case, family, plan, decisions (reasoning, child\'s views), child\'s voice, meetings, documents', async () => {
    const api = client(t.app, s.controller);
    const narrative = [
      `/api/cases/${efei.caseId}`, `/api/families/${efei.familyId}`, `/api/families/${efei.familyId}/plan`, `/api/cases/${efei.caseId}/decisions`,
      `/api/children/${efei.child.id}/voice`, `/api/cases/${efei.caseId}/meetings`, `/api/cases/${efei.caseId}/documents`, `/api/cases/${efei.caseId}/follow-ups`,
    ];
    for (const url of narrative) {
      const res = await api.get(url);
      expect([403, 404], url).toContain(res.statusCode);
      expect(res.body, url).not.toContain('Behovet er dokumenteret');
    }
    const money = [`/api/families/${efei.familyId}/costs`, `/api/measures/${monthly}/financing`, '/api/reports/costs', '/api/reports/expenses?splitOn=2026-07-01'];
    for (const url of money) expect((await api.get(url)).statusCode, url).toBe(200);
  });
});
