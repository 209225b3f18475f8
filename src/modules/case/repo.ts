import { sql } from 'kysely';
import type { Actor } from '../../platform/auth/actor.js';
import type { Trx } from '../../platform/db/tenant.js';
import { caseAccessReasonSql, type CaseAccessReason } from '../../platform/policy/policy.js';
import type { AssignmentView, TeamMemberView } from './schema.js';

export interface CaseRow {
  id: string;
  family_id: string;
  child_id: string;
  child_first_name: string;
  child_last_name: string;
  case_number: string;
  model: 'efei' | 'sof';
  status: 'open' | 'in_operation' | 'ordinary_operation' | 'closed';
  status_reason: string | null;
  opened_on: string;
  closed_on: string | null;
  responsible_department_id: string;
  department_name: string;
  version: number;
  reason: CaseAccessReason | null;
}

function caseQuery(trx: Trx, actor: Actor, today: string) {
  return trx.selectFrom('cases as c')
    .innerJoin('persons as p', (join) => join.onRef('p.municipality_id', '=', 'c.municipality_id').onRef('p.id', '=', 'c.child_id'))
    .innerJoin('departments as d', (join) => join.onRef('d.municipality_id', '=', 'c.municipality_id').onRef('d.id', '=', 'c.responsible_department_id'))
    .select(['c.id', 'c.family_id', 'c.child_id', 'p.first_name as child_first_name', 'p.last_name as child_last_name', 'c.case_number', 'c.model',
      'c.status', 'c.status_reason', 'c.opened_on', 'c.closed_on', 'c.responsible_department_id', 'd.name as department_name', 'c.version'])
    .select(caseAccessReasonSql(actor, today, 'c').as('reason'));
}

export async function findCase(trx: Trx, actor: Actor, today: string, caseId: string): Promise<CaseRow | undefined> {
  return (await caseQuery(trx, actor, today).where('c.id', '=', caseId).executeTakeFirst()) as CaseRow | undefined;
}

export async function casesOfFamily(trx: Trx, actor: Actor, today: string, familyId: string): Promise<CaseRow[]> {
  return (await caseQuery(trx, actor, today).where('c.family_id', '=', familyId).orderBy('c.opened_on').execute()) as CaseRow[];
}

export async function assignmentsOf(trx: Trx, caseIds: string[]): Promise<Array<AssignmentView & { caseId: string }>> {
  if (caseIds.length === 0) return [];
  const rows = await trx.selectFrom('case_assignments as a')
    .innerJoin('users as u', (join) => join.onRef('u.municipality_id', '=', 'a.municipality_id').onRef('u.id', '=', 'a.user_id'))
    .select(['a.id', 'a.case_id', 'a.user_id', 'u.name', 'u.email', 'u.phone', 'a.role', 'a.starts_on', 'a.ends_on'])
    .where('a.case_id', 'in', caseIds).orderBy('a.starts_on').execute();
  return rows.map((r) => ({
    id: r.id, caseId: r.case_id, userId: r.user_id, name: r.name, email: r.email, phone: r.phone, role: r.role as AssignmentView['role'],
    startsOn: r.starts_on, endsOn: r.ends_on,
  }));
}

export async function teamMembersOf(trx: Trx, caseIds: string[]): Promise<Array<TeamMemberView & { caseId: string }>> {
  if (caseIds.length === 0) return [];
  const rows = await trx.selectFrom('case_team_members as t')
    .innerJoin('users as u', (join) => join.onRef('u.municipality_id', '=', 't.municipality_id').onRef('u.id', '=', 't.user_id'))
    .leftJoin('departments as d', (join) => join.onRef('d.municipality_id', '=', 'u.municipality_id').onRef('d.id', '=', 'u.department_id'))
    .select(['t.id', 't.case_id', 't.user_id', 'u.name', 'u.roles', 'u.department_id', 'd.kind as department_kind', 'd.name as department_name',
      't.team_role', 't.added_on', 't.removed_on'])
    .where('t.case_id', 'in', caseIds).orderBy('t.added_on').execute();
  return rows.map((r) => ({
    id: r.id, caseId: r.case_id, userId: r.user_id, name: r.name, departmentName: r.department_name, departmentId: r.department_id,
    departmentKind: r.department_kind, external: r.roles.includes('external_partner'), teamRole: r.team_role, addedOn: r.added_on, removedOn: r.removed_on,
  }));
}

/** Case numbers are "YYYY-NNNNN" per municipality and year; the counter row serialises concurrent allocations. */
export async function allocateCaseNumber(trx: Trx, municipalityId: string, year: number): Promise<string> {
  const row = await sql<{ last_number: number }>`
    insert into case_number_counters (municipality_id, year, last_number) values (${municipalityId}, ${year}, 1)
    on conflict (municipality_id, year) do update set last_number = case_number_counters.last_number + 1
    returning last_number`.execute(trx);
  return `${year}-${String(row.rows[0]!.last_number).padStart(5, '0')}`;
}
