import { sql } from 'kysely';
import { lastDayOfMonth } from '../../platform/clock/dates.js';
import type { Trx } from '../../platform/db/tenant.js';
import { legalBasisLabel } from '../legal-basis/commands.js';
import type { ExpenseCategory, Posting } from './rules.js';
import type { ReportGrouping } from './schema.js';

/** Queries of cost postings and reports (migration 0019). Amounts are bigint øre; sums come back as text. */

/** Granted decisions with an amount naming measures that run in the month, with what the posting run needs. */
export async function grantsForMonth(trx: Trx, month: string) {
  const last = lastDayOfMonth(month);
  const rows = await sql<{
    decision_id: string; case_id: string; measure_id: string; decided_on: string; amount_dkk: string; amount_period: string;
    measure_index: number; measure_count: number; starts_on: string; ends_on: string | null; expense_category: string;
    measure_department_id: string; legal_basis_id: string; category: string;
  }>`
    select d.id as decision_id, d.case_id, m.id as measure_id, d.decided_on, d.amount_dkk::text as amount_dkk, d.amount_period,
           (row_number() over (partition by d.id order by m.id) - 1)::int as measure_index,
           (count(*) over (partition by d.id))::int as measure_count,
           m.starts_on, m.ends_on, lb.expense_category, m.department_id as measure_department_id, m.legal_basis_id, lb.category
      from decisions d
      join decision_measures dm on dm.municipality_id = d.municipality_id and dm.decision_id = d.id
      join measures m on m.municipality_id = dm.municipality_id and m.id = dm.measure_id
      join legal_bases lb on lb.id = m.legal_basis_id
     where d.outcome = 'granted' and d.amount_dkk is not null
       and d.decided_on <= ${last}::date and m.starts_on <= ${last}::date and (m.ends_on is null or m.ends_on >= ${month}::date)`.execute(trx);
  return rows.rows;
}

/** Replaces the month's decision postings (the run is idempotent); manual postings stay. */
export async function replaceDecisionPostings(trx: Trx, municipalityId: string, month: string, postings: Posting[]): Promise<void> {
  await trx.deleteFrom('cost_postings').where('month', '=', month).where('source', '=', 'decision').execute();
  for (let i = 0; i < postings.length; i += 1000) {
    await trx.insertInto('cost_postings').values(postings.slice(i, i + 1000).map((p) => ({
      municipality_id: municipalityId, case_id: p.caseId, measure_id: p.measureId, decision_id: p.decisionId, month: p.month,
      department_id: p.departmentId, expense_category: p.expenseCategory, amount_ore: p.amountOre, source: 'decision',
    }))).execute();
  }
}

const keyOf: Record<ReportGrouping, string> = {
  department: 'p.department_id::text',
  family: 'c.family_id::text',
  category: 'p.expense_category',
  month: "to_char(p.month, 'YYYY-MM')",
  quarter: `to_char(p.month, 'YYYY-"Q"Q')`,
};

/** Sums per group over months [from, to] (first days), optionally for one department or category. */
export async function reportRows(trx: Trx, by: ReportGrouping, from: string, to: string, filter: { departmentId?: string; category?: ExpenseCategory }) {
  const key = sql.raw(keyOf[by]);
  // Per family the postings themselves; otherwise the monthly totals the database keeps from them (migration 0019).
  const source = by === 'family'
    ? sql`cost_postings p join cases c on c.municipality_id = p.municipality_id and c.id = p.case_id`
    : sql`cost_posting_totals p`;
  const rows = await sql<{ key: string; amount: string }>`
    select ${key} as key, sum(p.amount_ore)::text as amount
      from ${source}
     where p.month between ${from}::date and ${to}::date
       ${filter.departmentId ? sql`and p.department_id = ${filter.departmentId}::uuid` : sql``}
       ${filter.category ? sql`and p.expense_category = ${filter.category}` : sql``}
     group by 1 ${by === 'family' ? sql`` : sql`having sum(p.postings) > 0`} order by 1`.execute(trx);
  return rows.rows.map((r) => ({ key: r.key, amountOre: Number(r.amount) }));
}

