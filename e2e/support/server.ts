import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../src/app.js';
import { systemClock } from '../../src/platform/clock/clock.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { migrate } from '../../src/platform/db/migrate.js';
import { seedDemo } from '../../src/demo/seed.js';

export { demoPassword } from '../../src/demo/seed.js';

/** Starts Tovholder as `npm start` does (built web app, API, PGlite with demo data) on a free port of localhost. */
export async function startServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tovholder-e2e-'));
  const database = await openDatabase({ dataDir });
  await migrate(database.db);
  await seedDemo(database.db, systemClock);
  const app = await buildApp({
    database, clock: systemClock, logger: false, loginRateLimit: 1000,
    config: { sessionSecret: 'e2e-secret-not-for-production', secureCookies: true, logLevel: 'silent', production: false },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://localhost:${port}`,
    stop: async () => {
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
