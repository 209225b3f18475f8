import { sql } from 'kysely';
import { audit } from '../../platform/audit/audit.js';
import { todayIn } from '../../platform/clock/clock.js';
import type { RequestContext, Trx } from '../../platform/db/tenant.js';
import { toCsv } from '../../platform/http/csv.js';
import { forbidden } from '../../platform/http/errors.js';
import { computeCaseload, type CaseloadResult } from './caseload.js';
import { complianceFigures, type ComplianceResult, type Episode } from './compliance.js';
import { episodeCounts, listEpisodes, refreshDepartmentEpisodes } from './episodes.js';
import { caseSummaries, departmentName, departmentStaff, leadAssignments, municipalitySettings, userNames } from './repo.js';
import { daysOverdue, lastMonths, leaderDepartmentOf, leadershipSettingsOf, type LeadershipSettings } from './rules.js';
import type { DashboardView, ExportQuery, LeaderCases, LeaderCasesQuery } from './schema.js';

/** Months of history the dashboard shows (caseload per month, compliance trend). */
export const dashboardMonths = 12;
/** The dashboard lists the oldest overdue follow-ups; the figure links to all of them (/leader/cases?filter=overdue). */
export const dashboardOverdueRows = 50;

interface DepartmentData {
  departmentId: string;
  today: string;
  /** The first day of the window (12 months, this one included). */
  from: string;
  settings: LeadershipSettings;
  caseload: CaseloadResult;
  compliance: ComplianceResult;
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
  // The stored episodes first (recomputed for the cases whose sources or time changed), then the reads, in parallel.
  await refreshDepartmentEpisodes(trx, departmentId, today);
  const [rawSettings, staff, counts, escalated] = await Promise.all([
    municipalitySettings(trx),
    departmentStaff(trx, departmentId),
    episodeCounts(trx, departmentId, from),
    sql<{ case_id: string }>`select distinct e.case_id from follow_up_escalations e join cases c on c.id = e.case_id
      where e.resolved_at is null and c.responsible_department_id = ${departmentId}::uuid`.execute(trx),
  ]);
  const settings = leadershipSettingsOf(rawSettings);
  const leads = await leadAssignments(trx, staff.map((s) => s.user_id), departmentId, from, today);
  const caseload = computeCaseload(staff, leads, settings, today, dashboardMonths);
  const compliance = complianceFigures(counts, today, dashboardMonths);
  const names = new Map(staff.map((s) => [s.user_id, s.name]));
  const missing = compliance.coordinators.map((c) => c.userId).filter((u): u is string => u !== null && !names.has(u));
  for (const [id, name] of await userNames(trx, missing)) names.set(id, name);
  return { departmentId, today, from, settings, caseload, compliance, names, escalated: new Set(escalated.rows.map((r) => r.case_id)) };
}

/** The overdue follow-ups, oldest first, with the names of their cases (fetched for the listed cases only). */
async function overdueList(trx: Trx, data: DepartmentData, limit?: number) {
  const episodes = await listEpisodes(trx, data.departmentId, data.from, { outcomes: ['overdue'], ...(limit !== undefined ? { limit } : {}) });
  const cases = await caseSummaries(trx, episodes.map((e) => e.caseId));
  return episodes.map((e) => {
    const c = cases.get(e.caseId)!;
    return {
      caseId: e.caseId, caseNumber: c.case_number, familyId: c.family_id, childName: c.child_name, familyName: c.family_name,
      dueOn: e.dueOn, daysOverdue: daysOverdue(e.dueOn, data.today),
      leadUserId: e.leadUserId, leadName: e.leadUserId ? data.names.get(e.leadUserId) ?? null : null, escalated: data.escalated.has(e.caseId),
    };
  });
}

