/**
 * The DuckDB schemas of the shared corpus (../shared/corpus, read in place):
 * each loads into DuckDB, schema-port reads what DuckDB reads, and the
 * translation applies on PostgreSQL (the server with DATABASE_URL, else PGlite).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { translate } from '../src/translate.js';
import { applyAndRollback } from './support/apply.js';
import { withSchema } from './support/database.js';
import { expectModelMatchesCatalog, readCatalog, withDuckdb } from './support/duckdb.js';

const CORPUS = join(import.meta.dirname, '../../shared/corpus');

function corpusFiles(): string[] {
  if (!existsSync(CORPUS)) return [];
  const inDir = (dir: string, match: (f: string) => boolean) =>
    existsSync(join(CORPUS, dir)) ? readdirSync(join(CORPUS, dir)).filter(match).sort().map((f) => join(CORPUS, dir, f)) : [];
  return [
    ...inDir('duckdb', (f) => f.endsWith('.sql')),
    ...inDir('ducklake-fork', (f) => f === 'duckdb.sql'),
    ...inDir('ibis', (f) => f === 'duckdb.sql'),
    ...inDir('manifold-sakila', (f) => f.startsWith('duckdb-') && f.endsWith('.sql')),
  ];
}

const files = corpusFiles();
const applied: string[] = [];

describe.skipIf(files.length === 0)('DuckDB corpus', () => {
  it('finds the corpus files', () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
  });

  for (const file of files) {
    const name = relative(CORPUS, file);
    it(`${name}: DuckDB agrees, and the translation applies on PostgreSQL`, async () => {
      const source = readFileSync(file, 'utf8');
      const result = translate(source, { from: 'duckdb', fileName: name });
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      expect(errors.map((d) => `${d.code} ${d.message}`)).toEqual([]);
      await withDuckdb(async (db) => {
        await db.run(source);
        expectModelMatchesCatalog(result, await readCatalog(db));
      });
      const outcome = await withSchema((db) => applyAndRollback(db, result.sql ?? ''));
      expect(outcome).toEqual({ ok: true });
      applied.push(name);
    });
  }

  afterAll(() => {
    console.log(`DuckDB corpus: ${applied.length} of ${files.length} files translate and apply on PostgreSQL`);
  });
});
