import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The directory holding package.json, migrations/ and dist/web. Found by walking up from this file rather than by a
 * fixed `../..`, because the same code runs from src/platform (tsx, tests) and from dist/server/platform (the
 * compiled server, tsconfig.build.json), which sit at different depths below it.
 */
export const packageRoot = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(start: string): string {
  for (let directory = start; ; directory = dirname(directory)) {
    if (existsSync(join(directory, 'package.json'))) return directory;
    if (dirname(directory) === directory) throw new Error(`No package.json in ${start} or any directory above it.`);
  }
}
