import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // PGlite's cold start (~3-4 s) may land in a beforeAll hook.
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
