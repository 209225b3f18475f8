import { sql } from 'kysely';
import type { Actor } from '../../platform/auth/actor.js';
import type { Trx } from '../../platform/db/tenant.js';
import { partnerAccessReasonSql, type PartnerAccessReason } from '../../platform/policy/policy.js';
import { visibleTo } from '../../platform/policy/visibility.js';

/** What partners may see of classified records: the one list in policy/visibility.ts. */
const partnerShown = [...visibleTo.partners];

/** The partner view's SQL; every function takes the tenant transaction first (style.md §2). */

export interface PartnerCaseRow {
  id: string;
  family_id: string;
  family_name: string;
  child_first_name: string;
  child_last_name: string;
  reason: PartnerAccessReason | null;
}

function casesWithReason(trx: Trx, actor: Actor, today: string) {
  return trx.selectFrom('cases as c')
    .innerJoin('families as f', (j) => j.onRef('f.municipality_id', '=', 'c.municipality_id').onRef('f.id', '=', 'c.family_id'))
    .innerJoin('persons as p', (j) => j.onRef('p.municipality_id', '=', 'c.municipality_id').onRef('p.id', '=', 'c.child_id'))
    .select(['c.id', 'c.family_id', 'f.name as family_name', 'p.first_name as child_first_name', 'p.last_name as child_last_name'])
    .select(partnerAccessReasonSql(actor, today, 'c').as('reason'));
}

/** One case with the partner's reason to see it (null: none). */
export async function findPartnerCase(trx: Trx, actor: Actor, today: string, caseId: string): Promise<PartnerCaseRow | undefined> {
  return await casesWithReason(trx, actor, today).where('c.id', '=', caseId).executeTakeFirst() as PartnerCaseRow | undefined;
}

/**
 * The cases the partner may see: candidates are the cases they take part in (by the user indexes), and the policy's
 * rule decides, so the list and the single-case check cannot disagree.
 */
export async function partnerCases(trx: Trx, actor: Actor, today: string) {
  const rows = await casesWithReason(trx, actor, today)
    .select(sql<Date | null>`(select min(m.scheduled_at) from meetings m where m.municipality_id = c.municipality_id and m.case_id = c.id
        and m.status = 'planned' and m.scheduled_at >= ${today}::date)`.as('next_meeting_at'))
    .where((eb) => eb.or([
      eb('c.id', 'in', eb.selectFrom('case_team_members').select('case_id').where('user_id', '=', actor.userId)),
      eb('c.id', 'in', eb.selectFrom('meeting_participants as mp')
        .innerJoin('meetings as m', (j) => j.onRef('m.municipality_id', '=', 'mp.municipality_id').onRef('m.id', '=', 'mp.meeting_id'))
        .select('m.case_id').where('mp.user_id', '=', actor.userId)),
    ]))
    .orderBy('f.name').orderBy('c.id').execute();
  return (rows as Array<PartnerCaseRow & { next_meeting_at: Date | null }>).filter((r) => r.reason !== null);
}

/** The consent in force that lets the partner's organisation see the family (the policy has already required one). */
export async function consentInForce(trx: Trx, familyId: string, departmentId: string) {
  return trx.selectFrom('consents').select('given_on').where('family_id', '=', familyId).where('department_id', '=', departmentId)
    .where('withdrawn_at', 'is', null).executeTakeFirst();
}

/**
 * Meeting times: the meetings of the case the partner takes part in, and those staff shared with partners
 * (meetings.visibility = 'partners', migration 0013). Minutes only where staff classified them for partners.
 */
export async function partnerMeetings(trx: Trx, actor: Actor, caseId: string) {
  return trx.selectFrom('meetings as m')
    .select(['m.id', 'm.type', 'm.title', 'm.scheduled_at', 'm.location', 'm.status'])
    .select(sql<string | null>`case when m.minutes_visibility = any(${sql.val(partnerShown)}::text[]) then m.minutes end`.as('shared_minutes'))
    .where('m.case_id', '=', caseId).where('m.status', '<>', 'cancelled')
    .where((eb) => eb.or([
      eb('m.visibility', 'in', partnerShown),
      eb.exists(eb.selectFrom('meeting_participants as mp').select('mp.id').whereRef('mp.meeting_id', '=', 'm.id').where('mp.user_id', '=', actor.userId)),
    ]))
    .orderBy('m.scheduled_at', 'desc').execute();
}

