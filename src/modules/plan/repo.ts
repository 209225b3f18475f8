import { sql } from 'kysely';
import type { Actor } from '../../platform/auth/actor.js';
import type { Trx } from '../../platform/db/tenant.js';
import { familyAccessReasonSql, type CaseAccessReason } from '../../platform/policy/policy.js';
import type { PlanReferences } from './rules.js';
import type { AgreementView, GoalInput, GoalView, PlanVersionView, ResponsibleInput, ResponsibleView, VersionSummary } from './schema.js';

/** Kysely queries of the joint plan; every function takes the tenant transaction first. */

export async function findFamilyWithReason(trx: Trx, actor: Actor, today: string, familyId: string) {
  return trx.selectFrom('families as f')
    .select(['f.id', 'f.name'])
    .select(familyAccessReasonSql(actor, today, 'f').as('reason'))
    .where('f.id', '=', familyId)
    .executeTakeFirst() as Promise<{ id: string; name: string; reason: CaseAccessReason | null } | undefined>;
}

/** The plan's head row, locked when the caller is about to write a version (serialises concurrent revisions). */
export async function findPlan(trx: Trx, familyId: string, forUpdate = false) {
  let query = trx.selectFrom('joint_plans').select(['id', 'latest_version']).where('family_id', '=', familyId);
  if (forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function familyMembers(trx: Trx, familyId: string) {
  return trx.selectFrom('family_members as fm')
    .innerJoin('persons as p', (j) => j.onRef('p.municipality_id', '=', 'fm.municipality_id').onRef('p.id', '=', 'fm.person_id'))
    .select(['p.id', 'p.first_name', 'p.last_name', 'fm.relation'])
    .where('fm.family_id', '=', familyId)
    .orderBy(sql`array_position(array['parent','carer','child','sibling','other'], fm.relation)`).orderBy('p.birth_date')
    .execute();
}

export async function familyCaseIds(trx: Trx, familyId: string): Promise<string[]> {
  const rows = await trx.selectFrom('cases').select('id').where('family_id', '=', familyId).execute();
  return rows.map((r) => r.id);
}

export async function measuresOfFamily(trx: Trx, familyId: string) {
  const rows = await trx.selectFrom('measures as m')
    .innerJoin('cases as c', (j) => j.onRef('c.municipality_id', '=', 'm.municipality_id').onRef('c.id', '=', 'm.case_id'))
    .innerJoin('legal_bases as l', 'l.id', 'm.legal_basis_id')
    .select(['m.id', 'm.description', 'l.law', 'l.paragraph', 'l.subsection'])
    .where('c.family_id', '=', familyId).orderBy('m.starts_on').execute();
  return rows.map((r) => ({ id: r.id, description: r.description, label: `${r.law} §${r.paragraph}${r.subsection ? ` ${r.subsection}` : ''}` }));
}

export async function departmentsOf(trx: Trx) {
  return trx.selectFrom('departments').select(['id', 'name']).orderBy('name').execute();
}

export async function activeStaff(trx: Trx) {
  const rows = await trx.selectFrom('users').select(['id', 'name', 'roles']).where('active', '=', true).orderBy('name').execute();
  return rows.filter((r) => !r.roles.every((role) => role === 'parent' || role === 'administrator')).map((r) => ({ userId: r.id, name: r.name }));
}

export async function meetingIdsOfCases(trx: Trx, caseIds: string[]): Promise<string[]> {
  if (caseIds.length === 0) return [];
  const rows = await trx.selectFrom('meetings').select('id').where('case_id', 'in', caseIds).execute();
  return rows.map((r) => r.id);
}

/** The family's meetings, newest first, for choosing the meeting a revision or status update came from. */
export async function meetingsOfCases(trx: Trx, caseIds: string[]) {
  if (caseIds.length === 0) return [];
  const rows = await trx.selectFrom('meetings').select(['id', 'type', 'scheduled_at']).where('case_id', 'in', caseIds)
    .where('status', '<>', 'cancelled').orderBy('scheduled_at', 'desc').execute();
  return rows.map((r) => ({ id: r.id, type: r.type, scheduledAt: new Date(r.scheduled_at).toISOString() }));
}

export async function referencesOf(trx: Trx, familyId: string, baseGoalKeys: string[]): Promise<PlanReferences> {
  const [members, measures, departments, staff, caseIds] = await Promise.all([
    familyMembers(trx, familyId), measuresOfFamily(trx, familyId), departmentsOf(trx), activeStaff(trx), familyCaseIds(trx, familyId),
  ]);
  const meetingIds = await meetingIdsOfCases(trx, caseIds);
  return {
    memberIds: new Set(members.map((m) => m.id)), measureIds: new Set(measures.map((m) => m.id)), departmentIds: new Set(departments.map((d) => d.id)),
    userIds: new Set(staff.map((s) => s.userId)), meetingIds: new Set(meetingIds), baseGoalKeys: new Set(baseGoalKeys),
  };
}

export async function versionSummaries(trx: Trx, planId: string): Promise<VersionSummary[]> {
  const rows = await trx.selectFrom('joint_plan_versions as v')
    .innerJoin('users as u', (j) => j.onRef('u.municipality_id', '=', 'v.municipality_id').onRef('u.id', '=', 'v.created_by'))
    .leftJoin('joint_plan_agreements as a', (j) => j.onRef('a.municipality_id', '=', 'v.municipality_id').onRef('a.version_id', '=', 'v.id'))
    .select(['v.number', 'v.based_on', 'v.reason', 'v.meeting_id', 'u.name', 'v.created_at', 'a.agreed_on'])
    .where('v.plan_id', '=', planId).orderBy('v.number', 'desc').execute();
  return rows.map((r) => ({
    number: r.number, basedOn: r.based_on, reason: r.reason, meetingId: r.meeting_id, createdBy: r.name, createdAt: new Date(r.created_at).toISOString(),
    state: r.agreed_on ? 'agreed' : 'draft', agreedOn: r.agreed_on ?? null,
  }));
}

export async function findVersion(trx: Trx, planId: string, number: number) {
  return trx.selectFrom('joint_plan_versions').selectAll().where('plan_id', '=', planId).where('number', '=', number).executeTakeFirst();
}

/** Display names of the persons and users a version names, in two queries. */
async function namesOf(trx: Trx, personIds: Array<string | null>, userIds: Array<string | null>): Promise<Map<string, string>> {
  const persons = [...new Set(personIds.filter((id): id is string => id !== null))];
  const users = [...new Set(userIds.filter((id): id is string => id !== null))];
  const [p, u] = await Promise.all([
    persons.length === 0 ? [] : trx.selectFrom('persons').select(['id', 'first_name', 'last_name']).where('id', 'in', persons).execute(),
    users.length === 0 ? [] : trx.selectFrom('users').select(['id', 'name']).where('id', 'in', users).execute(),
  ]);
  return new Map<string, string>([...p.map((r) => [r.id, `${r.first_name} ${r.last_name}`] as [string, string]), ...u.map((r) => [r.id, r.name] as [string, string])]);
}

function responsible(kind: string, personId: string | null, userId: string | null, partnerName: string | null, names: Map<string, string>): ResponsibleView {
  const name = kind === 'person' ? names.get(personId!) : kind === 'user' ? names.get(userId!) : partnerName;
  return { kind: kind as ResponsibleView['kind'], personId, userId, name: name ?? '' };
}

/** A whole version: its goals with owners, measures, departments and activities, and its agreement. */
export async function loadVersionView(trx: Trx, planId: string, number: number, latest: number): Promise<PlanVersionView | undefined> {
  const summary = (await versionSummaries(trx, planId)).find((v) => v.number === number);
  const version = await findVersion(trx, planId, number);
  if (!summary || !version) return undefined;
  const goals = await trx.selectFrom('joint_plan_goals').selectAll().where('version_id', '=', version.id).orderBy('position').execute();
  const goalIds = goals.map((g) => g.id);
  const none = goalIds.length === 0;
  const [owners, measures, departments, activities, agreement] = await Promise.all([
    none ? [] : trx.selectFrom('joint_plan_goal_owners').selectAll().where('goal_id', 'in', goalIds).orderBy('position').execute(),
    none ? [] : trx.selectFrom('joint_plan_goal_measures as gm')
      .innerJoin('measures as m', (j) => j.onRef('m.municipality_id', '=', 'gm.municipality_id').onRef('m.id', '=', 'gm.measure_id'))
      .innerJoin('legal_bases as l', 'l.id', 'm.legal_basis_id')
      .select(['gm.goal_id', 'm.id', 'm.description', 'l.law', 'l.paragraph', 'l.subsection']).where('gm.goal_id', 'in', goalIds).orderBy('m.starts_on').execute(),
    none ? [] : trx.selectFrom('joint_plan_goal_departments as gd')
      .innerJoin('departments as d', (j) => j.onRef('d.municipality_id', '=', 'gd.municipality_id').onRef('d.id', '=', 'gd.department_id'))
      .select(['gd.goal_id', 'd.id', 'd.name']).where('gd.goal_id', 'in', goalIds).orderBy('d.name').execute(),
    none ? [] : trx.selectFrom('joint_plan_activities').selectAll().where('goal_id', 'in', goalIds).orderBy('position').execute(),
    trx.selectFrom('joint_plan_agreements as a')
      .innerJoin('users as u', (j) => j.onRef('u.municipality_id', '=', 'a.municipality_id').onRef('u.id', '=', 'a.recorded_by'))
      .select(['a.id', 'a.agreed_on', 'a.note', 'u.name', 'a.recorded_at']).where('a.version_id', '=', version.id).executeTakeFirst(),
  ]);
  const parties = agreement ? await trx.selectFrom('joint_plan_agreement_parties').selectAll().where('agreement_id', '=', agreement.id).execute() : [];
  const personIds = [...goals.map((g) => g.concerns_person_id), ...owners.map((o) => o.person_id), ...activities.map((a) => a.responsible_person_id), ...parties.map((p) => p.person_id)];
  const userIds = [...owners.map((o) => o.user_id), ...activities.map((a) => a.responsible_user_id), ...parties.map((p) => p.user_id)];
  const names = await namesOf(trx, personIds, userIds);
  let agreementView: AgreementView | null = null;
  if (agreement) {
    agreementView = {
      agreedOn: agreement.agreed_on, note: agreement.note, recordedBy: agreement.name, recordedAt: new Date(agreement.recorded_at).toISOString(),
      parties: parties.map((p) => ({
        kind: p.person_id ? 'person' as const : 'user' as const, id: (p.person_id ?? p.user_id)!, name: names.get((p.person_id ?? p.user_id)!) ?? '',
        familyMember: p.person_id !== null,
      })),
    };
  }
  const goalViews: GoalView[] = goals.map((g) => ({
    goalKey: g.goal_key, title: g.title, concernsPersonId: g.concerns_person_id, concernsName: g.concerns_person_id ? names.get(g.concerns_person_id) ?? null : null,
    horizon: g.horizon as GoalView['horizon'], specific: g.specific, measurable: g.measurable, accepted: g.accepted, realistic: g.realistic,
    startsOn: g.starts_on, endsOn: g.ends_on, evaluation: g.evaluation, familyWords: g.family_words, professionalAssessment: g.professional_assessment,
    status: g.status as GoalView['status'], statusNote: g.status_note, statusMeetingId: g.status_meeting_id, visibility: g.visibility,
    owners: owners.filter((o) => o.goal_id === g.id).map((o) => responsible(o.kind, o.person_id, o.user_id, o.partner_name, names)),
    measures: measures.filter((m) => m.goal_id === g.id)
      .map((m) => ({ id: m.id, description: m.description, label: `${m.law} §${m.paragraph}${m.subsection ? ` ${m.subsection}` : ''}` })),
    departments: departments.filter((d) => d.goal_id === g.id).map((d) => ({ id: d.id, name: d.name })),
    activities: activities.filter((a) => a.goal_id === g.id).map((a) => ({
      description: a.description, dueOn: a.due_on, done: a.done,
      responsible: responsible(a.responsible_kind, a.responsible_person_id, a.responsible_user_id, a.responsible_partner_name, names),
    })),
  }));
  return { ...summary, latest: number === latest, agreement: agreementView, goals: goalViews };
}

function responsibleColumns(r: ResponsibleInput) {
  return {
    person_id: r.kind === 'person' ? r.personId : null,
    user_id: r.kind === 'user' ? r.userId : null,
    partner_name: r.kind === 'partner' ? r.name : null,
  };
}

/** Writes one immutable version with all its goals (their keys given: kept from the base version or new). */
export async function insertVersion(trx: Trx, row: {
  municipalityId: string; planId: string; number: number; basedOn: number | null; reason: string; meetingId: string | null; createdBy: string; createdAt: Date;
  goals: Array<GoalInput & { goalKey: string }>;
}): Promise<void> {
  const m = row.municipalityId;
  const version = await trx.insertInto('joint_plan_versions').values({
    municipality_id: m, plan_id: row.planId, number: row.number, based_on: row.basedOn, reason: row.reason, meeting_id: row.meetingId,
    created_by: row.createdBy, created_at: row.createdAt,
  }).returning('id').executeTakeFirstOrThrow();
  for (const [position, goal] of row.goals.entries()) {
    const created = await trx.insertInto('joint_plan_goals').values({
      municipality_id: m, version_id: version.id, goal_key: goal.goalKey, position, title: goal.title, concerns_person_id: goal.concernsPersonId ?? null,
      horizon: goal.horizon, specific: goal.specific, measurable: goal.measurable, accepted: goal.accepted, realistic: goal.realistic,
      starts_on: goal.startsOn, ends_on: goal.endsOn, evaluation: goal.evaluation, family_words: goal.familyWords ?? null,
      professional_assessment: goal.professionalAssessment ?? null, status: goal.status, status_note: goal.statusNote ?? null,
      status_meeting_id: goal.statusMeetingId ?? null, visibility: goal.visibility ?? 'family',
    }).returning('id').executeTakeFirstOrThrow();
    if (goal.owners.length > 0) {
      await trx.insertInto('joint_plan_goal_owners').values(goal.owners.map((o, i) => ({
        municipality_id: m, goal_id: created.id, kind: o.kind, position: i, ...responsibleColumns(o),
      }))).execute();
    }
    const measureIds = [...new Set(goal.measureIds)];
    if (measureIds.length > 0) {
      await trx.insertInto('joint_plan_goal_measures').values(measureIds.map((id) => ({ municipality_id: m, goal_id: created.id, measure_id: id }))).execute();
    }
    const departmentIds = [...new Set(goal.departmentIds)];
    if (departmentIds.length > 0) {
      await trx.insertInto('joint_plan_goal_departments').values(departmentIds.map((id) => ({ municipality_id: m, goal_id: created.id, department_id: id }))).execute();
    }
    if (goal.activities.length > 0) {
      await trx.insertInto('joint_plan_activities').values(goal.activities.map((a, i) => {
        const r = responsibleColumns(a.responsible);
        return {
          municipality_id: m, goal_id: created.id, position: i, description: a.description, due_on: a.dueOn, done: a.done,
          responsible_kind: a.responsible.kind, responsible_person_id: r.person_id, responsible_user_id: r.user_id, responsible_partner_name: r.partner_name,
        };
      })).execute();
    }
  }
  await trx.updateTable('joint_plans').set({ latest_version: row.number }).where('id', '=', row.planId).execute();
}
