/**
 * Source values → PostgreSQL values, by the mapping decisions the compiler
 * made for the column (its PgType and the source column's semantic type).
 *
 * The result is the value in PostgreSQL's text input syntax (or null), ready
 * to be sent as a query parameter or written by COPY: exact for every type
 * (integers and numerics as decimal digits, doubles as the shortest text that
 * reads back as the same double, bytes as `\x` hex, instants in UTC to the
 * microsecond).
 *
 * A value the PostgreSQL column cannot hold without changing it raises a
 * `ConversionError` naming the diagnostic that announced the divergence when
 * the schema was translated (SP107 for a 2 in a BOOLEAN column, SP104 for a
 * value longer than a kept VARCHAR(n), …), so a data copy can point at it.
 * Nothing is ever changed silently, with one documented exception that
 * PostgreSQL itself makes and the compiler reports: numeric(p,s) rounds to s
 * decimal places (SP110).
 *
 * SQLite values come as its storage classes hold them: null, integer
 * (bigint, or a safe-integer number), real (number), text (string) and blob
 * (Uint8Array). Date/time columns accept ISO-8601 text and numbers (Unix
 * seconds or Julian day numbers, by SQLite's 'auto' rule); booleans accept
 * 0/1 and the boolean words the compiler maps in defaults ('true', 'f', …).
 */
import type { DiagnosticCode } from '../diagnostics/codes.js';
import type { Dialect } from '../model/schema.js';
import type { SemanticType } from '../model/semantic-type.js';
import type { ValueType } from '../passes/expressions/sql-fragment.js';
import type { PgType } from '../passes/postgres-types.js';
import {
  formatDate,
  formatTime,
  formatTimestamp,
  parseIsoDateTime,
  parseIsoTime,
  splitMicros,
  sqliteNumberToMicros,
} from './datetime.js';
import { convertDuckdbValue, isDuckdbValue } from './duckdb-values.js';
import { parseDecimal } from './decimal.js';

/** A value in PostgreSQL's text input syntax, or SQL NULL. */
export type PgText = string | null;

/** What the conversion of one column needs: a `PgColumn` fits, plus what is known of the source. */
export interface ConvertColumn {
  /** The PostgreSQL column name (for messages). */
  name: string;
  type: PgType;
  valueType: ValueType;
  /** The source column's semantic type; when absent, the PostgreSQL type decides alone. */
  source?: SemanticType;
  /** Source dialect; 'sqlite' when absent. */
  dialect?: Dialect;
  /**
   * The diagnostic that announced that the source column may hold values of
   * another type: SP115 (a typed column of a SQLite table that is not STRICT),
   * SP102 (no declared type), SP108 (ANY). Null: the source enforces the type.
   */
  looseTypeCode?: DiagnosticCode | null;
  /**
   * Date/time columns: read integers beyond SQLite's Unix-seconds range as
   * Unix milliseconds (as JavaScript's Date.now() stores them). SQLite's own
   * date functions give NULL for them; data copies opt in.
   */
  unixMilliseconds?: boolean;
}

/** Thrown when a source value cannot be held by its PostgreSQL column as the source meant it; names the column, the value and the diagnostic that announced the case. */
export class ConversionError extends Error {
  constructor(
    /** The PostgreSQL column. */
    readonly column: string,
    readonly value: unknown,
    /** Why the value cannot be loaded, in a sentence. */
    readonly reason: string,
    /** The translation diagnostic that announced this divergence; null when none did. */
    readonly code: DiagnosticCode | null,
  ) {
    super(`${column}: ${reason}${code ? ` (${code})` : ''}`);
    this.name = 'ConversionError';
  }
}

const INTEGER_BOUNDS: Record<string, readonly [bigint, bigint]> = {
  smallint: [-32768n, 32767n],
  integer: [-2147483648n, 2147483647n],
  bigint: [-9223372036854775808n, 9223372036854775807n],
};

const TRUE_WORDS = new Set(['1', 't', 'true', 'yes', 'on', 'y']);
const FALSE_WORDS = new Set(['0', 'f', 'false', 'no', 'off', 'n']);

/** A double as the shortest text PostgreSQL reads back as the same double (float8in rounds correctly). */
export function doubleText(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  if (Object.is(n, -0)) return '-0';
  return String(n);
}

