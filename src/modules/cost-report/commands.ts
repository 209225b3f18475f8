import { audit } from '../../platform/audit/audit.js';
import { todayIn } from '../../platform/clock/clock.js';
import { addMonthsToMonth, lastDayOfMonth, quarterEnd, quarterOf, quartersBetween, quarterStart } from '../../platform/clock/dates.js';
import type { RequestContext, Trx } from '../../platform/db/tenant.js';
import { toCsv } from '../../platform/http/csv.js';
import { notFound, unprocessable } from '../../platform/http/errors.js';
import { allows, requireRole } from '../../platform/policy/policy.js';
import { findFamilyWithReason } from '../family/index.js';
import { defaultPayerFor, splitsInForce } from '../financing/commands.js';
import { monthOf } from '../financing/rules.js';
import {
  caseOf, departmentExists, departmentNames, expenseCells, familyNames, familyPostings, financingStatuses, grantsForMonth, groupSize,
  measureOfCase, replaceDecisionPostings, reportRows,
} from './repo.js';
import {
  expenseAnalysis, expenseCategories, kronerToOre, oreToKronerText, postingsForMonth,
  type AmountPeriod, type ExpenseCategory, type GrantedCost,
} from './rules.js';
import type {
  CostReportQuery, CostReportView, ExpenseAnalysisQuery, ExpenseAnalysisView, FamilyCostsView, ManualPostingInput, PostingRunInput, PostingRunView, PostingView,
} from './schema.js';

/**
 * Cost postings and reports (issue 8 items 4-5): the idempotent posting run of a month, manual postings, the cost
 * reports, the expense analysis and a family's costs. Money and aggregates only — no case narrative — so controllers
 * may read them (policy.ts read_cost_reports, read_any_family_costs). Every read and write is audited.
 */

/** "2026-11" → "2026-11-01". */
const firstOf = (month: string) => `${month}-01`;

/**
 * The posting run of one month (its first day): recomputes the month's decision postings from the granted decisions ×
 * the split in force; running it again gives the same rows. Used by the API and by the demo seed (inside a tenant
 * transaction of the municipality).
 */
export async function runPostings(trx: Trx, municipalityId: string, month: string): Promise<{ postings: number; totalOre: number }> {
  const rows = await grantsForMonth(trx, month);
  const shares = await splitsInForce(trx, [...new Set(rows.map((r) => r.measure_id))]);
  const payers = new Map<string, string | null>();
  const grants: GrantedCost[] = [];
  for (const r of rows) {
    if (!payers.has(r.legal_basis_id)) payers.set(r.legal_basis_id, await defaultPayerFor(trx, { legalBasisId: r.legal_basis_id, category: r.category }));
    grants.push({
      decisionId: r.decision_id, caseId: r.case_id, measureId: r.measure_id, decidedOn: r.decided_on, amountOre: kronerToOre(r.amount_dkk),
      amountPeriod: r.amount_period as AmountPeriod, measureIndex: r.measure_index, measureCount: r.measure_count, measureStartsOn: r.starts_on,
      measureEndsOn: r.ends_on, expenseCategory: r.expense_category as ExpenseCategory, shares: shares.get(r.measure_id) ?? null,
      fallbackDepartmentId: payers.get(r.legal_basis_id) ?? r.measure_department_id,
    });
  }
  const postings = postingsForMonth(grants, month);
  await replaceDecisionPostings(trx, municipalityId, month, postings);
  return { postings: postings.length, totalOre: postings.reduce((a, p) => a + p.amountOre, 0) };
}

export async function runPostingsCommand(trx: Trx, ctx: RequestContext, input: PostingRunInput): Promise<PostingRunView> {
  requireRole(ctx.actor, 'enter_cost_postings');
  const month = input.month ? firstOf(input.month) : monthOf(todayIn(ctx.clock));
  const result = await runPostings(trx, ctx.actor.municipalityId, month);
  await audit(trx, ctx, { action: 'create', entityType: 'cost_posting_run', entityId: null, reason: 'cost_controller' });
  return { month, ...result };
}

