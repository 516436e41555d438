/**
 * `--from auto` picks DuckDB for DuckDB-only syntax, and says so (SP003);
 * SQLite-only syntax and plain DDL keep SQLite.
 */
import { describe, expect, it } from 'vitest';
import { detectDialect } from '../src/frontends/detect-dialect.js';
import { translate } from '../src/translate.js';

const DUCKDB_ONLY: Record<string, string> = {
  'CREATE OR REPLACE TABLE': 'CREATE OR REPLACE TABLE t (a INTEGER);',
  'CREATE OR REPLACE VIEW': 'CREATE OR REPLACE VIEW v AS SELECT 1;',
  'CREATE SEQUENCE': 'CREATE SEQUENCE s START 1;',
  'CREATE MACRO': 'CREATE MACRO m(a) AS a + 1;',
  'CREATE TYPE': "CREATE TYPE mood AS ENUM ('a');",
  'CREATE SCHEMA': 'CREATE SCHEMA s;',
  'COMMENT ON': "CREATE TABLE t (a INT); COMMENT ON TABLE t IS 'x';",
  STRUCT: 'CREATE TABLE t (a STRUCT(x INTEGER));',
  MAP: 'CREATE TABLE t (a MAP(VARCHAR, INTEGER));',
  UNION: 'CREATE TABLE t (a UNION(i INTEGER, s VARCHAR));',
  'inline ENUM': "CREATE TABLE t (a ENUM('x', 'y'));",
  'unsigned integers': 'CREATE TABLE t (a UTINYINT, b UBIGINT);',
  HUGEINT: 'CREATE TABLE t (a HUGEINT);',
  'nanosecond timestamps': 'CREATE TABLE t (a TIMESTAMP_NS);',
  'list types': 'CREATE TABLE t (a INTEGER[]);',
  'fixed-size arrays': 'CREATE TABLE t (a DOUBLE[3]);',
  ':: casts': "CREATE TABLE t (a INTEGER DEFAULT '1'::INTEGER);",
  'nextval()': "CREATE TABLE t (id BIGINT DEFAULT nextval('s'));",
  'uuid()': 'CREATE TABLE t (id UUID DEFAULT uuid());',
  'now()': 'CREATE TABLE t (at TIMESTAMPTZ DEFAULT now());',
  'struct literal': "CREATE TABLE t (p STRUCT(x INTEGER) DEFAULT {'x': 1});",
  'MAP literal': "CREATE TABLE t (m MAP(VARCHAR, INTEGER) DEFAULT MAP {'k': 1});",
  'INSTALL/LOAD': 'INSTALL json; LOAD json; CREATE TABLE t (a JSON);',
};

const SQLITE: Record<string, string> = {
  AUTOINCREMENT: 'CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT);',
  'WITHOUT ROWID': 'CREATE TABLE t (k TEXT PRIMARY KEY) WITHOUT ROWID;',
  STRICT: 'CREATE TABLE t (a INTEGER) STRICT;',
  PRAGMA: 'PRAGMA foreign_keys = ON; CREATE TABLE t (a INTEGER);',
  'plain DDL': 'CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL);',
};

describe('dialect detection', () => {
  for (const [what, sql] of Object.entries(DUCKDB_ONLY)) {
    it(`picks DuckDB for ${what}`, () => {
      expect(detectDialect(sql).dialect).toBe('duckdb');
      const result = translate(sql);
      expect(result.dialect).toBe('duckdb');
      const sp003 = result.diagnostics.find((d) => d.code === 'SP003');
      expect(sp003?.severity).toBe('info');
      expect(sp003?.message).toMatch(/^Detected the DuckDB dialect \(found .+\)\.$/);
    });
  }

  for (const [what, sql] of Object.entries(SQLITE)) {
    it(`keeps SQLite for ${what}`, () => {
      const result = translate(sql);
      expect(result.dialect).toBe('sqlite');
      expect(result.diagnostics.find((d) => d.code === 'SP003')?.message).toMatch(/^Detected the SQLite dialect/);
    });
  }

  it('ignores DuckDB words inside strings and comments', () => {
    expect(detectDialect("-- CREATE SEQUENCE s\nCREATE TABLE t (a TEXT DEFAULT 'STRUCT(x)');").dialect).toBe('sqlite');
  });

  it('reads the corpus DuckDB files with DuckDB-only syntax as DuckDB', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const corpus = join(import.meta.dirname, '../../shared/corpus');
    for (const file of ['manifold-sakila/duckdb-sakila-ddl.sql', 'ibis/duckdb.sql', 'manifold-sakila/duckdb-all-types-table-ddl.sql']) {
      expect(detectDialect(readFileSync(join(corpus, file), 'utf8')).dialect, file).toBe('duckdb');
    }
  });
});
