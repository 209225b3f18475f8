import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { packageRoot } from '../package-root.js';
import type { Database } from './database.js';

export const migrationsDir = join(packageRoot, 'migrations');

/** Serialises migrating processes (several app servers starting at once); seed.ts uses the next key. */
const migrationLock = 7242026;

/**
 * Why migrate() refused to run: an applied migration's file changed or is gone. The database was built from the
 * file as it was; running on would leave this database and a fresh one built from the same files different, so
 * start-up stops with this message (main.ts) until the file is restored and the change made in a new migration.
 */
export class MigrationChangedError extends Error {
  constructor(readonly file: string, readonly problem: 'changed' | 'missing', message: string) {
    super(message);
    this.name = 'MigrationChangedError';
  }
}

const sha256 = (text: Buffer) => createHash('sha256').update(text).digest('hex');

/**
 * Applies the plain-SQL migrations in `directory` (migrations/ by default) that this database has not seen, in name
 * order, each in its own transaction, and records each file's sha256. Forward-only: an applied file is never run
 * again, and before anything is applied every applied file is checked against its recorded hash — a changed or
 * missing applied file throws a MigrationChangedError naming it. Rows applied before hashes were kept get the
 * file's current hash recorded once, with a logged notice (nothing else is known about what ran then).
 * Returns the names applied now.
 */
export async function migrate(db: Database, log: (message: string) => void = () => {}, directory: string = migrationsDir): Promise<string[]> {
  const files = readdirSync(directory).filter((name) => /^\d{4}_[a-z0-9_]+\.sql$/.test(name)).sort();
  const contents = new Map(files.map((name) => [name, readFileSync(join(directory, name))]));
  await sql`create table if not exists schema_migrations (
    name text primary key, applied_at timestamptz not null default now(), sha256 text)`.execute(db);
  // Databases migrated before hashes were kept have the table without the column.
  await sql`alter table schema_migrations add column if not exists sha256 text`.execute(db);

  const notices = await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${migrationLock})`.execute(trx);
    const rows = (await sql<{ name: string; sha256: string | null }>`select name, sha256 from schema_migrations order by name`.execute(trx)).rows;
    const recorded: string[] = [];
    for (const row of rows) {
      const content = contents.get(row.name);
      if (content === undefined) {
        throw new MigrationChangedError(row.name, 'missing', `Migration ${row.name} was applied to this database, but ${join(directory, row.name)} `
          + 'is missing. Applied migrations are never removed: restore the file.');
      }
      const hash = sha256(content);
      if (row.sha256 === null) {
        await sql`update schema_migrations set sha256 = ${hash} where name = ${row.name} and sha256 is null`.execute(trx);
        recorded.push(row.name);
      } else if (row.sha256 !== hash) {
        throw changed(directory, row.name, row.sha256, hash);
      }
    }
    return recorded.length === 0 ? [] : [`migrations applied before their sha256 was kept: recorded the current file's sha256 of ${recorded.join(', ')} `
      + '(a change made to them before today cannot be detected; later changes will be)'];
  });
  // Logged after commit, so a refusal further down the list (which rolls the recording back) never claims it.
  for (const notice of notices) log(notice);

  const applied: string[] = [];
  for (const name of files) {
    const content = contents.get(name)!;
    const hash = sha256(content);
    const done = await db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${migrationLock})`.execute(trx);
      const seen = await sql<{ sha256: string | null }>`select sha256 from schema_migrations where name = ${name}`.execute(trx);
      const row = seen.rows[0];
      if (row) {
        // Another process applied it meanwhile; it must have applied this same file.
        if (row.sha256 !== null && row.sha256 !== hash) throw changed(directory, name, row.sha256, hash);
        return false;
      }
      await sql.raw(content.toString('utf8')).execute(trx);
      await sql`insert into schema_migrations (name, sha256) values (${name}, ${hash})`.execute(trx);
      return true;
    });
    if (done) {
      applied.push(name);
      log(`applied migration ${name}`);
    }
  }
  return applied;
}

function changed(directory: string, name: string, recorded: string, now: string): MigrationChangedError {
  return new MigrationChangedError(name, 'changed', `Migration ${name} changed after it was applied to this database (recorded sha256 `
    + `${recorded.slice(0, 12)}…, ${join(directory, name)} now ${now.slice(0, 12)}…). Applied migrations are never edited: restore the file `
    + 'and make the change in a new migration.');
}
