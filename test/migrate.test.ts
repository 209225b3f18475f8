import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../src/demo/prepare-database.js';
import { MovableClock } from '../src/platform/clock/clock.js';
import type { Database } from '../src/platform/db/database.js';
import { migrate, MigrationChangedError, migrationsDir } from '../src/platform/db/migrate.js';
import { MigrationPendingError } from '../src/platform/db/migration-check.js';
import { createTestDatabase, type TestDatabase } from './database.js';

/**
 * Checked migrations (src/platform/db/migrate.ts): each applied file's sha256 is kept in schema_migrations, and a
 * changed or missing applied file stops migrate() — and so start-up — with an error naming it. Each case migrates
 * a copy of migrations/ in a temporary directory, changed as the case needs, against this file's database.
 */
let t: TestDatabase;
let db: Database;
const directories: string[] = [];
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const realFiles = readdirSync(migrationsDir).filter((name) => name.endsWith('.sql')).sort();

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.database.db;
});

afterAll(async () => {
  await t?.close();
});

afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

/** A copy of migrations/ (plus the extra files given) that a case may change. */
function copyOfMigrations(extra: Record<string, string> = {}): string {
  const directory = mkdtempSync(join(tmpdir(), 'tovholder-migrations-'));
  directories.push(directory);
  cpSync(migrationsDir, directory, { recursive: true });
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(directory, name), text);
  return directory;
}

async function recorded(): Promise<Map<string, string | null>> {
  const rows = await sql<{ name: string; sha256: string | null }>`select name, sha256 from schema_migrations order by name`.execute(db);
  return new Map(rows.rows.map((r) => [r.name, r.sha256]));
}

async function tableExists(name: string): Promise<boolean> {
  return (await sql<{ found: string | null }>`select to_regclass(${name})::text as found`.execute(db)).rows[0]!.found !== null;
}

const prepareWithoutMigrating = (directory: string) => prepareDatabase(db, {
  clock: new MovableClock('2026-11-20T10:00:00Z'), seedDemo: false, production: false, log: () => {}, migrationsDirectory: directory, migrate: false,
});

const migrationRows = async () => (await sql<{ name: string; sha256: string | null }>`select name, sha256 from schema_migrations order by name`.execute(db)).rows;

/**
 * (Runs first: the cases below leave extra applied migrations behind.) Start-up with MIGRATE_ON_START=false (main.ts → prepareDatabase({ migrate: false })): an operator migrates with
 * `npm run migrate`, and the app only checks the result (src/platform/db/migration-check.ts) — it applies nothing,
 * and stops naming the first pending file, or the applied file that changed or is gone.
 */
describe('MIGRATE_ON_START=false', () => {
  it('starts when every migration is applied, applying nothing', async () => {
    const before = await migrationRows();
    expect(await prepareWithoutMigrating(copyOfMigrations())).toEqual({ applied: [], seeded: null });
    expect(await migrationRows()).toEqual(before);
  });

  it('stops naming the first pending migration, and neither runs nor records it', async () => {
    // First two new files wait in migrations/, as after a deploy whose `npm run migrate` was forgotten ...
    const directory = copyOfMigrations({
      '9101_create_pending_probe.sql': 'create table pending_probe (id int primary key);',
      '9102_create_later_probe.sql': 'create table later_probe (id int primary key);',
    });
    const before = await migrationRows();
    // ... so start-up refuses with the first one's name and the command to run, and the schema is untouched.
    const error = await prepareWithoutMigrating(directory).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationPendingError);
    expect(error).toMatchObject({ pending: ['9101_create_pending_probe.sql', '9102_create_later_probe.sql'] });
    expect((error as Error).message).toMatch(/^Migration 9101_create_pending_probe\.sql is not applied to this database \(2 pending\)/);
    expect((error as Error).message).toContain('npm run migrate');
    expect(await tableExists('pending_probe')).toBe(false);
    expect(await tableExists('later_probe')).toBe(false);
    expect(await migrationRows()).toEqual(before);
  });

  it('stops when an applied migration changed, naming it, without updating its recorded hash', async () => {
    const directory = copyOfMigrations();
    appendFileSync(join(directory, '0003_create_case_flow_and_meetings.sql'), '\n-- an edit after the file was applied\n');
    const before = await migrationRows();
    const error = await prepareWithoutMigrating(directory).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationChangedError);
    expect(error).toMatchObject({ file: '0003_create_case_flow_and_meetings.sql', problem: 'changed' });
    expect(await migrationRows()).toEqual(before);
  });

  it('stops when an applied migration is missing, naming it', async () => {
    const directory = copyOfMigrations();
    rmSync(join(directory, '0002_create_family_register.sql'));
    await expect(prepareWithoutMigrating(directory)).rejects.toMatchObject({ file: '0002_create_family_register.sql', problem: 'missing' });
  });
});

