import { sql, type RawBuilder } from 'kysely';
import type { Actor } from '../../platform/auth/actor.js';
import type { Trx } from '../../platform/db/tenant.js';
import { caseAccessReasonSql, type CaseAccessReason } from '../../platform/policy/policy.js';
import type { StatusMeasurementRow } from './analysis.js';
import { raterRoles, type KeyStaffRelation } from './rules.js';

/**
 * Queries of the status measurement (migration 0023); every function takes the tenant transaction first.
 *
 *   statusMeasurementRows(trx, filter: { departmentId?: string; model?: string; fromQuarter?: string; toQuarter?: string }):
 *     Promise<StatusMeasurementRow[]>
 *
 * returns the rows `summariseStatusMeasurements` (analysis.ts) takes. It does no access check and writes no audit
 * row: call it from a command that has done both (commands.ts `statusMeasurementResults` is that command).
 */

/**
 * The key staff of open cases as SQL (rules.ts `keyStaffRelations`): active assignments (family coordinator, primary
 * caseworker, caseworker, buddy), active core-team members, and raters a leader added; only active users with a staff
 * role. One definition for the rating check, the due list and the reminders, so they cannot disagree.
 */
function keyStaffSql(today: string): RawBuilder<unknown> {
  return sql`
    select ks.case_id, ks.user_id, min(ks.relation) as relation from (
      select a.case_id, a.user_id, 'assignment' as relation from case_assignments a
       where a.starts_on <= ${today}::date and (a.ends_on is null or a.ends_on >= ${today}::date)
      union all
      select t.case_id, t.user_id, 'core_team' from case_team_members t
       where t.added_on <= ${today}::date and (t.removed_on is null or t.removed_on > ${today}::date)
      union all
      select r.case_id, r.user_id, 'added_by_leader' from status_measurement_raters r) ks
      join users u on u.id = ks.user_id and u.active and u.roles && ${sql.val([...raterRoles])}::text[]
     group by ks.case_id, ks.user_id`;
}

export interface RatingCaseRow {
  case_id: string;
  family_id: string;
  case_number: string;
  model: string;
  status: string;
  responsible_department_id: string;
  child_name: string;
  reason: CaseAccessReason | null;
  key_relation: KeyStaffRelation | null;
}

/** The case, the actor's need-to-know reason and whether the actor is one of its key staff today. */
export async function ratingCase(trx: Trx, actor: Actor, today: string, caseId: string): Promise<RatingCaseRow | undefined> {
  const rows = await sql<RatingCaseRow>`
    select c.id as case_id, c.family_id, c.case_number, c.model, c.status, c.responsible_department_id,
           p.first_name || ' ' || p.last_name as child_name,
           ${caseAccessReasonSql(actor, today, 'c')} as reason,
           (select ks.relation from (${keyStaffSql(today)}) ks where ks.case_id = c.id and ks.user_id = ${actor.userId}::uuid) as key_relation
      from cases c join persons p on p.municipality_id = c.municipality_id and p.id = c.child_id
     where c.id = ${caseId}::uuid`.execute(trx);
  return rows.rows[0];
}

export interface KeyStaffRow { user_id: string; name: string; relation: KeyStaffRelation; rated: boolean }

export async function keyStaffOfCase(trx: Trx, caseId: string, today: string, quarter: string): Promise<KeyStaffRow[]> {
  const rows = await sql<KeyStaffRow>`
    select ks.user_id, u.name, ks.relation,
           exists (select 1 from status_measurements m where m.case_id = ks.case_id and m.rater_user_id = ks.user_id and m.quarter = ${quarter}) as rated
      from (${keyStaffSql(today)}) ks join users u on u.id = ks.user_id
     where ks.case_id = ${caseId}::uuid
     order by u.name`.execute(trx);
  return rows.rows;
}

export interface MeasurementRow {
  id: string;
  case_id: string;
  rater_user_id: string;
  quarter: string;
  model: string;
  definition_version: number;
  department_id: string;
  submitted_at: Date;
  updated_at: Date;
  version: number;
}

const measurementColumns = ['id', 'case_id', 'rater_user_id', 'quarter', 'model', 'definition_version', 'department_id', 'submitted_at', 'updated_at', 'version'] as const;

export function findMeasurement(trx: Trx, caseId: string, raterUserId: string, quarter: string): Promise<MeasurementRow | undefined> {
  return trx.selectFrom('status_measurements').select(measurementColumns)
    .where('case_id', '=', caseId).where('rater_user_id', '=', raterUserId).where('quarter', '=', quarter).executeTakeFirst();
}

export function measurementById(trx: Trx, id: string): Promise<MeasurementRow | undefined> {
  return trx.selectFrom('status_measurements').select(measurementColumns).where('id', '=', id).executeTakeFirst();
}

/** A rater's own measurements of one case (or of all cases), newest quarter first. */
export function ownMeasurements(trx: Trx, raterUserId: string, caseId?: string) {
  let query = trx.selectFrom('status_measurements as m')
    .innerJoin('cases as c', (j) => j.onRef('c.municipality_id', '=', 'm.municipality_id').onRef('c.id', '=', 'm.case_id'))
    .select(['m.id', 'm.case_id', 'c.case_number', 'm.quarter', 'm.model', 'm.definition_version', 'm.submitted_at', 'm.updated_at', 'm.version'])
    .where('m.rater_user_id', '=', raterUserId);
  if (caseId) query = query.where('m.case_id', '=', caseId);
  return query.orderBy('m.quarter', 'desc').orderBy('c.case_number').execute();
}

