import { sql } from 'kysely';
import type { Trx } from '../../platform/db/tenant.js';
import type { Actor } from '../../platform/auth/actor.js';
import { familyAccessReasonSql, type CaseAccessReason } from '../../platform/policy/policy.js';

export async function findFamilyWithReason(trx: Trx, actor: Actor, today: string, familyId: string) {
  return trx.selectFrom('families as f')
    .select(['f.id', 'f.name', 'f.address', 'f.notes', 'f.version'])
    .select(familyAccessReasonSql(actor, today, 'f').as('reason'))
    .where('f.id', '=', familyId)
    .executeTakeFirst() as Promise<{ id: string; name: string; address: string | null; notes: string | null; version: number; reason: CaseAccessReason | null } | undefined>;
}

export async function listMembers(trx: Trx, familyId: string) {
  return trx.selectFrom('family_members as fm')
    .innerJoin('persons as p', (join) => join.onRef('p.municipality_id', '=', 'fm.municipality_id').onRef('p.id', '=', 'fm.person_id'))
    .select(['fm.relation', 'fm.has_custody', 'p.id', 'p.first_name', 'p.last_name', 'p.birth_date', 'p.cpr', 'p.phone', 'p.email', 'p.version'])
    .where('fm.family_id', '=', familyId)
    .orderBy(sql`array_position(array['parent','carer','child','sibling','other'], fm.relation)`)
    .orderBy('p.birth_date')
    .execute();
}

/** The families a person belongs to (a child of separated parents may belong to two households). */
export async function familyIdsOfPerson(trx: Trx, personId: string): Promise<string[]> {
  const rows = await trx.selectFrom('family_members').select('family_id').where('person_id', '=', personId).execute();
  return rows.map((r) => r.family_id);
}
