import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { migrationsDir } from '../src/platform/db/migrate.js';
import { generateDbTypes, schemaTypesFile } from '../scripts/generate-db-types.js';

/**
 * style.md §8: the database types are generated from the migrated schema and CI fails when they are stale. The
 * generation always runs on a fresh in-memory PGlite (whatever DATABASE_URL says), so the committed file has one source.
 */
describe('src/platform/db/schema-types.ts', () => {
  let generated = '';
  beforeAll(async () => {
    generated = await generateDbTypes();
  });

  it('is what `npm run generate:db-types` writes for migrations/', () => {
    const committed = readFileSync(schemaTypesFile, 'utf8');
    if (committed !== generated) {
      const committedLines = committed.split('\n');
      const generatedLines = generated.split('\n');
      const line = generatedLines.findIndex((text, index) => text !== committedLines[index]);
      const at = line === -1 ? generatedLines.length : line;
      expect.fail(`src/platform/db/schema-types.ts is stale: run \`npm run generate:db-types\` and commit the result. First difference at line ${at + 1}:\n`
        + `  committed: ${committedLines[at] ?? '(end of file)'}\n  generated: ${generatedLines[at] ?? '(end of file)'}`);
    }
  });

  it('has every table that migrations/ create in DB, and not the migrations bookkeeping table', () => {
    const created = new Set<string>();
    for (const file of readdirSync(migrationsDir).filter((name) => name.endsWith('.sql'))) {
      const text = readFileSync(join(migrationsDir, file), 'utf8');
      for (const match of text.matchAll(/create table (?:if not exists )?(\w+)/gi)) created.add(match[1]!.toLowerCase());
      for (const match of text.matchAll(/drop table (?:if exists )?(\w+)/gi)) created.delete(match[1]!.toLowerCase());
    }
    const dbBlock = /^export interface DB \{\n([\s\S]*?)^\}/m.exec(generated)?.[1] ?? '';
    const keys = new Set([...dbBlock.matchAll(/^ {2}(\w+):/gm)].map((match) => match[1]!));
    expect(created.size).toBeGreaterThan(50);
    expect([...created].filter((table) => !keys.has(table))).toEqual([]);
    expect(keys.has('schema_migrations')).toBe(false);
  });
});
