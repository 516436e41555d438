// Bundles the CLI (dist/cli/main.js, compiled by tsc) into one module per
// lazily loaded part: a cold start reads and resolves a handful of files
// instead of ~70 (and commander's). Output overwrites dist/cli/main.js; the
// chunks sit next to it (dist/cli/chunk-*.js), so relative URLs such as
// sarif.ts's '../../package.json' still point at the package root.
// Dependencies that are loaded only on demand (ts-morph, PGlite, pg, jiti,
// chokidar, diff, and copy's sql.js, DuckDB and pg-copy-streams) and
// lilconfig stay external. The library (dist/index.js)
// is not bundled.
import { chmodSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist/cli');
for (const file of readdirSync(outdir)) if (/^chunk-.*\.js$/.test(file)) rmSync(join(outdir, file));
rmSync(join(outdir, 'main.js.map'), { force: true });

await build({
  entryPoints: { main: join(outdir, 'main.js') },
  outdir,
  allowOverwrite: true,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunk-[hash]',
  external: ['@electric-sql/pglite', '@duckdb/node-api', 'chokidar', 'diff', 'jiti', 'lilconfig', 'pg', 'pg-copy-streams', 'sql.js', 'ts-morph'],
  // commander is CommonJS: its require() calls of node: modules need a require in an ES module.
  banner: { js: "import { createRequire as __schemaPortRequire } from 'node:module';\nconst require = __schemaPortRequire(import.meta.url);" },
  logLevel: 'warning',
});
// The bin: esbuild writes a new file, which loses the executable bit npm gave the old one at install.
chmodSync(join(outdir, 'main.js'), 0o755);
console.log('cli: dist/cli/main.js bundled');
