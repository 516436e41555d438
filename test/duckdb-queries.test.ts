/**
 * DuckDB query syntax, translated with --schema and run on both engines:
 * DuckDB (the oracle) runs the source query, PostgreSQL the translation, over
 * the same rows; each row is compared as JSON (to_json on DuckDB, to_jsonb on
 * PostgreSQL), column by column in order. Covers * EXCLUDE/REPLACE, QUALIFY,
 * USING SAMPLE (at 100 % and over-large row counts, the deterministic cases),
 * parenthesized compound operands,
 * list and struct access and functions, epoch_ms/strptime/strftime and casts
 * of DuckDB type names; the refusals are checked by their diagnostics.
 */
import { describe, expect, it } from 'vitest';
import { translate } from '../src/translate.js';
import { withDuckdb } from './support/duckdb.js';
import { withPostgres } from './support/engines.js';

const SCHEMA = `
CREATE TABLE t (id INTEGER PRIMARY KEY, grp VARCHAR, score INTEGER, tags INTEGER[], pos STRUCT(x INTEGER, y VARCHAR), ms BIGINT);
CREATE TABLE u (id INTEGER, t_id INTEGER, note VARCHAR);
CREATE VIEW v AS SELECT id, grp, score * 10 AS big FROM t;
INSERT INTO t VALUES
  (1, 'a', 10, [1, 2, 3], {'x': 1, 'y': 'p'}, 1700000000123),
  (2, 'a', 30, [4, 5], {'x': 2, 'y': 'q'}, 0),
  (3, 'b', 20, [6], {'x': 3, 'y': 'r'}, 86400000),
  (4, 'b', 20, [7, 8, 9, 10], {'x': 4, 'y': 's'}, 1234),
  (5, 'c', 5, [11, 12], {'x': 5, 'y': 't'}, 999);
INSERT INTO u VALUES (1, 1, 'one'), (2, 1, 'uno'), (3, 3, 'three');
`;

/** Queries whose rows DuckDB and PostgreSQL must agree on (every one orders its rows). */
const AGREE: string[] = [
  'SELECT * EXCLUDE (tags, pos) FROM t ORDER BY id',
  'SELECT * EXCLUDE (t.tags, t.pos, u.id) FROM t JOIN u ON u.t_id = t.id ORDER BY u.id',
  'SELECT * EXCLUDE (tags, pos) REPLACE (score * 2 AS score, upper(grp) AS grp) FROM t ORDER BY id',
  'SELECT t.* EXCLUDE (tags, pos, ms), u.note FROM t JOIN u ON u.t_id = t.id ORDER BY u.id',
  'SELECT * EXCLUDE big FROM v ORDER BY id',
  'WITH w AS (SELECT id, grp, score FROM t) SELECT * REPLACE (score + 1 AS score) FROM w ORDER BY id',
  'SELECT * EXCLUDE (note) FROM (SELECT id, note FROM u) AS s ORDER BY id',
  'SELECT grp, id, row_number() OVER (PARTITION BY grp ORDER BY score DESC, id) AS rn FROM t QUALIFY rn = 1 ORDER BY grp',
  'SELECT id FROM t QUALIFY rank() OVER (ORDER BY score DESC) <= 2 ORDER BY t.id',
  'SELECT * EXCLUDE (tags, pos) FROM t WHERE score >= 10 QUALIFY count(*) OVER (PARTITION BY grp) > 1 ORDER BY id',
  'SELECT count(*) FROM t USING SAMPLE 100% (bernoulli)',
  'SELECT count(*) FROM t USING SAMPLE 100 PERCENT (system, 42)',
  'SELECT id FROM t WHERE score > 5 USING SAMPLE 1000 ROWS ORDER BY id',
  'SELECT count(*) FROM t JOIN u ON u.t_id = t.id USING SAMPLE 100%',
  'SELECT id, tags[1], tags[-1], tags[2:3], list_extract(tags, 2), list_element(tags, -2), len(tags), array_length(tags) FROM t ORDER BY id',
  'SELECT id, list_contains(tags, 2), list_has(tags, 7), list_sum(tags), list_aggregate(tags, \'max\'), list_min(tags), tags || [99], [0] || tags, list_concat(tags, [1]) FROM t ORDER BY id',
  'SELECT id, [id, score], list_value(id, 1) FROM t ORDER BY id',
  'SELECT id, pos.x, t.pos.y, struct_extract(pos, \'y\'), pos[\'x\'] FROM t ORDER BY id',
  "SELECT id, {'a': id, 'b': grp}, struct_pack(a := id, b := grp) FROM t ORDER BY id",
  'SELECT id, list_contains([1, NULL], id), NOT list_has([1, NULL], id), list_contains(NULL::INTEGER[], id), list_contains(tags, NULL), contains(tags, 1) FROM t ORDER BY id',
  'SELECT id, grp[1], \'hello\'[2:3] FROM t ORDER BY id',
  'SELECT v FROM (SELECT unnest([3, 1, 2]) AS v) ORDER BY v',
  'SELECT id, epoch_ms(ms), strftime(epoch_ms(ms), \'%Y-%m-%d %H:%M:%S\') FROM t ORDER BY id',
  "SELECT strptime('2024-01-02 03:04:05', '%Y-%m-%d %H:%M:%S'), strftime(strptime('2024-01-02 03:04:05', '%Y-%m-%d %H:%M:%S'), '%d/%m/%Y')",
  "SELECT id, score::VARCHAR, '42'::BIGINT + id, CAST(score AS DOUBLE) / 4, ms::HUGEINT FROM t ORDER BY id",
  // Parenthesized operands, as DuckDB writes views in its catalog.
  '(SELECT id, grp FROM t WHERE score > 10) UNION ALL (SELECT id, note FROM u ORDER BY id DESC LIMIT 2) ORDER BY id, grp',
  'SELECT * FROM ((SELECT id FROM t ORDER BY id LIMIT 2) UNION (SELECT t_id FROM u)) AS s ORDER BY id',
  // nullif keeps its first argument's type in DuckDB; PostgreSQL promotes it to the second's.
  'SELECT id, nullif(id, score / 10) % 2, nullif(score, 20.0) FROM t ORDER BY id',
  // A NULL in one branch takes the other branch's type (the shape of the ldbc corpus view).
  '(SELECT id, NULL AS x FROM t WHERE id < 3) UNION ALL (SELECT u.id, coalesce(score, t_id) FROM u JOIN t ON t.id = u.t_id) ORDER BY id, x',
];