export async function departmentNames(trx: Trx): Promise<Map<string, string>> {
  const rows = await trx.selectFrom('departments').select(['id', 'name']).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function familyNames(trx: Trx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await trx.selectFrom('families').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Per quarter and category: the group's spending and how many distinct children had a cost of it. */
export async function expenseCells(trx: Trx, models: string[] | null, from: string, to: string) {
  const rows = await sql<{ quarter: string; category: string; amount: string; children: number }>`
    select to_char(p.month, 'YYYY-"Q"Q') as quarter, p.expense_category as category, sum(p.amount_ore)::text as amount,
           count(distinct c.child_id)::int as children
      from cost_postings p join cases c on c.municipality_id = p.municipality_id and c.id = p.case_id
     where p.month between ${from}::date and ${to}::date
       ${models ? sql`and c.model = any(${models}::text[])` : sql``}
     group by 1, 2`.execute(trx);
  return rows.rows.map((r) => ({ quarter: r.quarter, category: r.category as ExpenseCategory, amountOre: Number(r.amount), children: r.children }));
}

/** Children of the group with a case open at some time in the quarter (the divisor of the total). */
export async function groupSize(trx: Trx, models: string[] | null, first: string, last: string): Promise<number> {
  const row = await sql<{ n: number }>`
    select count(distinct c.child_id)::int as n from cases c
     where c.opened_on <= ${last}::date and (c.closed_on is null or c.closed_on >= ${first}::date)
       ${models ? sql`and c.model = any(${models}::text[])` : sql``}`.execute(trx);
  return row.rows[0]?.n ?? 0;
}

/** A family's postings over months [from, to], grouped per department, category and measure. */
export async function familyPostings(trx: Trx, familyId: string, from: string, to: string) {
  const rows = await sql<{
    department_id: string; department_name: string; expense_category: string; measure_id: string | null; amount: string;
    law: string | null; paragraph: string | null; subsection: string | null;
  }>`
    select p.department_id, d.name as department_name, p.expense_category, p.measure_id, sum(p.amount_ore)::text as amount,
           lb.law, lb.paragraph, lb.subsection
      from cost_postings p
      join cases c on c.municipality_id = p.municipality_id and c.id = p.case_id
      join departments d on d.municipality_id = p.municipality_id and d.id = p.department_id
      left join measures m on m.municipality_id = p.municipality_id and m.id = p.measure_id
      left join legal_bases lb on lb.id = m.legal_basis_id
     where c.family_id = ${familyId}::uuid and p.month between ${from}::date and ${to}::date
     group by p.department_id, d.name, p.expense_category, p.measure_id, lb.law, lb.paragraph, lb.subsection`.execute(trx);
  return rows.rows.map((r) => ({
    departmentId: r.department_id, departmentName: r.department_name, category: r.expense_category as ExpenseCategory, measureId: r.measure_id,
    legalBasisLabel: r.law ? legalBasisLabel({ law: r.law, paragraph: r.paragraph!, subsection: r.subsection }) : null, amountOre: Number(r.amount),
  }));
}

/** The status of the newest financing version of each measure. */
export async function financingStatuses(trx: Trx, measureIds: string[]): Promise<Map<string, string>> {
  if (measureIds.length === 0) return new Map();
  const rows = await sql<{ measure_id: string; status: string }>`
    select distinct on (measure_id) measure_id, status from measure_financing_versions
     where measure_id = any(${measureIds}::uuid[]) order by measure_id, version_no desc`.execute(trx);
  return new Map(rows.rows.map((r) => [r.measure_id, r.status]));
}

export async function caseOf(trx: Trx, caseId: string) {
  return trx.selectFrom('cases').select(['id', 'family_id']).where('id', '=', caseId).executeTakeFirst();
}

export async function measureOfCase(trx: Trx, caseId: string, measureId: string): Promise<boolean> {
  return (await trx.selectFrom('measures').select('id').where('case_id', '=', caseId).where('id', '=', measureId).executeTakeFirst()) !== undefined;
}

export async function departmentExists(trx: Trx, id: string): Promise<boolean> {
  return (await trx.selectFrom('departments').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}
