import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Where each kind of code runs: the web app in the browser, everything else in Node (tsconfig.json covers src, test,
// bench, scripts and e2e; web/tsconfig.json covers web/src).
const nodeFiles = ['src/**', 'test/**', 'bench/**', 'scripts/**', 'e2e/**', '*.{js,cjs,mjs,ts}', 'web/vite.config.ts'];
const webFiles = ['web/src/**/*.{ts,tsx}'];

export default tseslint.config(
  { ignores: ['dist', 'data', 'node_modules', 'test-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: {
        // Each file is checked with the tsconfig that covers it; the few config files outside both get a default project.
        projectService: { allowDefaultProject: ['*.js', '*.cjs', '*.mjs', 'scripts/*.mjs', 'web/vite.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      // The promise rules of recommendedTypeChecked. Its other rules stay off: about 740 findings, mostly no-unsafe-* on
      // parsed JSON in tests and no-unnecessary-type-assertion.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  // e2e: the bodies of page.evaluate run in the page and use document; they need no browser globals here, because
  // TypeScript checks those names (the root tsconfig's default lib includes the DOM) and no-undef is off for .ts files.
  { files: nodeFiles, languageOptions: { globals: globals.node } },
  { files: webFiles, languageOptions: { globals: globals.browser } },
  {
    files: webFiles,
    ...reactHooks.configs.flat.recommended,
    rules: { ...reactHooks.configs.flat.recommended.rules, 'react-hooks/exhaustive-deps': 'error' },
  },
);
