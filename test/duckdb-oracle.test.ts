/**
 * DuckDB as the oracle for the front end: every DuckDB fixture is loaded into
 * a real (in-memory) DuckDB, and the schema model schema-port built from the
 * same text is compared with DuckDB's catalog — column names, order,
 * nullability and types (duckdb_columns), keys and checks
 * (duckdb_constraints), declared types (duckdb_types), sequences, macros and
 * views. Where the model is knowingly lossy, the translation must say so with
 * the listed diagnostic.
 */
import { describe, expect, it } from 'vitest';
import { translate } from '../src/translate.js';
import { expectModelMatchesCatalog, readCatalog, withDuckdb } from './support/duckdb.js';
import { parseScript } from '../src/syntax/parse.js';
import { loadFixtures } from './support/fixtures.js';

const fixtures = loadFixtures().filter((f) => f.name.startsWith('duckdb-'));

/** Inputs DuckDB itself rejects (and so must schema-port). */
const REJECTED_BY_DUCKDB = new Set(['duckdb-unknown-type']);

describe('DuckDB reads what schema-port reads', () => {
  it('has DuckDB fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(30);
  });

  for (const fixture of fixtures) {
    it(fixture.name, async () => {
      const result = translate(fixture.input, { fileName: 'input.sql', ...fixture.options });
      expect(result.dialect).toBe('duckdb');
      await withDuckdb(async (db) => {
        if (REJECTED_BY_DUCKDB.has(fixture.name)) {
          await expect(db.run(fixture.input)).rejects.toThrow();
          expect(result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
          return;
        }
        if (fixture.options.schema) {
          // Queries against a schema (--schema): DuckDB must accept each one over that schema.
          await db.run(fixture.options.schema);
          const parsed = parseScript(fixture.input, 'duckdb');
          expect(parsed.ok).toBe(true);
          for (const s of parsed.ok ? parsed.value.statements : []) await db.prepare(fixture.input.slice(s.span.start, s.span.end));
          return;
        }
        await db.run(fixture.input);
        expectModelMatchesCatalog(result, await readCatalog(db));
      });
    });
  }
});