/** Lower-case hex digits of bytes (no Node-only APIs: the library also runs in browsers). */
export function hexOf(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** A bytea value in hex input syntax. */
export function byteaText(bytes: Uint8Array): string {
  return `\\x${hexOf(bytes)}`;
}

function isBytes(v: unknown): v is Uint8Array {
  return v instanceof Uint8Array;
}

function describe(v: unknown): string {
  if (typeof v === 'string') return `text ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (typeof v === 'bigint') return `integer ${v}`;
  if (typeof v === 'number') return Number.isInteger(v) ? `number ${doubleText(v)}` : `real ${doubleText(v)}`;
  if (isBytes(v)) return `a ${v.byteLength}-byte blob`;
  if (typeof v === 'boolean') return `boolean ${v}`;
  return `a ${typeof v}`;
}

/** Digits left of the point after PostgreSQL rounds to `scale` places (half away from zero). */
function integerDigitsAfterRounding(d: { int: string; frac: string }, scale: number): number {
  let int = d.int;
  if (d.frac.length > scale && (d.frac.charCodeAt(scale) - 48) >= 5 && /^9*$/.test(d.frac.slice(0, scale))) {
    int = (BigInt(int) + 1n).toString();
  }
  return int === '0' ? 0 : int.length;
}

interface Ctx {
  column: ConvertColumn;
  fail(reason: string, code: DiagnosticCode | null): never;
  /** A value of a storage class this column's type does not hold. */
  wrongType(v: unknown, what: string): never;
}

function convertInteger(v: unknown, ctx: Ctx): string {
  let n: bigint;
  if (typeof v === 'bigint') n = v;
  else if (typeof v === 'number' && Number.isInteger(v)) n = BigInt(v);
  else if (typeof v === 'boolean') n = v ? 1n : 0n;
  else return ctx.wrongType(v, 'an integer');
  const type = ctx.column.type;
  const bounds = INTEGER_BOUNDS[type.base];
  const [min, max] = type.range ? [BigInt(type.range.min), BigInt(type.range.max)] : (bounds ?? [null, null]);
  if ((min !== null && n < min) || (max !== null && n > max)) {
    const source = ctx.column.source;
    const narrowed = ctx.column.dialect !== 'duckdb' && source?.kind === 'integer' && BigInt(source.max) < 9223372036854775807n;
    ctx.fail(`${n} is out of the range of ${type.sql}${type.range ? ` (${type.range.min} to ${type.range.max})` : ''}`, narrowed ? 'SP116' : null);
  }
  return n.toString();
}

function convertFloat(v: unknown, ctx: Ctx): string {
  if (typeof v === 'number') {
    if (ctx.column.type.base === 'real' && Number.isFinite(v) && Math.fround(v) !== v) {
      ctx.fail(`${doubleText(v)} is not exactly representable as real (4-byte float)`, null);
    }
    return doubleText(v);
  }
  if (typeof v === 'bigint') {
    if (BigInt(Number(v)) !== v) ctx.fail(`integer ${v} is not exactly representable as ${ctx.column.type.sql}`, null);
    return v.toString();
  }
  return ctx.wrongType(v, 'a number');
}

const MODIFIERS = new WeakMap<PgType, { precision: number; scale: number } | null>();

/** numeric(p,s) from the column's SQL text, or null for unconstrained numeric (cached: it is asked for every value). */
function numericModifiers(type: PgType): { precision: number; scale: number } | null {
  let mods = MODIFIERS.get(type);
  if (mods === undefined) {
    const m = /^numeric\((\d+)(?:,\s*(\d+))?\)$/.exec(type.sql);
    mods = m ? { precision: Number(m[1]), scale: Number(m[2] ?? 0) } : null;
    MODIFIERS.set(type, mods);
  }
  return mods;
}

function convertNumeric(v: unknown, ctx: Ctx): string {
  let text: string;
  if (typeof v === 'bigint') text = v.toString();
  else if (typeof v === 'number') text = doubleText(v);
  else if (typeof v === 'string' && ctx.column.dialect === 'duckdb' && parseDecimal(v)) text = v;
  else return ctx.wrongType(v, 'a number');
  const mods = numericModifiers(ctx.column.type);
  if (mods) {
    if (!Number.isFinite(Number(text)) && !/^-?\d/.test(text)) {
      ctx.fail(`${text} does not fit ${ctx.column.type.sql}`, ctx.column.dialect === 'duckdb' ? null : 'SP110');
    }
    const d = parseDecimal(text);
    if (d && integerDigitsAfterRounding(d, mods.scale) > mods.precision - mods.scale) {
      ctx.fail(`${text} has more than ${mods.precision - mods.scale} digits before the decimal point, which ${ctx.column.type.sql} allows`, ctx.column.dialect === 'duckdb' ? null : 'SP110');
    }
  }
  if (ctx.column.type.range) {
    const d = parseDecimal(text);
    if (!d || d.frac !== '') ctx.fail(`${text} is not an integer`, null);
    return convertInteger(BigInt(`${d.negative ? '-' : ''}${d.int}`), ctx);
  }
  return text;
}

function checkText(s: string, ctx: Ctx): string {
  if (s.includes('\0')) ctx.fail('PostgreSQL text cannot hold the NUL character (U+0000)', 'SP118');
  const length = /^varchar\((\d+)\)$/.exec(ctx.column.type.sql);
  if (length) {
    const n = Number(length[1]);
    const chars = [...s].length;
    if (chars > n) ctx.fail(`${chars} characters are longer than ${ctx.column.type.sql}`, 'SP104');
  }
  return s;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function convertText(v: unknown, ctx: Ctx): string {
  if (typeof v === 'string') return checkText(v, ctx);
  if (typeof v === 'bigint') return checkText(v.toString(), ctx);
  if (typeof v === 'number') return checkText(doubleText(v), ctx);
  if (typeof v === 'boolean') return checkText(v ? '1' : '0', ctx);
  if (isBytes(v)) {
    // A column without a type (SP102) or ANY (SP108) gives blobs back as their UTF-8 text; a typed column holds no blobs.
    const untyped = ctx.column.looseTypeCode === 'SP102' || ctx.column.looseTypeCode === 'SP108';
    if (!untyped) return ctx.wrongType(v, 'text');
    let s: string;
    try {
      s = UTF8.decode(v);
    } catch {
      return ctx.wrongType(v, 'text (it is not valid UTF-8)');
    }
    return checkText(s, ctx);
  }
  return ctx.wrongType(v, 'text');
}

function convertBytea(v: unknown, ctx: Ctx): string {
  if (isBytes(v)) return byteaText(v);
  // Text in a blob column: its UTF-8 bytes, as SQLite's CAST(x AS BLOB) gives them (and the compiler does for defaults).
  if (typeof v === 'string') return byteaText(new TextEncoder().encode(v));
  return ctx.wrongType(v, 'bytes');
}

function convertBoolean(v: unknown, ctx: Ctx): string {
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if ((typeof v === 'bigint' || typeof v === 'number') && (v == 0 || v == 1)) return v == 1 ? 'true' : 'false';
  if (typeof v === 'string') {
    const word = v.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return 'true';
    if (FALSE_WORDS.has(word)) return 'false';
  }
  return ctx.fail(`${describe(v)} is not 0 or 1`, ctx.column.dialect === 'duckdb' ? null : 'SP107');
}

/** The instant a SQLite date/time value denotes, or null. */
function sqliteInstant(v: unknown, milliseconds: boolean): { micros: bigint; hasTime: boolean } | null {
  if (typeof v === 'string') return parseIsoDateTime(v);
  if (typeof v === 'number' || typeof v === 'bigint') {
    const micros = sqliteNumberToMicros(Number(v), milliseconds);
    return micros === null ? null : { micros, hasTime: true };
  }
  return null;
}

function convertTimestamp(v: unknown, ctx: Ctx, withZone: boolean): string {
  const instant = sqliteInstant(v, ctx.column.unixMilliseconds === true);
  if (!instant) return ctx.fail(`${describe(v)} is not a date/time value`, 'SP106');
  return formatTimestamp(instant.micros, withZone);
}

function convertDate(v: unknown, ctx: Ctx): string {
  const instant = sqliteInstant(v, ctx.column.unixMilliseconds === true);
  if (!instant) return ctx.fail(`${describe(v)} is not a date`, 'SP106');
  const { year, month, day, timeMicros } = splitMicros(instant.micros);
  if (timeMicros !== 0n) ctx.fail(`${describe(v)} has a time of day, which a date column cannot keep`, 'SP106');
  const d = formatDate(year, month, day);
  return d.bc ? `${d.text} BC` : d.text;
}

function convertTime(v: unknown, ctx: Ctx): string {
  const micros = typeof v === 'string' ? parseIsoTime(v) : null;
  if (micros === null) return ctx.fail(`${describe(v)} is not a time of day (HH:MM[:SS[.fff]])`, 'SP106');
  return formatTime(micros);
}

/** JSON text PostgreSQL accepts: valid JSON, and for jsonb no \u0000 escape. */
function convertJson(v: unknown, ctx: Ctx): string {
  const code: DiagnosticCode | null = ctx.column.dialect === 'duckdb' ? null : 'SP109';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) ctx.fail(`${describe(v)} is not a JSON value`, code);
    return doubleText(Object.is(v, -0) ? 0 : v);
  }
  if (typeof v !== 'string') return ctx.wrongType(v, 'JSON text');
  try {
    JSON.parse(v);
  } catch {
    ctx.fail(`${describe(v)} is not valid JSON`, code);
  }
  if (v.includes('\0')) ctx.fail('PostgreSQL text cannot hold the NUL character (U+0000)', 'SP118');
  if (ctx.column.type.base === 'jsonb' && /\\u0000/i.test(v.replace(/\\\\/g, ''))) {
    ctx.fail('jsonb cannot hold the NUL character (\\u0000)', code);
  }
  return v;
}

const UUID_HEX = /^[0-9a-f]{32}$/;

function convertUuid(v: unknown, ctx: Ctx): string {
  let hex: string | null = null;
  if (typeof v === 'string') {
    const inner = /^\{(.*)\}$/.exec(v)?.[1] ?? v;
    const lower = inner.toLowerCase();
    if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(lower) || UUID_HEX.test(lower)) hex = lower.replace(/-/g, '');
  } else if (isBytes(v) && v.byteLength === 16) {
    hex = hexOf(v);
  }
  if (hex === null) return ctx.fail(`${describe(v)} is not a UUID`, ctx.column.dialect === 'duckdb' ? null : 'SP111');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Converts one source value for a PostgreSQL column. Throws `ConversionError`
 * when PostgreSQL cannot hold the value as the source meant it.
 */
export function convertValue(value: unknown, column: ConvertColumn): PgText {
  if (value === null || value === undefined) return null;
  const ctx: Ctx = {
    column,
    fail(reason, code) {
      throw new ConversionError(column.name, value, reason, code);
    },
    wrongType(v, what) {
      throw new ConversionError(column.name, v, `${describe(v)} is not ${what}`, column.looseTypeCode ?? null);
    },
  };
  if (isDuckdbValue(value)) return convertDuckdbValue(value, column, (reason) => ctx.fail(reason, null), convertValue);
  switch (column.valueType) {
    case 'integer':
      return convertInteger(value, ctx);
    case 'float':
      return convertFloat(value, ctx);
    case 'numeric':
      return convertNumeric(value, ctx);
    case 'text':
      return convertText(value, ctx);
    case 'bytea':
      return convertBytea(value, ctx);
    case 'boolean':
      return convertBoolean(value, ctx);
    case 'timestamptz':
      return convertTimestamp(value, ctx, true);
    case 'timestamp':
      return convertTimestamp(value, ctx, false);
    case 'date':
      return convertDate(value, ctx);
    case 'time':
      return convertTime(value, ctx);
    case 'json':
      return convertJson(value, ctx);
    case 'uuid':
      return convertUuid(value, ctx);
    default:
      if (typeof value === 'string') return checkText(value, ctx);
      if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean') return String(value);
      if (isBytes(value)) return byteaText(value);
      return ctx.fail(`${describe(value)} has no PostgreSQL text form for ${column.type.sql}`, null);
  }
}

/** `convertValue` without the exception. */
export function tryConvertValue(value: unknown, column: ConvertColumn): { ok: true; value: PgText } | { ok: false; error: ConversionError } {
  try {
    return { ok: true, value: convertValue(value, column) };
  } catch (error) {
    if (error instanceof ConversionError) return { ok: false, error };
    throw error;
  }
}