/** The leader dashboard: caseload against the target, compliance per team and coordinator, trend, overdue list. */
export async function getDashboard(trx: Trx, ctx: RequestContext): Promise<DashboardView> {
  const data = await loadDepartment(trx, ctx);
  // Every open episode is in the window, so the team's overdue figure counts them all.
  const overdueTotal = data.compliance.team.overdue;
  const overdue = await overdueList(trx, data, dashboardOverdueRows);
  // The figures are aggregates; the overdue list names cases, so those are audited as read.
  await audit(trx, ctx, {
    action: 'read', entityType: 'leader_dashboard', entityId: data.departmentId, caseIds: overdue.map((o) => o.caseId),
    familyIds: [...new Set(overdue.map((o) => o.familyId))], reason: 'department_leader',
  });
  return {
    departmentId: data.departmentId, departmentName: (await departmentName(trx, data.departmentId)) ?? '', today: data.today, settings: data.settings,
    caseload: { coordinators: data.caseload.coordinators, suggestion: data.caseload.suggestion, history: data.caseload.history },
    compliance: {
      team: data.compliance.team, trend: data.compliance.trend,
      coordinators: data.compliance.coordinators.map((c) => ({ ...c, name: c.userId ? data.names.get(c.userId) ?? null : null }))
        .sort((a, b) => (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff', 'da')),
    },
    overdue: overdue.map(({ familyId: _familyId, ...row }) => row), overdueTotal, escalations: { open: data.escalated.size },
  };
}

type CaseRow = LeaderCases['cases'][number] & { familyId: string };

/** The cases behind a figure: each with its matching episode (or, listed by id, its open one), named. */
async function casesOf(trx: Trx, data: DepartmentData, query: Partial<LeaderCasesQuery>): Promise<Omit<LeaderCases, 'filter' | 'cases'> & { cases: CaseRow[] }> {
  const userId = query.userId ?? null;
  let listed: Array<{ caseId: string; episode: Episode | undefined; leadUserId: string | null }>;
  let hiddenCount = 0;
  /** Cases listed by id (caseload, escalations) with their open episode, if any. */
  const byIds = async (ids: string[]) => {
    const open = ids.length === 0 ? new Map<string, Episode>()
      : new Map((await listEpisodes(trx, data.departmentId, data.from, { caseIds: ids, openOnly: true })).map((e) => [e.caseId, e]));
    return ids.map((caseId) => ({ caseId, episode: open.get(caseId) }));
  };
  const filter = query.filter ?? 'due';
  if (filter === 'caseload') {
    const ids = userId ? data.caseload.caseIdsByUser.get(userId) ?? [] : [...data.caseload.caseIdsByUser.values()].flat();
    listed = (await byIds(ids)).map((r) => ({ ...r, leadUserId: userId }));
    hiddenCount = userId ? data.caseload.coordinators.find((c) => c.userId === userId)?.otherDepartments ?? 0 : 0;
  } else if (filter === 'escalated') {
    listed = (await byIds([...data.escalated])).map((r) => ({ ...r, leadUserId: r.episode?.leadUserId ?? null }))
      .filter((r) => !userId || r.leadUserId === userId);
  } else {
    const outcomes = filter === 'on_time' ? ['on_time' as const] : filter === 'late' ? ['late' as const, 'overdue' as const]
      : filter === 'overdue' ? ['overdue' as const] : ['on_time' as const, 'late' as const, 'overdue' as const];
    const episodes = await listEpisodes(trx, data.departmentId, data.from, {
      outcomes, ...(query.month ? { month: query.month } : {}),
      ...(query.unassigned ? { leadUserId: null } : userId ? { leadUserId: userId } : {}),
    });
    listed = episodes.map((e) => ({ caseId: e.caseId, episode: e, leadUserId: e.leadUserId }));
  }
  const cases = await caseSummaries(trx, [...new Set(listed.map((r) => r.caseId))]);
  const rows: CaseRow[] = listed.filter((r) => cases.has(r.caseId)).map(({ caseId, episode: e, leadUserId }) => {
    const c = cases.get(caseId)!;
    return {
      caseId, caseNumber: c.case_number, familyId: c.family_id, childName: c.child_name, familyName: c.family_name, model: c.model,
      dueOn: e?.dueOn ?? null, heldOn: e?.heldOn ?? null, outcome: e?.outcome ?? null,
      leadUserId, leadName: leadUserId ? data.names.get(leadUserId) ?? null : null,
    };
  });
  rows.sort((a, b) => ((a.dueOn ?? '9') < (b.dueOn ?? '9') ? -1 : (a.dueOn ?? '9') > (b.dueOn ?? '9') ? 1 : a.caseNumber.localeCompare(b.caseNumber)));
  return { userId, userName: userId ? data.names.get(userId) ?? null : null, month: query.month ?? null, cases: rows, hiddenCount };
}

/** The cases behind a figure of the dashboard (every number links here). */
export async function listLeaderCases(trx: Trx, ctx: RequestContext, query: LeaderCasesQuery): Promise<LeaderCases> {
  const data = await loadDepartment(trx, ctx);
  const result = await casesOf(trx, data, query);
  await audit(trx, ctx, {
    action: 'read', entityType: 'leader_cases', entityId: data.departmentId, caseIds: [...new Set(result.cases.map((c) => c.caseId))],
    familyIds: [...new Set(result.cases.map((c) => c.familyId))], reason: `department_leader:${query.filter}`,
  });
  return { filter: query.filter, ...result, cases: result.cases.map(({ familyId: _familyId, ...row }) => row) };
}

/** A CSV export of the dashboard; every export is audited (action 'export'). */
export async function exportCsv(trx: Trx, ctx: RequestContext, query: ExportQuery): Promise<{ filename: string; csv: string }> {
  const data = await loadDepartment(trx, ctx);
  let csv: string;
  let listed: Array<{ caseId: string; familyId: string }> = [];
  if (query.report === 'caseload') {
    csv = toCsv(['user_id', 'name', 'cases', 'efei', 'sof', 'complex', 'weighted', 'target_min', 'target_max', 'status'],
      data.caseload.coordinators.map((c) => [c.userId, c.name, c.cases, c.efei, c.sof, c.complex, c.weighted, data.settings.caseloadTarget.min, data.settings.caseloadTarget.max, c.status]));
  } else if (query.report === 'compliance') {
    csv = toCsv(['month', 'counted', 'on_time', 'late', 'overdue', 'share'],
      data.compliance.trend.map((t) => [t.month, t.counted, t.onTime, t.late, t.overdue, t.share]));
  } else if (query.report === 'overdue') {
    const rows = await overdueList(trx, data);
    listed = rows;
    csv = toCsv(['case_number', 'child', 'family', 'due_on', 'days_overdue', 'lead', 'escalated'],
      rows.map((r) => [r.caseNumber, r.childName, r.familyName, r.dueOn, r.daysOverdue, r.leadName, r.escalated ? 'ja' : 'nej']));
  } else {
    const result = await casesOf(trx, data, query);
    listed = result.cases;
    csv = toCsv(['case_number', 'child', 'family', 'model', 'due_on', 'held_on', 'outcome', 'lead'],
      result.cases.map((c) => [c.caseNumber, c.childName, c.familyName, c.model, c.dueOn, c.heldOn, c.outcome, c.leadName]));
  }
  await audit(trx, ctx, {
    action: 'export', entityType: `leader_export_${query.report}`, entityId: data.departmentId, caseIds: [...new Set(listed.map((r) => r.caseId))],
    familyIds: [...new Set(listed.map((r) => r.familyId))], reason: 'department_leader',
  });
  return { filename: `tovholder-${query.report}-${data.today}.csv`, csv };
}
