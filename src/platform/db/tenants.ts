import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from './database.js';
import type { DB } from './schema-types.js';

/**
 * Creates a tenant and the head of its audit chain. This is an operator action, run by the migrating database
 * user (seed, CLI, tests), never by the app role: no request can create or see another municipality.
 */
export async function createMunicipality(db: Database, input: MunicipalityInput): Promise<string> {
  return db.transaction().execute((trx) => insertMunicipality(trx, input));
}

export interface MunicipalityInput { code: string; name: string; settings?: Record<string, unknown> }

/**
 * createMunicipality's two rows inside a transaction the caller holds: the demo seed writes the whole demo in one
 * transaction (src/demo/seed.ts), and Kysely cannot open a transaction inside another.
 */
export async function insertMunicipality(trx: Transaction<DB>, input: MunicipalityInput): Promise<string> {
  const id = randomUUID();
  await trx.insertInto('municipalities').values({ id, code: input.code, name: input.name, settings: JSON.stringify(input.settings ?? {}) }).execute();
  await trx.insertInto('audit_chain_heads').values({ municipality_id: id }).execute();
  return id;
}

/** All municipalities, for operator tools (audit verification); runs as the migrating user. */
export async function listMunicipalityIds(db: Database): Promise<Array<{ id: string; name: string; settings: Record<string, unknown> }>> {
  return db.selectFrom('municipalities').select(['id', 'name', 'settings']).orderBy('code').execute();
}
