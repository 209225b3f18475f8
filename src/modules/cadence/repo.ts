import { sql, type RawBuilder } from 'kysely';
import type { Trx } from '../../platform/db/tenant.js';
import { followUpMeetingTypes, lawFollowUpBasis, type LawFollowUpMeasure, type LegalBasisCategory } from './rules.js';

/**
 * The one query path behind the worklist, "Mine familier"'s next action, a case's follow-up page and the annual
 * wheel: per open case, the facts the time rules (rules.ts) need. One statement, one round trip, whatever the scope;
 * every figure is a correlated subquery on an index that starts with (municipality_id, case_id | family_id).
 */
export type FactsScope =
  | { kind: 'user'; userId: string }
  | { kind: 'case'; caseId: string }
  | { kind: 'family'; familyId: string }
  /** The open cases a department is responsible for (the leader dashboard, modules/leadership). */
  | { kind: 'department'; departmentId: string }
  /** Some open cases by id (the leader dashboard recomputing the cases whose follow-up history changed). */
  | { kind: 'cases'; caseIds: string[] }
  | { kind: 'municipality' };

export interface CaseFactsRow {
  case_id: string;
  family_id: string;
  family_name: string;
  case_number: string;
  model: 'efei' | 'sof';
  status: 'open' | 'in_operation' | 'ordinary_operation' | 'closed';
  opened_on: string;
  child_first_name: string;
  child_last_name: string;
  birth_date: string | null;
  /** The user of a 'user' scope leads the case (family coordinator / primary caseworker); true for other scopes. */
  is_lead: boolean;
  /** Categories of the measures active today (may repeat; the rule reads them as a set). */
  categories: LegalBasisCategory[] | null;
  last_follow_up_on: string | null;
  last_status_meeting_on: string | null;
  transition_started_on: string | null;
  /** The municipality's settings: the same object on every row (sent and parsed once per statement). */
  settings: Record<string, unknown> | null;
  /** Barnets Lov §95: the case's Barnets Lov support measures active today (lawFollowUpBasis), null when none. */
  law_measures?: LawFollowUpMeasure[] | null;
  /** withContact: the family's current contact agreement, last contact and outgoing contacts in the last 30 days. */
  contact_agreement?: { revision: number; everyDays: number; prefersSpace: boolean; max: number | null; since: string } | null;
  last_contact_on?: string | null;
  contacts_last_30?: number;
  /** withEvents: planned meetings from 30 days ago to a week ahead; open meeting agreements due within a week. */
  meetings?: Array<{ id: string; type: string; title: string | null; scheduledAt: string; on: string }>;
  agreements?: Array<{ id: string; text: string; dueOn: string; meetingId: string }>;
  /** withEvents: measures whose barnets plan is decided (made) but not yet in place (Barnets Lov §91). */
  child_plans?: Array<{ measureId: string; decidedOn: string }>;
  /** withEvents: investigations with a completion deadline not yet ended (Barnets Lov §20 stk. 3; measure/investigation.ts). */
  investigations?: Array<{ measureId: string; awareOn: string; months: number; endsOn: string | null; provisionalOn: string | null }>;
  /** withEvents: open re-assessments after a notification (Barnets Lov §137), for the lead and the person assigned. */
  reassessments?: Array<{ id: string; openedOn: string; assignedUserId: string | null }>;
}

export interface FactsOptions {
  withContact?: boolean;
  withEvents?: boolean;
  /**
   * false: only what the cadence needs — no family and child names, no birth date (so no transition), no order.
   * For computing over a whole municipality (the bench's 5,000 cases); default true.
   */
  withPeople?: boolean;
}

/** A meeting's calendar date in Denmark. */
const meetingDay = (alias: string) => sql`(${sql.ref(alias)}.scheduled_at at time zone 'Europe/Copenhagen')::date`;

/** Meetings the family takes part in count as contact; the analysis meeting is held without the family (000:685-686) and the status meeting is the professionals' (003:61-66). */
const contactMeetingTypesExcluded = ['analysis_meeting', 'status_meeting'];

