import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The module boundaries of style.md §1, as checked by `npm run lint` (.dependency-cruiser.cjs). Each rule is
// proved to bite by injecting a violation into the real tree, and the real tree is proved clean apart from the
// known violations listed in .dependency-cruiser-known-violations.json.

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const depcruise = join(root, 'node_modules', '.bin', 'depcruise');

interface Violation {
  from: string;
  to: string;
  rule: { name: string; severity: string };
  cycle?: Array<{ name: string }>;
}
interface CruiseResult {
  summary: { violations: Violation[]; error: number; totalCruised: number };
}

function cruise(args: string[]): CruiseResult {
  const run = spawnSync(depcruise, [...args, '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) throw run.error;
  if (!run.stdout.trim().startsWith('{')) throw new Error(`depcruise failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as CruiseResult;
}

describe('module boundaries (style.md §1)', () => {
  it('reports each injected violation under its rule', () => {
    const tag = `zz-probe-${process.pid}`;
    const files: Record<string, string> = {
      // (a) another module's repo.ts; (b) two modules importing each other through their public surfaces.
      [`src/modules/${tag}-a/probe.ts`]: "import { findCase } from '../case/repo.js';\nexport const probe = findCase;\n",
      [`src/modules/${tag}-a/index.ts`]: `import { b } from '../${tag}-b/index.js';\nexport const a = () => b;\n`,
      [`src/modules/${tag}-b/index.ts`]: `import { a } from '../${tag}-a/index.js';\nexport const b = () => a;\n`,
      // (c) platform importing a module, even through its public surface.
      [`src/platform/${tag}.ts`]: "import { findCase } from '../modules/case/index.js';\nexport const probe = findCase;\n",
      // (d) the web importing server code (a type only), and the server importing the web.
      [`web/src/${tag}.ts`]: "import type { Clock } from '../../src/platform/clock/clock.js';\nexport type Probe = Clock;\n",
      [`src/${tag}-web.ts`]: "import { formatDate } from '../web/src/lib/format.js';\nexport const probe = formatDate;\n",
      // (e) production code importing test helpers.
      [`src/${tag}-test.ts`]: "import { login } from '../test/factories.js';\nexport const probe = login;\n",
    };
    const dirs = [`src/modules/${tag}-a`, `src/modules/${tag}-b`];
    try {
      for (const dir of dirs) mkdirSync(join(root, dir), { recursive: true });
      for (const [path, text] of Object.entries(files)) writeFileSync(join(root, path), text);

      const result = cruise(Object.keys(files));
      const probes = result.summary.violations.filter((v) => v.from.includes(tag) || v.to.includes(tag));
      const found = (rule: string) => probes.filter((v) => v.rule.name === rule).map((v) => `${v.from} → ${v.to}`);

      // '../case/repo.js' must resolve to repo.ts, or every rule would silently pass.
      expect(found('module-public-surface')).toEqual([`src/modules/${tag}-a/probe.ts → src/modules/case/repo.ts`]);
      expect(found('no-module-cycles').sort()).toEqual(
        [`src/modules/${tag}-a → src/modules/${tag}-b`, `src/modules/${tag}-b → src/modules/${tag}-a`].sort(),
      );
      expect(found('platform-not-to-modules')).toEqual([`src/platform/${tag}.ts → src/modules/case/index.ts`]);
      expect(found('web-not-to-server')).toEqual([`web/src/${tag}.ts → src/platform/clock/clock.ts`]);
      expect(found('server-not-to-web')).toEqual([`src/${tag}-web.ts → web/src/lib/format.ts`]);
      expect(found('server-not-to-tests')).toEqual([`src/${tag}-test.ts → test/factories.ts`]);
      expect(probes.every((v) => v.rule.severity === 'error')).toBe(true);
    } finally {
      for (const path of Object.keys(files)) rmSync(join(root, path), { force: true });
      for (const dir of dirs) rmSync(join(root, dir), { recursive: true, force: true });
    }
  });

  it('finds no violation in the real tree beyond the known ones', () => {
    const result = cruise(['src', 'web/src', '--ignore-known']);
    // A dependency-cruiser that cannot parse TypeScript scans no .ts file and passes everything.
    expect(result.summary.totalCruised).toBeGreaterThan(400);
    expect(result.summary.violations.filter((v) => v.rule.severity === 'error')).toEqual([]);
  });
});