/** Refused, with the code that explains why. */
const REFUSED: [string, string][] = [
  ['SELECT * EXCLUDE (nope) FROM t', 'SP517'],
  ['SELECT * EXCLUDE (u.grp) FROM t JOIN u ON u.t_id = t.id', 'SP517'],
  ['SELECT * REPLACE (1 AS nope) FROM t', 'SP517'],
  ['SELECT * EXCLUDE (id) FROM t JOIN u USING (id)', 'SP516'],
  ['SELECT * EXCLUDE (id) FROM unknown_table', 'SP516'],
  ['SELECT id + 1 FROM t QUALIFY row_number() OVER () = 1', 'SP204'],
  ['SELECT t.id, u.id FROM t JOIN u ON u.t_id = t.id QUALIFY row_number() OVER () = 1', 'SP204'],
  ['SELECT count(*) FROM t JOIN u ON u.t_id = t.id USING SAMPLE 3 ROWS', 'SP204'],
];

/**
 * DuckDB's TIMESTAMP is a UTC wall clock, which the default --timestamps
 * timestamptz maps to that instant: equal when the digits are (PostgreSQL's
 * session is UTC, so its instants print with +00:00).
 */
function normalize(value: unknown): unknown {
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}[ T]\d{2}:/.test(value) ? value.replace('T', ' ').replace(/\+00:00$/, '') : value;
  if (typeof value === 'number') return value;
  if (Array.isArray(value)) return value.map(normalize);
  return value;
}