export async function addManualPosting(trx: Trx, ctx: RequestContext, input: ManualPostingInput): Promise<PostingView> {
  requireRole(ctx.actor, 'enter_cost_postings');
  const found = await caseOf(trx, input.caseId);
  const details = [];
  if (!found) details.push({ field: 'caseId', code: 'unknown_case', message: 'The case is unknown.' });
  if (found && input.measureId && !(await measureOfCase(trx, input.caseId, input.measureId))) {
    details.push({ field: 'measureId', code: 'measure_not_of_case', message: 'The measure is not a measure of the case.' });
  }
  if (!(await departmentExists(trx, input.departmentId))) details.push({ field: 'departmentId', code: 'unknown_department', message: 'The department is unknown.' });
  if (details.length > 0) throw unprocessable('posting_invalid', 'The posting cannot be saved.', details);
  const row = await trx.insertInto('cost_postings').values({
    municipality_id: ctx.actor.municipalityId, case_id: input.caseId, measure_id: input.measureId, month: firstOf(input.month), department_id: input.departmentId,
    expense_category: input.expenseCategory, amount_ore: input.amountOre, source: 'manual', note: input.note, created_by: ctx.actor.userId, created_at: ctx.clock.now(),
  }).returning(['id']).executeTakeFirstOrThrow();
  await audit(trx, ctx, { action: 'create', entityType: 'cost_posting', entityId: row.id, familyIds: [found!.family_id], caseIds: [input.caseId], reason: 'cost_controller' });
  return {
    id: row.id, caseId: input.caseId, measureId: input.measureId, month: firstOf(input.month), departmentId: input.departmentId,
    expenseCategory: input.expenseCategory, amountOre: input.amountOre, source: 'manual', note: input.note,
  };
}

/** The period of a report: the months given, else the 12 months up to this one by the clock. */
function periodOf(ctx: RequestContext, from?: string, to?: string): { from: string; to: string } {
  const toMonth = to ? firstOf(to) : monthOf(todayIn(ctx.clock));
  const fromMonth = from ? firstOf(from) : firstOf(addMonthsToMonth(toMonth.slice(0, 7), -11));
  if (fromMonth > toMonth) {
    throw unprocessable('period_reversed', 'The report period ends before it starts.', [{ field: 'to', code: 'period_reversed', message: 'Choose a month on or after the first.' }]);
  }
  return { from: fromMonth, to: toMonth };
}

const categoryLabels: Record<ExpenseCategory, string> = {
  preventive: 'Forebyggende inkl. aflastning', placement: 'Anbringelser', extra_costs: 'Merudgifter', lost_earnings: 'Tabt arbejdsfortjeneste',
  coordinator_salary: 'Koordinatorløn', other: 'Øvrige',
};

export async function costReport(trx: Trx, ctx: RequestContext, query: CostReportQuery): Promise<CostReportView> {
  requireRole(ctx.actor, 'read_cost_reports');
  const { from, to } = periodOf(ctx, query.from, query.to);
  const rows = await reportRows(trx, query.by, from, to, { departmentId: query.departmentId, category: query.category });
  const labels = query.by === 'department' ? await departmentNames(trx) : query.by === 'family' ? await familyNames(trx, rows.map((r) => r.key)) : null;
  const view: CostReportView = {
    by: query.by, from, to: lastDayOfMonth(to),
    rows: rows.map((r) => ({
      key: r.key, amountOre: r.amountOre,
      label: labels?.get(r.key) ?? (query.by === 'category' ? categoryLabels[r.key as ExpenseCategory] ?? r.key : r.key),
    })),
    totalOre: rows.reduce((a, r) => a + r.amountOre, 0),
  };
  await audit(trx, ctx, {
    action: query.format === 'csv' ? 'export' : 'read', entityType: `cost_report_${query.by}`, entityId: null,
    familyIds: query.by === 'family' ? rows.map((r) => r.key) : [], reason: 'cost_controller',
  });
  return view;
}

export function costReportCsv(view: CostReportView): string {
  return toCsv([view.by, 'label', 'amount_dkk'], [...view.rows.map((r) => [r.key, r.label, oreToKronerText(r.amountOre)]), ['total', '', oreToKronerText(view.totalOre)]]);
}

const groupModels = { efei: ['efei'], sof: ['sof'], all: null } as const;

