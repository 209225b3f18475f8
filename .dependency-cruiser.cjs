/**
 * Module boundaries (../shared/style.md §1), checked by `npm run lint`.
 * Violations that existed when these rules were introduced are listed in
 * .dependency-cruiser-known-violations.json and ignored (`--ignore-known`) until burnt down;
 * any new one fails the lint. Regenerate the list after fixing some:
 *   npx depcruise src web/src --config .dependency-cruiser.cjs --output-type baseline > .dependency-cruiser-known-violations.json
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      // style.md §1: "Another module uses a module through its commands.ts and schema.ts, never its repo.ts".
      // rules.ts counts as public too: style.md §2 makes it pure functions (no SQL, no transaction), so sharing a
      // rule (cadence, who may do what) cannot bypass a use case; index.ts is an explicit public barrel.
      name: 'module-public-surface',
      severity: 'error',
      comment:
        'Import another module only through its commands.ts, schema.ts, rules.ts or index.ts (style.md §1); ' +
        're-export what you need from there instead of reaching into repo.ts or other internals.',
      from: { path: '^src/modules/([^/]+)/' },
      to: {
        path: '^src/modules/([^/]+)/',
        pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/(commands|schema|rules|index)\\.ts$'],
      },
    },
    {
      // style.md §1: modules form a layered domain; two modules that import each other cannot be understood,
      // tested or split apart alone. dependency-cruiser's `circular` is per file, so this rule runs at folder
      // scope: a cycle between module folders counts even when no single file cycle exists.
      name: 'no-module-cycles',
      severity: 'error',
      comment: 'Module folders must not import each other in a cycle (style.md §1).',
      scope: 'folder',
      // --ignore-known does not filter folder-scope violations, so the cycles that exist today are allowed here
      // instead: a cycle is reported from each of its members, so any cycle with one module outside this list
      // still fails. Burn down by breaking a cycle and removing its modules from the list.
      from: {
        path: '^src/modules/[^/]+/?$',
        pathNot: '^src/modules/(case|committee|competence|decision|family|measure|proposal|yearly-amount)/?$',
      },
      to: { path: '^src/modules/[^/]+/?$', circular: true },
    },
    {
      // style.md §1: src/platform/ is what every module builds on (db, auth, audit, http, clock); it must not
      // know about any module, or the layering turns into a cycle.
      name: 'platform-not-to-modules',
      severity: 'error',
      comment: 'src/platform/** must not import src/modules/** (style.md §1).',
      from: { path: '^src/platform/' },
      to: { path: '^src/modules/' },
    },
    {
      // style.md §1: the web app talks to the server only over HTTP, typed from the OpenAPI document
      // (web/src/api/); importing server code, even types, would bundle or couple it.
      name: 'web-not-to-server',
      severity: 'error',
      comment: 'web/** must not import src/** — not even types; use web/src/api (style.md §1).',
      from: { path: '^web/' },
      to: { path: '^src/', dependencyTypesNot: [] },
    },
    {
      name: 'server-not-to-web',
      severity: 'error',
      comment: 'src/** must not import web/** (style.md §1).',
      from: { path: '^src/' },
      to: { path: '^web/' },
    },
    {
      // style.md §1: test/ and e2e/ hold factories, personas and journeys; production code must not depend on
      // them. Test files that sit in src/ (src/demo/*.test.ts) are excluded from the cruise (options.exclude).
      name: 'server-not-to-tests',
      severity: 'error',
      comment: 'Production code in src/ must not import test/ or e2e/ (style.md §1).',
      from: { path: '^src/', pathNot: '\\.test\\.ts$' },
      to: { path: '^(test|e2e)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count too (rule web-not-to-server: "types too").
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // The server imports './repo.js' for repo.ts (NodeNext). dependency-cruiser maps .js → .ts/.tsx/.d.ts
    // itself, as tsc does (test/boundaries.test.ts proves '../case/repo.js' resolves, or every rule would pass).
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
    // The rules guard production code; tests (side by side or in src/demo) may reach test helpers and seed data.
    exclude: { path: ['^(node_modules|dist)/', '\\.test\\.ts$'] },
  },
};
