import { sql } from 'kysely';
import type { Actor } from '../../platform/auth/actor.js';
import type { Trx } from '../../platform/db/tenant.js';
import { caseAccessReasonSql, familyAccessReasonSql } from '../../platform/policy/policy.js';

export interface MyFamilyRow {
  family_id: string;
  family_name: string;
  case_id: string | null;
  case_number: string | null;
  model: 'efei' | 'sof' | null;
  status: 'open' | 'in_operation' | 'ordinary_operation' | 'closed' | null;
  child_id: string | null;
  first_name: string | null;
  last_name: string | null;
  birth_date: string | null;
  legal_basis_ids: string[] | null;
  lead_name: string | null;
  reason: string | null;
}

/**
 * "Mine familier": open cases the user is assigned to or on the core team of, plus families the user registered
 * that have no case yet. One statement; the bench runs this same function directly to compare with HTTP.
 */
export function myFamiliesQuery(trx: Trx, actor: Actor, today: string) {
  return sql<MyFamilyRow>`
    with mine as (
      select a.case_id from case_assignments a
       where a.user_id = ${actor.userId}::uuid and a.starts_on <= ${today}::date and (a.ends_on is null or a.ends_on >= ${today}::date)
      union
      select t.case_id from case_team_members t
       where t.user_id = ${actor.userId}::uuid and t.added_on <= ${today}::date and (t.removed_on is null or t.removed_on > ${today}::date))
    select f.id as family_id, f.name as family_name, c.id as case_id, c.case_number, c.model, c.status,
           p.id as child_id, p.first_name, p.last_name, p.birth_date,
           (select array_agg(distinct m.legal_basis_id order by m.legal_basis_id) from measures m
             where m.municipality_id = c.municipality_id and m.case_id = c.id
               and m.starts_on <= ${today}::date and (m.ends_on is null or m.ends_on >= ${today}::date)) as legal_basis_ids,
           (select u.name from case_assignments la join users u on u.municipality_id = la.municipality_id and u.id = la.user_id
             where la.municipality_id = c.municipality_id and la.case_id = c.id and la.role in ('family_coordinator', 'primary_caseworker')
               and la.starts_on <= ${today}::date and (la.ends_on is null or la.ends_on >= ${today}::date) limit 1) as lead_name,
           ${caseAccessReasonSql(actor, today, 'c')} as reason
      from cases c
      join families f on f.municipality_id = c.municipality_id and f.id = c.family_id
      join persons p on p.municipality_id = c.municipality_id and p.id = c.child_id
     where c.id in (select case_id from mine) and c.status <> 'closed'
    union all
    select f.id, f.name, null, null, null, null, null, null, null, null, null, null, 'family_creator'
      from families f
     where f.created_by = ${actor.userId}::uuid
       and not exists (select 1 from cases c where c.municipality_id = f.municipality_id and c.family_id = f.id)
     order by family_name, family_id, birth_date`.execute(trx);
}

export interface SearchRow {
  family_id: string;
  family_name: string;
  person_id: string | null;
  first_name: string | null;
  last_name: string | null;
  birth_date: string | null;
  case_id: string | null;
  case_number: string | null;
  matched: 'cpr' | 'case_number' | 'name' | 'family_name';
}

/** Search within what the actor may see: every hit passes the same need-to-know expression as the family page. */
export function searchQuery(trx: Trx, actor: Actor, today: string, term: { kind: 'cpr' | 'case_number' | 'text'; value: string }) {
  const pattern = '%' + term.value.replace(/[\\%_]/g, (ch) => '\\' + ch) + '%';
  const personMatch = term.kind === 'cpr' ? sql`p.cpr = ${term.value}`
    : term.kind === 'case_number' ? sql`false`
    : sql`(p.first_name || ' ' || p.last_name) ilike ${pattern}`;
  const caseMatch = term.kind === 'case_number' ? sql`c.case_number = ${term.value}` : sql`false`;
  const familyMatch = term.kind === 'text' ? sql`f.name ilike ${pattern}` : sql`false`;
  // Matching first, need-to-know second: the materialized CTE keeps PostgreSQL from pushing the access expression
  // down into the scan, where it ran once per family of the municipality instead of once per hit.
  return sql<SearchRow>`
    with matches as materialized (
      select f.id as family_id, f.name as family_name, f.municipality_id, f.created_by,
             p.id as person_id, p.first_name, p.last_name, p.birth_date, c.id as case_id, c.case_number,
             case when ${caseMatch} then 'case_number' when ${term.kind === 'cpr'} then 'cpr' when ${personMatch} then 'name' else 'family_name' end as matched
        from family_members fm
        join persons p on p.municipality_id = fm.municipality_id and p.id = fm.person_id
        join families f on f.municipality_id = fm.municipality_id and f.id = fm.family_id
        left join cases c on c.municipality_id = fm.municipality_id and c.family_id = fm.family_id and c.child_id = fm.person_id
       where ${personMatch} or ${caseMatch} or ${familyMatch})
    select family_id, family_name, person_id, first_name, last_name, birth_date, case_id, case_number, matched from (
      select m.*, ${familyAccessReasonSql(actor, today, 'f')} as reason
        from matches m, lateral (select m.family_id as id, m.municipality_id, m.created_by) f) hits
     where reason is not null
     order by family_name, last_name, first_name
     limit 50`.execute(trx);
}
