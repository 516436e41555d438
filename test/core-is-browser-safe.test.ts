/**
 * The core runs in a browser (the playground bundles it as it is): the
 * translate path, the ER diagram and the TypeScript emitter import nothing
 * of Node's. Bundled here with Vite for the browser, as the playground is;
 * every import of a Node built-in is recorded, and the translate path is
 * then run in a bare JavaScript context (no process, Buffer, require…).
 * The browser entry is src/core.ts (`schema-port/core`); the package entry
 * (src/index.ts) adds Node-only helpers (config files, SARIF and GitHub
 * output): Node built-ins stay in those modules.
 */
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import type { Plugin, Rolldown } from 'vite';
import { describe, expect, it } from 'vitest';
import { translate } from '../src/translate.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** What the playground imports from src/: the browser's part of the core. */
const BROWSER_CORE = {
  core: 'src/core.ts',
  translate: 'src/translate.ts',
  options: 'src/options.ts',
  format: 'src/diagnostics/format.ts',
  source: 'src/source/source-text.ts',
  sql: 'src/emit/postgres/emit-sql.ts',
  diagram: 'src/diagram/index.ts',
  types: 'src/emit/typescript/index.ts',
};

/** Modules of src/ that are Node-only by design (files, paths), and what they pull in. */
const NODE_ONLY = [/^src\/cli\//, /^src\/config\//, /^src\/diagnostics\/(?:sarif|github)\.ts$/, /^node_modules\//];

interface NodeImport {
  source: string;
  importer: string;
}

/** Records (and leaves unresolved) every import of a Node built-in. */
function recordNodeImports(found: NodeImport[]): Plugin {
  return {
    name: 'record-node-imports',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source.startsWith('node:') || BUILTINS.has(source)) {
        found.push({ source, importer: (importer ?? '').replace(ROOT, '') });
        return { id: source, external: true };
      }
      return null;
    },
  };
}

async function bundle(entry: Record<string, string>, format: 'es' | 'iife', found: NodeImport[]): Promise<Rolldown.OutputChunk[]> {
  const { build } = await import('vite');
  const output = await build({
    configFile: false,
    root: ROOT,
    logLevel: 'silent',
    plugins: [recordNodeImports(found)],
    build: {
      write: false,
      minify: false,
      target: 'es2022',
      lib: { entry, formats: [format], name: 'SchemaPort' },
      rolldownOptions: {
        // The emitter loads ts-morph with import(); whether ts-morph bundles for the browser is the playground's test.
        external: ['ts-morph'],
      },
    },
  });
  const results = (Array.isArray(output) ? output : [output]) as Rolldown.RolldownOutput[];
  return results.flatMap((r) => r.output.filter((o): o is Rolldown.OutputChunk => o.type === 'chunk'));
}

describe('the core is browser-safe', () => {
  it('imports no Node built-in on the translate path, in the ER diagram or the TypeScript emitter', async () => {
    const found: NodeImport[] = [];
    const chunks = await bundle(BROWSER_CORE, 'es', found);
    expect(found).toEqual([]);
    const modules = chunks.flatMap((c) => Object.keys(c.modules));
    expect(modules.some((id) => id.endsWith('/src/translate.ts'))).toBe(true);
    expect(modules.some((id) => id.endsWith('/src/diagram/mermaid.ts'))).toBe(true);
    // Node-only globals in the code of the modules the browser gets.
    for (const chunk of chunks) {
      for (const [id, module] of Object.entries(chunk.modules)) {
        const code = module.code ?? '';
        const hits = code.match(/\b(?:process\.(?:env|argv|exit|cwd|stdout|stderr|platform|versions)|Buffer\.(?:from|alloc|isBuffer)|require\(|__dirname|__filename)/g);
        expect(hits, `${id.replace(ROOT, '')} uses ${hits?.join(', ')}`).toBeNull();
      }
    }
    // The only import left in the bundle is the emitter's import('ts-morph').
    const imports = chunks.flatMap((c) => [...c.imports, ...c.dynamicImports]).filter((name) => !chunks.some((c) => c.fileName === name));
    expect([...new Set(imports)]).toEqual(['ts-morph']);
  }, 120_000);

  it('keeps the Node built-ins of the package entry in its Node-only modules', async () => {
    const found: NodeImport[] = [];
    await bundle({ index: 'src/index.ts' }, 'es', found);
    const outside = found.filter((f) => !NODE_ONLY.some((pattern) => pattern.test(f.importer)));
    expect(outside).toEqual([]);
  }, 120_000);

  it('translates in a bare JavaScript context, as the CLI does', async () => {
    const found: NodeImport[] = [];
    const [chunk] = await bundle({ index: 'src/translate.ts' }, 'iife', found);
    expect(found).toEqual([]);
    // What a browser has and Node's vm contexts lack; no process, Buffer, require, module or global.
    const sandbox: Record<string, unknown> = { console, TextEncoder, TextDecoder, URL, URLSearchParams, queueMicrotask, setTimeout, clearTimeout, structuredClone };
    sandbox.globalThis = sandbox;
    sandbox.self = sandbox;
    runInNewContext(chunk?.code ?? '', sandbox, { filename: 'schema-port.iife.js' });
    const api = sandbox.SchemaPort as typeof import('../src/translate.js');
    for (const [file, options] of [
      ['examples/blog.sqlite.sql', {}],
      ['fixtures/duckdb-structs/input.sql', { from: 'duckdb' }],
      ['fixtures/sqlite-trigger-audit/input.sql', {}],
    ] as const) {
      const source = readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
      const inBrowser = api.translate(source, options);
      const inNode = translate(source, options);
      expect(inBrowser.sql, file).toBe(inNode.sql);
      expect(inBrowser.sql, file).toMatch(/^-- Generated by schema-port/);
      expect(JSON.stringify(inBrowser.diagnostics), file).toBe(JSON.stringify(inNode.diagnostics));
    }
  }, 120_000);
});
