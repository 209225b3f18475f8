import { sql } from 'kysely';
import type { Trx } from '../../platform/db/tenant.js';
import { followUpMeetingTypes, type LegalBasisCategory } from '../cadence/rules.js';
import { isComplex } from './rules.js';

/** Queries of the leader dashboard; every function takes the tenant transaction first (RLS limits to the tenant). */

export interface StaffRow { user_id: string; name: string; email: string; has_authority: boolean }

/** The department's caseworkers who may lead cases: active users of the department with the coordinator role. */
export async function departmentStaff(trx: Trx, departmentId: string): Promise<StaffRow[]> {
  const rows = await sql<StaffRow>`
    select u.id as user_id, u.name, u.email, u.has_authority from users u
     where u.department_id = ${departmentId}::uuid and u.active and 'coordinator' = any(u.roles)
     order by u.name, u.id`.execute(trx);
  return rows.rows;
}

export interface LeadRow {
  user_id: string;
  case_id: string;
  model: 'efei' | 'sof';
  starts_on: string;
  ends_on: string | null;
  opened_on: string;
  closed_on: string | null;
  /** The case is the department's (the leader may open it); others count in the load but are not listed. */
  in_department: boolean;
  /** Today's complexity (rules.ts isComplex): a buddy now, or measures of two or more departments now. */
  complex: boolean;
}

/**
 * Lead assignments (family coordinator / primary caseworker) of some users that overlap [from, today], with what the
 * caseload weights need: the case's model and today's complexity. Complexity is read as of today for every month (no
 * history of it is kept). Three flat statements joined here, not one join: PostgreSQL estimates a large department's
 * cases (and `user_id = any(...)`) at a few dozen rows, and every joined form became nested loops probing cases and
 * measures 5,000 times (80-265 ms for the bench's 5,000-case department; these ~20 ms). The department's cases
 * carry their complexity in follow_up_episode_state (computed with the episodes, episodes.ts, which the dashboard
 * brings up to date first); the few cases of other departments a caseworker leads are computed here.
 */
export async function leadAssignments(trx: Trx, userIds: string[], departmentId: string, from: string, today: string): Promise<LeadRow[]> {
  if (userIds.length === 0) return [];
  const [assignments, departmentCases, complexity] = await Promise.all([
    sql<{ user_id: string; case_id: string; starts_on: string; ends_on: string | null }>`
      select a.user_id, a.case_id, a.starts_on, a.ends_on from case_assignments a
       where a.user_id = any(${sql.val(userIds)}::uuid[]) and a.role in ('family_coordinator', 'primary_caseworker')
         and a.starts_on <= ${today}::date and (a.ends_on is null or a.ends_on >= ${from}::date)`.execute(trx),
    sql<{ case_id: string; model: 'efei' | 'sof'; opened_on: string; closed_on: string | null }>`
      select c.id as case_id, c.model, c.opened_on, c.closed_on from cases c
       where c.responsible_department_id = ${departmentId}::uuid
         and c.opened_on <= ${today}::date and (c.closed_on is null or c.closed_on >= ${from}::date)`.execute(trx),
    sql<{ case_id: string; complex: boolean | null }>`
      select s.case_id, s.complex from follow_up_episode_state s where s.case_department_id = ${departmentId}::uuid`.execute(trx),
  ]);
  const complexOf = new Map(complexity.rows.map((r) => [r.case_id, r.complex]));
  const ours = new Map(departmentCases.rows.map((c) => [c.case_id, { ...c, complex: complexOf.get(c.case_id) ?? null }]));
  const elsewhere = [...new Set(assignments.rows.filter((a) => !ours.has(a.case_id)).map((a) => a.case_id))];
  const others = new Map<string, { model: 'efei' | 'sof'; opened_on: string; closed_on: string | null; complex: boolean }>();
  if (elsewhere.length > 0) {
    const rows = await sql<{ case_id: string; model: 'efei' | 'sof'; opened_on: string; closed_on: string | null; has_buddy: boolean; measure_departments: number }>`
      select c.id as case_id, c.model, c.opened_on, c.closed_on,
             exists (select 1 from case_assignments b
                      where b.case_id = c.id and b.role = 'buddy'
                        and b.starts_on <= ${today}::date and (b.ends_on is null or b.ends_on >= ${today}::date)) as has_buddy,
             (select count(distinct m.department_id)::int from measures m
               where m.case_id = c.id and m.starts_on <= ${today}::date and (m.ends_on is null or m.ends_on >= ${today}::date)) as measure_departments
        from cases c where c.id = any(${sql.val(elsewhere)}::uuid[])
         and c.opened_on <= ${today}::date and (c.closed_on is null or c.closed_on >= ${from}::date)`.execute(trx);
    for (const r of rows.rows) others.set(r.case_id, { ...r, complex: isComplex({ hasBuddy: r.has_buddy, measureDepartments: r.measure_departments }) });
  }
  const out: LeadRow[] = [];
  for (const a of assignments.rows) {
    const own = ours.get(a.case_id);
    const c = own ?? others.get(a.case_id);
    if (!c) continue;
    // A department case is always fresh here (the dashboard refreshes them first); null only if it never was computed.
    // A literal of one shape (spreading the driver's row made objects V8 reads ~6x slower in the caseload loops).
    out.push({
      user_id: a.user_id, case_id: a.case_id, model: c.model, starts_on: a.starts_on, ends_on: a.ends_on, opened_on: c.opened_on,
      closed_on: c.closed_on, in_department: own !== undefined, complex: c.complex ?? false,
    });
  }
  return out;
}

