/**
 * The DuckDB type mapping table against DuckDB itself: every type name
 * DuckDB knows (duckdb_types()) has a decision in src/dialects/duckdb/types.ts,
 * and resolves to the type DuckDB gives a column declared with it — modifiers
 * included (DECIMAL(p,s), TIMESTAMP(p), FLOAT(p), VARCHAR(n)).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DUCKDB_TYPES, DUCKDB_UNSUPPORTED_TYPES } from '../src/dialects/duckdb/types.js';
import { translate } from '../src/translate.js';
import { duckdbSpelling, openDuckdb, unquoted, type DuckDb } from './support/duckdb.js';

/** Names DuckDB lists that are not column types by themselves (they need parts) or are internal. */
const STRUCTURAL = new Set(['ARRAY', 'LIST', 'MAP', 'STRUCT', 'ROW', 'UNION', 'ENUM', 'TYPE', 'ANY']);

/** Mappings that knowingly lose something, each reported (see types.ts). */
const LOSSY: Record<string, string> = { TIME_NS: 'TIME', VARIANT: 'JSON' };

let db: DuckDb;
let counter = 0;

beforeAll(async () => {
  db = await openDuckdb();
});
afterAll(() => db.close());

/** DuckDB's data_type for a column declared `declared`, and schema-port's reading of it. */
async function both(declared: string): Promise<{ duckdb: string; ours: string; codes: string[] }> {
  const table = `t${++counter}`;
  await db.run(`CREATE TABLE ${table} (c ${declared})`);
  const [row] = await db.all<{ data_type: string }>(`SELECT data_type FROM duckdb_columns() WHERE table_name = '${table}'`);
  const result = translate(`CREATE TABLE ${table} (c ${declared})`, { from: 'duckdb' });
  const model = result.model?.elements[0];
  const type = model?.kind === 'table' ? model.columns[0]?.type : undefined;
  return { duckdb: unquoted(row?.data_type ?? '?'), ours: type ? duckdbSpelling(type, new Map()) : '?', codes: result.diagnostics.map((d) => d.code) };
}

describe('DuckDB type names', () => {
  it('every type name DuckDB knows has a row in the mapping table', async () => {
    const names = await db.all<{ type_name: string }>("SELECT DISTINCT upper(type_name) AS type_name FROM duckdb_types() WHERE database_name = 'system' ORDER BY 1");
    expect(names.length).toBeGreaterThan(50);
    const missing = names.map((n) => n.type_name).filter((n) => !STRUCTURAL.has(n) && !(n in DUCKDB_TYPES) && !(n in DUCKDB_UNSUPPORTED_TYPES));
    expect(missing).toEqual([]);
  });

  it('each name resolves to the type DuckDB gives the column', async () => {
    const names = await db.all<{ type_name: string }>("SELECT DISTINCT upper(type_name) AS type_name FROM duckdb_types() WHERE database_name = 'system' ORDER BY 1");
    let compared = 0;
    for (const { type_name: name } of names) {
      if (STRUCTURAL.has(name) || name in DUCKDB_UNSUPPORTED_TYPES) continue;
      const { duckdb, ours, codes } = await both(name);
      if (LOSSY[duckdb]) {
        expect(ours, name).toBe(LOSSY[duckdb]);
        expect(codes.some((c) => c === 'SP603' || c === 'SP616'), `${name} is reported`).toBe(true);
      } else {
        expect(ours, name).toBe(duckdb);
      }
      compared++;
    }
    expect(compared).toBeGreaterThan(50);
  });

  it('multi-word names and modifiers resolve as DuckDB resolves them', async () => {
    const declared = [
      'DOUBLE PRECISION', 'CHARACTER VARYING(10)', 'CHARACTER(3)', 'TIME WITH TIME ZONE', 'TIMESTAMP WITH TIME ZONE', 'TIMESTAMP WITHOUT TIME ZONE',
      'DECIMAL', 'DECIMAL(5)', 'DECIMAL(38,10)', 'NUMERIC(10,2)', 'DEC(4,1)', 'VARCHAR(255)',
      ...Array.from({ length: 10 }, (_, p) => `TIMESTAMP(${p})`),
      ...[1, 10, 24, 25, 53].map((p) => `FLOAT(${p})`),
      'INTEGER[]', 'INTEGER[3]', 'VARCHAR[][]', 'STRUCT(a INTEGER, b STRUCT(c UTINYINT[2]))', 'MAP(VARCHAR, DOUBLE[])', 'UNION(n BIGINT, s VARCHAR)', "ENUM('x', 'y''z')",
    ];
    for (const d of declared) {
      const { duckdb, ours } = await both(d);
      expect(ours, d).toBe(duckdb);
    }
  });
});
