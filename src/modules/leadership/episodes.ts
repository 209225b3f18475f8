import { sql } from 'kysely';
import { addDays } from '../../platform/clock/dates.js';
import type { Trx } from '../../platform/db/tenant.js';
import { caseFactsQuery } from '../cadence/index.js';
import { lawFollowUpBasis } from '../cadence/rules.js';
import { caseEpisodes, type Episode, type EpisodeCount } from './compliance.js';
import { casesWithHistory, municipalitySettings, type HistoryRows } from './repo.js';
import { isComplex, type EpisodeOutcome } from './rules.js';

/**
 * The stored follow-up episodes of a department (table follow_up_episodes, migration 0024): computed by
 * compliance.ts caseEpisodes, kept per case with the case's complexity of today (the caseload weights, repo.ts
 * leadAssignments), and recomputed before a read for the cases that need it — a source
 * changed (marked by the database's triggers, in the writer's transaction), time moved past `valid_until`, or the clock
 * went back before the day they were computed (tests move the clock both ways). So every figure is as current as the
 * sources, and a dashboard read recomputes only what changed since the last one.
 */

/** Recomputes at most this many cases per statement batch (bounds memory and the size of the id arrays). */
const refreshBatch = 2000;

/**
 * The department's cases that must be recomputed before its episodes are read: read from the bookkeeping's own index
 * (case_department_id is kept by the trigger on cases), plus the cases filed here that have since changed (a case moved
 * to another department leaves this one's figures). Cases closed long ago are computed once and then never expire.
 */
async function staleCases(trx: Trx, departmentId: string, today: string): Promise<string[]> {
  const rows = await sql<{ case_id: string }>`
    select s.case_id from follow_up_episode_state s
     where s.case_department_id = ${departmentId}::uuid
       and (s.computed is null or s.marked > s.computed or s.computed_on > ${today}::date or s.valid_until <= ${today}::date
            or s.department_id is distinct from s.case_department_id)
    union
    select s.case_id from follow_up_episode_state s
     where s.department_id = ${departmentId}::uuid and s.marked > s.computed`.execute(trx);
  return rows.rows.map((r) => r.case_id);
}

/**
 * The first day after today on which time alone changes each case's result (its `valid_until`): a dated follow-up or
 * closed meeting becoming the past, a measure starting, ending or having its §95 cadence decided, a lead or buddy
 * assignment starting or ending, an open due date passing (overdue the day after it). Cases with none ahead are absent.
 */
export function expiryDays(history: HistoryRows, episodes: readonly Episode[], today: string): Map<string, string> {
  const next = new Map<string, string>();
  const consider = (caseId: string, day: string | null) => {
    if (day === null || day <= today) return;
    const known = next.get(caseId);
    if (known === undefined || day < known) next.set(caseId, day);
  };
  const dayAfter = (day: string | null) => (day === null ? null : addDays(day, 1));
  for (const e of history.events) consider(e.case_id, e.on_day);
  for (const m of history.measures) { consider(m.case_id, m.starts_on); consider(m.case_id, dayAfter(m.ends_on)); consider(m.case_id, m.decided_on); }
  for (const a of [...history.leads, ...history.buddies]) { consider(a.case_id, a.starts_on); consider(a.case_id, dayAfter(a.ends_on)); }
  for (const e of episodes) if (e.outcome === 'pending') consider(e.caseId, dayAfter(e.dueOn));
  return next;
}

/**
 * Recomputes some cases and returns how many it did. Their state rows are locked first, skipping any a writer holds
 * right now (that writer's change marks the case again, so it is recomputed at the next read): the dashboard never
 * waits on a writer, so a writer and a recomputation cannot deadlock. Each row's change counter is read under that lock.
 */
async function recompute(trx: Trx, candidates: string[], today: string, settings: Record<string, unknown> | null): Promise<number> {
  const locked = (await sql<{ case_id: string; marked: string }>`
    select case_id, marked::text from follow_up_episode_state where case_id = any(${sql.val(candidates)}::uuid[])
       for update skip locked`.execute(trx)).rows;
  if (locked.length === 0) return 0;
  const marks = new Map(locked.map((r) => [r.case_id, r.marked]));
  const caseIds = locked.map((r) => r.case_id);
  const [{ cases, history }, current] = await Promise.all([
    casesWithHistory(trx, caseIds, lawFollowUpBasis),
    caseFactsQuery(trx, { kind: 'cases', caseIds }, today, { withPeople: false }),
  ]);
  const episodes = caseEpisodes(cases, history, current.rows, settings, today);
  const caseById = new Map(cases.map((c) => [c.case_id, c]));
  const validUntil = expiryDays(history, episodes, today);
  // Today's complexity (caseload weights): the same history, read as of today.
  const activeToday = (r: { starts_on: string; ends_on: string | null }) => r.starts_on <= today && (r.ends_on === null || r.ends_on >= today);
  const buddies = new Set(history.buddies.filter(activeToday).map((b) => b.case_id));
  const departmentsNow = new Map<string, Set<string>>();
  for (const m of history.measures.filter(activeToday)) {
    const set = departmentsNow.get(m.case_id);
    if (set) set.add(m.department_id); else departmentsNow.set(m.case_id, new Set([m.department_id]));
  }
  const complexOf = (caseId: string) => isComplex({ hasBuddy: buddies.has(caseId), measureDepartments: departmentsNow.get(caseId)?.size ?? 0 });
  await sql`delete from follow_up_episodes where case_id = any(${sql.val(caseIds)}::uuid[])`.execute(trx);
  if (episodes.length > 0) {
    const column = <T>(pick: (e: (typeof episodes)[number]) => T) => sql.val(episodes.map(pick));
    await sql`insert into follow_up_episodes (municipality_id, case_id, department_id, due_on, held_on, outcome, lead_user_id, case_closed_on)
      select app_tenant(), e.case_id, e.department_id, e.due_on, e.held_on, e.outcome, e.lead_user_id, e.case_closed_on
        from unnest(${column((e) => e.caseId)}::uuid[], ${column((e) => caseById.get(e.caseId)!.responsible_department_id)}::uuid[],
                    ${column((e) => e.dueOn)}::date[], ${column((e) => e.heldOn)}::date[], ${column((e) => e.outcome)}::text[],
                    ${column((e) => e.leadUserId)}::uuid[], ${column((e) => caseById.get(e.caseId)!.closed_on)}::date[])
             as e (case_id, department_id, due_on, held_on, outcome, lead_user_id, case_closed_on)`.execute(trx);
  }
  await sql`update follow_up_episode_state s
       set computed = n.computed, computed_on = ${today}::date, valid_until = n.valid_until, department_id = n.department_id, complex = n.complex
      from unnest(${sql.val(cases.map((c) => c.case_id))}::uuid[], ${sql.val(cases.map((c) => marks.get(c.case_id)!))}::bigint[],
                  ${sql.val(cases.map((c) => validUntil.get(c.case_id) ?? null))}::date[], ${sql.val(cases.map((c) => c.responsible_department_id))}::uuid[],
                  ${sql.val(cases.map((c) => complexOf(c.case_id)))}::boolean[])
           as n (case_id, computed, valid_until, department_id, complex)
     where s.municipality_id = app_tenant() and s.case_id = n.case_id`.execute(trx);
  return caseIds.length;
}

