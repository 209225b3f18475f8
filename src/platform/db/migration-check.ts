import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Database } from './database.js';
import { MigrationChangedError, migrationsDir } from './migrate.js';

/**
 * Why start-up with MIGRATE_ON_START=false stopped: a migration file has not been applied. The app would otherwise
 * run against a schema older than its code and fail on the first request that touches the new part.
 */
export class MigrationPendingError extends Error {
  constructor(readonly pending: string[]) {
    super(`Migration ${pending[0]} is not applied to this database${pending.length > 1 ? ` (${pending.length} pending)` : ''}, and `
      + 'MIGRATE_ON_START=false: run `npm run migrate` (node dist/server/migrate-main.js) with the migrating role first.');
    this.name = 'MigrationPendingError';
  }
}

/**
 * The read-only half of migrate() (migrate.ts), for start-up when an operator migrates as a separate step with a
 * DDL-owning role: throws a MigrationChangedError for an applied file that changed or is gone, and a
 * MigrationPendingError naming the first file not applied yet. Writes nothing, so the app's role needs no DDL rights.
 */
export async function checkMigrationsApplied(db: Database, directory: string = migrationsDir): Promise<void> {
  // The same file pattern migrate() applies.
  const files = readdirSync(directory).filter((name) => /^\d{4}_[a-z0-9_]+\.sql$/.test(name)).sort();
  const table = await sql<{ found: string | null }>`select to_regclass('schema_migrations')::text as found`.execute(db);
  const rows = table.rows[0]?.found
    ? (await sql<{ name: string; sha256: string | null }>`select name, sha256 from schema_migrations`.execute(db)).rows
    : [];
  const recorded = new Map(rows.map((row) => [row.name, row.sha256]));
  for (const [name, hash] of recorded) {
    if (!files.includes(name)) {
      throw new MigrationChangedError(name, 'missing', `Migration ${name} was applied to this database, but ${join(directory, name)} `
        + 'is missing. Applied migrations are never removed: restore the file.');
    }
    const now = createHash('sha256').update(readFileSync(join(directory, name))).digest('hex');
    if (hash !== null && hash !== now) {
      throw new MigrationChangedError(name, 'changed', `Migration ${name} changed after it was applied to this database (recorded sha256 `
        + `${hash.slice(0, 12)}…, ${join(directory, name)} now ${now.slice(0, 12)}…). Applied migrations are never edited: restore the file.`);
    }
  }
  const pending = files.filter((name) => !recorded.has(name));
  if (pending.length > 0) throw new MigrationPendingError(pending);
}
