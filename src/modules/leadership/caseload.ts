import type { LeadRow, StaffRow } from './repo.js';
import {
  caseWeight, lastMonths, loadStatus, monthReadingDay, suggestNext, type LeadershipSettings, type LoadStatus,
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

/** An ISO date as a comparable integer (2026-12-07 → 20261207): the history compares 12 days with every assignment. */
const dayNumber = (isoDate: string) => Number(isoDate.slice(0, 4)) * 10000 + Number(isoDate.slice(5, 7)) * 100 + Number(isoDate.slice(8, 10));

/** Later than any day (a small integer, so every field stays one: V8 keeps them unboxed). */
const openEnded = 99991231;

/** A lead assignment with its dates as numbers; `until` is its last active day (inclusive), `before` its case's closing day. */
interface Span { row: LeadRow; from: number; until: number; before: number }

function spanOf(row: LeadRow): Span {
  return {
    row, from: Math.max(dayNumber(row.starts_on), dayNumber(row.opened_on)),
    until: row.ends_on === null ? openEnded : dayNumber(row.ends_on), before: row.closed_on === null ? openEnded : dayNumber(row.closed_on),
  };
}

/** Is a lead assignment (and its case) active on a day? A case closed on a day no longer counts that day. */
function activeOn(span: Span, day: number): boolean {
  return span.from <= day && span.until >= day && span.before > day;
}

/** A user's lead assignments grouped by case (a case counts once a day, however many of its assignments are active). */
interface LeadCase { row: LeadRow; spans: Span[] }
function leadsOn(lead: LeadCase, day: number): boolean {
  for (let i = 0; i < lead.spans.length; i++) if (activeOn(lead.spans[i]!, day)) return true;
  return false;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function computeCaseload(staff: readonly StaffRow[], leads: readonly LeadRow[], settings: LeadershipSettings, today: string, months: number): CaseloadResult {
  const weights = settings.caseloadWeights;
  const byUserCase = new Map<string, Map<string, LeadCase>>();
  for (const row of leads) {
    let cases = byUserCase.get(row.user_id);
    if (!cases) byUserCase.set(row.user_id, (cases = new Map()));
    const lead = cases.get(row.case_id);
    if (lead) lead.spans.push(spanOf(row)); else cases.set(row.case_id, { row, spans: [spanOf(row)] });
  }
  const byUser = new Map([...byUserCase].map(([userId, cases]) => [userId, [...cases.values()]]));
  const todayNumber = dayNumber(today);
  const caseIdsByUser = new Map<string, string[]>();
  const coordinators: CoordinatorLoad[] = staff.map((s) => {
    let cases = 0; let efei = 0; let sof = 0; let complex = 0; let weighted = 0; let other = 0;
    const listed: string[] = [];
    for (const lead of byUser.get(s.user_id) ?? []) {
      if (!leadsOn(lead, todayNumber)) continue;
      const row = lead.row;
      cases += 1;
      const isCx = row.complex;
      if (row.model === 'efei') efei += 1; else sof += 1;
      if (isCx) complex += 1;
      weighted += caseWeight(row.model, isCx, weights);
      if (row.in_department) listed.push(row.case_id); else other += 1;
    }
    caseIdsByUser.set(s.user_id, listed);
    weighted = round1(weighted);
    return {
      userId: s.user_id, name: s.name, hasAuthority: s.has_authority, cases, efei, sof, complex, weighted,
      status: loadStatus(weighted, settings.caseloadTarget), otherDepartments: other,
    };
  });

  const history = lastMonths(today, months).map((month) => {
    const on = monthReadingDay(month, today);
    const onNumber = dayNumber(on);
    const perUser: Record<string, number> = {};
    let sum = 0;
    for (const s of staff) {
      let count = 0;
      let weighted = 0;
      for (const lead of byUser.get(s.user_id) ?? []) {
        if (!leadsOn(lead, onNumber)) continue;
        count += 1;
        weighted += caseWeight(lead.row.model, lead.row.complex, weights);
      }
      perUser[s.user_id] = count;
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
