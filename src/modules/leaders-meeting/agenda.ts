import { sql } from 'kysely';
import type { Actor } from '../../platform/auth/actor.js';
import type { Trx } from '../../platform/db/tenant.js';
import { caseAccessReasonSql } from '../../platform/policy/policy.js';
import { caseFactsQuery, type FactsScope } from '../cadence/index.js';
import { planOf } from '../follow-up/commands.js';

/**
 * The agenda sources of a leaders' meeting (issue 9 item 5), in one list: each gathers one agenda point from data,
 * over the open cases of the departments the series' members belong to (the whole municipality when none). Only
 * aggregates and case numbers reach the agenda — never names or narratives; a case number links to the case only
 * for a viewer who may read it (policy.ts caseAccessReasonSql).
 */

export interface AgendaCase { caseId: string; caseNumber: string }
export interface AgendaItem {
  source: string;
  count: number;
  cases: AgendaCase[];
  /** Per person figures (the caseload): name and count. */
  people?: Array<{ name: string; count: number }>;
}
interface Scope { departmentIds: string[]; today: string }
interface AgendaSource { key: string; collect(trx: Trx, scope: Scope): Promise<Omit<AgendaItem, 'source'>> }

function departmentFilter(scope: Scope, column: string) {
  return scope.departmentIds.length === 0 ? sql`true` : sql`${sql.ref(column)} = any(${sql.val(scope.departmentIds)}::uuid[])`;
}

async function caseNumbers(trx: Trx, query: ReturnType<typeof sql<{ case_id: string; case_number: string }>>): Promise<Omit<AgendaItem, 'source'>> {
  const rows = (await query.execute(trx)).rows;
  return { count: rows.length, cases: rows.map((r) => ({ caseId: r.case_id, caseNumber: r.case_number })) };
}

export const agendaSources: AgendaSource[] = [
  {
    // Overdue follow-ups: the cadence facts and rule of the worklist (cadence/repo.ts + follow-up planOf), not a copy.
    key: 'overdue_follow_ups',
    async collect(trx, scope) {
      const scopes: FactsScope[] = scope.departmentIds.length === 0 ? [{ kind: 'municipality' }] : scope.departmentIds.map((departmentId) => ({ kind: 'department', departmentId }));
      const cases: AgendaCase[] = [];
      for (const s of scopes) {
        const facts = await caseFactsQuery(trx, s, scope.today, { withPeople: false });
        for (const row of facts.rows) {
          const dueOn = planOf(row, row).dueOn;
          if (dueOn !== null && dueOn < scope.today) cases.push({ caseId: row.case_id, caseNumber: row.case_number });
        }
      }
      return { count: cases.length, cases: cases.sort((a, b) => a.caseNumber.localeCompare(b.caseNumber)) };
    },
  },
  {
    // Caseload per coordinator / primary caseworker: their current lead assignments on open cases.
    key: 'caseload',
    async collect(trx, scope) {
      const rows = (await sql<{ name: string; count: string }>`
        select u.name, count(*)::text as count from case_assignments a
          join cases c on c.municipality_id = a.municipality_id and c.id = a.case_id
          join users u on u.municipality_id = a.municipality_id and u.id = a.user_id
         where a.role in ('family_coordinator', 'primary_caseworker') and a.starts_on <= ${scope.today}::date
           and (a.ends_on is null or a.ends_on >= ${scope.today}::date) and c.status <> 'closed' and ${departmentFilter(scope, 'c.responsible_department_id')}
         group by u.id, u.name order by count(*) desc, u.name`.execute(trx)).rows;
      const people = rows.map((r) => ({ name: r.name, count: Number(r.count) }));
      return { count: people.reduce((sum, p) => sum + p.count, 0), cases: [], people };
    },
  },
  {
    // Decisions referred to the visitation committee (issue 8, migration 0018).
    key: 'referred_decisions',
    collect: (trx, scope) => caseNumbers(trx, sql<{ case_id: string; case_number: string }>`
      select c.id as case_id, c.case_number from decision_proposals d join cases c on c.municipality_id = d.municipality_id and c.id = d.case_id
       where d.status = 'referred' and ${departmentFilter(scope, 'c.responsible_department_id')} order by c.case_number`),
  },
  {
    // Financing disagreements: measures whose financing in force (highest version) is disputed (migration 0019).
    key: 'financing_disputes',
    collect: (trx, scope) => caseNumbers(trx, sql<{ case_id: string; case_number: string }>`
      select distinct c.id as case_id, c.case_number from measure_financing_versions v join cases c on c.municipality_id = v.municipality_id and c.id = v.case_id
       where v.status = 'disputed' and ${departmentFilter(scope, 'c.responsible_department_id')}
         and v.version_no = (select max(v2.version_no) from measure_financing_versions v2 where v2.municipality_id = v.municipality_id and v2.measure_id = v.measure_id)
       order by c.case_number`),
  },
  {
    // Follow-ups escalated to the team leader and not resolved (issue 9 item 2, migration 0021).
    key: 'open_escalations',
    collect: (trx, scope) => caseNumbers(trx, sql<{ case_id: string; case_number: string }>`
      select distinct c.id as case_id, c.case_number from follow_up_escalations e join cases c on c.municipality_id = e.municipality_id and c.id = e.case_id
       where e.resolved_at is null and ${departmentFilter(scope, 'c.responsible_department_id')} order by c.case_number`),
  },
];

export async function buildAgenda(trx: Trx, departmentIds: string[], today: string): Promise<AgendaItem[]> {
  const items: AgendaItem[] = [];
  for (const source of agendaSources) items.push({ source: source.key, ...(await source.collect(trx, { departmentIds, today })) });
  return items;
}

/** Which of the agenda's cases the viewer may open: the others are shown as a case number without a link. */
export async function readableCaseIds(trx: Trx, actor: Actor, today: string, caseIds: string[]): Promise<Set<string>> {
  if (caseIds.length === 0) return new Set();
  const rows = await trx.selectFrom('cases as c').select('c.id').where('c.id', 'in', caseIds)
    .where(caseAccessReasonSql(actor, today, 'c'), 'is not', null).execute();
  return new Set(rows.map((r) => r.id));
}
