/**
 * DuckDB column types for the proofs: how to write a value of each as a
 * DuckDB literal (values in range, and out of range for the constraint
 * proof), and how each engine shows the value so the two can be compared
 * under the stated equivalence (test/engines/equivalence.ts for the rules):
 * integers and decimals exact, FLOAT compared as 4-byte floats, DOUBLE
 * bit-exact, instants as microseconds since the epoch (DuckDB's epoch_us,
 * PostgreSQL's extract(epoch) × 10^6, both exact), intervals as (months, days,
 * microseconds), nested values as JSON (deep-equal).
 */
import fc from 'fast-check';
import type { DiagnosticCode } from '../../src/diagnostics/codes.js';

export interface DuckKind {
  /** The DuckDB column type. */
  ddl: string;
  /** DuckDB literals of values DuckDB accepts. */
  values: fc.Arbitrary<string>;
  /** DuckDB literals DuckDB rejects for this type (out of range, not a value), for the constraint proof. */
  invalid?: fc.Arbitrary<string>;
  /** How DuckDB shows column `c` for comparison; default: CAST(c AS VARCHAR). */
  duck?: (c: string) => string;
  /** How PostgreSQL shows column `c`; default: c::text. */
  pg?: (c: string) => string;
  /** Compares the two texts; default: equal. */
  same?: (duck: string, pg: string) => boolean;
  /** The diagnostic that announces a permitted difference (nanoseconds rounded: SP603). */
  permittedBy?: DiagnosticCode;
  /** Small pool of values for keys (duplicates likely). */
  pool?: string[];
  /** CHECK templates on column `c`. */
  checks?: ((c: string) => string)[];
}

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
const pad = (n: number, w: number) => String(n).padStart(w, '0');
const json = (c: string) => `CAST(to_json(${c}) AS VARCHAR)`;
const pgJson = (c: string) => `to_jsonb(${c})::text`;
const epochUs = (c: string) => `CAST(epoch_us(${c}) AS VARCHAR)`;
const pgEpochUs = (c: string) => `(extract(epoch FROM ${c}) * 1000000)::numeric(30,0)::text`;

