import { sql, type RawBuilder } from 'kysely';
import type { Actor, Role } from '../auth/actor.js';
import { hasRole } from '../auth/actor.js';
import { forbidden, notFound } from '../http/errors.js';

/**
 * The one policy module: every access decision in Tovholder is made here, from the Actor (however they logged in)
 * and the actor's relation to the record. Need-to-know: the assigned staff, the case's core team, leaders of the
 * case's responsible department, a parent only their own family, and an external partner — through the partner API
 * only — while they take part and the family's consent is in force. Everyone else gets 404 for records they may
 * not read and 403 for records they may read but not change.
 */

/** Why someone may see a case; recorded in the audit row of every access. Ordered strongest first. */
export const caseAccessReasons = [
  'family_coordinator', 'primary_caseworker', 'caseworker', 'buddy', 'deputy', 'department_leader', 'core_team', 'family_creator', 'parent',
] as const;
export type CaseAccessReason = (typeof caseAccessReasons)[number];

export type CaseAction = 'read' | 'edit' | 'manage_team' | 'view_access_log' | 'record_meeting';

const lead: CaseAccessReason[] = ['family_coordinator', 'primary_caseworker'];

/** One readable line per action: which relations to the case allow it. */
const caseRules: Record<CaseAction, CaseAccessReason[]> = {
  // A deputy (stedfortræder, issue 9 item 3) stands in for the absent lead during their period: reads and works on the
  // case like the buddy, but does not change who works on it; the period ends by itself (caseAccessReasonSql).
  read: ['family_coordinator', 'primary_caseworker', 'caseworker', 'buddy', 'deputy', 'department_leader', 'core_team', 'family_creator'],
  edit: ['family_coordinator', 'primary_caseworker', 'caseworker', 'buddy', 'deputy', 'department_leader', 'family_creator'],
  manage_team: [...lead, 'caseworker', 'department_leader', 'family_creator'],
  // "Who has looked at this case" is shown to its coordinator and leaders (issue: foundation §6).
  view_access_log: [...lead, 'department_leader'],
  // A core-team member takes the minutes so the coordinator can chair (000:586-589): they write agenda points,
  // minutes, decisions and agreements of the case's meetings, but do not otherwise change the case.
  record_meeting: ['family_coordinator', 'primary_caseworker', 'caseworker', 'buddy', 'deputy', 'department_leader', 'family_creator', 'core_team'],
};

export function allowsCase(reason: CaseAccessReason | null, action: CaseAction): boolean {
  return reason !== null && caseRules[action].includes(reason);
}

/** Throws 404 when the actor may not read the record at all, 403 when they may read it but not do this. */
export function requireCase(reason: CaseAccessReason | null, action: CaseAction, what = 'The case'): CaseAccessReason {
  if (!allowsCase(reason, 'read')) throw notFound(what);
  if (!allowsCase(reason, action)) throw forbidden(`You may read ${what.toLowerCase()} but not ${actionText[action]}.`);
  return reason!;
}

/**
 * Barnets Lov §137: a re-assessment is recorded by whoever may change the case, or by the person new to the case it
 * was given to — who may be on the core team only (read access), having joined the case for it.
 */
export function allowsReassessment(reason: CaseAccessReason | null, isAssignee: boolean): boolean {
  return allowsCase(reason, 'edit') || (isAssignee && allowsCase(reason, 'read'));
}

const actionText: Record<CaseAction, string> = {
  read: 'read it', edit: 'change it', manage_team: 'change who works on it', view_access_log: 'see who has looked at it',
  record_meeting: 'record its meetings',
};

/** Role-level permissions that do not depend on a particular case. */
export type GeneralAction = 'create_family' | 'create_case' | 'manage_users' | 'manage_municipality' | 'list_staff' | 'search' | 'view_own_family'
  | 'read_competence_plan' | 'edit_competence_plan'
  | 'read_fidelity_results'
  | 'decide_in_committee'
  | 'manage_surveys' | 'read_survey_results' | 'answer_staff_survey'
  | 'read_cost_reports' | 'enter_cost_postings' | 'read_any_family_costs';