export async function expenseAnalysisCommand(trx: Trx, ctx: RequestContext, query: ExpenseAnalysisQuery): Promise<ExpenseAnalysisView> {
  requireRole(ctx.actor, 'read_cost_reports');
  const { from, to } = periodOf(ctx, query.from, query.to);
  const models = groupModels[query.group] ? [...groupModels[query.group]!] : null;
  const quarters = quartersBetween(quarterOf(from), quarterOf(to));
  const first = quarterStart(quarters[0]!);
  const last = quarterEnd(quarters.at(-1)!);
  const cells = await expenseCells(trx, models, first, monthOf(last));
  const groupSizes: Record<string, number> = {};
  for (const q of quarters) groupSizes[q] = await groupSize(trx, models, quarterStart(q), quarterEnd(q));
  const analysis = expenseAnalysis({ quarters, groupSizes, cells, splitOn: query.splitOn });
  await audit(trx, ctx, { action: query.format === 'csv' ? 'export' : 'read', entityType: 'expense_analysis', entityId: null, reason: 'cost_controller' });
  return { group: query.group, splitOn: query.splitOn, from: first, to: last, ...analysis };
}

export function expenseAnalysisCsv(view: ExpenseAnalysisView): string {
  const rows: Array<Array<string | number | null>> = [];
  for (const q of view.quarters) {
    for (const c of expenseCategories) {
      const cell = q.categories[c]!;
      rows.push([q.quarter, q.side, c, oreToKronerText(cell.amountOre), cell.children, oreToKronerText(cell.perChildOre)]);
    }
    rows.push([q.quarter, q.side, 'total', oreToKronerText(q.totalOre), q.groupSize, oreToKronerText(q.totalPerChildOre)]);
  }
  for (const s of view.summary) {
    const k = (v: number | null) => (v === null ? null : oreToKronerText(v));
    rows.push(['before', 'average', s.category, k(s.beforeOre), null, k(s.beforePerChildOre)]);
    rows.push(['after', 'average', s.category, k(s.afterOre), null, k(s.afterPerChildOre)]);
  }
  return toCsv(['quarter', 'side', 'category', 'amount_dkk', 'children', 'per_child_dkk'], rows);
}

/** "What do we spend together on this family": the coordinator and others with need-to-know, and controllers. */
export async function familyCosts(trx: Trx, ctx: RequestContext, familyId: string): Promise<FamilyCostsView> {
  const family = await findFamilyWithReason(trx, ctx.actor, todayIn(ctx.clock), familyId);
  const controller = allows(ctx.actor, 'read_any_family_costs');
  if (!family || (family.reason === null && !controller) || family.reason === 'parent') throw notFound('The family');
  const { from, to } = periodOf(ctx);
  const rows = await familyPostings(trx, familyId, from, to);
  const sum = <K extends string>(key: (r: (typeof rows)[number]) => K) => {
    const m = new Map<K, number>();
    for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + r.amountOre);
    return m;
  };
  const depts = sum((r) => r.departmentId);
  const cats = sum((r) => r.category);
  const measures = sum((r) => r.measureId ?? '');
  const statuses = await financingStatuses(trx, [...measures.keys()].filter((k) => k !== ''));
  await audit(trx, ctx, { action: 'read', entityType: 'family_costs', entityId: familyId, familyIds: [familyId], reason: family.reason ?? 'controller' });
  return {
    familyId, from, to: lastDayOfMonth(to), totalOre: rows.reduce((a, r) => a + r.amountOre, 0),
    byDepartment: [...depts].map(([id, amountOre]) => ({ departmentId: id, departmentName: rows.find((r) => r.departmentId === id)!.departmentName, amountOre }))
      .sort((a, b) => b.amountOre - a.amountOre),
    byCategory: [...cats].map(([category, amountOre]) => ({ category, amountOre })).sort((a, b) => b.amountOre - a.amountOre),
    byMeasure: [...measures].map(([id, amountOre]) => ({
      measureId: id || null, legalBasisLabel: rows.find((r) => (r.measureId ?? '') === id)!.legalBasisLabel, amountOre,
      financingStatus: (id ? statuses.get(id) ?? null : null) as FamilyCostsView['byMeasure'][number]['financingStatus'],
    })).sort((a, b) => b.amountOre - a.amountOre),
    abilities: { canEnterPostings: allows(ctx.actor, 'enter_cost_postings') },
  };
}
