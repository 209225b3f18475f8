import { sql } from 'kysely';
import { audit } from '../../platform/audit/audit.js';
import { todayIn } from '../../platform/clock/clock.js';
import type { RequestContext, Trx } from '../../platform/db/tenant.js';
import { forbidden } from '../../platform/http/errors.js';
import { caseFactsQuery } from '../cadence/repo.js';
import { lawFollowUpBasis } from '../cadence/rules.js';
import { computeCaseload, type CaseloadResult } from './caseload.js';
import { computeCompliance, overdueEpisodes, type ComplianceResult, type Episode } from './compliance.js';
import { caseNames, departmentCasesWithHistory, departmentName, departmentStaff, leadAssignments, municipalitySettings, userNames, type DeptCaseRow } from './repo.js';
import { lastMonths, leaderDepartmentOf, leadershipSettingsOf, type LeadershipSettings } from './rules.js';
import type { DashboardView, ExportQuery, LeaderCases, LeaderCasesQuery } from './schema.js';

/** Months of history the dashboard shows (caseload per month, compliance trend). */
export const dashboardMonths = 12;
/** The dashboard lists the oldest overdue follow-ups; the figure links to all of them (/leader/cases?filter=overdue). */
export const dashboardOverdueRows = 50;

type Names = Map<string, { family_name: string; child_name: string }>;

interface DepartmentData {
  departmentId: string;
  today: string;
  settings: LeadershipSettings;
  caseload: CaseloadResult;
  compliance: ComplianceResult;
  cases: Map<string, DeptCaseRow>;
  names: Map<string, string>;
  escalated: Set<string>;
}

/** The dashboard is the team leader's and department head's, for their own department only (rules.ts). */
function requireLeader(ctx: RequestContext): string {
  const department = leaderDepartmentOf(ctx.actor);
  if (!department) throw forbidden('Only a team leader or department head sees the leader dashboard, for their own department.');
  return department;
}

async function loadDepartment(trx: Trx, ctx: RequestContext): Promise<DepartmentData> {
  const departmentId = requireLeader(ctx);
  const today = todayIn(ctx.clock);
  const from = `${lastMonths(today, dashboardMonths)[0]}-01`;
  const [rawSettings, staff, { cases, history }, current, escalated] = await Promise.all([
    municipalitySettings(trx),
    departmentStaff(trx, departmentId),
    departmentCasesWithHistory(trx, departmentId, from, today, lawFollowUpBasis),
    caseFactsQuery(trx, { kind: 'department', departmentId }, today, { withPeople: false }),
    sql<{ case_id: string }>`select distinct e.case_id from follow_up_escalations e join cases c on c.id = e.case_id
      where e.resolved_at is null and c.responsible_department_id = ${departmentId}::uuid`.execute(trx),
  ]);
  const settings = leadershipSettingsOf(rawSettings);
  const leads = await leadAssignments(trx, staff.map((s) => s.user_id), departmentId, from, today);
  const caseload = computeCaseload(staff, leads, settings, today, dashboardMonths);
  const compliance = computeCompliance(cases, history, current.rows, rawSettings, today, dashboardMonths);
  const names = new Map(staff.map((s) => [s.user_id, s.name]));
  const missing = [...new Set(compliance.episodes.map((e) => e.leadUserId).filter((u): u is string => u !== null && !names.has(u)))];
  for (const [id, name] of await userNames(trx, missing)) names.set(id, name);
  return {
    departmentId, today, settings, caseload, compliance, names,
    cases: new Map(cases.map((c) => [c.case_id, c])), escalated: new Set(escalated.rows.map((r) => r.case_id)),
  };
}

function overdueRows(data: DepartmentData, names: Names, limit?: number) {
  return overdueEpisodes(data.compliance, data.today).slice(0, limit).map((e) => {
    const c = data.cases.get(e.caseId)!;
    const n = names.get(e.caseId);
    return {
      caseId: e.caseId, caseNumber: c.case_number, childName: n?.child_name ?? '', familyName: n?.family_name ?? '', dueOn: e.dueOn, daysOverdue: e.daysOverdue,
      leadUserId: e.leadUserId, leadName: e.leadUserId ? data.names.get(e.leadUserId) ?? null : null, escalated: data.escalated.has(e.caseId),
    };
  });
}

