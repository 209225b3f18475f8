#!/usr/bin/env node
// `npm start` (and `npm run migrate` with the argument `migrate`): builds the parts of dist/ that are older than their
// sources, then runs the compiled entry in this process. Plain JavaScript, so it needs neither tsx nor a build to run.
// Production runs the entries directly instead (README "Production"): node dist/server/main.js.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entries = { server: 'dist/server/main.js', migrate: 'dist/server/migrate-main.js' };
const target = process.argv[2] ?? 'server';
if (!(target in entries)) {
  console.error(`usage: node scripts/start.mjs [${Object.keys(entries).join('|')}]`);
  process.exit(2);
}

// What each build reads. A changed package-lock.json (new dependency versions) rebuilds both; the stamps live in dist/
// itself because vite empties dist/web on every build.
const parts = [
  { script: 'build:web', inputs: ['web', 'package.json', 'package-lock.json'], output: 'dist/web/index.html', stamp: 'dist/.built-web' },
  {
    script: 'build:server', inputs: ['src', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'],
    output: entries[target], stamp: 'dist/.built-server',
  },
];

/** The newest mtime (ms) under a path; directories count too, so a deleted or added file makes its part stale. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

// Migrating needs only the server. A build made with `npm run build` has no stamp, so the next start rebuilds once.
const needed = target === 'migrate' ? parts.filter((part) => part.script === 'build:server') : parts;
const stale = needed.filter((part) => {
  const stamp = join(root, part.stamp);
  if (!existsSync(join(root, part.output)) || !existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  return part.inputs.some((input) => newest(join(root, input)) > built);
});

// Installed without dev dependencies (npm ci --omit=dev), nothing can be built: run what was built on the build machine,
// unless there is nothing built at all. Copies that do not keep mtimes can make a good dist/ look stale.
const canBuild = existsSync(join(root, 'node_modules/.bin/vite')) && existsSync(join(root, 'node_modules/.bin/tsc'));
for (const part of stale) {
  if (!canBuild) {
    if (!existsSync(join(root, part.output))) {
      console.error(`${part.output} is missing and the build tools are not installed: run \`npm install\` and \`npm run build\` first.`);
      process.exit(1);
    }
    console.error(`${part.output} may be older than its sources, but the build tools are not installed: running it as built.`);
    continue;
  }
  // The stamp gets the time the build started, so a file saved during the build makes the part stale again.
  const started = new Date();
  const result = spawnSync('npm', ['run', part.script], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`npm run ${part.script} failed${result.error ? `: ${result.error.message}` : ''}; not starting.`);
    process.exit(1);
  }
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(join(root, part.stamp), `built by scripts/start.mjs at ${started.toISOString()}\n`);
  utimesSync(join(root, part.stamp), started, started);
}

// Stack traces point at src/*.ts (tsconfig.build.json writes source maps), as `node --enable-source-maps` would.
process.setSourceMapsEnabled(true);
await import(pathToFileURL(join(root, entries[target])).href);
