/**
 * SQLite type names → semantic types. One row per name SQLite users write;
 * anything else follows SQLite's own affinity rules (datatype3.html §3.1).
 *
 * `declaredBits` is the width the name suggests, used only with
 * `--integers declared`: by default every SQLite integer is 64-bit, because
 * that is what SQLite stores whatever the name says.
 */
import type { SemanticType } from '../../model/semantic-type.js';
import { INT64_MAX, INT64_MIN, signedBits } from '../../model/semantic-type.js';

export interface SqliteTypeRow {
  type: (params: number[]) => SemanticType;
  reason: string;
  /** For integer names: the width the name suggests. */
  declaredBits?: 16 | 32 | 64;
}

const int64: SemanticType = { kind: 'integer', min: INT64_MIN, max: INT64_MAX };
const integer = (declaredBits: 16 | 32 | 64): SqliteTypeRow => ({
  type: () => int64,
  declaredBits,
  reason: 'SQLite integers are 64-bit whatever the declared name',
});
const text = (reason: string): SqliteTypeRow => ({
  type: (p) => ({ kind: 'text', length: p[0] ?? null, fixed: false }),
  reason,
});
const fixedText: SqliteTypeRow = {
  type: (p) => ({ kind: 'text', length: p[0] ?? null, fixed: true }),
  reason: 'CHAR(n) is neither padded nor limited in SQLite',
};
const float64: SqliteTypeRow = { type: () => ({ kind: 'float', bits: 64 }), reason: 'REAL is an 8-byte IEEE double in SQLite' };
const decimal: SqliteTypeRow = {
  type: (p) => ({ kind: 'decimal', precision: p[0] ?? null, scale: p[0] === undefined ? null : (p[1] ?? 0), enforced: false }),
  reason: 'NUMERIC affinity; precision and scale are not enforced by SQLite',
};
const timestamp: SqliteTypeRow = {
  type: () => ({ kind: 'timestamp', tz: false, precision: null, storedAs: 'text' }),
  reason: 'date/time text (CURRENT_TIMESTAMP is UTC), read as UTC',
};

export const SQLITE_TYPES: Readonly<Record<string, SqliteTypeRow>> = {
  INTEGER: integer(32),
  INT: integer(32),
  INT2: integer(16),
  INT4: integer(32),
  INT8: integer(64),
  TINYINT: integer(16),
  SMALLINT: integer(16),
  MEDIUMINT: integer(32),
  BIGINT: integer(64),
  'UNSIGNED BIG INT': integer(64),
  INT64: integer(64),

  REAL: float64,
  DOUBLE: float64,
  'DOUBLE PRECISION': float64,
  FLOAT: float64,
  FLOAT4: float64,
  FLOAT8: float64,

  TEXT: text('TEXT affinity'),
  CLOB: text('TEXT affinity'),
  VARCHAR: text('length not enforced by SQLite'),
  NVARCHAR: text('length not enforced by SQLite'),
  'CHARACTER VARYING': text('length not enforced by SQLite'),
  'VARYING CHARACTER': text('length not enforced by SQLite'),
  'NATIVE CHARACTER': text('length not enforced by SQLite'),
  STRING: text('NUMERIC affinity in SQLite, but written to hold text'),
  CHAR: fixedText,
  CHARACTER: fixedText,
  NCHAR: fixedText,

  BLOB: { type: () => ({ kind: 'blob' }), reason: 'bytes as stored' },

  NUMERIC: decimal,
  DECIMAL: decimal,
  MONEY: decimal,

  BOOLEAN: { type: () => ({ kind: 'boolean' }), reason: 'SQLite stores booleans as 0/1' },
  BOOL: { type: () => ({ kind: 'boolean' }), reason: 'SQLite stores booleans as 0/1' },

  DATE: { type: () => ({ kind: 'date' }), reason: "ISO-8601 date text ('YYYY-MM-DD')" },
  TIME: { type: () => ({ kind: 'time', tz: false }), reason: "ISO-8601 time text ('HH:MM:SS')" },
  DATETIME: timestamp,
  TIMESTAMP: timestamp,
  TIMESTAMPTZ: timestamp,

  JSON: { type: () => ({ kind: 'json' }), reason: 'JSON text (json_valid checks it)' },
  JSONB: { type: () => ({ kind: 'json' }), reason: 'JSON text' },

  UUID: { type: () => ({ kind: 'uuid', storedAs: 'text' }), reason: 'UUID text' },
};

export type Affinity = 'INTEGER' | 'TEXT' | 'BLOB' | 'REAL' | 'NUMERIC';

/** SQLite's affinity rules, first match wins (datatype3.html §3.1). */
export function sqliteAffinity(typeName: string): Affinity {
  const t = typeName.toUpperCase();
  if (t.includes('INT')) return 'INTEGER';
  if (t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT')) return 'TEXT';
  if (t.includes('BLOB') || t === '') return 'BLOB';
  if (t.includes('REAL') || t.includes('FLOA') || t.includes('DOUB')) return 'REAL';
  return 'NUMERIC';
}

export const AFFINITY_TYPES: Readonly<Record<Affinity, SemanticType>> = {
  INTEGER: int64,
  TEXT: { kind: 'text', length: null, fixed: false },
  BLOB: { kind: 'blob' },
  REAL: { kind: 'float', bits: 64 },
  NUMERIC: { kind: 'decimal', precision: null, scale: null, enforced: false },
};

/** `--integers declared`: the semantic type a declared width gives. */
export function declaredInteger(bits: 16 | 32 | 64): SemanticType {
  return signedBits(bits);
}
