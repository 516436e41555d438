/**
 * Property: a random deterministic SQLite query (test/engines/sqlite-queries.ts)
 * over a random table, translated in --schema query mode,
 *  (a) PREPAREs on PostgreSQL with exactly the parameter count the translator
 *      reports, which is the count SQLite itself gives the query, and
 *  (b) executed with the same values bound by position returns the rows
 *      SQLite returns, in order (every query orders by all its columns).
 * Values compare as the equivalence of test/engines/equivalence.ts states it
 * for these kinds: integers exactly, doubles bit-exactly (but -0 = 0, see
 * normalize), text by characters, booleans as 0/1. The one divergence allowed is the diagnosed one: LIKE
 * ignores ASCII case in SQLite, so a LIKE with letters (or a parameter) in its
 * pattern must carry SP205, and only such a query may return other rows.
 *
 * Runs: 300 in CI, 10× under PROOF_DEEP=1 (test/engines/runs.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { translate } from '../src/translate.js';
import { proofParameters, proofRuns, proofTimeout } from './engines/runs.js';
import { insertSql, queryCaseArb, tableDdl, type QueryCase, type Value } from './engines/sqlite-queries.js';
import { withPostgres, withSqlite, type PgSession, type SqliteEngine, type SqliteValue } from './support/engines.js';

const RUNS = proofRuns({ server: 300, pglite: 120 });
const MAX_PARAMETERS = 12;

/** How many parameters SQLite gives the query: the longest prefix of values it accepts by position. */
function sqliteParameterCount(sqlite: SqliteEngine, sql: string): number {
  const statement = sqlite.raw.prepare(sql);
  try {
    for (let n = MAX_PARAMETERS; n > 0; n--) {
      try {
        statement.bind(Array.from({ length: n }, () => 0));
        return n;
      } catch {
        // SQLITE_RANGE: fewer parameters.
      }
    }
    return 0;
  } finally {
    statement.free();
  }
}

/**
 * A result value in one notation for both engines: numbers as JS numbers,
 * booleans as 0/1, and -0 as 0 — the sign of a zero result is the one thing
 * the engines' math libraries disagree on (SQLite's abs(-0.0) is -0.0), and
 * SQL compares -0 equal to 0 in both.
 */
function normalize(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number' && Object.is(v, -0)) return 0;
  return v;
}

let statementNumber = 0;

async function check(sqlite: SqliteEngine, pg: PgSession, c: QueryCase): Promise<void> {
  const ddl = tableDdl(c.columns);
  sqlite.exec(`DROP TABLE IF EXISTS t; ${ddl}`);
  for (const row of c.rows) sqlite.all(insertSql(c.columns), row as SqliteValue[]);
  const count = sqliteParameterCount(sqlite, c.sql);
  const values: Value[] = c.values.slice(0, count);
  const expected = sqlite.all(c.sql, values as SqliteValue[]).map((r) => r.map(normalize));

  const result = translate(c.sql, { from: 'sqlite', schema: ddl, fileName: 'query.sql' });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  expect(errors.map((d) => `${d.code} ${d.message}`), c.sql).toEqual([]);
  const codes = new Set(result.diagnostics.map((d) => d.code));
  if (c.caseSensitiveLike) expect(codes.has('SP205'), `${c.sql}: LIKE with letters must warn`).toBe(true);
  const statement = result.postgres?.statements.find((s) => s.kind === 'step');
  const sql = (statement?.sql ?? '').replace(/;$/, '');
  const reported = Math.max(0, ...(statement?.parameters ?? []).map((p) => p.position));
  expect(reported, `${c.sql}\n→ ${sql}: reported parameters vs SQLite's`).toBe(count);

  const schemaSql = translate(ddl, { from: 'sqlite' }).sql ?? '';
  const actual = await pg.inRollback(async () => {
    const columns = c.columns.map((col) => col.name);
    for (const row of c.rows) await pg.db.query(`INSERT INTO t (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`, row);
    const name = `q${++statementNumber}`;
    await pg.db.exec(`PREPARE ${name} AS ${sql}`);
    const { rows } = await pg.db.query<{ n: number }>('SELECT cardinality(parameter_types) AS n FROM pg_prepared_statements WHERE name = $1', [name]);
    await pg.db.exec(`DEALLOCATE ${name}`);
    expect(Number(rows[0]?.n), `${c.sql}\n→ ${sql}: PREPARE's parameter count`).toBe(reported);
    // json_each over json keeps every column (duplicate names too) in order; doubles print exactly.
    const out = await pg.db.query<{ j: unknown[] }>(
      `SELECT (SELECT json_agg(e.value ORDER BY e.n) FROM json_each(row_to_json(q)) WITH ORDINALITY AS e(key, value, n)) AS j FROM (${sql}) AS q`,
      values,
    );
    return out.rows.map((r) => r.j.map(normalize));
  }, schemaSql);
  if (c.caseSensitiveLike && JSON.stringify(actual) !== JSON.stringify(expected)) return; // SP205, asserted above
  expect(actual, `${c.sql}\n→ ${sql}\nvalues ${JSON.stringify(values)}\nrows ${JSON.stringify(c.rows)}`).toEqual(expected);
}

/** Cases the property found, run first every time. */
const FOUND: [QueryCase][] = [
  // nullif(integer, real) is a double precision in PostgreSQL, and bigint % double precision does not exist.
  [
    {
      columns: [{ name: 'c0', kind: 'int', notNull: true }, { name: 'c1', kind: 'real', notNull: false }],
      rows: [[7, 2.5], [3, 3]],
      sql: "SELECT DISTINCT instr('', 'a'), (min(-2.5, -2.5) % nullif(c0, c1)) FROM t ORDER BY 1, 2",
      values: [],
      caseSensitiveLike: false,
    },
  ],
];

describe('random SQLite queries in --schema query mode', () => {
  it('warns about parameter numbers no placeholder takes (the generator never skips one)', () => {
    const schema = 'CREATE TABLE t (id INTEGER PRIMARY KEY);';
    const gap = translate('SELECT id FROM t WHERE id = ?3 OR id = ?1;', { from: 'sqlite', schema });
    expect(gap.diagnostics.filter((d) => d.code === 'SP520').map((d) => d.message)).toEqual([expect.stringContaining('$2')]);
    expect(translate('SELECT id FROM t WHERE id = ?2 OR id = ?;', { from: 'sqlite', schema }).diagnostics.map((d) => d.code)).toContain('SP520');
    expect(translate('SELECT id FROM t WHERE id = ? OR id = ?1 OR id = :x;', { from: 'sqlite', schema }).diagnostics.map((d) => d.code)).not.toContain('SP520');
  });

  it(
    `PREPARE with the reported parameter count and return SQLite's rows (${RUNS} runs)`,
    async () => {
      await withSqlite(async (sqlite) =>
        withPostgres(async (pg) => {
          await fc.assert(
            fc.asyncProperty(queryCaseArb, (c) => check(sqlite, pg, c)),
            { ...proofParameters(RUNS), examples: FOUND },
          );
        }),
      );
    },
    proofTimeout(RUNS, { server: 60, pglite: 200 }),
  );
});
