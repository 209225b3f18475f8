import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../src/platform/db/tenant.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { makeMunicipality, type TestMunicipality } from './factories.js';

/** What every tenant transaction sets, and that it lasts for that transaction only. */
let t: TestDatabase;
let m: TestMunicipality;

beforeAll(async () => {
  t = await createTestDatabase();
  m = await makeMunicipality(t.database.db);
});

afterAll(async () => {
  await t?.close();
});

const settings = (options?: { durable?: boolean }) => inTenant(t.database.db, m.id, async (trx) => (await sql<{
  tenant: string; role: string; jit: string; synchronous_commit: string;
}>`select current_setting('app.municipality_id') as tenant, current_user as role, current_setting('jit') as jit,
          current_setting('synchronous_commit') as synchronous_commit`.execute(trx)).rows[0]!, options);

describe('a tenant transaction', () => {
  it('runs as the app role in the municipality, without JIT, and commits durably by default', async () => {
    expect(await settings()).toEqual({ tenant: m.id, role: 'tovholder_app', jit: 'off', synchronous_commit: 'on' });
  });

  it('a read-only request may commit without waiting for the flush, and only that transaction', async () => {
    expect((await settings({ durable: false })).synchronous_commit).toBe('off');
    expect((await settings()).synchronous_commit).toBe('on');
    const outside = await sql<{ value: string }>`select current_setting('synchronous_commit') as value`.execute(t.database.db);
    expect(outside.rows[0]!.value).toBe('on');
  });
});
