/**
 * The browser tests (`npm run test:browser`): the playground built with Vite,
 * served from a local static server, driven in Debian's Chromium with
 * playwright-core. Kept apart from the unit suite (`npm test` never needs a
 * browser): their files end in `.e2e.ts`, which the root config does not match.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/playground/**/*.e2e.ts'],
    testTimeout: 180_000,
    // Building the playground takes a while on a busy machine.
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
