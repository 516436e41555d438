/**
 * Property: for random DuckDB tables over the whole type system, DuckDB
 * accepts the DDL, its translation applies on PostgreSQL, and every random
 * value — in range or not — is accepted by both engines or rejected by both;
 * what is accepted reads back equal. Values go through schema-port too: each
 * `INSERT … VALUES` is written in DuckDB syntax and translated.
 *
 * Both sessions run in UTC (SP602: DuckDB TIMESTAMP is read as UTC).
 * Known, reported differences are kept out of the generators: strings with
 * NUL (PostgreSQL text cannot hold them), REAL overflow (DuckDB stores
 * Infinity, PostgreSQL rejects), years outside 1–9999 and sub-microsecond
 * digits (SP603).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteLiteral } from '../src/emit/postgres/quote.js';
import { translate } from '../src/translate.js';
import { withSchema, type Db } from './support/database.js';
import { openDuckdb, type DuckDb } from './support/duckdb.js';

const RUNS = Number(process.env.DUCKDB_PROPERTY_RUNS ?? 150);

interface Kind {
  /** The DuckDB column type. */
  ddl: string;
  /** DuckDB literals: values in DuckDB's range and values outside it. */
  values: fc.Arbitrary<string>;
  /** Text to compare, per engine, for column `c`. */
  duck: (c: string) => string;
  pg: (c: string) => string;
  /** Compares the two texts (default: equal). */
  same?: (duck: string, pg: string) => boolean;
}

const text = (c: string) => `${c}::VARCHAR`;
const pgText = (c: string) => `${c}::text`;
const json = (c: string) => `to_json(${c})::VARCHAR`;
const pgJson = (c: string) => `to_jsonb(${c})::text`;
/** JSON text with object keys sorted (jsonb orders keys its own way; a MAP keeps no order: SP606). */
const canonical = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(canonical) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([k, x]) => [k, canonical(x)])) : v;
const sameJson = (a: string, b: string) => JSON.stringify(canonical(JSON.parse(a))) === JSON.stringify(canonical(JSON.parse(b)));

const lit = (s: string) => quoteLiteral(s);

function integer(ddl: string, min: bigint, max: bigint): Kind {
  const inRange = fc.oneof(fc.bigInt({ min, max }), fc.constantFrom(min, max, 0n));
  const outside = fc.oneof(fc.bigInt({ min: min - 1000n, max: min - 1n }), fc.bigInt({ min: max + 1n, max: max + 1000n }));
  return { ddl, values: fc.oneof({ weight: 4, arbitrary: inRange }, { weight: 1, arbitrary: outside }).map((v) => lit(v.toString())), duck: text, pg: pgText };
}

function decimal(p: number, s: number): Kind {
  const digits = (n: number) => fc.array(fc.constantFrom(...'0123456789'), { minLength: 1, maxLength: Math.max(1, n) }).map((d) => d.join(''));
  const value = fc
    .tuple(fc.boolean(), digits(p - s + 1), digits(s + 2))
    .map(([neg, int, frac]) => `${neg ? '-' : ''}${int}${s + 2 > 0 ? `.${frac}` : ''}`);
  return { ddl: `DECIMAL(${p},${s})`, values: value.map(lit), duck: text, pg: pgText };
}

const float32 = fc.float({ noNaN: false, noDefaultInfinity: false });
const float64 = fc.double();
const floatLiteral = (x: number) => lit(Number.isNaN(x) ? 'NaN' : x === Infinity ? 'Infinity' : x === -Infinity ? '-Infinity' : String(x));

