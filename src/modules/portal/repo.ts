import { sql } from 'kysely';
import type { Trx } from '../../platform/db/tenant.js';
import type { PortalAddress } from './rules.js';

/** The portal login's SQL. Every function takes the transaction first (style.md §2). */

export interface PortalIdentity {
  municipalityId: string;
  personId: string;
}

/**
 * Parents and carers with custody whose e-mail address, mobile number or CPR number is exactly this, across all
 * municipalities: the one lookup before the tenant is known (SQL function portal_identities, migration 0012), which
 * returns ids and nothing else. Ordered, so an address shared by several people always picks the same one.
 */
export async function findIdentities(trx: Trx, kind: PortalAddress['channel'] | 'cpr', value: string): Promise<PortalIdentity[]> {
  const rows = await sql<{ municipality_id: string; person_id: string }>`
    select municipality_id, person_id from portal_identities(${kind}, ${value})`.execute(trx);
  return rows.rows.map((r) => ({ municipalityId: r.municipality_id, personId: r.person_id }));
}

/** Switches the running transaction to the tenant it has just learnt, and forgets the lookup settings. */
export async function enterTenant(trx: Trx, municipalityId: string): Promise<void> {
  await sql`select set_config('app.municipality_id', ${municipalityId}, true), set_config('app.portal_address_hash', '', true)`.execute(trx);
}

/** The newest code issued to an address (visible before the tenant is known through policy portal_code_lookup). */
export async function findLatestCode(trx: Trx, hash: string) {
  await sql`select set_config('app.portal_address_hash', ${hash}, true)`.execute(trx);
  // A new code marks the earlier ones used, so the one unused code (if any) is the newest.
  return trx.selectFrom('portal_login_codes').select(['municipality_id', 'id']).where('address_hash', '=', hash)
    .orderBy(sql`used_at is null`, 'desc').orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
}

/** The code row, locked so two guesses at once cannot both count as the fifth. */
export function lockCode(trx: Trx, id: string) {
  return trx.selectFrom('portal_login_codes').select(['id', 'person_id', 'code_hash', 'expires_at', 'attempts', 'used_at'])
    .where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
}

export async function hasCustody(trx: Trx, personId: string): Promise<boolean> {
  const row = await trx.selectFrom('family_members').select('person_id').where('person_id', '=', personId)
    .where('relation', 'in', ['parent', 'carer']).where('has_custody', '=', true).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** The family the person is a parent or carer of (the first, should they belong to two households). */
export async function ownFamilyId(trx: Trx, personId: string): Promise<string | null> {
  const row = await trx.selectFrom('family_members').select('family_id').where('person_id', '=', personId)
    .where('relation', 'in', ['parent', 'carer']).orderBy('family_id').limit(1).executeTakeFirst();
  return row?.family_id ?? null;
}
