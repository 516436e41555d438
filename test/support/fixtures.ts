/**
 * Golden fixtures: fixtures/<case>/ holds input.sql, an optional options.json
 * (translate options), expected.sql (absent when the case must fail),
 * expected.diagnostics (one `line:col severity[CODE] message` per line), and,
 * where TypeScript output is exercised, ts.json (the TypeScript emitter's
 * options; `{}` for the defaults) and expected.ts (the generated file).
 *
 * `UPDATE_GOLDEN=1 npx vitest run test/fixtures.test.ts` rewrites the golden
 * files; review every changed line before committing.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TranslateOptions } from '../../src/options.js';
import type { TypeScriptOptions } from '../../src/emit/typescript/options.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { SourceText } from '../../src/source/source-text.js';

export const FIXTURES_DIR = join(import.meta.dirname, '../../fixtures');
export const UPDATE_GOLDEN = process.env.UPDATE_GOLDEN === '1';

export interface Fixture {
  name: string;
  dir: string;
  input: string;
  options: Partial<TranslateOptions>;
  expectedSql: string | null;
  expectedDiagnostics: string;
  expectedTs: string | null;
  /** TypeScript emitter options (ts.json); null when the fixture has no TypeScript output. */
  tsOptions: Partial<TypeScriptOptions> | null;
  /** PostgreSQL run before expected.sql (objects the input assumes exist). */
  setupSql: string | null;
}

export function loadFixtures(): Fixture[] {
  return readdirSync(FIXTURES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const dir = join(FIXTURES_DIR, name);
      const read = (f: string) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8') : null);
      const options = read('options.json');
      const tsOptions = read('ts.json');
      const expectedTs = read('expected.ts');
      return {
        name,
        dir,
        input: read('input.sql') ?? '',
        // schema.sql (or schema.from: a path to one, relative to the fixture): the input is a file of queries against it (`--schema`).
        options: { ...(options ? (JSON.parse(options) as Partial<TranslateOptions>) : {}), ...schemaOption(dir, read) },
        expectedSql: read('expected.sql'),
        expectedDiagnostics: read('expected.diagnostics') ?? '',
        expectedTs,
        tsOptions: tsOptions ? (JSON.parse(tsOptions) as Partial<TypeScriptOptions>) : expectedTs !== null ? {} : null,
        setupSql: read('setup.sql'),
      };
    });
}

function schemaOption(dir: string, read: (f: string) => string | null): { schema?: string } {
  const inline = read('schema.sql');
  if (inline !== null) return { schema: inline };
  const from = read('schema.from');
  return from === null ? {} : { schema: readFileSync(join(dir, from.trim()), 'utf8') };
}

export function diagnosticLines(diagnostics: Diagnostic[], input: string): string {
  const source = new SourceText('input.sql', input);
  return diagnostics
    .map((d) => {
      const at = d.span ? (({ line, column }) => `${line}:${column}`)(source.positionOf(d.span.start)) : '-';
      return `${at} ${d.severity}[${d.code}] ${d.message}`;
    })
    .join('\n')
    .concat(diagnostics.length ? '\n' : '');
}

/** Writes (or removes) a golden file when UPDATE_GOLDEN is set. */
export function updateGolden(fixture: Fixture, file: string, content: string | null): void {
  const path = join(fixture.dir, file);
  if (content === null) rmSync(path, { force: true });
  else writeFileSync(path, content);
}