export async function answersOf(trx: Trx, measurementIds: string[]): Promise<Map<string, Array<{ questionKey: string; elementKey: string; score: number }>>> {
  const out = new Map<string, Array<{ questionKey: string; elementKey: string; score: number }>>();
  if (measurementIds.length === 0) return out;
  const rows = await trx.selectFrom('status_measurement_answers').select(['measurement_id', 'question_key', 'element_key', 'score'])
    .where('measurement_id', 'in', measurementIds).orderBy('measurement_id').orderBy('question_key').execute();
  for (const r of rows) {
    const list = out.get(r.measurement_id) ?? [];
    list.push({ questionKey: r.question_key, elementKey: r.element_key, score: Number(r.score) });
    out.set(r.measurement_id, list);
  }
  return out;
}

/** Inserts a measurement; null when the same rater's measurement of the case and quarter exists (the unique key). */
export async function insertMeasurement(trx: Trx, values: {
  municipalityId: string; caseId: string; raterUserId: string; quarter: string; model: string; definitionVersion: number; departmentId: string; at: Date;
}): Promise<string | null> {
  const row = await trx.insertInto('status_measurements').values({
    municipality_id: values.municipalityId, case_id: values.caseId, rater_user_id: values.raterUserId, quarter: values.quarter, model: values.model,
    definition_version: values.definitionVersion, department_id: values.departmentId, submitted_at: values.at, updated_at: values.at,
  }).onConflict((oc) => oc.constraint('status_measurements_one_per_quarter').doNothing()).returning('id').executeTakeFirst();
  return row?.id ?? null;
}

export async function writeAnswers(trx: Trx, municipalityId: string, measurementId: string, answers: Array<{ questionKey: string; elementKey: string; score: number }>): Promise<void> {
  await trx.deleteFrom('status_measurement_answers').where('measurement_id', '=', measurementId).execute();
  await trx.insertInto('status_measurement_answers').values(answers.map((a) => ({
    municipality_id: municipalityId, measurement_id: measurementId, element_key: a.elementKey, question_key: a.questionKey, score: a.score,
  }))).execute();
}

/** Bumps the version if it is still the one the rater edited; false when someone changed it since. */
export async function bumpVersion(trx: Trx, id: string, version: number, at: Date): Promise<boolean> {
  const result = await trx.updateTable('status_measurements').set({ version: version + 1, updated_at: at })
    .where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function addRater(trx: Trx, values: { municipalityId: string; caseId: string; userId: string; addedBy: string; addedOn: string }): Promise<boolean> {
  const row = await trx.insertInto('status_measurement_raters').values({
    municipality_id: values.municipalityId, case_id: values.caseId, user_id: values.userId, added_by: values.addedBy, added_on: values.addedOn,
  }).onConflict((oc) => oc.constraint('status_measurement_raters_pk').doNothing()).returning('user_id').executeTakeFirst();
  return row !== undefined;
}

export function staffUser(trx: Trx, userId: string) {
  return trx.selectFrom('users').select(['id', 'name', 'roles', 'active']).where('id', '=', userId).executeTakeFirst();
}

export interface DueRow { case_id: string; family_id: string; case_number: string; model: string; user_id: string; email: string; name: string }

/** Key staff of open cases who have not rated the case in the quarter; optionally one user's only. */
export async function dueMeasurements(trx: Trx, today: string, quarter: string, userId?: string): Promise<DueRow[]> {
  const rows = await sql<DueRow>`
    select ks.case_id, c.family_id, c.case_number, c.model, ks.user_id, u.email, u.name
      from (${keyStaffSql(today)}) ks
      join cases c on c.id = ks.case_id and c.status <> 'closed' and c.model in ('efei', 'sof')
      join users u on u.id = ks.user_id
     where (${userId ?? null}::uuid is null or ks.user_id = ${userId ?? null}::uuid)
       and not exists (select 1 from status_measurements m
                        where m.case_id = ks.case_id and m.rater_user_id = ks.user_id and m.quarter = ${quarter})
     order by ks.user_id, c.case_number`.execute(trx);
  return rows.rows;
}

export async function statusMeasurementRows(trx: Trx, filter: { departmentId?: string; model?: string; fromQuarter?: string; toQuarter?: string }): Promise<StatusMeasurementRow[]> {
  let query = trx.selectFrom('status_measurement_answers as a')
    .innerJoin('status_measurements as m', (j) => j.onRef('m.municipality_id', '=', 'a.municipality_id').onRef('m.id', '=', 'a.measurement_id'))
    .select(['m.id as measurementId', 'm.case_id as caseId', 'm.department_id as departmentId', 'm.model', 'm.quarter', 'a.element_key as elementKey',
      'a.question_key as questionKey', 'a.score']);
  if (filter.departmentId) query = query.where('m.department_id', '=', filter.departmentId);
  if (filter.model) query = query.where('m.model', '=', filter.model);
  if (filter.fromQuarter) query = query.where('m.quarter', '>=', filter.fromQuarter);
  if (filter.toQuarter) query = query.where('m.quarter', '<=', filter.toQuarter);
  const rows = await query.orderBy('m.quarter').orderBy('m.id').orderBy('a.question_key').execute();
  return rows.map((r) => ({ ...r, score: Number(r.score) }));
}

export function departmentName(trx: Trx, departmentId: string) {
  return trx.selectFrom('departments').select(['id', 'name']).where('id', '=', departmentId).executeTakeFirst();
}
