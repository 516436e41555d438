/**
 * Division by zero on live engines: NULL in SQLite (/ and %) and in DuckDB (// and %), ±Infinity or
 * NaN for DuckDB's / (announced by SP211), and an error in PostgreSQL unless the translation guards
 * the divisor. The fixtures sqlite-division-by-zero and duckdb-division are run on the source engine
 * and on PostgreSQL with rows that divide by zero, and read back equal (DuckDB's Infinity as NULL).
 * SQLite's 1.0 is a REAL: arithmetic with it stays in doubles on PostgreSQL too.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { translate } from '../src/translate.js';
import { withSchema } from './support/database.js';
import { withDuckdb } from './support/duckdb.js';
import { withSqlite } from './support/sqlite.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}/input.sql`, import.meta.url), 'utf8');
const ROWS = 'INSERT INTO line_items (id, quantity, total_cents) VALUES (1, 4, 1002), (2, 0, 500), (3, -3, -7), (4, 0, 0);';

/** Rows as text, for a comparison that does not depend on each driver's number types. */
const asText = (rows: Record<string, unknown>[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? null : String(v)])));

async function onPostgres(sql: string, queries: string[]): Promise<Record<string, unknown>[][]> {
  return withSchema(async (db) => {
    await db.exec(sql);
    await db.exec(ROWS);
    const out: Record<string, unknown>[][] = [];
    for (const q of queries) out.push((await db.query(q)).rows);
    return out;
  });
}

describe('division by zero', () => {
  it('SQLite: rows dividing by zero pass the CHECK and read back NULL, as in SQLite', async () => {
    const source = fixture('sqlite-division-by-zero');
    const result = translate(source, { from: 'sqlite' });
    expect(result.sql).not.toBeNull();
    const queries = [
      'SELECT id, unit_cents, remainder FROM line_items ORDER BY id',
      'SELECT id, total, unit_price, never, whole_total_remainder FROM line_prices ORDER BY id',
    ];
    const sqlite = await withSqlite((db) => {
      db.exec(source);
      db.exec(ROWS);
      return queries.map((q) => db.query(q));
    });
    const pg = await onPostgres(result.sql as string, queries);
    // REAL arithmetic in both (SQLite's 1.0 is a double): the same doubles, not numeric's 2.3333333333333333.
    expect(asText(pg[0] ?? [])).toEqual(asText(sqlite[0] ?? []));
    expect(asText(pg[1] ?? [])).toEqual(asText(sqlite[1] ?? []));
    expect(asText(pg[1] ?? [])[2]?.unit_price).toBe('2.3333333333333335');
    expect(sqlite[0]?.[1]).toEqual({ id: 2, unit_cents: null, remainder: null });
  });

  it('DuckDB: / divides as DOUBLE, // and % by zero are NULL; / by zero is Infinity in DuckDB and NULL in PostgreSQL (SP211)', async () => {
    const source = fixture('duckdb-division');
    const result = translate(source, { from: 'duckdb' });
    expect(result.sql).not.toBeNull();
    expect(result.diagnostics.filter((d) => d.code === 'SP211')).toHaveLength(2);
    const queries = ['SELECT id, unit, whole_units, remainder, unit_remainder FROM line_items ORDER BY id', 'SELECT id, total, whole_total FROM line_prices ORDER BY id'];
    const duck = await withDuckdb(async (db) => {
      await db.run(source);
      await db.run(ROWS);
      const out: Record<string, unknown>[][] = [];
      for (const q of queries) out.push(await db.all(q));
      return out;
    });
    const pg = await onPostgres(result.sql as string, queries);
    const ieee = (v: unknown) => v === 'Infinity' || v === '-Infinity' || v === 'NaN';
    const announced = (rows: Record<string, unknown>[]) =>
      asText(rows).map((r) => ({ ...r, unit: ieee(r.unit) ? null : r.unit, unit_remainder: ieee(r.unit_remainder) ? null : r.unit_remainder }));
    expect(asText(duck[0] ?? [])[0]).toEqual({ id: '1', unit: '250.5', whole_units: '250', remainder: '2', unit_remainder: '2.0199999999999996' });
    expect(asText(duck[0] ?? [])[1]?.unit_remainder).toBe('NaN');
    expect(asText(duck[0] ?? [])[1]?.unit).toBe('Infinity');
    expect(asText(pg[0] ?? [])).toEqual(announced(duck[0] ?? []));
    expect(asText(pg[1] ?? [])).toEqual(asText(duck[1] ?? []));
  });
});
