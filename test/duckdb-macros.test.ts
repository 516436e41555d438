/**
 * Macros, run: the macros of fixtures/duckdb-macros are created in DuckDB and,
 * translated, in PostgreSQL; the same calls return the same values in both.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { translate } from '../src/translate.js';
import { withSchema } from './support/database.js';
import { withDuckdb } from './support/duckdb.js';

const SOURCE = readFileSync(join(import.meta.dirname, '../fixtures/duckdb-macros/input.sql'), 'utf8');
const DATA = "INSERT INTO prices VALUES ('A', 5.00, 3), ('B', 12.50, 0), ('C', 9.99, 7);";

/** Calls spelled the same in both dialects, each read back as text. */
const SCALAR_CALLS = [
  'add(1, 2)',
  'add(1, 2.5)',
  'add(2.5, 2.5)',
  'add_default(41)',
  'add_default(1, 1)',
  "greet('Ada')",
  'is_positive(3)',
  'is_positive(-3)',
  "name_length('hello')",
  'answer()',
  'ifnull2(NULL, 7)',
  "ifnull2('x', 'y')",
  "in_stock('A')",
  "in_stock('B')",
  "in_stock('Z')",
];

const TABLE_CALLS = ['SELECT sku, stock FROM cheap(10) ORDER BY sku', "SELECT sku, stock, available FROM stock_of('B')"];

describe('DuckDB macros as PostgreSQL functions', () => {
  it('return what the macros return', async () => {
    const result = translate(`${SOURCE}\n${DATA}`, { from: 'duckdb' });
    expect(result.sql).not.toBeNull();
    const duck = await withDuckdb(async (db) => {
      await db.run(SOURCE);
      await db.run(DATA);
      const scalars = await Promise.all(SCALAR_CALLS.map(async (c) => (await db.all<{ v: string | null }>(`SELECT (${c})::VARCHAR AS v`))[0]?.v ?? null));
      const tables = await Promise.all(TABLE_CALLS.map(async (q) => JSON.stringify(await db.all(q))));
      return { scalars, tables };
    });
    const pg = await withSchema(async (db) => {
      await db.exec('BEGIN');
      try {
        await db.exec(result.sql ?? '');
        const scalars: (string | null)[] = [];
        for (const c of SCALAR_CALLS) scalars.push((await db.query<{ v: string | null }>(`SELECT (${c})::text AS v`)).rows[0]?.v ?? null);
        const tables: string[] = [];
        for (const q of TABLE_CALLS) tables.push(JSON.stringify((await db.query(q)).rows));
        return { scalars, tables };
      } finally {
        await db.exec('ROLLBACK');
      }
    });
    const normalise = (v: string | null) => (v === null ? null : v.replace(/^(-?\d+)\.0+$/, '$1').replace(/^(-?\d+\.\d*?)0+$/, '$1'));
    SCALAR_CALLS.forEach((call, i) => {
      expect(normalise(pg.scalars[i] ?? null), call).toBe(normalise(duck.scalars[i] ?? null));
    });
    TABLE_CALLS.forEach((query, i) => {
      expect(pg.tables[i], query).toBe(duck.tables[i]);
    });
  });
});