export async function caseFactsQuery(trx: Trx, scope: FactsScope, today: string, options: FactsOptions = {}) {
  const meTrue = sql`true`;
  let isLead: RawBuilder<unknown> = meTrue;
  let userId: string | null = null;
  const columns = sql`c.id, c.municipality_id, c.family_id, c.case_number, c.model, c.status, c.opened_on, c.child_id`;
  // The scope's open cases, straight from `cases` (one index scan), so PostgreSQL estimates their number well and picks
  // index lookups for a caseload and hash joins for a municipality.
  let scoped: RawBuilder<unknown>;
  if (scope.kind === 'user') {
    userId = scope.userId;
    // The same rows, with the same date bounds, that grant need-to-know in policy.ts: the caseload is what the user may read.
    scoped = sql`select ${columns}, mine.lead from (
        select case_id, bool_or(lead) as lead from (
          select a.case_id, a.role in ('family_coordinator', 'primary_caseworker') as lead from case_assignments a
           where a.user_id = ${scope.userId}::uuid and a.starts_on <= ${today}::date and (a.ends_on is null or a.ends_on >= ${today}::date)
          union all
          select t.case_id, false from case_team_members t
           where t.user_id = ${scope.userId}::uuid and t.added_on <= ${today}::date and (t.removed_on is null or t.removed_on > ${today}::date)) x
        group by case_id) mine
      join cases c on c.id = mine.case_id
     where c.status <> 'closed'`;
    isLead = sql`sc.lead`;
  } else if (scope.kind === 'case') {
    scoped = sql`select ${columns}, true as lead from cases c where c.id = ${scope.caseId}::uuid and c.status <> 'closed'`;
  } else if (scope.kind === 'family') {
    scoped = sql`select ${columns}, true as lead from cases c where c.family_id = ${scope.familyId}::uuid and c.status <> 'closed'`;
  } else if (scope.kind === 'department') {
    scoped = sql`select ${columns}, true as lead from cases c where c.responsible_department_id = ${scope.departmentId}::uuid and c.status <> 'closed'`;
  } else if (scope.kind === 'cases') {
    scoped = sql`select ${columns}, true as lead from cases c where c.id = any(${sql.val(scope.caseIds)}::uuid[]) and c.status <> 'closed'`;
  } else {
    scoped = sql`select ${columns}, true as lead from cases c where c.status <> 'closed'`;
  }
  const followUpTypes = sql.val([...followUpMeetingTypes]);
  const withPeople = options.withPeople ?? true;
  const people = withPeople
    ? { columns: sql`f.name as family_name, p.first_name as child_first_name, p.last_name as child_last_name, p.birth_date`,
        joins: sql`join families f on f.id = sc.family_id join persons p on p.id = sc.child_id` }
    : { columns: sql`'' as family_name, '' as child_first_name, '' as child_last_name, null::date as birth_date`, joins: sql`` };
  // A caseload is shown by family; a whole municipality is only computed over, so it is not sorted.
  const order = scope.kind === 'municipality' || !withPeople ? sql`` : sql`order by f.name, sc.family_id, p.birth_date`;
  const contact = options.withContact ? sql`,
      (select json_build_object('revision', ca.revision, 'everyDays', ca.every_days, 'prefersSpace', ca.prefers_space,
                                'max', ca.max_contacts_per_30_days, 'since', (ca.recorded_at at time zone 'Europe/Copenhagen')::date)
         from contact_agreements ca where ca.municipality_id = sc.municipality_id and ca.family_id = sc.family_id
        order by ca.revision desc limit 1) as contact_agreement,
      greatest(
        (select max(l.occurred_on) from contact_log l
          where l.municipality_id = sc.municipality_id and l.family_id = sc.family_id and l.occurred_on <= ${today}::date),
        (select max(${meetingDay('fm')}) from cases fc join meetings fm on fm.municipality_id = fc.municipality_id and fm.case_id = fc.id
          where fc.municipality_id = sc.municipality_id and fc.family_id = sc.family_id and fm.status = 'closed'
            and fm.type <> all(${sql.val(contactMeetingTypesExcluded)}::text[]) and ${meetingDay('fm')} <= ${today}::date)) as last_contact_on,
      (select count(*) from contact_log l
        where l.municipality_id = sc.municipality_id and l.family_id = sc.family_id and l.direction = 'outgoing'
          and l.occurred_on between ${today}::date - 29 and ${today}::date)::int
      + (select count(*) from cases fc join meetings fm on fm.municipality_id = fc.municipality_id and fm.case_id = fc.id
          where fc.municipality_id = sc.municipality_id and fc.family_id = sc.family_id and fm.status = 'closed'
            and fm.type <> all(${sql.val(contactMeetingTypesExcluded)}::text[])
            and ${meetingDay('fm')} between ${today}::date - 29 and ${today}::date)::int as contacts_last_30` : sql``;
  const weekEnd = sql`((${today}::date + 8)::timestamp at time zone 'Europe/Copenhagen')`;
  const since = sql`((${today}::date - 30)::timestamp at time zone 'Europe/Copenhagen')`;
  const events = options.withEvents ? sql`,
      (select coalesce(json_agg(json_build_object('id', mt.id, 'type', mt.type, 'title', mt.title, 'scheduledAt', mt.scheduled_at, 'on', ${meetingDay('mt')})
                                order by mt.scheduled_at), '[]'::json)
         from meetings mt
        where mt.municipality_id = sc.municipality_id and mt.case_id = sc.id and mt.status = 'planned'
          and mt.scheduled_at >= ${since} and mt.scheduled_at < ${weekEnd}
          and (${isLead} or exists (select 1 from meeting_participants mp where mp.municipality_id = mt.municipality_id
                                     and mp.meeting_id = mt.id and mp.user_id = ${userId}::uuid))) as meetings,
      (select coalesce(json_agg(json_build_object('id', ag.id, 'text', left(ag.text, 140), 'dueOn', ag.due_on, 'meetingId', ag.meeting_id)
                                order by ag.due_on), '[]'::json)
         from meetings am join meeting_agreements ag on ag.municipality_id = am.municipality_id and ag.meeting_id = am.id
        where am.municipality_id = sc.municipality_id and am.case_id = sc.id and ag.status = 'open' and ag.due_on <= ${today}::date + 7
          and (${isLead} or ag.owner_user_id = ${userId}::uuid)) as agreements,
      (select coalesce(json_agg(json_build_object('measureId', pm.id, 'decidedOn', pm.child_plan_decided_on) order by pm.child_plan_decided_on), '[]'::json)
         from measures pm
        where pm.municipality_id = sc.municipality_id and pm.case_id = sc.id and pm.child_plan_decision = 'made'
          and pm.child_plan_completed_on is null and (pm.ends_on is null or pm.ends_on >= ${today}::date)) as child_plans,
      (select coalesce(json_agg(json_build_object('measureId', im.id, 'awareOn', im.aware_on, 'months', ilb.completion_months, 'endsOn', im.ends_on,
                                                  'provisionalOn', im.provisional_assessment_on) order by im.aware_on), '[]'::json)
         from measures im join legal_bases ilb on ilb.id = im.legal_basis_id
        where im.municipality_id = sc.municipality_id and im.case_id = sc.id and ilb.completion_months is not null and im.aware_on is not null
          and (im.ends_on is null or im.ends_on > ${today}::date)) as investigations,
      (select coalesce(json_agg(json_build_object('id', ra.id, 'openedOn', ra.opened_on, 'assignedUserId', ra.assigned_user_id) order by ra.opened_on), '[]'::json)
         from reassessments ra
        where ra.municipality_id = sc.municipality_id and ra.case_id = sc.id and ra.completed_on is null
          and (${isLead} or ra.assigned_user_id = ${userId}::uuid)) as reassessments` : sql``;

  // The joins below match on ids only: row-level security already limits every table to the tenant, and an equality on
  // municipality_id here would make PostgreSQL re-apply the tenant filter to the CTE and estimate ~1 % of its rows.
  // Set-based: the scope's cases first, then one grouped pass per source table restricted to those cases, joined back.
  // For a caseload (25 cases) PostgreSQL uses the (municipality_id, case_id, …) indexes per case; for a whole
  // municipality (5,000 cases) hash aggregates — the same statement serves both without a per-row subquery.
  // Cheap to send and parse for 5,000 rows (issue 4 §8): the categories as json (JSON.parse, not node-postgres' text[]
  // parser: measured ~10 ms of 5,000 rows), and the municipality's settings on one row only, shared after parsing.
  const result = await sql<CaseFactsRow>`
    with sc as materialized (${scoped}),
    cat as (
      select m.case_id, json_agg(lb.category) as categories,
             json_agg(json_build_object('measureId', m.id, 'startsOn', m.starts_on, 'months', m.law_follow_up_months, 'decidedOn', m.law_follow_up_decided_on))
               filter (where lb.law = ${lawFollowUpBasis.law} and lb.category = ${lawFollowUpBasis.category}) as law_measures
        from sc join measures m on m.case_id = sc.id join legal_bases lb on lb.id = m.legal_basis_id
       where m.starts_on <= ${today}::date and (m.ends_on is null or m.ends_on >= ${today}::date)
       group by m.case_id),
    logged as (
      select l.case_id, max(l.occurred_on) as on_day from sc join contact_log l on l.case_id = sc.id
       where l.kind = 'follow_up' and l.occurred_on <= ${today}::date
       group by l.case_id),
    held as (
      select hm.case_id,
             max(${meetingDay('hm')}) filter (where hm.type = any(${followUpTypes}::text[])) as follow_up_on,
             max(${meetingDay('hm')}) filter (where hm.type = 'status_meeting') as status_on
        from sc join meetings hm on hm.case_id = sc.id
       where hm.status = 'closed' and ${meetingDay('hm')} <= ${today}::date
       group by hm.case_id)
    select sc.id as case_id, sc.family_id, ${people.columns}, sc.case_number, sc.model, sc.status, sc.opened_on, sc.lead as is_lead,
           cat.categories, cat.law_measures, greatest(logged.on_day, held.follow_up_on) as last_follow_up_on, held.status_on as last_status_meeting_on,
           tr.started_on as transition_started_on,
           case when sc.id = (select s1.id from sc s1 limit 1) then (select mu.settings from municipalities mu where mu.id = app_tenant()) end as settings
           ${contact}
           ${events}
      from sc
      ${people.joins}
      left join cat on cat.case_id = sc.id
      left join logged on logged.case_id = sc.id
      left join held on held.case_id = sc.id
      left join case_transitions tr on tr.case_id = sc.id
     ${order}`.execute(trx);
  // The settings came on one row (the scope's first case; a window function measured 1.5 ms more); every row gets the same parsed object.
  const settings = result.rows.find((row) => row.settings !== null)?.settings ?? null;
  for (const row of result.rows) row.settings = settings;
  return result;
}
