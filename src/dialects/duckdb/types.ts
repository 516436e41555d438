/**
 * DuckDB type names → semantic types: one row per name DuckDB accepts (the
 * names and aliases `duckdb_types()` lists in DuckDB 1.5), each with the
 * decision and its reason. Nested types (STRUCT, MAP, UNION, ENUM, lists) are
 * built from their parts in resolve-type.ts; what each semantic type becomes
 * in PostgreSQL is decided in src/passes/postgres-types.ts.
 *
 * Unlike SQLite, DuckDB enforces its types: integer ranges, DECIMAL precision
 * and scale, dates and enums are checked on insert. VARCHAR(n) is the one
 * modifier DuckDB parses and ignores.
 */
import type { DiagnosticCode } from '../../diagnostics/codes.js';
import type { SemanticType } from '../../model/semantic-type.js';
import { signedBits, unsignedBits } from '../../model/semantic-type.js';

export interface DuckdbTypeRow {
  /** `params`: the numeric modifiers as written, e.g. DECIMAL(10,2) → [10, 2]. */
  type: (params: number[]) => SemanticType;
  reason: string;
  /** Reported where the name is used (a lossy or surprising mapping). */
  note?: DiagnosticCode;
}

const row = (type: SemanticType, reason: string, note?: DiagnosticCode): DuckdbTypeRow =>
  note ? { type: () => type, reason, note } : { type: () => type, reason };

const int = (bits: 8 | 16 | 32 | 64 | 128, reason: string): DuckdbTypeRow => row(signedBits(bits), reason);
const uint = (bits: 8 | 16 | 32 | 64 | 128, reason: string): DuckdbTypeRow => row(unsignedBits(bits), reason);

const text: DuckdbTypeRow = {
  type: (p) => ({ kind: 'text', length: p[0] ?? null, fixed: false }),
  reason: 'VARCHAR; a length modifier is parsed but not enforced by DuckDB',
};
const fixedText: DuckdbTypeRow = {
  type: (p) => ({ kind: 'text', length: p[0] ?? null, fixed: true }),
  reason: 'CHAR(n) is VARCHAR in DuckDB: neither padded nor limited',
};

/** DECIMAL: bare → (18,3); (p) → (p,0). DuckDB enforces both. */
const decimal: DuckdbTypeRow = {
  type: (p) => ({ kind: 'decimal', precision: p[0] ?? 18, scale: p[0] === undefined ? 3 : (p[1] ?? 0), enforced: true }),
  reason: 'DuckDB DECIMAL(p,s) rounds to s places and rejects more than p−s integer digits; bare DECIMAL is DECIMAL(18,3)',
};

/** FLOAT(p): up to 24 bits of mantissa is a 4-byte float, more a double (as in PostgreSQL). */
const float: DuckdbTypeRow = {
  type: (p) => ({ kind: 'float', bits: p[0] !== undefined && p[0] > 24 ? 64 : 32 }),
  reason: 'FLOAT and REAL are 4-byte IEEE floats in DuckDB (unlike SQLite, where REAL is 8 bytes)',
};
const double = row({ kind: 'float', bits: 64 }, '8-byte IEEE float');

const timestamp = (precision: number | null, reason: string, note?: DiagnosticCode): DuckdbTypeRow =>
  row({ kind: 'timestamp', tz: false, precision, storedAs: 'native' }, reason, note);

/**
 * TIMESTAMP(p) picks one of DuckDB's four timestamp types:
 * 0 → TIMESTAMP_S, 1–3 → TIMESTAMP_MS, 4–6 → TIMESTAMP (µs), 7–9 → TIMESTAMP_NS.
 */
const timestampWithPrecision: DuckdbTypeRow = {
  type: (p) => {
    const n = p[0];
    const precision = n === undefined ? null : n === 0 ? 0 : n <= 3 ? 3 : n <= 6 ? null : 9;
    return { kind: 'timestamp', tz: false, precision, storedAs: 'native' };
  },
  reason: 'timestamp without time zone, microseconds (TIMESTAMP(p) selects TIMESTAMP_S/_MS/_NS)',
};

const blob = row({ kind: 'blob' }, 'bytes');
const bool = row({ kind: 'boolean' }, 'boolean');