/**
 * Brings the department's stored episodes up to date. Recomputations of one municipality are serialised (a
 * transaction-scoped advisory lock, taken only when there is something to recompute) so two leaders opening their
 * dashboards at once do not both replace the same cases' episodes.
 */
export async function refreshDepartmentEpisodes(trx: Trx, departmentId: string, today: string): Promise<number> {
  let stale = await staleCases(trx, departmentId, today);
  if (stale.length === 0) return 0;
  await sql`select pg_advisory_xact_lock(hashtext('follow_up_episodes:' || app_tenant()::text))`.execute(trx);
  // Another transaction may have recomputed them while this one waited for the lock.
  stale = await staleCases(trx, departmentId, today);
  const settings = await municipalitySettings(trx);
  let recomputed = 0;
  for (let i = 0; i < stale.length; i += refreshBatch) recomputed += await recompute(trx, stale.slice(i, i + refreshBatch), today, settings);
  return recomputed;
}

/** The department's episodes that count in the window: due in it, or still open (an old overdue one stays in sight). */
const inWindow = (departmentId: string, from: string) => sql`
  e.department_id = ${departmentId}::uuid and (e.due_on >= ${from}::date or e.held_on is null)
  and (e.case_closed_on is null or e.case_closed_on >= ${from}::date)`;

/** Episodes counted by lead, month and outcome (compliance.ts complianceFigures turns them into the figures). */
export async function episodeCounts(trx: Trx, departmentId: string, from: string): Promise<EpisodeCount[]> {
  const rows = await sql<{ lead_user_id: string | null; month: string; outcome: EpisodeOutcome; count: number }>`
    select e.lead_user_id, date_trunc('month', e.due_on::timestamp)::date as month, e.outcome, count(*)::int as count
      from follow_up_episodes e where ${inWindow(departmentId, from)}
     group by 1, 2, 3`.execute(trx);
  return rows.rows.map((r) => ({ leadUserId: r.lead_user_id, month: r.month.slice(0, 7), outcome: r.outcome, count: r.count }));
}

export interface EpisodeFilter {
  outcomes?: EpisodeOutcome[];
  month?: string;
  /** undefined: any lead; null: no lead. */
  leadUserId?: string | null;
  caseIds?: string[];
  /** Only the open episode of each case. */
  openOnly?: boolean;
  limit?: number;
}

/** The department's episodes in the window matching a filter, oldest due date first (read from the index alone). */
export async function listEpisodes(trx: Trx, departmentId: string, from: string, filter: EpisodeFilter): Promise<Episode[]> {
  const conditions = [inWindow(departmentId, from)];
  if (filter.outcomes) conditions.push(sql`e.outcome = any(${sql.val(filter.outcomes)}::text[])`);
  if (filter.month) conditions.push(sql`e.due_on >= ${`${filter.month}-01`}::date and e.due_on < (${`${filter.month}-01`}::date + interval '1 month')`);
  if (filter.leadUserId === null) conditions.push(sql`e.lead_user_id is null`);
  else if (filter.leadUserId !== undefined) conditions.push(sql`e.lead_user_id = ${filter.leadUserId}::uuid`);
  if (filter.caseIds) conditions.push(sql`e.case_id = any(${sql.val(filter.caseIds)}::uuid[])`);
  if (filter.openOnly) conditions.push(sql`e.held_on is null`);
  const rows = await sql<{ case_id: string; due_on: string; held_on: string | null; outcome: EpisodeOutcome; lead_user_id: string | null }>`
    select e.case_id, e.due_on, e.held_on, e.outcome, e.lead_user_id
      from follow_up_episodes e
     where ${sql.join(conditions, sql` and `)}
     order by e.due_on, e.case_id
     ${filter.limit !== undefined ? sql`limit ${filter.limit}` : sql``}`.execute(trx);
  return rows.rows.map((r) => ({
    caseId: r.case_id, dueOn: r.due_on, heldOn: r.held_on, outcome: r.outcome, month: r.due_on.slice(0, 7), leadUserId: r.lead_user_id,
  }));
}
