import { randomUUID } from 'node:crypto';
import type { Database } from './database.js';

/**
 * Creates a tenant and the head of its audit chain. This is an operator action, run by the migrating database
 * user (seed, CLI, tests), never by the app role: no request can create or see another municipality.
 */
export async function createMunicipality(db: Database, input: { code: string; name: string; settings?: Record<string, unknown> }): Promise<string> {
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('municipalities').values({ id, code: input.code, name: input.name, settings: JSON.stringify(input.settings ?? {}) }).execute();
    await trx.insertInto('audit_chain_heads').values({ municipality_id: id }).execute();
  });
  return id;
}

/** All municipalities, for operator tools (audit verification); runs as the migrating user. */
export async function listMunicipalityIds(db: Database): Promise<Array<{ id: string; name: string; settings: Record<string, unknown> }>> {
  return db.selectFrom('municipalities').select(['id', 'name', 'settings']).orderBy('code').execute();
}