/** The overdue rows with the names of their cases (fetched for the listed cases only). */
async function overdueList(trx: Trx, data: DepartmentData, limit?: number) {
  const ids = overdueEpisodes(data.compliance, data.today).slice(0, limit).map((e) => e.caseId);
  return overdueRows(data, await caseNames(trx, ids), limit);
}

/** The leader dashboard: caseload against the target, compliance per team and coordinator, trend, overdue list. */
export async function getDashboard(trx: Trx, ctx: RequestContext): Promise<DashboardView> {
  const data = await loadDepartment(trx, ctx);
  const overdueTotal = data.compliance.team.overdue === 0 ? 0 : overdueEpisodes(data.compliance, data.today).length;
  const overdue = await overdueList(trx, data, dashboardOverdueRows);
  // The figures are aggregates; the overdue list names cases, so those are audited as read.
  await audit(trx, ctx, {
    action: 'read', entityType: 'leader_dashboard', entityId: data.departmentId, caseIds: overdue.map((o) => o.caseId),
    familyIds: [...new Set(overdue.map((o) => data.cases.get(o.caseId)!.family_id))], reason: 'department_leader',
  });
  return {
    departmentId: data.departmentId, departmentName: (await departmentName(trx, data.departmentId)) ?? '', today: data.today, settings: data.settings,
    caseload: { coordinators: data.caseload.coordinators, suggestion: data.caseload.suggestion, history: data.caseload.history },
    compliance: {
      team: data.compliance.team, trend: data.compliance.trend,
      coordinators: data.compliance.coordinators.map((c) => ({ ...c, name: c.userId ? data.names.get(c.userId) ?? null : null }))
        .sort((a, b) => (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff', 'da')),
    },
    overdue, overdueTotal, escalations: { open: data.escalated.size },
  };
}

function casesOf(data: DepartmentData, query: Partial<LeaderCasesQuery>): Omit<LeaderCases, 'filter'> {
  // Names are filled in by withCaseNames once the rows are chosen.
  const userId = query.userId ?? null;
  const rowOf = (caseId: string, e: Episode | null) => {
    const c = data.cases.get(caseId)!;
    const lead = e ? e.leadUserId : userId;
    return {
      caseId, caseNumber: c.case_number, childName: '', familyName: '', model: c.model,
      dueOn: e?.dueOn ?? null, heldOn: e?.heldOn ?? null, outcome: e?.outcome ?? null, leadUserId: lead, leadName: lead ? data.names.get(lead) ?? null : null,
    };
  };
  let rows: LeaderCases['cases'];
  let hiddenCount = 0;
  const filter = query.filter ?? 'due';
  if (filter === 'caseload') {
    const ids = userId ? data.caseload.caseIdsByUser.get(userId) ?? [] : [...data.caseload.caseIdsByUser.values()].flat();
    const open = new Map(data.compliance.episodes.filter((e) => e.heldOn === null).map((e) => [e.caseId, e]));
    rows = ids.filter((id) => data.cases.has(id)).map((id) => rowOf(id, open.get(id) ?? null));
    hiddenCount = userId ? data.caseload.coordinators.find((c) => c.userId === userId)?.otherDepartments ?? 0 : 0;
  } else if (filter === 'escalated') {
    rows = [...data.escalated].filter((id) => data.cases.has(id)).map((id) => rowOf(id, data.compliance.episodes.find((e) => e.caseId === id && e.heldOn === null) ?? null))
      .filter((r) => !userId || r.leadUserId === userId);
  } else {
    const wanted = filter === 'on_time' ? ['on_time'] : filter === 'late' ? ['late', 'overdue'] : filter === 'overdue' ? ['overdue'] : ['on_time', 'late', 'overdue'];
    rows = data.compliance.episodes
      .filter((e) => wanted.includes(e.outcome) && (!query.month || e.month === query.month)
        && (query.unassigned ? e.leadUserId === null : !userId || e.leadUserId === userId))
      .map((e) => rowOf(e.caseId, e));
  }
  rows.sort((a, b) => ((a.dueOn ?? '9') < (b.dueOn ?? '9') ? -1 : (a.dueOn ?? '9') > (b.dueOn ?? '9') ? 1 : a.caseNumber.localeCompare(b.caseNumber)));
  return { userId, userName: userId ? data.names.get(userId) ?? null : null, month: query.month ?? null, cases: rows, hiddenCount };
}

async function withCaseNames(trx: Trx, result: Omit<LeaderCases, 'filter'>): Promise<Omit<LeaderCases, 'filter'>> {
  const names = await caseNames(trx, [...new Set(result.cases.map((c) => c.caseId))]);
  for (const row of result.cases) {
    const n = names.get(row.caseId);
    row.childName = n?.child_name ?? '';
    row.familyName = n?.family_name ?? '';
  }
  return result;
}

/** The cases behind a figure of the dashboard (every number links here). */
export async function listLeaderCases(trx: Trx, ctx: RequestContext, query: LeaderCasesQuery): Promise<LeaderCases> {
  const data = await loadDepartment(trx, ctx);
  const result = await withCaseNames(trx, casesOf(data, query));
  await audit(trx, ctx, {
    action: 'read', entityType: 'leader_cases', entityId: data.departmentId, caseIds: [...new Set(result.cases.map((c) => c.caseId))],
    familyIds: [...new Set(result.cases.map((c) => data.cases.get(c.caseId)!.family_id))], reason: `department_leader:${query.filter}`,
  });
  return { filter: query.filter, ...result };
}

/** RFC 4180 CSV with a semicolon (what Danish spreadsheets open), every field quoted when needed. */
export function toCsv(header: string[], rows: Array<Array<string | number | null>>): string {
  const cell = (v: string | number | null) => {
    const s = v === null ? '' : String(v);
    // A leading =, +, - or @ would be run as a formula by a spreadsheet: prefix it.
    const safe = /^[=+\-@]/.test(s) && typeof v === 'string' ? `'${s}` : s;
    return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return [header, ...rows].map((r) => r.map(cell).join(';')).join('\r\n') + '\r\n';
}

/** A CSV export of the dashboard; every export is audited (action 'export'). */
export async function exportCsv(trx: Trx, ctx: RequestContext, query: ExportQuery): Promise<{ filename: string; csv: string }> {
  const data = await loadDepartment(trx, ctx);
  let csv: string;
  let caseIds: string[] = [];
  if (query.report === 'caseload') {
    csv = toCsv(['user_id', 'name', 'cases', 'efei', 'sof', 'complex', 'weighted', 'target_min', 'target_max', 'status'],
      data.caseload.coordinators.map((c) => [c.userId, c.name, c.cases, c.efei, c.sof, c.complex, c.weighted, data.settings.caseloadTarget.min, data.settings.caseloadTarget.max, c.status]));
  } else if (query.report === 'compliance') {
    csv = toCsv(['month', 'counted', 'on_time', 'late', 'overdue', 'share'],
      data.compliance.trend.map((t) => [t.month, t.counted, t.onTime, t.late, t.overdue, t.share]));
  } else if (query.report === 'overdue') {
    const rows = await overdueList(trx, data);
    caseIds = rows.map((r) => r.caseId);
    csv = toCsv(['case_number', 'child', 'family', 'due_on', 'days_overdue', 'lead', 'escalated'],
      rows.map((r) => [r.caseNumber, r.childName, r.familyName, r.dueOn, r.daysOverdue, r.leadName, r.escalated ? 'ja' : 'nej']));
  } else {
    const result = await withCaseNames(trx, casesOf(data, query));
    caseIds = result.cases.map((c) => c.caseId);
    csv = toCsv(['case_number', 'child', 'family', 'model', 'due_on', 'held_on', 'outcome', 'lead'],
      result.cases.map((c) => [c.caseNumber, c.childName, c.familyName, c.model, c.dueOn, c.heldOn, c.outcome, c.leadName]));
  }
  await audit(trx, ctx, {
    action: 'export', entityType: `leader_export_${query.report}`, entityId: data.departmentId, caseIds: [...new Set(caseIds)],
    familyIds: [...new Set(caseIds.map((id) => data.cases.get(id)!.family_id))], reason: 'department_leader',
  });
  return { filename: `tovholder-${query.report}-${data.today}.csv`, csv };
}
