import type { LeadRow, StaffRow } from './repo.js';
import {
  caseWeight, isComplex, lastMonths, loadStatus, monthReadingDay, suggestNext, type LeadershipSettings, type LoadStatus,
} from './rules.js';

/**
 * Caseload per coordinator / primary caseworker (issue 9 item 1) against the municipality's target (000:255-261),
 * weighted by model and complexity (rules.ts), and its history per month computed from the assignment history
 * (case_assignments.starts_on/ends_on and the case's opening and closing dates), so no snapshot job is needed.
 */

export interface CoordinatorLoad {
  userId: string;
  name: string;
  hasAuthority: boolean;
  cases: number;
  efei: number;
  sof: number;
  complex: number;
  weighted: number;
  status: LoadStatus;
  /** Lead cases of another department (counted in the load, not listed to this leader). */
  otherDepartments: number;
}

export interface CaseloadResult {
  coordinators: CoordinatorLoad[];
  suggestion: { efei: string | null; sof: string | null };
  history: Array<{ month: string; on: string; total: number; weightedAverage: number | null; perUser: Record<string, number> }>;
  /** The department's cases each user leads today (the drill-down behind a caseload figure). */
  caseIdsByUser: Map<string, string[]>;
}

/** Is a lead assignment (and its case) active on a day? A case closed on a day no longer counts that day. */
function activeOn(row: LeadRow, day: string): boolean {
  return row.starts_on <= day && (row.ends_on === null || row.ends_on >= day) && row.opened_on <= day && (row.closed_on === null || row.closed_on > day);
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function computeCaseload(staff: readonly StaffRow[], leads: readonly LeadRow[], settings: LeadershipSettings, today: string, months: number): CaseloadResult {
  const weights = settings.caseloadWeights;
  const byUser = new Map<string, LeadRow[]>();
  for (const row of leads) {
    const list = byUser.get(row.user_id);
    if (list) list.push(row); else byUser.set(row.user_id, [row]);
  }
  const caseIdsByUser = new Map<string, string[]>();
  const coordinators: CoordinatorLoad[] = staff.map((s) => {
    const seen = new Set<string>();
    let efei = 0; let sof = 0; let complex = 0; let weighted = 0; let other = 0;
    const listed: string[] = [];
    for (const row of byUser.get(s.user_id) ?? []) {
      if (!activeOn(row, today) || seen.has(row.case_id)) continue;
      seen.add(row.case_id);
      const isCx = isComplex({ hasBuddy: row.has_buddy, measureDepartments: row.measure_departments });
      if (row.model === 'efei') efei += 1; else sof += 1;
      if (isCx) complex += 1;
      weighted += caseWeight(row.model, isCx, weights);
      if (row.in_department) listed.push(row.case_id); else other += 1;
    }
    caseIdsByUser.set(s.user_id, listed);
    weighted = round1(weighted);
    return {
      userId: s.user_id, name: s.name, hasAuthority: s.has_authority, cases: seen.size, efei, sof, complex, weighted,
      status: loadStatus(weighted, settings.caseloadTarget), otherDepartments: other,
    };
  });

  const history = lastMonths(today, months).map((month) => {
    const on = monthReadingDay(month, today);
    const perUser: Record<string, number> = {};
    let sum = 0;
    for (const s of staff) {
      const seen = new Set<string>();
      let weighted = 0;
      for (const row of byUser.get(s.user_id) ?? []) {
        if (!activeOn(row, on) || seen.has(row.case_id)) continue;
        seen.add(row.case_id);
        weighted += caseWeight(row.model, isComplex({ hasBuddy: row.has_buddy, measureDepartments: row.measure_departments }), weights);
      }
      perUser[s.user_id] = seen.size;
      sum += weighted;
    }
    const total = Object.values(perUser).reduce((a, b) => a + b, 0);
    return { month, on, total, weightedAverage: staff.length === 0 ? null : round1(sum / staff.length), perUser };
  });

  const candidates = coordinators.map((c) => ({ userId: c.userId, name: c.name, hasAuthority: c.hasAuthority, weighted: c.weighted }));
  return {
    coordinators, caseIdsByUser, history,
    suggestion: { efei: suggestNext('efei', candidates)?.userId ?? null, sof: suggestNext('sof', candidates)?.userId ?? null },
  };
}
