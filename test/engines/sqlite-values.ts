/**
 * What a SQLite column of each declared type holds: the values drawn per
 * declared type, and the values SQLite really stores there under its affinity
 * rules (integers, reals, ISO text and Unix-epoch or Julian-day datetimes, 0/1
 * booleans, JSON text, blobs).
 *
 * Every value carries `expect`: null when PostgreSQL must hold it exactly (a
 * faithful value), else the diagnostic code the compiler must have reported
 * on the column for the divergence the value may cause (a 2 in a BOOLEAN
 * column: SP107; text in an INTEGER column of a table that is not STRICT:
 * SP115; …). A divergent value need not diverge (SQLite's affinity may turn
 * it into a faithful one); a faithful value must never.
 */
import fc from 'fast-check';
import type { DiagnosticCode } from '../../src/diagnostics/codes.js';
import type { SqliteValue } from '../support/engines.js';

export type Kind =
  | 'int'
  | 'real'
  | 'numeric'
  | 'decimal'
  | 'text'
  | 'string'
  | 'blob'
  | 'bool'
  | 'date'
  | 'time'
  | 'datetime'
  | 'json'
  | 'uuid'
  | 'untyped'
  | 'any';

export interface TypeChoice {
  kind: Kind;
  /** The declared type as written; null: no type. */
  declared: string | null;
  /** Integer names: the width the name suggests (SQLITE_TYPES' declaredBits). */
  bits?: 16 | 32 | 64;
  /** VARCHAR(n), CHAR(n), …: n. */
  length?: number;
  precision?: number;
  scale?: number;
}

export interface Gen {
  value: SqliteValue;
  expect: DiagnosticCode | null;
}

export interface ValueContext {
  strict: boolean;
  varchar: 'text' | 'keep';
  integers: 'faithful' | 'declared';
  json: 'jsonb' | 'json';
}

const ok = (value: SqliteValue): Gen => ({ value, expect: null });
const diverge = (code: DiagnosticCode) => (value: SqliteValue): Gen => ({ value, expect: code });

// ---- type names ------------------------------------------------------------

const INT_NAMES: [string, 16 | 32 | 64][] = [
  ['INTEGER', 32], ['INT', 32], ['INT2', 16], ['INT4', 32], ['INT8', 64], ['TINYINT', 16], ['SMALLINT', 16],
  ['MEDIUMINT', 32], ['BIGINT', 64], ['UNSIGNED BIG INT', 64], ['INT64', 64],
];
const REAL_NAMES = ['REAL', 'DOUBLE', 'DOUBLE PRECISION', 'FLOAT', 'FLOAT4', 'FLOAT8'];
const TEXT_NAMES = ['TEXT', 'CLOB'];
const SIZED_TEXT_NAMES = ['VARCHAR', 'NVARCHAR', 'CHARACTER VARYING', 'VARYING CHARACTER', 'NATIVE CHARACTER', 'CHAR', 'CHARACTER', 'NCHAR'];
const NUMERIC_NAMES = ['NUMERIC', 'DECIMAL', 'MONEY'];

