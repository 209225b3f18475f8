import { resolve } from 'node:path';
import { openDatabase } from './platform/db/database.js';
import { migrate } from './platform/db/migrate.js';

/**
 * `npm run migrate` (node dist/server/migrate-main.js): applies the pending migrations and exits, so an operator can
 * migrate with a DDL-owning role before starting the app with MIGRATE_ON_START=false as a role without DDL rights.
 * It reads DATABASE_URL and DATA_DIR the way config.ts loadConfig does, but not the rest of the configuration:
 * loadConfig would write a session secret into DATA_DIR, which a migration job must not need.
 */
async function main(): Promise<void> {
  const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL || undefined, dataDir: resolve(process.env.DATA_DIR ?? './data') });
  try {
    const applied = await migrate(database.db, (message) => console.log(message));
    console.log(applied.length === 0 ? 'no migration pending' : `applied ${applied.length} migration(s)`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(JSON.stringify({ level: 'fatal', msg: error instanceof Error ? error.message : String(error) }));
  process.exit(1);
});
