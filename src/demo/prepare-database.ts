import type { Clock } from '../platform/clock/clock.js';
import type { Database } from '../platform/db/database.js';
import { migrate, migrationsDir } from '../platform/db/migrate.js';
import { checkMigrationsApplied } from '../platform/db/migration-check.js';
import { checkConnectingRole } from '../platform/db/role-check.js';
import { listMunicipalityIds } from '../platform/db/tenants.js';
import { seedDemoIfEmpty, type SeedOptions, type SeedSummary } from './seed.js';

export interface PrepareOptions extends SeedOptions {
  clock: Clock;
  /** SEED_DEMO (config.ts): seed the demo into an empty database. */
  seedDemo: boolean;
  production: boolean;
  log: (message: string, details?: Record<string, unknown>) => void;
  migrationsDirectory?: string;
  /** MIGRATE_ON_START (main.ts); false: apply nothing, only refuse to start while a migration is pending or changed. */
  migrate?: boolean;
}

/**
 * The database half of start-up (main.ts), callable by the crash test: migrate (which refuses a changed or missing
 * applied migration), check the connecting role, refuse demo data in production, and seed the demo into an empty
 * database. Every failure throws with the message start-up stops with.
 */
export async function prepareDatabase(db: Database, options: PrepareOptions): Promise<{ applied: string[]; seeded: SeedSummary | null }> {
  const directory = options.migrationsDirectory ?? migrationsDir;
  let applied: string[] = [];
  if (options.migrate === false) await checkMigrationsApplied(db, directory);
  else applied = await migrate(db, (message) => options.log(message), directory);
  const roleProblems = await checkConnectingRole(db);
  if (roleProblems.length > 0) throw new Error(`The database role cannot run Tovholder: ${roleProblems.map((p) => p.message).join(' ')}`);

  if (options.production) {
    const municipalities = await listMunicipalityIds(db);
    if (options.seedDemo || municipalities.some((m) => m.settings.demo === true)) {
      // The demo logins and their password are printed in the README: a production system must never accept them.
      throw new Error('Refusing to start in production with demo data or demo passwords present. Remove the demo municipalities first.');
    }
  }
  if (!options.seedDemo) return { applied, seeded: null };
  const seeded = await seedDemoIfEmpty(db, options.clock, options.onProgress ? { onProgress: options.onProgress } : {});
  if (seeded) options.log('seeded demo data into the empty database', { ...seeded });
  return { applied, seeded };
}
