import { defineConfig } from 'vitest/config';

/** End-to-end journeys: the real app (built web + API on PGlite with demo data) driven by Debian's chromium. */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