export interface DeptCaseRow {
  case_id: string;
  case_number: string;
  family_id: string;
  model: 'efei' | 'sof';
  status: 'open' | 'in_operation' | 'ordinary_operation' | 'closed';
  opened_on: string;
  closed_on: string | null;
}

export interface CaseSummary { case_number: string; family_id: string; model: 'efei' | 'sof'; family_name: string; child_name: string }

/** Number, model and the family and child names of the cases a list shows (only those: the dashboard computes over many more). */
export async function caseSummaries(trx: Trx, caseIds: string[]): Promise<Map<string, CaseSummary>> {
  if (caseIds.length === 0) return new Map();
  const rows = await sql<CaseSummary & { case_id: string }>`
    select c.id as case_id, c.case_number, c.family_id, c.model, f.name as family_name, p.first_name || ' ' || p.last_name as child_name
      from cases c join families f on f.id = c.family_id join persons p on p.id = c.child_id
     where c.id = any(${sql.val(caseIds)}::uuid[])`.execute(trx);
  return new Map(rows.rows.map((r) => [r.case_id, r]));
}

export interface HistoryRows {
  /** Held follow-ups (log entries and held follow-up/status/network meetings), per case, by date (some may be dated ahead). */
  events: Array<{ case_id: string; on_day: string; status_meeting: boolean }>;
  measures: Array<{ case_id: string; measure_id: string; department_id: string; category: LegalBasisCategory; law_support: boolean; starts_on: string; ends_on: string | null; months: number | null; decided_on: string | null }>;
  leads: Array<{ case_id: string; user_id: string; starts_on: string; ends_on: string | null }>;
  /** Buddy (makker) assignments: part of the case's complexity (caseload weights). */
  buddies: Array<{ case_id: string; starts_on: string; ends_on: string | null }>;
}

/**
 * Some cases and the history their compliance episodes are reconstructed from (compliance.ts caseEpisodes): the same
 * sources as the cadence facts query (cadence/repo.ts: contact_log follow-ups and closed meetings of
 * followUpMeetingTypes, measures with their categories and Barnets Lov §95 fields, lead assignments), every dated row
 * — also those ahead of today, which say when the computed result expires (episodes.ts) — and the buddy assignments
 * (complexity). Five plain statements (measured on 5,000 cases ~12 % faster than one building json arrays per case).
 */
export async function casesWithHistory(trx: Trx, caseIds: string[], lawBasis: { law: string; category: string }): Promise<{ cases: Array<DeptCaseRow & { responsible_department_id: string }>; history: HistoryRows }> {
  const ids = sql`${sql.val(caseIds)}::uuid[]`;
  const day = sql`(m.scheduled_at at time zone 'Europe/Copenhagen')::date`;
  const [cases, events, measures, leads, buddies] = await Promise.all([
    sql<DeptCaseRow & { responsible_department_id: string }>`
      select c.id as case_id, c.case_number, c.family_id, c.model, c.status, c.opened_on, c.closed_on, c.responsible_department_id from cases c
       where c.id = any(${ids})`.execute(trx),
    sql<HistoryRows['events'][number]>`
      select l.case_id, l.occurred_on as on_day, false as status_meeting from contact_log l
       where l.case_id = any(${ids}) and l.kind = 'follow_up'
      union all
      select m.case_id, ${day}, m.type = 'status_meeting' from meetings m
       where m.case_id = any(${ids}) and m.status = 'closed' and m.type = any(${sql.val([...followUpMeetingTypes])}::text[])`.execute(trx),
    sql<HistoryRows['measures'][number]>`
      select m.case_id, m.id as measure_id, m.department_id, lb.category, (lb.law = ${lawBasis.law} and lb.category = ${lawBasis.category}) as law_support,
             m.starts_on, m.ends_on, m.law_follow_up_months as months, m.law_follow_up_decided_on as decided_on
        from measures m join legal_bases lb on lb.id = m.legal_basis_id
       where m.case_id = any(${ids})`.execute(trx),
    sql<HistoryRows['leads'][number]>`
      select a.case_id, a.user_id, a.starts_on, a.ends_on from case_assignments a
       where a.case_id = any(${ids}) and a.role in ('family_coordinator', 'primary_caseworker')`.execute(trx),
    sql<HistoryRows['buddies'][number]>`
      select b.case_id, b.starts_on, b.ends_on from case_assignments b where b.case_id = any(${ids}) and b.role = 'buddy'`.execute(trx),
  ]);
  return { cases: cases.rows, history: { events: events.rows, measures: measures.rows, leads: leads.rows, buddies: buddies.rows } };
}

export async function userNames(trx: Trx, userIds: string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await trx.selectFrom('users').select(['id', 'name']).where('id', 'in', userIds).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function municipalitySettings(trx: Trx): Promise<Record<string, unknown> | null> {
  const row = await sql<{ settings: Record<string, unknown> | null }>`select settings from municipalities where id = app_tenant()`.execute(trx);
  return row.rows[0]?.settings ?? null;
}

export async function departmentName(trx: Trx, departmentId: string): Promise<string | null> {
  const row = await trx.selectFrom('departments').select('name').where('id', '=', departmentId).executeTakeFirst();
  return row?.name ?? null;
}