const generalRules: Record<GeneralAction, Role[]> = {
  create_family: ['coordinator', 'team_leader', 'department_head'],
  create_case: ['coordinator', 'team_leader', 'department_head'],
  manage_users: ['administrator'],
  manage_municipality: ['administrator'],
  list_staff: ['coordinator', 'core_team_member', 'team_leader', 'department_head', 'administrator', 'controller'],
  // External partners work through the partner API only (issue 5 item 4): no search across the municipality's families.
  search: ['coordinator', 'core_team_member', 'team_leader', 'department_head'],
  view_own_family: ['parent'],
  // The decision-competence plan (issue 8 item 1) is published to every staff member ("what may I decide?") and
  // edited by leaders and administrators.
  read_competence_plan: ['coordinator', 'core_team_member', 'team_leader', 'department_head', 'administrator', 'controller'],
  edit_competence_plan: ['team_leader', 'department_head', 'administrator'],
  // Fidelity status measurements (issue 9 item 7): a department's results are its leaders' (always for their own
  // department, users.department_id; src/modules/status-measurement/commands.ts); raters see their own entries only.
  read_fidelity_results: ['team_leader', 'department_head'],
  // The visitation committee (issue 8 item 3, 000:876-881): its queue, meetings and decision record are kept by the
  // leaders who sit on it — department heads and team leaders — who see a referred proposal without other need-to-know.
  decide_in_committee: ['team_leader', 'department_head'],
  // Issue 10: the surveys. Leaders and administrators keep the instruments and waves; leaders, administrators and
  // controllers read the anonymous results (aggregates of ≥ 5 only); staff working with the models answer the staff
  // survey (004:4721-4722: caseworkers and family coordinators).
  manage_surveys: ['team_leader', 'department_head', 'administrator'],
  read_survey_results: ['team_leader', 'department_head', 'administrator', 'controller'],
  answer_staff_survey: ['coordinator', 'core_team_member', 'team_leader', 'department_head'],
  // Issue 8 items 4-6: money and aggregates. Leaders and controllers read the cost reports and the expense analysis and
  // enter manual postings (e.g. the coordinator's salary share); a controller sees the costs of any family of the
  // municipality (000:866-868 "samarbejde mellem familiekoordinator, rådgivere og controllere") but never a case
  // narrative: controller is no relation in caseAccessReasonSql, so plans, notes, reasoning and the child's views stay
  // closed (404 like every record without need-to-know).
  read_cost_reports: ['team_leader', 'department_head', 'controller'],
  enter_cost_postings: ['team_leader', 'department_head', 'controller'],
  read_any_family_costs: ['controller'],
};

export function allows(actor: Actor, action: GeneralAction): boolean {
  return hasRole(actor, ...generalRules[action]);
}

export function requireRole(actor: Actor, action: GeneralAction): void {
  if (!allows(actor, action)) throw forbidden('Your role does not allow this.');
}

function isLeader(actor: Actor): boolean {
  return hasRole(actor, 'team_leader', 'department_head') && actor.departmentId !== null;
}

/**
 * The need-to-know rule as SQL, for a `cases` row under the given alias: the strongest reason the actor may see
 * it, or null. Lists, search and single-record checks all use this one expression, so they cannot disagree.
 */
export function caseAccessReasonSql(actor: Actor, today: string, alias = 'c'): RawBuilder<CaseAccessReason | null> {
  const c = sql.ref(alias);
  // An external partner's relation to a case opens the partner API only (partnerAccessReasonSql), never the staff pages.
  const staff = hasRole(actor, 'coordinator', 'core_team_member', 'team_leader', 'department_head');
  const leaderDept = isLeader(actor) ? actor.departmentId : null;
  const personId = hasRole(actor, 'parent') ? actor.personId : null;
  return sql<CaseAccessReason | null>`coalesce(
    (select a.role from case_assignments a
      where ${staff} and a.municipality_id = ${c}.municipality_id and a.case_id = ${c}.id and a.user_id = ${actor.userId}::uuid
        and a.starts_on <= ${today}::date and (a.ends_on is null or a.ends_on >= ${today}::date)
      order by array_position(array['family_coordinator','primary_caseworker','caseworker','buddy','deputy'], a.role) limit 1),
    case when ${leaderDept}::uuid is not null and ${c}.responsible_department_id = ${leaderDept}::uuid then 'department_leader' end,
    case when ${staff} and exists (select 1 from case_team_members t
           where t.municipality_id = ${c}.municipality_id and t.case_id = ${c}.id and t.user_id = ${actor.userId}::uuid
             and t.added_on <= ${today}::date and (t.removed_on is null or t.removed_on > ${today}::date))
         then 'core_team' end,
    case when ${personId}::uuid is not null and exists (select 1 from family_members fm
           where fm.municipality_id = ${c}.municipality_id and fm.family_id = ${c}.family_id and fm.person_id = ${personId}::uuid
             and fm.relation in ('parent', 'carer'))
         then 'parent' end)`;
}