describe('checked migrations', () => {
  it('records the sha256 of every file a fresh migrate applies', async () => {
    const rows = await recorded();
    expect([...rows.keys()]).toEqual(realFiles);
    for (const name of realFiles) expect(rows.get(name), name).toBe(sha256(join(migrationsDir, name)));
    // Nothing changed, nothing new: a second run applies nothing and passes the check.
    expect(await migrate(db)).toEqual([]);
  });

  it('applies a new file and records its hash', async () => {
    const directory = copyOfMigrations({ '9001_create_migrate_probe.sql': 'create table migrate_probe (id int primary key);' });
    expect(await migrate(db, () => {}, directory)).toEqual(['9001_create_migrate_probe.sql']);
    expect(await tableExists('migrate_probe')).toBe(true);
    expect((await recorded()).get('9001_create_migrate_probe.sql')).toBe(sha256(join(directory, '9001_create_migrate_probe.sql')));
  });

  it('refuses when an applied file changed, naming it, and applies nothing after it', async () => {
    // First an applied migration is edited, and a new one waits behind it ...
    const directory = copyOfMigrations({
      '9001_create_migrate_probe.sql': 'create table migrate_probe (id int primary key);',
      '9002_create_second_probe.sql': 'create table second_probe (id int primary key);',
    });
    appendFileSync(join(directory, '0003_create_case_flow_and_meetings.sql'), '\n-- an edit after the file was applied\n');
    const before = await recorded();
    // ... so migrate refuses with the file's name, and neither runs the new file nor updates the recorded hash.
    const error = await migrate(db, () => {}, directory).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationChangedError);
    expect(error).toMatchObject({ file: '0003_create_case_flow_and_meetings.sql', problem: 'changed' });
    expect((error as Error).message).toMatch(/^Migration 0003_create_case_flow_and_meetings\.sql changed after it was applied/);
    expect(await tableExists('second_probe')).toBe(false);
    expect(await recorded()).toEqual(before);
    // Start-up stops with the same message (main.ts prints it and exits).
    await expect(prepareDatabase(db, { clock: new MovableClock('2026-11-20T10:00:00Z'), seedDemo: true, production: false, log: () => {}, migrationsDirectory: directory }))
      .rejects.toThrow(/0003_create_case_flow_and_meetings\.sql changed/);
    expect((await db.selectFrom('municipalities').select('id').execute()).length).toBe(0);
  });

  it('refuses when an applied file is missing, naming it', async () => {
    const directory = copyOfMigrations({ '9001_create_migrate_probe.sql': 'create table migrate_probe (id int primary key);' });
    rmSync(join(directory, '0002_create_family_register.sql'));
    const error = await migrate(db, () => {}, directory).catch((e: unknown) => e);
    expect(error).toMatchObject({ file: '0002_create_family_register.sql', problem: 'missing' });
    expect((error as Error).message).toContain('Migration 0002_create_family_register.sql was applied to this database');
    expect((error as Error).message).toContain(join(directory, '0002_create_family_register.sql'));
  });

  it('refuses a new file applied meanwhile by another process from different content', async () => {
    // Another server applied 9003 from its own copy and recorded that copy's hash; this copy's 9003 differs.
    await sql`insert into schema_migrations (name, sha256) values ('9003_create_third_probe.sql', ${'0'.repeat(64)})`.execute(db);
    const directory = copyOfMigrations({
      '9001_create_migrate_probe.sql': 'create table migrate_probe (id int primary key);',
      '9003_create_third_probe.sql': 'create table third_probe (id int primary key);',
    });
    await expect(migrate(db, () => {}, directory)).rejects.toMatchObject({ file: '9003_create_third_probe.sql', problem: 'changed' });
    expect(await tableExists('third_probe')).toBe(false);
    await sql`delete from schema_migrations where name = '9003_create_third_probe.sql'`.execute(db);
  });

  it('records, once and with a notice, the hash of migrations applied before hashes were kept', async () => {
    // A database migrated by the runner before it kept hashes: schema_migrations without the column.
    await sql`alter table schema_migrations drop column sha256`.execute(db);
    const directory = copyOfMigrations({ '9001_create_migrate_probe.sql': 'create table migrate_probe (id int primary key);' });
    const notices: string[] = [];
    expect(await migrate(db, (message) => notices.push(message), directory)).toEqual([]);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^migrations applied before their sha256 was kept: recorded the current file's sha256 of 0001_create_platform\.sql, /);
    expect(notices[0]).toContain('9001_create_migrate_probe.sql');
    const rows = await recorded();
    for (const name of realFiles) expect(rows.get(name), name).toBe(sha256(join(migrationsDir, name)));

    // The next run has nothing to record, and from now on a change is caught.
    const again: string[] = [];
    expect(await migrate(db, (message) => again.push(message), directory)).toEqual([]);
    expect(again).toEqual([]);
    appendFileSync(join(directory, '0001_create_platform.sql'), '\n-- edited\n');
    await expect(migrate(db, () => {}, directory)).rejects.toMatchObject({ file: '0001_create_platform.sql' });
  });

  it('records no hash when the check refuses: a missing file rolls the back-fill back', async () => {
    await sql`update schema_migrations set sha256 = null where name in ('0001_create_platform.sql', '0004_create_joint_plan_and_child_voice.sql')`.execute(db);
    const directory = copyOfMigrations({ '9001_create_migrate_probe.sql': 'create table migrate_probe (id int primary key);' });
    rmSync(join(directory, '0005_create_follow_up_contact_and_annual_wheel.sql'));
    const notices: string[] = [];
    await expect(migrate(db, (message) => notices.push(message), directory)).rejects.toMatchObject({ file: '0005_create_follow_up_contact_and_annual_wheel.sql' });
    expect(notices).toEqual([]);
    const rows = await recorded();
    expect(rows.get('0001_create_platform.sql')).toBeNull();
    expect(rows.get('0004_create_joint_plan_and_child_voice.sql')).toBeNull();
  });
});