function deepEqual(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return deepEqual(ka, kb) && ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}
export const sameJson = (a: string, b: string) => deepEqual(JSON.parse(a), JSON.parse(b));
const sameDecimal = (a: string, b: string) => {
  const norm = (s: string) => {
    const neg = s.startsWith('-');
    const [i = '0', f = ''] = s.replace(/^[-+]/, '').split('.');
    const int = i.replace(/^0+/, '') || '0';
    const frac = f.replace(/0+$/, '');
    return `${neg && (int !== '0' || frac !== '') ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
  };
  return norm(a) === norm(b);
};

const intLiteral = (min: bigint, max: bigint) =>
  fc.oneof(fc.bigInt({ min, max }), fc.constantFrom(min, max, 0n)).map((v) => v.toString());
const outside = (min: bigint, max: bigint) => fc.oneof(fc.bigInt({ min: max + 1n, max: max + 1000n }), fc.bigInt({ min: min - 1000n, max: min - 1n })).map((v) => v.toString());
const int = (ddl: string, min: bigint, max: bigint): DuckKind => ({
  ddl,
  values: intLiteral(min, max),
  invalid: outside(min, max),
  pool: ['0', '1', '2', '-1', max.toString()].filter((v) => BigInt(v) >= min),
  checks: [(c) => `${c} > 0`, (c) => `${c} BETWEEN 0 AND 2`, (c) => `${c} <> 1`],
});

const date = dateParts();
function dateParts() {
  return fc.record({ y: fc.integer({ min: 1, max: 9999 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) }).map(({ y, m, d }) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);
}
const time = fc
  .record({ h: fc.integer({ min: 0, max: 23 }), m: fc.integer({ min: 0, max: 59 }), s: fc.integer({ min: 0, max: 59 }), f: fc.stringMatching(/^\d{0,6}$/) })
  .map(({ h, m, s, f }) => `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}${f ? `.${f}` : ''}`);
const timestamp = (digits: number) =>
  fc.tuple(date, time, fc.stringMatching(new RegExp(`^\\d{0,${digits}}$`))).map(([d, t, f]) => `${d} ${t.replace(/\.\d*$/, '')}${f ? `.${f}` : ''}`);
const text = fc.string({ unit: 'grapheme', maxLength: 12 }).filter((s) => !s.includes('\0'));

export const DUCK_KINDS: DuckKind[] = [
  int('TINYINT', -128n, 127n),
  int('SMALLINT', -32768n, 32767n),
  int('INTEGER', -(2n ** 31n), 2n ** 31n - 1n),
  int('BIGINT', -(2n ** 63n), 2n ** 63n - 1n),
  int('HUGEINT', -(2n ** 127n), 2n ** 127n - 1n),
  int('UTINYINT', 0n, 255n),
  int('USMALLINT', 0n, 65535n),
  int('UINTEGER', 0n, 2n ** 32n - 1n),
  int('UBIGINT', 0n, 2n ** 64n - 1n),
  int('UHUGEINT', 0n, 2n ** 128n - 1n),
  {
    ddl: 'FLOAT',
    // As a string: DuckDB reads 0.1::FLOAT as DECIMAL first, and its DECIMAL → FLOAT cast is not always correctly
    // rounded (one ulp off PostgreSQL's, e.g. 0.4058748185634613::FLOAT) — a DuckDB quirk, not a translation issue.
    values: fc.float({ noNaN: true, noDefaultInfinity: true }).map((f) => `'${Object.is(f, -0) ? '-0.0' : String(f)}'::FLOAT`),
    duck: (c) => `CAST(CAST(${c} AS DOUBLE) AS VARCHAR)`,
    same: (a, b) => Math.fround(Number(b)) === Number(a),
  },
  {
    ddl: 'DOUBLE',
    values: fc.double({ noNaN: true }).map((d) => (Number.isFinite(d) ? `${Object.is(d, -0) ? '-0.0' : String(d)}::DOUBLE` : `'${d > 0 ? 'inf' : '-inf'}'::DOUBLE`)),
    duck: (c) => `CAST(${c} AS VARCHAR)`,
    same: (a, b) => Object.is(Number(a.replace(/^inf$/, 'Infinity').replace(/^-inf$/, '-Infinity')), Number(b)),
  },
  {
    ddl: 'DECIMAL(9,3)',
    values: fc.tuple(fc.integer({ min: -999999, max: 999999 }), fc.stringMatching(/^\d{0,3}$/)).map(([i, f]) => (f ? `${i}.${f}` : String(i))),
    invalid: fc.constantFrom('1000000', '-1000000.5', "'abc'"),
    same: sameDecimal,
    pool: ['0', '1.5', '2.000', '-1'],
    checks: [(c) => `${c} >= 0`, (c) => `${c} < 2`],
  },
  { ddl: 'DECIMAL(38,10)', values: fc.bigInt({ min: -(10n ** 28n) + 1n, max: 10n ** 28n - 1n }).map((v) => `${v}.0123456789`), same: sameDecimal },
  { ddl: 'DECIMAL', values: fc.tuple(fc.integer({ min: -99999, max: 99999 }), fc.stringMatching(/^\d{0,5}$/)).map(([i, f]) => (f ? `${i}.${f}` : String(i))), same: sameDecimal },
  { ddl: 'VARCHAR', values: text.map(q), pool: ["''", "'a'", "'A'", "'b'", "'é'"], checks: [(c) => `length(${c}) <= 1`, (c) => `${c} <> ''`, (c) => `${c} IN ('a', 'b')`] },
  { ddl: 'VARCHAR(3)', values: text.map(q) },
  { ddl: 'BLOB', duck: (c) => `hex(${c})`, pg: (c) => `upper(encode(${c}, 'hex'))`, values: fc.uint8Array({ maxLength: 8 }).map((b) => `'${[...b].map((x) => `\\x${x.toString(16).padStart(2, '0')}`).join('')}'::BLOB`), pool: ["'\\x00'::BLOB", "'\\x01'::BLOB", "''::BLOB"] },
  { ddl: 'BOOLEAN', values: fc.constantFrom('true', 'false'), pool: ['true', 'false'], checks: [(c) => c, (c) => `NOT ${c}`] },
  { ddl: 'DATE', values: date.map((d) => `DATE ${q(d)}`), invalid: fc.constantFrom("'2024-02-30'", "'abc'"), pool: ["DATE '2024-01-01'", "DATE '2000-01-01'"], checks: [(c) => `${c} >= DATE '2001-01-01'`] },
  { ddl: 'TIME', values: time.map((t) => `TIME ${q(t)}`), same: (a, b) => a.replace(/\.?0+$/, '') === b.replace(/\.?0+$/, '') },
  { ddl: 'TIMESTAMP', values: timestamp(6).map((t) => `TIMESTAMP ${q(t)}`), duck: epochUs, pg: pgEpochUs, pool: ["TIMESTAMP '2024-01-01 00:00:00'", "TIMESTAMP '2024-01-01 10:00:00'"], checks: [(c) => `${c} > TIMESTAMP '2024-01-01 05:00:00'`] },
  { ddl: 'TIMESTAMP_S', values: timestamp(0).map((t) => `${q(t)}::TIMESTAMP_S`), duck: epochUs, pg: pgEpochUs },
  { ddl: 'TIMESTAMP_MS', values: timestamp(3).map((t) => `${q(t)}::TIMESTAMP_MS`), duck: epochUs, pg: pgEpochUs },
  {
    ddl: 'TIMESTAMP_NS',
    values: fc.tuple(date.filter((d) => d >= '1678' && d < '2262'), time, fc.stringMatching(/^\d{0,9}$/)).map(([d, t, f]) => `${q(`${d} ${t.replace(/\.\d*$/, '')}${f ? `.${f}` : ''}`)}::TIMESTAMP_NS`),
    duck: (c) => `CAST(epoch_ns(${c}) AS VARCHAR)`,
    pg: pgEpochUs,
    // Nanoseconds: PostgreSQL keeps microseconds (SP603); the difference is below half a microsecond.
    same: (ns, us) => BigInt(ns) === BigInt(us) * 1000n,
    permittedBy: 'SP603',
  },
  {
    ddl: 'TIMESTAMPTZ',
    values: fc.tuple(timestamp(6), fc.constantFrom('+00', '+05:30', '-08')).map(([t, z]) => `TIMESTAMPTZ ${q(`${t}${z}`)}`).filter((t) => !t.includes("'0001-01-01")),
    duck: epochUs,
    pg: pgEpochUs,
  },
  {
    ddl: 'INTERVAL',
    values: fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 }), fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n })).map(([m, d, us]) => `(to_months(${m}) + to_days(${d}) + to_microseconds(${us}))`),
    duck: (c) => `concat_ws(' ', datepart('year', ${c}) * 12 + datepart('month', ${c}), datepart('day', ${c}), datepart('hour', ${c})::BIGINT * 3600000000 + datepart('minute', ${c})::BIGINT * 60000000 + datepart('microseconds', ${c}))`,
    pg: (c) => `concat_ws(' ', (extract(year FROM ${c}) * 12 + extract(month FROM ${c}))::int, extract(day FROM ${c})::int, (extract(hour FROM ${c}) * 3600000000 + extract(minute FROM ${c}) * 60000000 + extract(microseconds FROM ${c}))::bigint)`,
  },
  { ddl: 'UUID', values: fc.uuid().map((u) => `${q(u)}::UUID`), pool: ["'00000000-0000-0000-0000-000000000001'::UUID", "'00000000-0000-0000-0000-000000000002'::UUID"] },
  { ddl: 'JSON', values: fc.jsonValue({ maxDepth: 2 }).map((v) => `${q(JSON.stringify(v))}::JSON`).filter((v) => !v.includes('\\u0000')), duck: (c) => `CAST(${c} AS VARCHAR)`, same: sameJson },
  { ddl: "ENUM('sad', 'ok', 'happy')", values: fc.constantFrom("'sad'", "'ok'", "'happy'"), invalid: fc.constantFrom("'meh'"), pool: ["'sad'", "'ok'"] },
  { ddl: 'INTEGER[]', values: fc.array(fc.option(fc.integer(), { nil: null }), { maxLength: 4 }).map((a) => `[${a.map((x) => (x === null ? 'NULL' : String(x))).join(', ')}]`), duck: json, pg: pgJson, same: sameJson },
  { ddl: 'VARCHAR[]', values: fc.array(text, { maxLength: 3 }).map((a) => `[${a.map(q).join(', ')}]`), duck: json, pg: pgJson, same: sameJson },
  { ddl: 'INTEGER[2]', values: fc.tuple(fc.integer(), fc.integer()).map(([a, b]) => `[${a}, ${b}]::INTEGER[2]`), duck: json, pg: pgJson, same: sameJson },
  {
    ddl: 'STRUCT(a INTEGER, b VARCHAR)',
    values: fc.tuple(fc.option(fc.integer(), { nil: null }), fc.option(text, { nil: null })).map(([a, b]) => `{'a': ${a ?? 'NULL'}, 'b': ${b === null ? 'NULL' : q(b)}}`),
    duck: json,
    pg: pgJson,
    same: sameJson,
  },
  {
    ddl: 'MAP(VARCHAR, INTEGER)',
    values: fc.uniqueArray(fc.tuple(fc.stringMatching(/^[a-z]{1,4}$/), fc.integer()), { maxLength: 3, selector: ([k]) => k }).map((es) => `MAP {${es.map(([k, v]) => `${q(k)}: ${v}`).join(', ')}}`),
    duck: json,
    pg: (c) => `${c}::text`,
    same: sameJson,
  },
  {
    ddl: 'UNION(n INTEGER, s VARCHAR)',
    values: fc.oneof(fc.integer().map((n) => `union_value(n := ${n})`), text.map((s) => `union_value(s := ${q(s)})`)),
    duck: (c) => `CASE WHEN ${c} IS NOT NULL THEN CAST(json_object('tag', union_tag(${c}), 'value', json_extract(to_json(${c}), '$.' || union_tag(${c}))) AS VARCHAR) END`,
    pg: (c) => `${c}::text`,
    same: sameJson,
  },
  { ddl: 'BIT', values: fc.stringMatching(/^[01]{1,12}$/).map((b) => `${q(b)}::BIT`) },
];

/** The kinds by DDL, so that test cases (and their counterexamples) name kinds by their type. */
export const DUCK_KIND: ReadonlyMap<string, DuckKind> = new Map(DUCK_KINDS.map((k) => [k.ddl, k]));
