/**
 * The browser playground: `npm run playground` serves it, `npm run
 * build:playground` writes a static site to playground/dist (relative asset
 * paths, so it can be hosted under any path). The core (src/) is bundled as
 * it is: it has no Node-only imports (test/core-is-browser-safe.test.ts).
 * PGlite, ts-morph and Mermaid are loaded with import() and land in chunks
 * of their own, named so that a request for them is easy to see.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Chunk names by the package they carry, so e.g. the PGlite chunk is `pglite-<hash>.js`. */
const NAMED_CHUNKS: [RegExp, string][] = [
  [/[\\/]node_modules[\\/]@electric-sql[\\/]pglite[\\/]/, 'pglite'],
  [/[\\/]node_modules[\\/](?:ts-morph|@ts-morph[\\/]common)[\\/]/, 'ts-morph'],
];

export default defineConfig({
  root,
  base: './',
  // The playground shows the package's version; nothing else is read from the environment.
  envPrefix: 'PLAYGROUND_',
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: false },
  // PGlite loads its WASM and data with new URL(…, import.meta.url): pre-bundling would break those paths.
  optimizeDeps: { exclude: ['@electric-sql/pglite'] },
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Mermaid and ts-morph are big, but only ever loaded on demand.
    chunkSizeWarningLimit: 4096,
    reportCompressedSize: true,
    rolldownOptions: {
      output: {
        chunkFileNames(chunk) {
          for (const [pattern, name] of NAMED_CHUNKS) {
            if (chunk.moduleIds.some((id) => pattern.test(id))) return `assets/${name}-[hash].js`;
          }
          return 'assets/[name]-[hash].js';
        },
      },
    },
  },
});