/** Every type name the SQLite front end knows, and unknown names that follow the affinity rules. */
export const sqliteTypeArb = (strict: boolean): fc.Arbitrary<TypeChoice> => {
  if (strict) {
    // STRICT tables accept only these names (lang_createtable.html#strict).
    return fc.constantFrom<TypeChoice>(
      { kind: 'int', declared: 'INTEGER', bits: 32 },
      { kind: 'int', declared: 'INT', bits: 32 },
      { kind: 'real', declared: 'REAL' },
      { kind: 'text', declared: 'TEXT' },
      { kind: 'blob', declared: 'BLOB' },
      { kind: 'any', declared: 'ANY' },
    );
  }
  // One weight per kind, then a name within the kind, so every kind gets its share of the runs.
  return fc.oneof(
    fc.oneof(
      fc.constantFrom(...INT_NAMES).map(([declared, bits]): TypeChoice => ({ kind: 'int', declared, bits })),
      // Unknown names, by affinity: "FLOATING POINT" contains INT (the classic SQLite surprise).
      fc.constantFrom<TypeChoice>({ kind: 'int', declared: 'FLOATING POINT', bits: 64 }, { kind: 'int', declared: 'COUNTER_INT', bits: 64 }),
    ),
    fc.oneof(
      fc.constantFrom(...REAL_NAMES).map((declared): TypeChoice => ({ kind: 'real', declared })),
      fc.constantFrom<TypeChoice>({ kind: 'real', declared: 'FLOATY' }, { kind: 'real', declared: 'DOUBLE_VALUE' }),
    ),
    fc.oneof(
      fc.constantFrom(...TEXT_NAMES).map((declared): TypeChoice => ({ kind: 'text', declared })),
      fc.tuple(fc.constantFrom(...SIZED_TEXT_NAMES), fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined })).map(
        ([name, length]): TypeChoice => (length === undefined ? { kind: 'text', declared: name } : { kind: 'text', declared: `${name}(${length})`, length }),
      ),
      fc.constantFrom<TypeChoice>({ kind: 'text', declared: 'VARCHAR2(20)', length: 20 }, { kind: 'text', declared: 'SHORTTEXT' }),
    ),
    fc.constant<TypeChoice>({ kind: 'string', declared: 'STRING' }),
    fc.constantFrom<TypeChoice>({ kind: 'blob', declared: 'BLOB' }, { kind: 'blob', declared: 'BLOBISH' }),
    fc.oneof(
      fc.constantFrom(...NUMERIC_NAMES).map((declared): TypeChoice => ({ kind: 'numeric', declared })),
      fc.constant<TypeChoice>({ kind: 'numeric', declared: 'NUMBER' }),
    ),
    fc
      .tuple(fc.constantFrom('NUMERIC', 'DECIMAL'), fc.integer({ min: 1, max: 15 }))
      .chain(([name, precision]) =>
        fc.integer({ min: 0, max: Math.min(precision, 6) }).map((scale): TypeChoice => ({ kind: 'decimal', declared: `${name}(${precision},${scale})`, precision, scale })),
      ),
    fc.constantFrom<TypeChoice>({ kind: 'bool', declared: 'BOOLEAN' }, { kind: 'bool', declared: 'BOOL' }),
    fc.constant<TypeChoice>({ kind: 'date', declared: 'DATE' }),
    fc.constant<TypeChoice>({ kind: 'time', declared: 'TIME' }),
    fc.constantFrom<TypeChoice>({ kind: 'datetime', declared: 'DATETIME' }, { kind: 'datetime', declared: 'TIMESTAMP' }, { kind: 'datetime', declared: 'TIMESTAMPTZ' }),
    fc.constantFrom<TypeChoice>({ kind: 'json', declared: 'JSON' }, { kind: 'json', declared: 'JSONB' }),
    fc.constant<TypeChoice>({ kind: 'uuid', declared: 'UUID' }),
    fc.constant<TypeChoice>({ kind: 'untyped', declared: null }),
  );
};

// ---- building blocks ---------------------------------------------------------

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const int64 = fc.oneof(
  { weight: 3, arbitrary: fc.bigInt({ min: -1000n, max: 1000n }) },
  { weight: 2, arbitrary: fc.bigInt({ min: INT64_MIN, max: INT64_MAX }) },
  { weight: 1, arbitrary: fc.constantFrom(INT64_MIN, INT64_MAX, 0n, -1n, 2n ** 53n + 1n, -(2n ** 31n), 2n ** 31n - 1n, 32767n, -32768n) },
);
const bitsRange = (bits: 16 | 32 | 64) => ({ min: -(2n ** BigInt(bits - 1)), max: 2n ** BigInt(bits - 1) - 1n });

/**
 * Text PostgreSQL can hold. SQLite text may also contain U+0000, which
 * PostgreSQL text cannot hold: `nulText` draws those (announced by SP118).
 */
const pgText = (maxLength = 16, minLength = 0) =>
  fc
    .string({
      unit: fc.oneof(fc.constantFrom('a', 'B', ' ', "'", '"', '\\', '%', '_', 'é', 'ß', 'Ä', '😀', '\n', '0', '1'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })),
      minLength,
      maxLength,
    })
    .filter((s) => !s.includes('\0'));
/** Text that no affinity turns into a number. */
const letters = fc.stringMatching(/^[a-z][a-z ]{0,7}$/);
const blob = fc.uint8Array({ maxLength: 12 });
const invalidUtf8 = fc.uint8Array({ minLength: 1, maxLength: 8 }).map((b) => Uint8Array.from([0xff, ...b]));
const utf8Blob = pgText(8).map((s) => new TextEncoder().encode(s));
/** SQLite text with a NUL character, which PostgreSQL text cannot hold (SP118). */
const nulText = fc.tuple(pgText(4), pgText(4)).map(([a, b]) => `${a}\0${b}`);
const pad = (n: number, w: number) => String(n).padStart(w, '0');

const dateParts = (minYear: number, maxYear: number) =>
  fc.record({ y: fc.integer({ min: minYear, max: maxYear }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) });