export const DUCKDB_TYPES: Readonly<Record<string, DuckdbTypeRow>> = {
  BOOLEAN: bool,
  BOOL: bool,
  LOGICAL: bool,

  TINYINT: int(8, '−128…127: smallint with a CHECK'),
  INT1: int(8, 'TINYINT'),
  SMALLINT: int(16, 'smallint'),
  INT2: int(16, 'SMALLINT'),
  INT16: int(16, 'SMALLINT'),
  SHORT: int(16, 'SMALLINT'),
  INTEGER: int(32, 'integer'),
  INT: int(32, 'INTEGER'),
  INT4: int(32, 'INTEGER'),
  INT32: int(32, 'INTEGER'),
  SIGNED: int(32, 'INTEGER'),
  INTEGRAL: int(32, 'INTEGER'),
  BIGINT: int(64, 'bigint'),
  INT8: int(64, 'BIGINT (8 bytes, as in PostgreSQL; not 8 bits)'),
  INT64: int(64, 'BIGINT'),
  LONG: int(64, 'BIGINT'),
  OID: int(64, 'BIGINT'),
  HUGEINT: int(128, '−2^127…2^127−1: numeric(39,0) with a CHECK'),
  INT128: int(128, 'HUGEINT'),
  UTINYINT: uint(8, '0…255: smallint with a CHECK'),
  UINT8: uint(8, 'UTINYINT (8 bits)'),
  USMALLINT: uint(16, '0…65535: integer with a CHECK'),
  UINT16: uint(16, 'USMALLINT'),
  UINTEGER: uint(32, '0…4294967295: bigint with a CHECK'),
  UINT32: uint(32, 'UINTEGER'),
  UBIGINT: uint(64, '0…2^64−1: numeric(20,0) with a CHECK'),
  UINT64: uint(64, 'UBIGINT'),
  UHUGEINT: uint(128, '0…2^128−1: numeric(39,0) with a CHECK'),
  UINT128: uint(128, 'UHUGEINT'),
  BIGNUM: row({ kind: 'decimal', precision: null, scale: null, enforced: true }, 'arbitrary-precision integer: numeric', 'SP605'),
  VARINT: row({ kind: 'decimal', precision: null, scale: null, enforced: true }, 'BIGNUM', 'SP605'),

  DECIMAL: decimal,
  DEC: decimal,
  NUMERIC: decimal,

  FLOAT: float,
  FLOAT4: float,
  REAL: float,
  DOUBLE: double,
  FLOAT8: double,
  'DOUBLE PRECISION': double,

  VARCHAR: text,
  TEXT: text,
  STRING: text,
  NVARCHAR: text,
  'CHARACTER VARYING': text,
  CHAR: fixedText,
  CHARACTER: fixedText,
  BPCHAR: fixedText,

  BLOB: blob,
  BYTEA: blob,
  BINARY: blob,
  VARBINARY: blob,

  BIT: row({ kind: 'bit' }, 'variable-length bit string: varbit'),
  BITSTRING: row({ kind: 'bit' }, 'BIT'),

  DATE: row({ kind: 'date' }, 'date'),
  TIME: row({ kind: 'time', tz: false }, 'time of day, microseconds'),
  TIME_NS: row({ kind: 'time', tz: false }, 'time of day, nanoseconds: rounded to microseconds', 'SP603'),
  TIMETZ: row({ kind: 'time', tz: true }, 'time with a UTC offset'),
  'TIME WITH TIME ZONE': row({ kind: 'time', tz: true }, 'TIMETZ'),
  'TIME WITHOUT TIME ZONE': row({ kind: 'time', tz: false }, 'TIME'),
  TIMESTAMP: timestampWithPrecision,
  DATETIME: timestamp(null, 'TIMESTAMP'),
  TIMESTAMP_US: timestamp(null, 'TIMESTAMP'),
  'TIMESTAMP WITHOUT TIME ZONE': timestampWithPrecision,
  TIMESTAMP_S: timestamp(0, 'seconds: precision 0'),
  TIMESTAMP_MS: timestamp(3, 'milliseconds: precision 3'),
  TIMESTAMP_NS: timestamp(9, 'nanoseconds: rounded to microseconds', 'SP603'),
  TIMESTAMPTZ: row({ kind: 'timestamp', tz: true, precision: null, storedAs: 'native' }, 'an instant: timestamptz'),
  'TIMESTAMP WITH TIME ZONE': row({ kind: 'timestamp', tz: true, precision: null, storedAs: 'native' }, 'TIMESTAMPTZ'),
  INTERVAL: row({ kind: 'interval' }, 'months, days and microseconds, as in PostgreSQL'),

  UUID: row({ kind: 'uuid', storedAs: 'native' }, 'uuid'),
  GUID: row({ kind: 'uuid', storedAs: 'native' }, 'UUID'),
  JSON: row({ kind: 'json' }, 'JSON text (json extension): jsonb'),
  VARIANT: row({ kind: 'json' }, 'a value of any type: jsonb', 'SP616'),
};

/** DuckDB types with no PostgreSQL translation, and what to do instead. */
export const DUCKDB_UNSUPPORTED_TYPES: Readonly<Record<string, { why: string; hint: string }>> = {
  GEOMETRY: { why: 'it needs PostGIS', hint: 'Install PostGIS and declare the column as geometry, or store WKB in a bytea column.' },
  NULL: { why: 'a column of type NULL holds only NULL', hint: 'Declare the type the column should hold.' },
};
