import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrate.js';
import { createServerDatabase } from './database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /**
     * The migrated database every test file starts from (test/database.ts): on PGlite the path of an image of a
     * migrated data directory, on PostgreSQL the name of a migrated template database. Empty: none, migrate per file.
     */
    migratedTemplate: { engine: 'pglite'; imagePath: string } | { engine: 'postgres'; database: string } | null;
  }
}

/**
 * Migrates one database before the suite and removes it after: each test file then copies it (PGlite loads the image,
 * PostgreSQL runs `create database … template`) instead of opening an empty cluster and applying every migration.
 * The copy is still migrated by createTestDatabase — a no-op check of the recorded hashes — so a file never runs on
 * a schema older than migrations/.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const database = await openDatabase({});
    await migrate(database.db);
    const image = await database.dumpImage!();
    await database.close();
    const dir = mkdtempSync(join(tmpdir(), 'tovholder-template-'));
    const imagePath = join(dir, 'migrated.tar');
    writeFileSync(imagePath, Buffer.from(await image.arrayBuffer()));
    project.provide('migratedTemplate', { engine: 'pglite', imagePath });
    return async () => rmSync(dir, { recursive: true, force: true });
  }

  const template = await createServerDatabase(serverUrl, 'tovholder_tpl_');
  const database = await openDatabase({ databaseUrl: template.url, poolSize: 1 });
  try {
    await migrate(database.db);
  } finally {
    await database.close();
  }
  project.provide('migratedTemplate', { engine: 'postgres', database: new URL(template.url).pathname.slice(1) });
  return () => template.drop();
}
