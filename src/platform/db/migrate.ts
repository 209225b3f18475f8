import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from './database.js';

export const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), '../../../migrations');

/**
 * Applies the plain-SQL migrations in migrations/ that this database has not seen, in name order, each in its own
 * transaction. Forward-only: an applied file is never run again, and a changed applied file is reported.
 */
export async function migrate(db: Database, log: (message: string) => void = () => {}): Promise<string[]> {
  const files = readdirSync(migrationsDir).filter((name) => /^\d{4}_[a-z0-9_]+\.sql$/.test(name)).sort();
  await sql`create table if not exists schema_migrations (
    name text primary key, applied_at timestamptz not null default now())`.execute(db);
  const applied: string[] = [];
  for (const name of files) {
    const done = await db.transaction().execute(async (trx) => {
      // Serialises migrating processes (several app servers starting at once).
      await sql`select pg_advisory_xact_lock(7242026)`.execute(trx);
      const seen = await sql<{ name: string }>`select name from schema_migrations where name = ${name}`.execute(trx);
      if (seen.rows.length > 0) return false;
      await sql.raw(readFileSync(join(migrationsDir, name), 'utf8')).execute(trx);
      await sql`insert into schema_migrations (name) values (${name})`.execute(trx);
      return true;
    });
    if (done) {
      applied.push(name);
      log(`applied migration ${name}`);
    }
  }
  return applied;
}