const year = fc.integer({ min: 1, max: 9999 });
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const dateText = fc.tuple(year, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 })).map(([y, m, d]) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`);
const timeText = (fraction: number) =>
  fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 10 ** fraction - 1 }))
    .map(([h, m, s, f]) => `${pad(h)}:${pad(m)}:${pad(s)}${fraction ? `.${pad(f, fraction)}` : ''}`);
const timestampText = (fraction: number) => fc.tuple(dateText, timeText(fraction)).map(([d, t]) => `${d} ${t}`);
const offset = fc.integer({ min: -14, max: 14 }).map((h) => `${h < 0 ? '-' : '+'}${pad(Math.abs(h))}:00`);

const safeString = fc.string({ unit: 'grapheme', maxLength: 12 }).filter((s) => !s.includes('\u0000'));
const smallInt = fc.integer({ min: -1000, max: 1000 });
const nullable = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null, freq: 5 });
const listOf = (items: fc.Arbitrary<string>, size?: number) =>
  fc.array(items, size === undefined ? { maxLength: 4 } : { minLength: size - 1, maxLength: size + 1 }).map((xs) => `[${xs.join(', ')}]`);

const KINDS: Kind[] = [
  integer('TINYINT', -128n, 127n),
  integer('SMALLINT', -32768n, 32767n),
  integer('INTEGER', -(2n ** 31n), 2n ** 31n - 1n),
  integer('BIGINT', -(2n ** 63n), 2n ** 63n - 1n),
  integer('HUGEINT', -(2n ** 127n), 2n ** 127n - 1n),
  integer('UTINYINT', 0n, 255n),
  integer('USMALLINT', 0n, 65535n),
  integer('UINTEGER', 0n, 2n ** 32n - 1n),
  integer('UBIGINT', 0n, 2n ** 64n - 1n),
  integer('UHUGEINT', 0n, 2n ** 128n - 1n),
  { ddl: 'BIGNUM', values: fc.bigInt({ min: -(10n ** 60n), max: 10n ** 60n }).map((v) => lit(v.toString())), duck: text, pg: pgText },
  decimal(18, 3),
  decimal(4, 2),
  decimal(10, 0),
  decimal(38, 10),
  { ddl: 'REAL', values: float32.map(floatLiteral), duck: (c) => `${c}::DOUBLE::VARCHAR`, pg: (c) => `${c}::float8::text`, same: (a, b) => Object.is(Number(a), Number(b)) || a === b },
  { ddl: 'DOUBLE', values: float64.map(floatLiteral), duck: (c) => `${c}::VARCHAR`, pg: (c) => `${c}::text`, same: (a, b) => Object.is(Number(a), Number(b)) || a.toLowerCase() === b.toLowerCase() },
  { ddl: 'VARCHAR', values: safeString.map(lit), duck: (c) => c, pg: (c) => c },
  { ddl: 'VARCHAR(3)', values: safeString.map(lit), duck: (c) => c, pg: (c) => c },
  { ddl: 'BOOLEAN', values: fc.constantFrom("'true'", "'false'", 'true', 'false', "'maybe'"), duck: text, pg: pgText },
  { ddl: 'BLOB', values: fc.uint8Array({ maxLength: 8 }).map((b) => `'${[...b].map((x) => `\\x${x.toString(16).padStart(2, '0').toUpperCase()}`).join('')}'::BLOB`), duck: (c) => `lower(hex(${c}))`, pg: (c) => `encode(${c}, 'hex')` },
  { ddl: 'BIT', values: fc.string({ unit: fc.constantFrom('0', '1', '2'), minLength: 1, maxLength: 10 }).map(lit), duck: text, pg: pgText },
  { ddl: 'UUID', values: fc.oneof(fc.uuid().map(lit), fc.constant("'not-a-uuid'")), duck: text, pg: pgText },
  { ddl: 'DATE', values: fc.oneof(dateText, fc.constant('2023-02-29')).map(lit), duck: text, pg: pgText },
  { ddl: 'TIME', values: timeText(6).map(lit), duck: text, pg: pgText },
  { ddl: 'TIMETZ', values: fc.tuple(timeText(3), offset).map(([t, o]) => lit(t + o)), duck: text, pg: pgText },
  { ddl: 'TIMESTAMP', values: timestampText(6).map(lit), duck: text, pg: (c) => `(${c} AT TIME ZONE 'UTC')::text` },
  { ddl: 'TIMESTAMP_S', values: timestampText(1).map(lit), duck: text, pg: (c) => `(${c} AT TIME ZONE 'UTC')::text` },
  { ddl: 'TIMESTAMP_MS', values: timestampText(4).map(lit), duck: text, pg: (c) => `(${c} AT TIME ZONE 'UTC')::text` },
  { ddl: 'TIMESTAMPTZ', values: fc.tuple(timestampText(6), offset).map(([t, o]) => lit(t + o)), duck: text, pg: pgText },
  {
    ddl: 'INTERVAL',
    values: fc.tuple(fc.integer({ min: -30, max: 30 }), fc.integer({ min: -40, max: 40 }), timeText(6)).map(([m, d, t]) => lit(`${m} months ${d} days ${t}`)),
    duck: (c) => `concat_ws('|', date_part('year', ${c}) * 12 + date_part('month', ${c}), date_part('day', ${c}), date_part('hour', ${c}) * 3600000000 + date_part('minute', ${c}) * 60000000 + date_part('microseconds', ${c}))`,
    pg: (c) => `concat_ws('|', date_part('year', ${c}) * 12 + date_part('month', ${c}), date_part('day', ${c}), (date_part('hour', ${c}) * 3600000000 + date_part('minute', ${c}) * 60000000 + date_part('microseconds', ${c}))::bigint)`,
  },
  { ddl: 'JSON', values: fc.oneof(fc.jsonValue({ maxDepth: 2 }).map((v) => lit(JSON.stringify(v))), fc.constantFrom("'{bad'", "'[1,'")), duck: text, pg: pgText, same: sameJson },
  { ddl: "ENUM('red', 'green', 'blue')", values: fc.constantFrom("'red'", "'blue'", "'purple'"), duck: text, pg: pgText },
  { ddl: 'INTEGER[]', values: listOf(nullable(smallInt).map((x) => (x === null ? 'NULL' : String(x)))), duck: json, pg: pgJson, same: sameJson },
  { ddl: 'VARCHAR[]', values: listOf(safeString.map(lit)), duck: json, pg: pgJson, same: sameJson },
  { ddl: 'UTINYINT[]', values: listOf(fc.integer({ min: -2, max: 300 }).map(String)), duck: json, pg: pgJson, same: sameJson },
  { ddl: 'INTEGER[3]', values: listOf(smallInt.map(String), 3), duck: json, pg: pgJson, same: sameJson },
  {
    ddl: 'STRUCT(a INTEGER, b VARCHAR)',
    values: fc.tuple(nullable(smallInt), nullable(safeString)).map(([a, b]) => `{'a': ${a ?? 'NULL'}, 'b': ${b === null ? 'NULL' : lit(b)}}`),
    duck: json, pg: pgJson, same: sameJson,
  },
  { ddl: 'STRUCT(n UTINYINT, tags VARCHAR[])[]', values: listOf(fc.tuple(fc.integer({ min: 0, max: 260 }), listOf(safeString.map(lit))).map(([n, t]) => `{'n': ${n}, 'tags': ${t}}`)), duck: json, pg: pgJson, same: sameJson },
  { ddl: 'STRUCT(p STRUCT(x DOUBLE, y DOUBLE), label VARCHAR)', values: fc.tuple(smallInt, smallInt, safeString).map(([x, y, l]) => `{'p': {'x': ${x}, 'y': ${y}}, 'label': ${lit(l)}}`), duck: json, pg: pgJson, same: sameJson },
  {
    ddl: 'MAP(VARCHAR, INTEGER)',
    values: fc.uniqueArray(fc.tuple(fc.string({ maxLength: 4 }).filter((s) => !s.includes('\u0000')), smallInt), { maxLength: 3, selector: ([k]) => k }).map((es) => `MAP {${es.map(([k, v]) => `${lit(k)}: ${v}`).join(', ')}}`),
    duck: json, pg: pgText, same: sameJson,
  },
  { ddl: 'INTEGER[][]', values: listOf(fc.oneof(listOf(smallInt.map(String)), fc.constant('NULL'))), duck: json, pg: pgText, same: sameJson },
  {
    ddl: 'UNION(num INTEGER, str VARCHAR)',
    values: fc.oneof(smallInt.map(String), safeString.map(lit)),
    duck: (c) => `to_json(struct_pack(tag := union_tag(${c}), value := ${c}))::VARCHAR`,
    pg: pgText,
    same: (a, b) => {
      const d = JSON.parse(a) as { tag: string; value: Record<string, unknown> };
      return sameJson(JSON.stringify({ tag: d.tag, value: d.value[d.tag] }), b);
    },
  },
];

const columnArb = fc.record({ kind: fc.constantFrom(...KINDS), values: fc.constant(null) }).chain(({ kind }) => fc.record({ kind: fc.constant(kind), values: fc.array(kind.values, { minLength: 1, maxLength: 4 }) }));
const schemaArb = fc.array(columnArb, { minLength: 1, maxLength: 4 });

let duck: DuckDb;
beforeAll(async () => {
  duck = await openDuckdb();
});
afterAll(() => duck.close());

async function attempt(run: () => Promise<unknown>): Promise<boolean> {
  try {
    await run();
    return true;
  } catch {
    return false;
  }
}

async function check(pg: Db, columns: { kind: Kind; values: string[] }[]): Promise<void> {
  const ddl = `CREATE TABLE p (id INTEGER, ${columns.map((c, i) => `c${i} ${c.kind.ddl}`).join(', ')})`;
  const inserts: { id: number; column: number; sql: string }[] = [];
  columns.forEach((c, i) => c.values.forEach((v) => inserts.push({ id: inserts.length, column: i, sql: `INSERT INTO p (id, c${i}) VALUES (${inserts.length}, ${v})` })));

  await duck.run(ddl);
  const schema = translate(ddl, { from: 'duckdb' });
  expect(schema.sql, schema.diagnostics.map((d) => d.message).join('\n')).not.toBeNull();
  const withData = translate(`${ddl};\n${inserts.map((x) => `${x.sql};`).join('\n')}`, { from: 'duckdb' });
  const steps = withData.postgres?.statements.filter((s) => s.kind === 'step') ?? [];
  expect(steps).toHaveLength(inserts.length);

  await pg.exec("BEGIN; SET LOCAL TIME ZONE 'UTC'");
  try {
    await pg.exec(schema.sql ?? '');
    for (const [n, x] of inserts.entries()) {
      const kind = columns[x.column]?.kind as Kind;
      const duckOk = await attempt(() => duck.run(x.sql));
      await pg.exec('SAVEPOINT v');
      const pgOk = await attempt(() => pg.exec(steps[n]?.sql ?? ''));
      await pg.exec(pgOk ? 'RELEASE SAVEPOINT v' : 'ROLLBACK TO SAVEPOINT v');
      expect(pgOk, `${kind.ddl}: ${x.sql} → ${steps[n]?.sql}`).toBe(duckOk);
      if (!duckOk) continue;
      const [d] = await duck.all<{ v: string | null }>(`SELECT ${kind.duck(`c${x.column}`)} AS v FROM p WHERE id = ${x.id}`);
      const { rows } = await pg.query<{ v: string | null }>(`SELECT ${kind.pg(`c${x.column}`)} AS v FROM p WHERE id = ${x.id}`);
      const a = d?.v ?? null;
      const b = rows[0]?.v ?? null;
      const equal = a === null || b === null ? a === b : (kind.same ?? ((p, q) => p === q))(String(a), String(b));
      expect(equal, `${kind.ddl}: ${x.sql}\n  DuckDB:     ${String(a)}\n  PostgreSQL: ${String(b)}`).toBe(true);
    }
  } finally {
    await pg.exec('ROLLBACK');
    await duck.run('DROP TABLE p');
  }
}

describe('DuckDB values survive the translation', () => {
  it(`agrees with DuckDB on acceptance and values (${RUNS} random schemas)`, async () => {
    let values = 0;
    await withSchema(async (pg) => {
      await fc.assert(
        fc.asyncProperty(schemaArb, async (columns) => {
          values += columns.reduce((n, c) => n + c.values.length, 0);
          await check(pg, columns);
        }),
        { numRuns: RUNS },
      );
    });
    console.log(`DuckDB property: ${RUNS} schemas, ${values} values compared`);
  }, 300_000);

  it('covers every kind of column', () => {
    expect(KINDS.length).toBeGreaterThanOrEqual(40);
  });
});