describe('DuckDB query syntax on both engines', () => {
  it('translates every query without errors and agrees with DuckDB on the rows', async () => {
    const translated = AGREE.map((q) => {
      const r = translate(q, { from: 'duckdb', schema: SCHEMA });
      const errors = r.diagnostics.filter((d) => d.severity === 'error');
      expect(errors, q).toEqual([]);
      return (r.postgres?.statements ?? []).filter((s) => s.kind === 'step').map((s) => s.sql.replace(/;$/, ''))[0] ?? '';
    });
    const expected = await withDuckdb(async (duck) => {
      await duck.run(SCHEMA);
      const out: unknown[][][] = [];
      for (const q of AGREE) {
        const rows = await duck.all<{ j: string }>(`SELECT to_json(q)::VARCHAR AS j FROM (${q}) AS q`);
        out.push(rows.map((r) => Object.values(JSON.parse(r.j) as Record<string, unknown>).map(normalize)));
      }
      return out;
    });
    const schemaSql = translate(SCHEMA, { from: 'duckdb' }).sql ?? '';
    await withPostgres(async ({ db }) => {
      await db.exec(schemaSql);
      for (const [i, sql] of translated.entries()) {
        // json_each over json (not jsonb) keeps every column, duplicate names included, in order.
        const { rows } = await db.query<{ j: unknown[] }>(
          `SELECT (SELECT json_agg(e.value ORDER BY e.n) FROM json_each(row_to_json(q)) WITH ORDINALITY AS e(key, value, n)) AS j FROM (${sql}) AS q`,
        );
        const actual = rows.map((r) => r.j.map(normalize));
        expect(actual, `${AGREE[i]}\n→ ${sql}`).toEqual(expected[i]);
      }
    });
  });

  it('formats instants as DuckDB does (the UTC wall clock) whatever the session time zone', async () => {
    const q = "SELECT strftime(epoch_ms(ms), '%Y-%m-%d %H:%M') AS s FROM t ORDER BY id";
    const sql = (translate(q, { from: 'duckdb', schema: SCHEMA }).postgres?.statements.find((x) => x.kind === 'step')?.sql ?? '').replace(/;$/, '');
    const expected = await withDuckdb(async (duck) => {
      await duck.run(SCHEMA);
      return (await duck.all<{ s: string }>(q)).map((r) => r.s);
    });
    await withPostgres(async ({ db }) => {
      await db.exec(`${translate(SCHEMA, { from: 'duckdb' }).sql ?? ''}\nSET TimeZone = 'Asia/Kolkata'`);
      expect((await db.query<{ s: string }>(sql)).rows.map((r) => r.s)).toEqual(expected);
    });
  });

  it('gives a view over * EXCLUDE/REPLACE and QUALIFY the columns it has (the TypeScript emitter reads them)', async () => {
    const r = translate(
      `${SCHEMA}\nCREATE VIEW slim AS SELECT * EXCLUDE (tags, pos) REPLACE (score::VARCHAR AS score) FROM t;\nCREATE VIEW best AS SELECT grp, id FROM t QUALIFY row_number() OVER (PARTITION BY grp ORDER BY score DESC, id) = 1;`,
      { from: 'duckdb' },
    );
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const columns = (name: string) => r.postgres?.views.find((v) => v.name === name)?.columns.map((c) => `${c.name}:${c.valueType}`);
    expect(columns('slim')).toEqual(['id:integer', 'grp:text', 'score:text', 'ms:integer']);
    expect(columns('best')).toEqual(['grp:text', 'id:integer']);
    expect(r.sql).toContain('SELECT id, grp, CAST(score AS text) AS score, ms\n  FROM t');
    await withPostgres(async ({ db }) => {
      await db.exec(r.sql ?? '');
      expect((await db.query<{ grp: string; id: number }>('SELECT grp, id FROM best ORDER BY grp')).rows).toEqual([
        { grp: 'a', id: 2 },
        { grp: 'b', id: 3 },
        { grp: 'c', id: 5 },
      ]);
    });
  });

  it('refuses what it cannot translate, with a diagnostic at the construct', () => {
    for (const [q, code] of REFUSED) {
      const r = translate(q, { from: 'duckdb', schema: SCHEMA });
      expect(r.sql, q).toBeNull();
      expect(r.diagnostics.map((d) => d.code), q).toContain(code);
    }
  });

  it('warns that samples differ and notes a written-out star', () => {
    const sample = translate('SELECT * FROM t USING SAMPLE 10% (bernoulli) REPEATABLE (7)', { from: 'duckdb', schema: SCHEMA });
    expect(sample.sql).toContain('FROM t TABLESAMPLE BERNOULLI (10) REPEATABLE (7)');
    expect(sample.diagnostics.map((d) => `${d.severity} ${d.code}`)).toContain('warning SP519');
    const star = translate('SELECT * EXCLUDE (tags) FROM t', { from: 'duckdb', schema: SCHEMA });
    expect(star.sql).toContain('SELECT id, grp, score, pos, ms');
    expect(star.diagnostics.map((d) => `${d.severity} ${d.code}`)).toContain('info SP518');
  });
});
