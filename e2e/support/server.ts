import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../src/app.js';
import type { Clock } from '../../src/platform/clock/clock.js';
import { openDatabase, type Database } from '../../src/platform/db/database.js';
import { migrate } from '../../src/platform/db/migrate.js';
import { seedDemo } from '../../src/demo/seed.js';
import { e2eNow } from './time.js';

export { demoPassword } from '../../src/demo/seed.js';

/**
 * The e2e server's clock: the journeys' time (`e2eNow`, the real time or the pinned E2E_DANISH_TIME) plus an offset a
 * journey may move ("the next day") and must put back; the browsers keep the journeys' time, so only move it around
 * server-side rules such as "staff see feedback next day".
 */
export class ShiftableClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(e2eNow().getTime() + this.offsetMs);
  }
  advanceDays(days: number): void {
    this.offsetMs += days * 86_400_000;
  }
  reset(): void {
    this.offsetMs = 0;
  }
}

export interface E2eServer {
  url: string;
  /**
   * The test's own handle on the server's database (PGlite's superuser session, so row-level security does not
   * apply): for what a real user would read elsewhere, e.g. the one-time code in the outbox. Never exposed over HTTP.
   */
  db: Database;
  clock: ShiftableClock;
  stop: () => Promise<void>;
}

/** Starts Tovholder as `npm start` does (built web app, API, PGlite with demo data) on a free port of localhost. */
export async function startServer(): Promise<E2eServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tovholder-e2e-'));
  const database = await openDatabase({ dataDir });
  await migrate(database.db);
  const clock = new ShiftableClock();
  await seedDemo(database.db, clock);
  const app = await buildApp({
    database, clock, logger: false, loginRateLimit: 1000,
    config: { sessionSecret: 'e2e-secret-not-for-production', secureCookies: true, logLevel: 'silent', production: false },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://localhost:${port}`,
    db: database.db,
    clock,
    stop: async () => {
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
