import { buildApp } from './app.js';
import { systemClock } from './platform/clock/clock.js';
import { loadConfig } from './platform/config/config.js';
import { openDatabase } from './platform/db/database.js';
import { prepareDatabase } from './demo/prepare-database.js';
import { OutboxWorker } from './platform/outbox/worker.js';
import { transportsFrom } from './platform/outbox/transports.js';
import { scheduleReminders } from './modules/reminders/commands.js';
import { scheduleTransitionAlerts } from './modules/transition/commands.js';
import { scheduleEscalations } from './modules/leadership/escalation.js';
import { scheduleCostPostings } from './modules/cost-report/schedule.js';
import { scheduleStatusMeasurementReminders } from './modules/status-measurement/commands.js';
import { scheduleSurveys } from './modules/survey/commands.js';

/** Starts Tovholder: opens the database, applies migrations (unless MIGRATE_ON_START=false), seeds demo data into an empty database (prepareDatabase), serves. */
async function main(): Promise<void> {
  const config = loadConfig();
  if (config.production && !process.env.SESSION_SECRET) {
    throw new Error('Production mode needs SESSION_SECRET set in the environment.');
  }
  const migrateOnStart = migrateOnStartFrom(process.env.MIGRATE_ON_START);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  // A portal login code is delivered at once instead of at the worker's next tick (the worker exists a few lines on).
  let kick: (municipalityId: string) => void = () => {};
  const app = await buildApp({
    database, clock: systemClock, config, publicUrl: config.publicUrl, oidc: config.oidc, outboxKick: (municipalityId) => kick(municipalityId),
  });
  // Migrations (a changed or missing applied one stops start-up), the role check, the production guard, and the demo
  // seed into an empty database — one transaction, so a crash mid-seed leaves an empty database the next start seeds.
  // MIGRATE_ON_START=false (an operator ran `npm run migrate` with a DDL-owning role): only check none is pending.
  await prepareDatabase(database.db, {
    clock: systemClock, seedDemo: config.seedDemo, production: config.production, migrate: migrateOnStart,
    log: (message, details) => app.log.info(details ?? {}, message),
  });

  // Reminders (issue 4 item 7): the scheduler fills the outbox, the worker sends it; OUTBOX_INTERVAL_SECONDS=0 turns both off.
  const transports = transportsFrom(config, app.log);
  const publicUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  const worker = new OutboxWorker({
    db: database.db, clock: systemClock, transports, log: app.log,
    steps: [{ name: 'reminders', run: () => scheduleReminders(database.db, systemClock, publicUrl) },
      // Overdue follow-ups escalated to the team leader (issue 9 item 2, modules/leadership/escalation.ts).
      { name: 'escalations', run: () => scheduleEscalations(database.db, systemClock, publicUrl) },
      // Issue 8 item 4: the daily posting run of the current month (cost-report/schedule.ts).
      { name: 'cost-postings', run: () => scheduleCostPostings(database.db, systemClock) },
      // Survey waves (issue 10 item 2): continuous-mode invitations by the case dates and reminders after 7 days.
      { name: 'surveys', run: () => scheduleSurveys(database.db, systemClock, publicUrl) },
      { name: 'status-measurement-reminders', run: () => scheduleStatusMeasurementReminders(database.db, systemClock, publicUrl) },
      // Transitions to adult services not started in time (issue 9 item 4, modules/transition).
      { name: 'transition-alerts', run: () => scheduleTransitionAlerts(database.db, systemClock, publicUrl) }],
  }, { intervalMs: config.outboxIntervalSeconds * 1000 });
  if (config.outboxIntervalSeconds > 0) {
    worker.start();
    kick = (municipalityId) => {
      worker.deliver(municipalityId).catch((error: unknown) => app.log.error({ err: error instanceof Error ? error.message : String(error) }, 'outbox: immediate delivery failed'));
    };
  }

  const shutdown = async () => {
    await worker.stop();
    transports.close();
    await app.close();
    await database.close();
    process.exit(0);
  };
  // A signal handler's promise is not awaited: a failed shutdown is logged and still ends the process.
  const onSignal = () => {
    shutdown().catch((error: unknown) => {
      app.log.error({ err: error instanceof Error ? error.message : String(error) }, 'shutdown failed');
      process.exit(1);
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  await app.listen({ port: config.port, host: config.host });
  app.log.info({ database: database.engine, dataDir: config.databaseUrl ? undefined : config.dataDir }, `Tovholder is running on http://localhost:${config.port}`);
}

/** MIGRATE_ON_START: unset or 'true' migrates at start-up (the one-command start); 'false' leaves it to `npm run migrate`. */
function migrateOnStartFrom(value: string | undefined): boolean {
  if (value === undefined || value === '' || value === 'true') return true;
  if (value === 'false') return false;
  throw new Error(`MIGRATE_ON_START must be true or false (got "${value}").`);
}

main().catch((error: unknown) => {
  console.error(JSON.stringify({ level: 'fatal', msg: error instanceof Error ? error.message : String(error) }));
  process.exit(1);
});