/** Decisions of the shown meetings that staff shared with partners. */
export async function sharedDecisions(trx: Trx, meetingIds: string[]) {
  if (meetingIds.length === 0) return [];
  return trx.selectFrom('meeting_decisions').select(['id', 'meeting_id', 'text']).where('meeting_id', 'in', meetingIds)
    .where('visibility', 'in', partnerShown).orderBy('created_at').orderBy('id').execute();
}

/**
 * The agreements of the case's meetings that the partner or their organisation owns (owner user in the same
 * department): "their agreements". Others' agreements are not shown, and not changeable (404).
 */
export async function partnerAgreements(trx: Trx, actor: Actor, caseId: string, agreementId?: string) {
  let query = trx.selectFrom('meeting_agreements as a')
    .innerJoin('meetings as m', (j) => j.onRef('m.municipality_id', '=', 'a.municipality_id').onRef('m.id', '=', 'a.meeting_id'))
    .innerJoin('users as u', (j) => j.onRef('u.municipality_id', '=', 'a.municipality_id').onRef('u.id', '=', 'a.owner_user_id'))
    .select(['a.id', 'a.text', 'a.due_on', 'a.status', 'a.version', 'm.scheduled_at', 'u.name as owner_name'])
    .where('m.case_id', '=', caseId)
    .where((eb) => eb.or([eb('a.owner_user_id', '=', actor.userId), eb('u.department_id', '=', actor.departmentId ?? '00000000-0000-0000-0000-000000000000')]));
  if (agreementId) query = query.where('a.id', '=', agreementId);
  return query.orderBy('m.scheduled_at').orderBy('a.created_at').orderBy('a.id').execute();
}

/** The case an agreement belongs to (any agreement: the caller checks access to the case). */
export async function caseOfAgreement(trx: Trx, agreementId: string): Promise<string | null> {
  const row = await trx.selectFrom('meeting_agreements as a')
    .innerJoin('meetings as m', (j) => j.onRef('m.municipality_id', '=', 'a.municipality_id').onRef('m.id', '=', 'a.meeting_id'))
    .select('m.case_id').where('a.id', '=', agreementId).executeTakeFirst();
  return row?.case_id ?? null;
}

/**
 * The goals of the family's latest joint plan version that are the partner's: owned by them or someone of their
 * organisation, or with their organisation among the goal's departments (000:741-743).
 */
export async function partnerGoals(trx: Trx, actor: Actor, familyId: string) {
  const department = actor.departmentId ?? '00000000-0000-0000-0000-000000000000';
  return trx.selectFrom('joint_plan_goals as g')
    .select(['g.id', 'g.title', 'g.horizon', 'g.status', 'g.starts_on', 'g.ends_on'])
    .where('g.version_id', '=', (eb) => eb.selectFrom('joint_plan_versions as v')
      .innerJoin('joint_plans as jp', (j) => j.onRef('jp.municipality_id', '=', 'v.municipality_id').onRef('jp.id', '=', 'v.plan_id'))
      .select('v.id').where('jp.family_id', '=', familyId).orderBy('v.number', 'desc').limit(1))
    .where((eb) => eb.or([
      eb.exists(eb.selectFrom('joint_plan_goal_owners as o').leftJoin('users as u', (j) => j.onRef('u.municipality_id', '=', 'o.municipality_id').onRef('u.id', '=', 'o.user_id'))
        .select('o.id').whereRef('o.goal_id', '=', 'g.id').where((e) => e.or([e('o.user_id', '=', actor.userId), e('u.department_id', '=', department)]))),
      eb.exists(eb.selectFrom('joint_plan_goal_departments as gd').select('gd.goal_id').whereRef('gd.goal_id', '=', 'g.id').where('gd.department_id', '=', department)),
    ]))
    .orderBy('g.position').execute();
}

export async function partnerNotes(trx: Trx, caseId: string) {
  return trx.selectFrom('partner_notes as n')
    .innerJoin('users as u', (j) => j.onRef('u.municipality_id', '=', 'n.municipality_id').onRef('u.id', '=', 'n.author_user_id'))
    .select(['n.id', 'n.text', 'n.created_at', 'u.name as author_name', 'n.department_id'])
    .where('n.case_id', '=', caseId).orderBy('n.created_at', 'desc').orderBy('n.id').execute();
}