const timeParts = fc.record({
  h: fc.integer({ min: 0, max: 23 }),
  mi: fc.integer({ min: 0, max: 59 }),
  s: fc.integer({ min: 0, max: 59 }),
  frac: fc.option(fc.stringMatching(/^\d{1,6}$/), { nil: undefined }),
});
const isoDate = dateParts(1, 9999).map(({ y, m, d }) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);
const lastDays = fc.constantFrom('2023-02-29', '2024-02-30', '2024-04-31', '2024-13-01', '2024-00-10', '0000-01-01');
const isoTime = fc.oneof(
  timeParts.map(({ h, mi }) => `${pad(h, 2)}:${pad(mi, 2)}`),
  timeParts.map(({ h, mi, s, frac }) => `${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}${frac ? `.${frac}` : ''}`),
);
/** ISO date/time text as SQLite's date functions read it; years kept off 0001 so that offsets stay AD. */
const isoDateTime = fc
  .tuple(dateParts(1000, 9998), timeParts, fc.constantFrom(' ', 'T'), fc.constantFrom('', '', 'Z', '+05:30', '-08:00', '+00:00'), fc.boolean())
  .map(([{ y, m, d }, { h, mi, s, frac }, sep, zone, seconds]) =>
    `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}${sep}${pad(h, 2)}:${pad(mi, 2)}${seconds || frac ? `:${pad(s, 2)}${frac ? `.${frac}` : ''}` : ''}${zone}`,
  );
/** Unix seconds outside [0, 5373484.5), which SQLite's 'auto' reads as Julian days. */
const unixSeconds = fc.oneof(
  fc.bigInt({ min: 5_373_485n, max: 253_402_300_799n }),
  fc.bigInt({ min: -30_000_000_000n, max: -1n }),
  fc.integer({ min: 100_000_000, max: 4_000_000_000 }).chain((s) => fc.integer({ min: 0, max: 999 }).map((ms) => s + ms / 1000)),
);
/** Julian day numbers from 1000 AD to 9999 AD. */
const julianDay = fc.oneof(
  fc.integer({ min: 2_086_308, max: 5_373_483 }).map((d) => d + 0.5),
  fc.double({ min: 2_086_308, max: 5_373_484, noNaN: true }),
);
const uuidHex = fc.uuid().map((u) => u.toLowerCase());