/**
 * The need-to-know rule for a family (alias f): the strongest reason over its cases; while a family has no case
 * yet, the staff member who registered it may work on it.
 */
export function familyAccessReasonSql(actor: Actor, today: string, alias = 'f'): RawBuilder<CaseAccessReason | null> {
  const f = sql.ref(alias);
  const staff = hasRole(actor, 'coordinator', 'team_leader', 'department_head');
  const personId = hasRole(actor, 'parent') ? actor.personId : null;
  return sql<CaseAccessReason | null>`coalesce(
    (select r from (select ${caseAccessReasonSql(actor, today, 'fc')} as r from cases fc
       where fc.municipality_id = ${f}.municipality_id and fc.family_id = ${f}.id) reasons
      where r is not null
      order by array_position(${sql.val([...caseAccessReasons])}::text[], r) limit 1),
    case when ${staff} and ${f}.created_by = ${actor.userId}::uuid
           and not exists (select 1 from cases fc2 where fc2.municipality_id = ${f}.municipality_id and fc2.family_id = ${f}.id)
         then 'family_creator' end,
    case when ${personId}::uuid is not null and exists (select 1 from family_members fm
           where fm.municipality_id = ${f}.municipality_id and fm.family_id = ${f}.id and fm.person_id = ${personId}::uuid
             and fm.relation in ('parent', 'carer'))
         then 'parent' end)`;
}

/** Why an external partner may see a case through the partner API. */
export type PartnerAccessReason = 'partner_core_team' | 'partner_meeting';

/** A user whose only work role is external partner (school, daycare, PPR, …): they use the partner API. */
export function isExternalPartner(actor: Actor): boolean {
  return hasRole(actor, 'external_partner') && !hasRole(actor, 'coordinator', 'core_team_member', 'team_leader', 'department_head');
}

/**
 * The partner rule (issue 5 item 4; 000:460-461 — information is shared with the family's consent): an external
 * partner sees an open case only while BOTH hold —
 *   (a) they take part in it: a member of its core team today, or a participant in one of its (not cancelled) meetings;
 *   (b) a consent of the family for their organisation (users.department_id) is in force today: given on or before
 *       today and not withdrawn.
 * Evaluated in the request's own transaction on every request (nothing is cached), so a withdrawal cuts access at
 * the next request. The one place this rule lives: the partner module's lists and single-case checks all use it.
 */
export function partnerAccessReasonSql(actor: Actor, today: string, alias = 'c'): RawBuilder<PartnerAccessReason | null> {
  const c = sql.ref(alias);
  const partner = isExternalPartner(actor);
  const department = partner ? actor.departmentId : null;
  return sql<PartnerAccessReason | null>`case when ${department}::uuid is not null and ${c}.status <> 'closed'
      and exists (select 1 from consents k
           where k.municipality_id = ${c}.municipality_id and k.family_id = ${c}.family_id and k.department_id = ${department}::uuid
             and k.withdrawn_at is null and k.given_on <= ${today}::date)
    then coalesce(
      case when exists (select 1 from case_team_members t
             where t.municipality_id = ${c}.municipality_id and t.case_id = ${c}.id and t.user_id = ${actor.userId}::uuid
               and t.added_on <= ${today}::date and (t.removed_on is null or t.removed_on > ${today}::date))
           then 'partner_core_team' end,
      case when exists (select 1 from meeting_participants mp join meetings m on m.municipality_id = mp.municipality_id and m.id = mp.meeting_id
             where m.municipality_id = ${c}.municipality_id and m.case_id = ${c}.id and m.status <> 'cancelled' and mp.user_id = ${actor.userId}::uuid)
           then 'partner_meeting' end)
    end`;
}

/** Records of a case an external partner may not see are 404, like every record the caller may not read. */
export function requirePartner(reason: PartnerAccessReason | null | undefined, what = 'The case'): PartnerAccessReason {
  if (!reason) throw notFound(what);
  return reason;
}
