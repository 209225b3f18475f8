import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/platform/db/database.js';
import { checkConnectingRole } from '../src/platform/db/role-check.js';
import { listMunicipalityIds } from '../src/platform/db/tenants.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { makeMunicipality } from './factories.js';

/**
 * The connecting role's grants, checked at startup (role-check.ts). Each case runs as a fresh non-superuser role
 * inside a transaction that is rolled back, so the role (cluster-wide on PostgreSQL) never outlives the test.
 */
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  await makeMunicipality(t.database.db);
  await makeMunicipality(t.database.db);
});

afterAll(async () => {
  await t?.close();
});

class Rollback extends Error {}

/** Runs `work` as a new role with the given attributes and grants, then rolls everything back. */
async function asRole<T>(options: { bypassRls: boolean; member: boolean }, work: (trx: Database) => Promise<T>): Promise<T> {
  const role = `tvh_check_${randomBytes(4).toString('hex')}`;
  let result: T | undefined;
  await t.database.db.transaction().execute(async (trx) => {
    await sql.raw(`create role ${role} nologin nosuperuser ${options.bypassRls ? 'bypassrls' : 'nobypassrls'}`).execute(trx);
    await sql.raw(`grant select on municipalities to ${role}`).execute(trx);
    if (options.member) await sql.raw(`grant tovholder_app to ${role}`).execute(trx);
    await sql.raw(`set local role ${role}`).execute(trx);
    result = await work(trx as unknown as Database);
    throw new Rollback();
  }).catch((error: unknown) => { if (!(error instanceof Rollback)) throw error; });
  return result as T;
}

describe('the role Tovholder connects as', () => {
  it('passes as the superuser the tests and the embedded database connect as', async () => {
    expect(await checkConnectingRole(t.database.db)).toEqual([]);
  });

  it('without BYPASSRLS sees no municipality outside a tenant, and the check says so and how to fix it', async () => {
    const seen = await asRole({ bypassRls: false, member: true }, async (db) => ({
      municipalities: (await listMunicipalityIds(db)).length,
      problems: await checkConnectingRole(db),
    }));
    expect(seen.municipalities).toBe(0);
    expect(seen.problems.map((p) => p.code)).toEqual(['no_operator_access']);
    expect(seen.problems[0]!.message).toMatch(/bypassrls/i);
  });

  it('that is not a member of the app role is told to grant it', async () => {
    const problems = await asRole({ bypassRls: true, member: false }, (db) => checkConnectingRole(db));
    expect(problems.map((p) => p.code)).toEqual(['not_member_of_app_role']);
    expect(problems[0]!.message).toContain('grant tovholder_app to');
  });

  it('with BYPASSRLS and membership sees every municipality and passes', async () => {
    const seen = await asRole({ bypassRls: true, member: true }, async (db) => ({
      municipalities: (await listMunicipalityIds(db)).length,
      problems: await checkConnectingRole(db),
    }));
    expect(seen.municipalities).toBe(2);
    expect(seen.problems).toEqual([]);
  });
});