function utf8(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

/** Values for a column of this type, faithful and divergent. */
export function valueArb(t: TypeChoice, ctx: ValueContext): fc.Arbitrary<Gen> {
  const nul = fc.constant<Gen>(ok(null));
  const loose = (arb: fc.Arbitrary<SqliteValue>) => arb.map(diverge('SP115'));
  const choose = (faithful: fc.Arbitrary<Gen>[], divergent: fc.Arbitrary<Gen>[]): fc.Arbitrary<Gen> =>
    fc.oneof(
      { weight: 1, arbitrary: nul },
      { weight: 6, arbitrary: fc.oneof(...faithful) },
      ...(divergent.length ? [{ weight: 2, arbitrary: fc.oneof(...divergent) }] : []),
    );
  switch (t.kind) {
    case 'int': {
      const narrowed = ctx.integers === 'declared' && t.bits !== undefined && t.bits < 64;
      const range = narrowed ? bitsRange(t.bits as 16 | 32) : bitsRange(64);
      return choose(
        [fc.bigInt(range).map(ok), int64.filter((v) => v >= range.min && v <= range.max).map(ok), fc.constantFrom(3.0, -7.0).map(ok), fc.constantFrom('12', ' 42 ', '-5').map(ok)],
        [
          ...(narrowed ? [int64.filter((v) => v < range.min || v > range.max).map(diverge('SP116'))] : []),
          loose(letters),
          loose(blob),
          loose(fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Number.isInteger(d))),
        ],
      );
    }
    case 'real':
      return choose(
        [fc.double().map(ok), fc.constantFrom(0.1, -0, 1e308, 5e-324, Infinity, -Infinity, 1.5).map(ok), int64.map(ok), fc.constantFrom('2.5', '1e10').map(ok)],
        [loose(letters), loose(blob)],
      );
    case 'numeric':
      return choose(
        [int64.map(ok), fc.double({ noNaN: true }).map(ok), fc.constantFrom('12.50', '1e3', '0.1', '-0.0', '123456789012345678901234567890').map(ok)],
        [loose(letters), loose(blob)],
      );
    case 'decimal': {
      const p = t.precision as number;
      const s = t.scale as number;
      const intDigits = p - s;
      const maxInt = intDigits === 0 ? 0n : 10n ** BigInt(intDigits) - 1n;
      const fitting = fc
        .tuple(fc.bigInt({ min: -maxInt, max: maxInt }), fc.stringMatching(new RegExp(`^\\d{0,${s}}$`)))
        .map(([i, f]) => (f === '' ? i : `${i < 0n ? '-' : ''}${i < 0n ? -i : i}.${f}`));
      return choose(
        [fitting.map(ok)],
        [
          fc.tuple(fc.bigInt({ min: maxInt + 1n, max: maxInt * 100n + 100n }), fc.boolean()).map(([v, neg]) => (neg ? -v : v)).map(diverge('SP110')),
          fc.tuple(fc.bigInt({ min: -maxInt, max: maxInt }), fc.stringMatching(new RegExp(`^\\d{${s + 1},${s + 4}}$`))).map(([i, f]) => `${i}.${f}`).map(diverge('SP110')),
          loose(letters),
        ],
      );
    }
    case 'text': {
      const long = t.length !== undefined && ctx.varchar === 'keep';
      const max = long ? (t.length as number) : 16;
      return choose(
        [
          pgText(max).filter((x) => [...x].length <= max).map(ok),
          // TEXT affinity stores numbers as their text: faithful when that text fits.
          fc.oneof(int64, fc.constantFrom(1.5, -0.25)).filter((v) => String(v).length <= max).map(ok),
        ],
        [
          ...(long ? [pgText((t.length as number) + 8, (t.length as number) + 1).filter((x) => [...x].length > (t.length as number)).map(diverge('SP104'))] : []),
          loose(blob),
          nulText.filter((x) => [...x].length <= max).map(diverge('SP118')),
        ],
      );
    }
    case 'string':
      return choose([pgText().map(ok), int64.map(ok), fc.constantFrom('12', '1.50', '007').map(ok)], [loose(blob)]);
    case 'blob':
      // Text in a BLOB column loads as its UTF-8 bytes.
      return choose([blob.map(ok), pgText().map(ok)], [loose(int64), loose(fc.double({ noNaN: true }))]);
    case 'bool':
      return choose(
        [fc.constantFrom(0n, 1n, 0, 1).map(ok), fc.constantFrom('true', 'false', 't', 'f', 'yes', 'no', 'TRUE').map(ok)],
        [fc.constantFrom(2n, -1n, 0.5, 'maybe', 'truthy').map(diverge('SP107')), blob.map(diverge('SP107'))],
      );
    case 'date':
      return choose(
        [isoDate.map(ok), fc.integer({ min: 2_086_308, max: 5_373_483 }).map((d) => ok(d + 0.5))],
        [lastDays.map(diverge('SP106')), isoDateTime.filter((x) => !/[T ]00:00(:00)?(\.0+)?(Z|\+00:00)?$/.test(x)).map(diverge('SP106')), letters.map(diverge('SP106'))],
      );
    case 'time':
      return choose([isoTime.map(ok)], [fc.constantFrom('24:00', '12:60', '7:30', '10:00:00Z').map(diverge('SP106')), letters.map(diverge('SP106')), int64.map(diverge('SP106'))]);
    case 'datetime':
      return choose(
        [isoDateTime.map(ok), isoDate.map(ok), unixSeconds.map(ok), julianDay.map(ok)],
        [
          lastDays.map((d) => `${d} 10:00:00`).map(diverge('SP106')),
          letters.map(diverge('SP106')),
          fc.constantFrom(1e15, -1e15, 253_402_300_800).map(diverge('SP106')),
          blob.map(diverge('SP106')),
        ],
      );
    case 'json': {
      const json = fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v));
      return choose(
        [json.map((j) => (ctx.json === 'jsonb' && /\\u0000/.test(j) ? { value: j, expect: 'SP109' as const } : ok(j))), int64.map(ok), fc.constantFrom(1.5, -0.125).map(ok)],
        [fc.constantFrom('{"a":', 'abc', "{'a': 1}", 'NaN', '').map(diverge('SP109')), loose(blob)],
      );
    }
    case 'uuid':
      return choose(
        [uuidHex.map(ok), uuidHex.map((u) => ok(u.toUpperCase())), uuidHex.map((u) => ok(u.replace(/-/g, ''))), uuidHex.map((u) => ok(`{${u}}`)), uuidHex.map((u) => ok(Uint8Array.from(Buffer.from(u.replace(/-/g, ''), 'hex'))))],
        [fc.constantFrom('not-a-uuid', '1234', 'g0000000-0000-0000-0000-000000000000').map(diverge('SP111')), int64.map(diverge('SP111')), blob.filter((b) => b.length !== 16).map(diverge('SP111'))],
      );
    case 'untyped':
    case 'any': {
      const code = t.kind === 'any' ? 'SP108' : 'SP102';
      return choose([pgText().map(ok), int64.map(ok), fc.double({ noNaN: true }).map(ok), utf8Blob.map(ok), fc.constant(ok(utf8('x')))], [invalidUtf8.map(diverge(code))]);
    }
  }
}
