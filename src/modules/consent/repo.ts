import { sql } from 'kysely';
import type { Actor } from '../../platform/auth/actor.js';
import type { Trx } from '../../platform/db/tenant.js';
import { familyAccessReasonSql, type CaseAccessReason } from '../../platform/policy/policy.js';
import type { ConsentRecipient, ConsentView } from './schema.js';

/** The consent module's SQL; every function takes the tenant transaction first (style.md §2). */

export async function findFamilyWithReason(trx: Trx, actor: Actor, today: string, familyId: string) {
  return trx.selectFrom('families as f').select(['f.id']).select(familyAccessReasonSql(actor, today, 'f').as('reason'))
    .where('f.id', '=', familyId).executeTakeFirst() as Promise<{ id: string; reason: CaseAccessReason | null } | undefined>;
}

/** The family the person is a parent or carer with custody of (the first, should they belong to two households). */
export async function custodyFamilyOf(trx: Trx, personId: string): Promise<string | null> {
  const row = await trx.selectFrom('family_members').select('family_id').where('person_id', '=', personId)
    .where('relation', 'in', ['parent', 'carer']).where('has_custody', '=', true).orderBy('family_id').limit(1).executeTakeFirst();
  return row?.family_id ?? null;
}

/** Whether the person is a parent or carer with custody in the family: only they give consent. */
export async function isCustodyHolder(trx: Trx, familyId: string, personId: string): Promise<boolean> {
  const row = await trx.selectFrom('family_members').select('person_id').where('family_id', '=', familyId).where('person_id', '=', personId)
    .where('relation', 'in', ['parent', 'carer']).where('has_custody', '=', true).executeTakeFirst();
  return row !== undefined;
}

export async function departmentExists(trx: Trx, departmentId: string): Promise<boolean> {
  return (await trx.selectFrom('departments').select('id').where('id', '=', departmentId).executeTakeFirst()) !== undefined;
}

export async function findConsent(trx: Trx, consentId: string) {
  return trx.selectFrom('consents').select(['id', 'family_id', 'department_id', 'withdrawn_at', 'version']).where('id', '=', consentId).executeTakeFirst();
}

/** Departments with at least one active external partner user: shown to the family as partners, not municipal staff. */
const externalDepartment = sql<boolean>`exists (select 1 from users pu where pu.municipality_id = d.municipality_id
  and pu.department_id = d.id and pu.active and 'external_partner' = any (pu.roles))`;

/** Every consent of the family, in force first, then newest first. */
export async function consentsOf(trx: Trx, familyId: string): Promise<ConsentView[]> {
  const rows = await trx.selectFrom('consents as k')
    .innerJoin('departments as d', (j) => j.onRef('d.municipality_id', '=', 'k.municipality_id').onRef('d.id', '=', 'k.department_id'))
    .innerJoin('persons as g', (j) => j.onRef('g.municipality_id', '=', 'k.municipality_id').onRef('g.id', '=', 'k.given_by_person_id'))
    .leftJoin('users as r', (j) => j.onRef('r.municipality_id', '=', 'k.municipality_id').onRef('r.id', '=', 'k.recorded_by_user_id'))
    .leftJoin('persons as wp', (j) => j.onRef('wp.municipality_id', '=', 'k.municipality_id').onRef('wp.id', '=', 'k.withdrawn_by_person_id'))
    .leftJoin('users as wu', (j) => j.onRef('wu.municipality_id', '=', 'k.municipality_id').onRef('wu.id', '=', 'k.withdrawn_by_user_id'))
    .select(['k.id', 'k.department_id', 'd.name as department_name', 'd.kind as department_kind', 'k.scope', 'k.given_on', 'k.given_by_person_id',
      'g.first_name', 'g.last_name', 'k.source', 'r.name as recorded_by', 'k.created_at', 'k.withdrawn_at', 'wp.first_name as wp_first', 'wp.last_name as wp_last',
      'wu.name as wu_name', 'k.version'])
    .select(externalDepartment.as('external'))
    .where('k.family_id', '=', familyId)
    .orderBy(sql`k.withdrawn_at is null`, 'desc').orderBy('k.created_at', 'desc').orderBy('k.id').execute();
  return rows.map((r) => ({
    id: r.id,
    department: { id: r.department_id, name: r.department_name, kind: r.department_kind, external: r.external },
    scope: r.scope as ConsentView['scope'], givenOn: r.given_on, givenBy: { personId: r.given_by_person_id, name: `${r.first_name} ${r.last_name}` },
    source: r.source as ConsentView['source'], recordedBy: r.recorded_by ?? null, createdAt: new Date(r.created_at).toISOString(),
    withdrawnAt: r.withdrawn_at ? new Date(r.withdrawn_at).toISOString() : null,
    withdrawnBy: r.wu_name ?? (r.wp_first ? `${r.wp_first} ${r.wp_last ?? ''}`.trim() : null),
    inForce: r.withdrawn_at === null, version: r.version,
  }));
}

/**
 * The municipality's departments and partner organisations, each with how it takes part in the family's open cases
 * today (core team, meetings); those taking part first, so the parent sees whom their choice concerns.
 */
export async function recipientsOf(trx: Trx, familyId: string, today: string, consents: ConsentView[]): Promise<ConsentRecipient[]> {
  const rows = await trx.selectFrom('departments as d')
    .select(['d.id', 'd.name', 'd.kind'])
    .select(externalDepartment.as('external'))
    .select(sql<boolean>`exists (select 1 from case_team_members t join cases c on c.municipality_id = t.municipality_id and c.id = t.case_id
        join users u on u.municipality_id = t.municipality_id and u.id = t.user_id
       where c.family_id = ${familyId} and c.status <> 'closed' and u.department_id = d.id
         and t.added_on <= ${today}::date and (t.removed_on is null or t.removed_on > ${today}::date))`.as('core_team'))
    .select(sql<boolean>`exists (select 1 from meeting_participants mp join meetings m on m.municipality_id = mp.municipality_id and m.id = mp.meeting_id
        join cases c on c.municipality_id = m.municipality_id and c.id = m.case_id
        join users u on u.municipality_id = mp.municipality_id and u.id = mp.user_id
       where c.family_id = ${familyId} and c.status <> 'closed' and m.status <> 'cancelled' and u.department_id = d.id)`.as('meeting'))
    .orderBy('d.name').execute();
  const inForce = new Map(consents.filter((c) => c.inForce).map((c) => [c.department.id, c.id]));
  const recipients = rows.map((r) => ({
    departmentId: r.id, name: r.name, kind: r.kind, external: r.external,
    involvement: [...(r.core_team ? ['core_team' as const] : []), ...(r.meeting ? ['meeting' as const] : [])],
    consentId: inForce.get(r.id) ?? null,
  }));
  return [...recipients.filter((r) => r.involvement.length > 0), ...recipients.filter((r) => r.involvement.length === 0)];
}
