import type { CaseFactsRow } from '../cadence/index.js';
import { followUpPlan, timeSettingsOf, type FollowUpFacts, type LawFollowUpMeasure, type LegalBasisCategory } from '../cadence/rules.js';
import { planOf } from '../follow-up/commands.js';
import type { DeptCaseRow, HistoryRows } from './repo.js';
import { complianceShare, episodeOutcome, lastMonths, type EpisodeOutcome } from './rules.js';

/**
 * Follow-up compliance (issue 9 item 2): for each due date of each case of the department, was the follow-up (SOF) or
 * status meeting (EFEI) held on time? Due dates are never computed here. For a held follow-up the cadence rules
 * (cadence/rules.ts followUpPlan: the model's fixed cadence and Barnets Lov §95, the stricter winning) are asked what
 * was due the day it was held, with the facts as they stood that day; the open due date of a case is the one the
 * worklist shows (cadence/repo.ts caseFactsQuery + follow-up planOf). Decisions: a case's status is read as of today
 * (no status history is kept; a closed case counts as in operation before its closing day); an event that leaves the
 * due date unchanged (e.g. a logged follow-up in an EFEI case whose date is the status meeting's) ends no episode.
 */

export interface Episode {
  caseId: string;
  dueOn: string;
  heldOn: string | null;
  outcome: EpisodeOutcome;
  /** YYYY-MM of the due date: the month the episode counts in. */
  month: string;
  /** The lead (family coordinator / primary caseworker) on the due date (or today, if that is earlier). */
  leadUserId: string | null;
}

export interface ComplianceFigures { counted: number; onTime: number; late: number; overdue: number; share: number | null }

export interface ComplianceResult {
  team: ComplianceFigures;
  coordinators: Array<{ userId: string | null } & ComplianceFigures>;
  trend: Array<{ month: string } & ComplianceFigures>;
}

const emptyFigures = (): ComplianceFigures => ({ counted: 0, onTime: 0, late: 0, overdue: 0, share: null });
function add(f: ComplianceFigures, outcome: EpisodeOutcome, count: number): void {
  if (outcome === 'pending') return;
  f.counted += count;
  if (outcome === 'on_time') f.onTime += count;
  else if (outcome === 'late') f.late += count;
  else f.overdue += count;
  f.share = complianceShare(f.onTime, f.counted);
}

function group<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row); else map.set(k, [row]);
  }
  return map;
}

/**
 * Every episode of some cases since they opened (all due dates, not only a window): what follow_up_episodes stores
 * (episodes.ts). `cases`, `history` and `current` are of the same cases.
 */
export function caseEpisodes(
  cases: readonly DeptCaseRow[], history: HistoryRows, current: readonly CaseFactsRow[], settings: Record<string, unknown> | null, today: string,
): Episode[] {
  const time = timeSettingsOf(settings);
  const eventsBy = group(history.events, (e) => e.case_id);
  const measuresBy = group(history.measures, (m) => m.case_id);
  const leadsBy = group(history.leads, (l) => l.case_id);
  const currentBy = new Map(current.map((f) => [f.case_id, f]));
  const episodes: Episode[] = [];

  const leadOn = (caseId: string, day: string): string | null => {
    let best: { user_id: string; starts_on: string } | null = null;
    for (const l of leadsBy.get(caseId) ?? []) {
      if (l.starts_on <= day && (l.ends_on === null || l.ends_on >= day) && (best === null || l.starts_on > best.starts_on)) best = l;
    }
    return best?.user_id ?? null;
  };
  const push = (caseId: string, dueOn: string, heldOn: string | null) => {
    const outcome = episodeOutcome(dueOn, heldOn, today);
    episodes.push({ caseId, dueOn, heldOn, outcome, month: dueOn.slice(0, 7), leadUserId: leadOn(caseId, dueOn < today ? dueOn : today) });
  };

  for (const c of cases) {
    const measures = measuresBy.get(c.case_id) ?? [];
    // Distinct event days in order; a day with a status meeting counts as one.
    const days = new Map<string, boolean>();
    for (const e of eventsBy.get(c.case_id) ?? []) days.set(e.on_day, (days.get(e.on_day) ?? false) || e.status_meeting);
    const ordered = [...days.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    let lastFollowUpOn: string | null = null;
    let lastStatusMeetingOn: string | null = null;
    const status = c.status === 'closed' ? 'in_operation' : c.status;
    for (const [day, statusMeeting] of ordered) {
      // The history may hold dated rows ahead of today (episodes.ts reads them for when the result expires).
      if (day > today || (c.closed_on !== null && day >= c.closed_on)) break;
      const active = measures.filter((m) => m.starts_on <= day && (m.ends_on === null || m.ends_on >= day));
      const categories: LegalBasisCategory[] = active.map((m) => m.category);
      const lawMeasures: LawFollowUpMeasure[] = active.filter((m) => m.law_support).map((m) => {
        const decided = m.decided_on !== null && m.decided_on <= day;
        return { measureId: m.measure_id, startsOn: m.starts_on, months: decided ? m.months : null, decidedOn: decided ? m.decided_on : null };
      });
      const facts: FollowUpFacts = { model: c.model, status, openedOn: c.opened_on, categories, lastFollowUpOn, lastStatusMeetingOn, lawMeasures };
      const before = followUpPlan(facts, time).dueOn;
      lastFollowUpOn = day;
      if (statusMeeting) lastStatusMeetingOn = day;
      if (before === null) continue;
      // The same facts with this event held (followUpPlan keeps no reference to them, so they are updated in place).
      facts.lastFollowUpOn = lastFollowUpOn;
      facts.lastStatusMeetingOn = lastStatusMeetingOn;
      if (followUpPlan(facts, time).dueOn !== before) push(c.case_id, before, day);
    }
    // The open due date: the one the worklist shows today.
    if (c.status !== 'closed') {
      const facts = currentBy.get(c.case_id);
      const dueOn = planOf(facts, { model: c.model, status: c.status, opened_on: c.opened_on }).dueOn;
      if (dueOn !== null) push(c.case_id, dueOn, null);
    }
  }

  return episodes;
}

/** Episodes counted by lead, month and outcome (what the dashboard reads from follow_up_episodes). */
export interface EpisodeCount { leadUserId: string | null; month: string; outcome: EpisodeOutcome; count: number }

/** The figures of the last `months` months (this month included) from the counted episodes. */
export function complianceFigures(counts: readonly EpisodeCount[], today: string, months: number): ComplianceResult {
  const window = lastMonths(today, months);
  const team = emptyFigures();
  const perUser = new Map<string | null, ComplianceFigures>();
  const perMonth = new Map<string, ComplianceFigures>(window.map((m) => [m, emptyFigures()]));
  for (const e of counts) {
    add(team, e.outcome, e.count);
    let u = perUser.get(e.leadUserId);
    if (!u) perUser.set(e.leadUserId, (u = emptyFigures()));
    add(u, e.outcome, e.count);
    const m = perMonth.get(e.month);
    if (m) add(m, e.outcome, e.count);
  }
  return {
    team,
    coordinators: [...perUser.entries()].map(([userId, f]) => ({ userId, ...f })),
    trend: [...perMonth.entries()].map(([month, f]) => ({ month, ...f })),
  };
}
