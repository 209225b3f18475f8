import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../src/demo/prepare-database.js';
import { demoUsers, seedDemo, type SeedStep, type SeedSummary } from '../src/demo/seed.js';
import { verifyPassword } from '../src/platform/auth/password.js';
import { MovableClock } from '../src/platform/clock/clock.js';
import { openDatabase, type Database, type DatabaseHandle } from '../src/platform/db/database.js';
import { createServerDatabase, createTestDatabase } from './database.js';

/**
 * The demo seed is one transaction (src/demo/seed.ts): a first start killed with SIGKILL part-way through seeding
 * leaves nothing, and the next start (prepareDatabase, as main.ts runs it) seeds the whole demo — the same rows in
 * every table as a fresh seed. The first start runs in a child process (test/support/demo-seed-child.ts) on a PGlite
 * data directory, or on a fresh PostgreSQL database when DATABASE_URL is set (test/database.ts does the same).
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const childScript = join(root, 'test/support/demo-seed-child.ts');
// A fixed instant (tests never read the wall clock): the killed start, the recovery and the reference seed agree.
const now = '2026-11-20T10:00:00Z';
const startUp = { clock: new MovableClock(now), seedDemo: true, production: false, log: () => {} };
// README "Demo logins".
const readmeLogins = ['koordinator@demo.tovholder.dk', 'raadgiver@demo.tovholder.dk', 'koordinator2@demo.tovholder.dk', 'kerneteam@demo.tovholder.dk',
  'partner@demo.tovholder.dk', 'teamleder@demo.tovholder.dk', 'afdelingschef@demo.tovholder.dk', 'controller@demo.tovholder.dk',
  'admin@demo.tovholder.dk', 'koordinator@nabo.tovholder.dk'];

let reference: { counts: Record<string, number>; summary: SeedSummary };

/** Rows per table of the public schema (the test's session is a superuser, so row-level security does not hide any). */
async function tableCounts(db: Database): Promise<Record<string, number>> {
  const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const counts: Record<string, number> = {};
  for (const { name } of tables.rows) {
    counts[name] = (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(name)}`.execute(db)).rows[0]!.n;
  }
  return counts;
}

beforeAll(async () => {
  // What a fresh seed writes, on a database of the same engine.
  const fresh = await createTestDatabase();
  try {
    const summary = await seedDemo(fresh.database.db, new MovableClock(now));
    reference = { counts: await tableCounts(fresh.database.db), summary };
  } finally {
    await fresh.close();
  }
});

/** A database the child and then the test open in turn: a PGlite directory, or a new PostgreSQL database. */
interface Target { childArgs: string[]; open(): Promise<DatabaseHandle>; remove(): Promise<void> }

async function createTarget(): Promise<Target> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dataDir = mkdtempSync(join(tmpdir(), 'tovholder-seed-crash-'));
    return { childArgs: ['--data-dir', dataDir], open: () => openDatabase({ dataDir }), remove: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const server = await createServerDatabase(serverUrl);
  return {
    childArgs: ['--database-url', server.url],
    open: () => openDatabase({ databaseUrl: server.url, poolSize: 2, onConnectionError: () => {} }),
    remove: server.drop,
  };
}

/**
 * Starts the first start in a child process, waits until its seed transaction holds the given step's rows, kills it
 * with SIGKILL, and returns the counts the child's open transaction saw.
 */
async function killFirstStartAt(target: Target, hold: SeedStep): Promise<{ municipalities: number; families: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript, '--now', now, '--hold', hold, ...target.childArgs], {
    cwd: root, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  let output = '';
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => { errors += chunk.toString(); });
  const held = await new Promise<RegExpMatchArray>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/^holding .* municipalities=(\d+) families=(\d+)$/m);
      if (match) resolve(match);
    });
    void exited.then(({ code }) => reject(new Error(`the first start ended (exit ${code}) before holding at "${hold}":\n${output}\n${errors}`)));
  });
  child.kill('SIGKILL');
  expect((await exited).signal).toBe('SIGKILL');
  return { municipalities: Number(held[1]), families: Number(held[2]) };
}

describe('a first start killed with SIGKILL while seeding the demo', () => {
  // After the first municipality (the old per-part commits left exactly that behind), and after the last part.
  it.each<SeedStep>(['Demo Kommune', 'costs'])('leaves nothing after the step "%s", and the next start seeds the whole demo', async (hold) => {
    const target = await createTarget();
    try {
      // First the first start writes part of the demo in its transaction and is killed before it commits.
      const seen = await killFirstStartAt(target, hold);
      expect(seen.municipalities).toBeGreaterThan(0);
      expect(seen.families).toBeGreaterThan(0);

      const database = await target.open();
      try {
        const db = database.db;
        // So the database holds the migrations and nothing of the demo.
        expect((await tableCounts(db)).municipalities).toBe(0);
        expect(await db.selectFrom('users').select('id').execute()).toEqual([]);
        expect(await db.selectFrom('families').select('id').execute()).toEqual([]);

        // Then the next start finds it empty and seeds the whole demo: every table as a fresh seed has it.
        const { seeded } = await prepareDatabase(db, startUp);
        expect(seeded).toEqual(reference.summary);
        expect((await db.selectFrom('municipalities').select('name').orderBy('code').execute()).map((m) => m.name)).toEqual(['Nabo Kommune', 'Demo Kommune']);
        const users = await db.selectFrom('users').select(['email', 'password_hash']).execute();
        expect(users.map((u) => u.email)).toEqual(expect.arrayContaining(readmeLogins));
        expect(users.map((u) => u.email)).toEqual(expect.arrayContaining(demoUsers.map((u) => u[0])));
        expect(await verifyPassword(users.find((u) => u.email === 'koordinator@demo.tovholder.dk')!.password_hash!, 'Tovholder-demo-2026')).toBe(true);
        const counts = await tableCounts(db);
        expect(counts.families).toBe(reference.counts.families);
        expect(counts.cases).toBe(reference.counts.cases);
        expect(counts).toEqual(reference.counts);

        // And a start after that finds the demo there and seeds nothing more.
        expect((await prepareDatabase(db, startUp)).seeded).toBeNull();
        expect(await tableCounts(db)).toEqual(reference.counts);
      } finally {
        await database.close();
      }
    } finally {
      await target.remove();
    }
  }, 600_000);
});
