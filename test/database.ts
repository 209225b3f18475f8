import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrate.js';

export interface TestDatabase {
  database: DatabaseHandle;
  /** Closes the connections and, on PostgreSQL, drops the database created for this test file. */
  close(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file (style.md §6): an in-memory PGlite by default; with DATABASE_URL set,
 * a new database `tovholder_t_<random>` on that PostgreSQL server, created through the server's admin database and
 * dropped again in close(). Each starts as a copy of the suite's migrated template (test/global-setup.ts), so nothing
 * is shared between files or left from an earlier run, and no file pays for applying every migration.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  const template = inject('migratedTemplate') ?? null;
  if (!serverUrl) {
    const pgliteImage = template?.engine === 'pglite' ? new Blob([readFileSync(template.imagePath)]) : undefined;
    const database = await openDatabase(pgliteImage ? { pgliteImage } : {});
    await migrate(database.db);
    return { database, close: () => database.close() };
  }

  const server = await createServerDatabase(serverUrl, 'tovholder_t_', template?.engine === 'postgres' ? template.database : undefined);
  // close() terminates the test database's backends before dropping it; a connection still idle in the pool then
  // reports that here, which is expected and must not fail the run.
  const database = await openDatabase({ databaseUrl: server.url, poolSize: 10, onConnectionError: () => {} });
  try {
    await migrate(database.db);
  } catch (error) {
    await database.close();
    await server.drop();
    throw error;
  }
  return {
    database,
    close: async () => {
      await database.close();
      await server.drop();
    },
  };
}

/**
 * A database `<prefix><random>` on the PostgreSQL server of `serverUrl`, created through the server's maintenance
 * database — empty, or a copy of `template` (the suite's migrated template, test/global-setup.ts): its URL, and
 * drop() (which ends its backends first).
 */
export async function createServerDatabase(serverUrl: string, prefix = 'tovholder_t_', template?: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}${randomBytes(6).toString('hex')}`;
  await withAdmin(serverUrl, (admin) => admin.query(template ? `create database ${name} template ${template}` : `create database ${name}`));
  const url = new URL(serverUrl);
  url.pathname = '/' + name;
  return { url: url.toString(), drop: () => dropDatabase(serverUrl, name) };
}

async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await withAdmin(serverUrl, async (admin) => {
    await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
    await admin.query(`drop database if exists ${name}`);
  });
}

/** Runs SQL in the server's maintenance database ("postgres"), whatever database DATABASE_URL names. */
async function withAdmin<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const url = new URL(serverUrl);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
