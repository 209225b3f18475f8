/**
 * The "first start" of test/demo-seed-crash.test.ts, run as its own process so the test can kill it with SIGKILL:
 * opens the database given (`--data-dir <PGlite directory>` or `--database-url <PostgreSQL URL>`), runs the start-up
 * path (prepareDatabase: migrate, then seed the empty database) with the clock at `--now`, prints `progress <step>`
 * after each seed step, and at `--hold <step>` prints `holding <step>` with the row counts its open transaction
 * sees, and waits with the seed's transaction still
 * open, for the kill. Without --hold it commits and prints `seeded`.
 */
import { parseArgs } from 'node:util';
import { MovableClock } from '../../src/platform/clock/clock.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { prepareDatabase } from '../../src/demo/prepare-database.js';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, 'database-url': { type: 'string' }, now: { type: 'string' }, hold: { type: 'string' } } });
if (!values.now || (!values['data-dir'] && !values['database-url'])) throw new Error('usage: --now <instant> (--data-dir <dir> | --database-url <url>) [--hold <step>]');

const database = await openDatabase(values['database-url'] ? { databaseUrl: values['database-url'], poolSize: 2 } : { dataDir: values['data-dir']! });
await prepareDatabase(database.db, {
  clock: new MovableClock(values.now), seedDemo: true, production: false, log: () => {},
  onProgress: async (step, trx) => {
    process.stdout.write(`progress ${step}\n`);
    if (step !== values.hold) return;
    // What the open transaction holds, so the test knows the kill hits written rows, not an empty transaction.
    const municipalities = await trx.selectFrom('municipalities').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const families = await trx.selectFrom('families').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    process.stdout.write(`holding ${step} municipalities=${municipalities.n} families=${families.n}\n`);
    // Never resolves: the transaction stays open until the test kills this process.
    await new Promise<never>(() => setInterval(() => {}, 60_000));
  },
});
process.stdout.write('seeded\n');
await database.close();
