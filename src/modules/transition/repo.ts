import { sql } from 'kysely';
import type { Trx } from '../../platform/db/tenant.js';

export async function trackFacts(trx: Trx, caseId: string) {
  const [settings, child, started, track, steps] = await Promise.all([
    trx.selectFrom('municipalities').select('settings').executeTakeFirst(),
    trx.selectFrom('cases as c').innerJoin('persons as p', (j) => j.onRef('p.municipality_id', '=', 'c.municipality_id').onRef('p.id', '=', 'c.child_id'))
      .select('p.birth_date').where('c.id', '=', caseId).executeTakeFirst(),
    trx.selectFrom('case_transitions').select('started_on').where('case_id', '=', caseId).executeTakeFirst(),
    trx.selectFrom('case_transition_tracks').selectAll().where('case_id', '=', caseId).executeTakeFirst(),
    trx.selectFrom('case_transition_steps').select(['id', 'title', 'planned_on', 'done_on', 'version']).where('case_id', '=', caseId).orderBy('planned_on').orderBy('created_at').execute(),
  ]);
  return { settings: settings?.settings ?? {}, birthDate: child?.birth_date ?? null, startedOn: started?.started_on ?? null, track, steps };
}

/**
 * Open cases whose child is between the alert's earliest possible start (18 − 5 years lead time) and 18, with
 * whether the transition has started, the lead and the responsible department: the candidates the rule then decides.
 */
export async function alertCandidates(trx: Trx, today: string, scope: { caseIds?: string[] } = {}) {
  let query = trx.selectFrom('cases as c')
    .innerJoin('persons as p', (j) => j.onRef('p.municipality_id', '=', 'c.municipality_id').onRef('p.id', '=', 'c.child_id'))
    .leftJoin('case_transitions as t', (j) => j.onRef('t.municipality_id', '=', 'c.municipality_id').onRef('t.case_id', '=', 'c.id'))
    .select(['c.id', 'c.case_number', 'c.responsible_department_id', 'p.birth_date', 't.started_on',
      sql<string | null>`(select a.user_id::text from case_assignments a where a.municipality_id = c.municipality_id and a.case_id = c.id
        and a.role in ('family_coordinator', 'primary_caseworker') and a.starts_on <= ${today}::date and (a.ends_on is null or a.ends_on >= ${today}::date)
        order by a.starts_on desc limit 1)`.as('lead_user_id')])
    .where('c.status', '<>', 'closed').where('t.started_on', 'is', null).where('p.birth_date', 'is not', null)
    .where('p.birth_date', '>', sql<string>`(${today}::date - interval '18 years')::date`)
    .where('p.birth_date', '<=', sql<string>`(${today}::date - interval '12 years')::date`);
  if (scope.caseIds) query = query.where('c.id', 'in', scope.caseIds.length ? scope.caseIds : ['00000000-0000-0000-0000-000000000000']);
  return query.orderBy('c.case_number').execute();
}

/** Leaders of a department (team leaders and department heads): they get the alert too. */
export async function leadersOf(trx: Trx, departmentId: string) {
  return trx.selectFrom('users').select(['id', 'email']).where('department_id', '=', departmentId).where('active', '=', true)
    .where(sql<boolean>`roles && array['team_leader', 'department_head']::text[]`).execute();
}

export async function usersByIds(trx: Trx, ids: string[]) {
  if (ids.length === 0) return [];
  return trx.selectFrom('users').select(['id', 'name', 'email', 'active']).where('id', 'in', ids).execute();
}
