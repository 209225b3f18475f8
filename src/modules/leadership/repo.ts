import { sql } from 'kysely';
import type { Trx } from '../../platform/db/tenant.js';
import { followUpMeetingTypes, type LegalBasisCategory } from '../cadence/rules.js';

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
  has_buddy: boolean;
  measure_departments: number;
}

/**
 * Lead assignments (family coordinator / primary caseworker) of some users that overlap [from, today], with what the
 * caseload weights need: the case's model, and today's complexity (a buddy now, measures of two or more departments
 * now). Complexity is read as of today for every month (no history of it is kept).
 */
export async function leadAssignments(trx: Trx, userIds: string[], departmentId: string, from: string, today: string): Promise<LeadRow[]> {
  if (userIds.length === 0) return [];
  // Complexity as correlated subqueries (two index lookups per assignment), not CTEs joined afterwards: PostgreSQL
  // estimates `user_id = any(...)` at a handful of rows, and with a joined aggregate that became a nested loop
  // re-running the measures aggregate once per assignment (410 ms for a 980-case department; this form ~15 ms).
  const rows = await sql<LeadRow>`
    select a.user_id, a.case_id, c.model, a.starts_on, a.ends_on, c.opened_on, c.closed_on,
           c.responsible_department_id = ${departmentId}::uuid as in_department,
           exists (select 1 from case_assignments b
                    where b.case_id = a.case_id and b.role = 'buddy'
                      and b.starts_on <= ${today}::date and (b.ends_on is null or b.ends_on >= ${today}::date)) as has_buddy,
           (select count(distinct m.department_id)::int from measures m
             where m.case_id = a.case_id and m.starts_on <= ${today}::date and (m.ends_on is null or m.ends_on >= ${today}::date)) as measure_departments
      from case_assignments a join cases c on c.id = a.case_id
     where a.user_id = any(${sql.val(userIds)}::uuid[]) and a.role in ('family_coordinator', 'primary_caseworker')
       and a.starts_on <= ${today}::date and (a.ends_on is null or a.ends_on >= ${from}::date)
       and c.opened_on <= ${today}::date and (c.closed_on is null or c.closed_on >= ${from}::date)`.execute(trx);
  return rows.rows;
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

/** The family and child names of the cases a list shows (only those: the dashboard computes over many more). */
export async function caseNames(trx: Trx, caseIds: string[]): Promise<Map<string, { family_name: string; child_name: string }>> {
  if (caseIds.length === 0) return new Map();
  const rows = await sql<{ case_id: string; family_name: string; child_name: string }>`
    select c.id as case_id, f.name as family_name, p.first_name || ' ' || p.last_name as child_name
      from cases c join families f on f.id = c.family_id join persons p on p.id = c.child_id
     where c.id = any(${sql.val(caseIds)}::uuid[])`.execute(trx);
  return new Map(rows.rows.map((r) => [r.case_id, r]));
}

export interface HistoryRows {
  /** Held follow-ups (log entries and held follow-up/status/network meetings), per case, by date. */
  events: Array<{ case_id: string; on_day: string; status_meeting: boolean }>;
  measures: Array<{ case_id: string; measure_id: string; category: LegalBasisCategory; law_support: boolean; starts_on: string; ends_on: string | null; months: number | null; decided_on: string | null }>;
  leads: Array<{ case_id: string; user_id: string; starts_on: string; ends_on: string | null }>;
}

/**
 * The department's cases that were open at some point since `from`, and the history the compliance figures are
 * reconstructed from: the same sources as the cadence facts query (cadence/repo.ts: contact_log follow-ups and closed
 * meetings of followUpMeetingTypes, measures with their categories and Barnets Lov §95 fields, lead assignments), but
 * every date up to today instead of only the latest. Four plain statements (measured on 5,000 cases ~12 % faster than
 * one statement building json arrays per case).
 */
export async function departmentCasesWithHistory(trx: Trx, departmentId: string, from: string, today: string, lawBasis: { law: string; category: string }): Promise<{ cases: DeptCaseRow[]; history: HistoryRows }> {
  const scope = sql`select c.id from cases c where c.responsible_department_id = ${departmentId}::uuid and (c.closed_on is null or c.closed_on >= ${from}::date)`;
  const day = sql`(m.scheduled_at at time zone 'Europe/Copenhagen')::date`;
  const [cases, events, measures, leads] = await Promise.all([
    sql<DeptCaseRow>`
      select c.id as case_id, c.case_number, c.family_id, c.model, c.status, c.opened_on, c.closed_on from cases c
       where c.responsible_department_id = ${departmentId}::uuid and (c.closed_on is null or c.closed_on >= ${from}::date)`.execute(trx),
    sql<HistoryRows['events'][number]>`
      select l.case_id, l.occurred_on as on_day, false as status_meeting from contact_log l
       where l.case_id in (${scope}) and l.kind = 'follow_up' and l.occurred_on <= ${today}::date
      union all
      select m.case_id, ${day}, m.type = 'status_meeting' from meetings m
       where m.case_id in (${scope}) and m.status = 'closed' and m.type = any(${sql.val([...followUpMeetingTypes])}::text[])
         and ${day} <= ${today}::date`.execute(trx),
    sql<HistoryRows['measures'][number]>`
      select m.case_id, m.id as measure_id, lb.category, (lb.law = ${lawBasis.law} and lb.category = ${lawBasis.category}) as law_support,
             m.starts_on, m.ends_on, m.law_follow_up_months as months, m.law_follow_up_decided_on as decided_on
        from measures m join legal_bases lb on lb.id = m.legal_basis_id
       where m.case_id in (${scope}) and m.starts_on <= ${today}::date`.execute(trx),
    sql<HistoryRows['leads'][number]>`
      select a.case_id, a.user_id, a.starts_on, a.ends_on from case_assignments a
       where a.case_id in (${scope}) and a.role in ('family_coordinator', 'primary_caseworker') and a.starts_on <= ${today}::date`.execute(trx),
  ]);
  return { cases: cases.rows, history: { events: events.rows, measures: measures.rows, leads: leads.rows } };
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
