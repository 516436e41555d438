/**
 * When a value read back from PostgreSQL (as text, under the canonical
 * session settings of test/support/engines.ts) is "the same" as the value the
 * source engine stored. The stated equivalence, per PostgreSQL type:
 *
 *  - integers: the same integer, exactly (64-bit and beyond).
 *  - double precision / real: bit-exact (Object.is on the parsed double: -0,
 *    NaN and ±Infinity included).
 *  - numeric: the same decimal number, exactly (trailing zeros aside); a REAL
 *    source value is the decimal SQLite prints for it (the shortest that reads
 *    back as the same double). numeric(p,s) rounding is the one permitted
 *    divergence, and only where the compiler reported SP110.
 *  - text: the same characters; a number SQLite kept in an untyped column
 *    reads back as the same number; a blob there as its UTF-8 text.
 *  - bytea: the same bytes (text SQLite kept in a BLOB column: its UTF-8 bytes).
 *  - boolean: 0/1 (and the words 'true', 'f', …) as false/true.
 *  - timestamptz / timestamp: the same instant (UTC) to the microsecond. The
 *    oracle is SQLite itself: strftime() gives the UTC second (zones and
 *    Unix/Julian numbers applied by SQLite's 'auto' rule) and the
 *    sub-second part is SQLite's millisecond for numbers, the text's own
 *    digits for text.
 *  - date: SQLite's date(); time: SQLite's time() plus the text's fraction.
 *  - json / jsonb: deep-equal after JSON.parse (numbers compared as doubles).
 *  - uuid: the same 128 bits (case, hyphens and braces aside).
 */
import type { ValueType } from '../../src/passes/expressions/sql-fragment.js';
import type { SqliteValue } from '../support/engines.js';
import { parseDecimal, type Decimal } from '../../src/convert/decimal.js';

export function decimalText(d: Decimal): string {
  return `${d.negative ? '-' : ''}${d.int}${d.frac ? `.${d.frac}` : ''}`;
}

/** Rounds half away from zero to `scale` places, as PostgreSQL's numeric does. */
export function roundDecimal(d: Decimal, scale: number): Decimal {
  if (d.frac.length <= scale) return d;
  const kept = BigInt(`${d.int}${d.frac.slice(0, scale)}`) + ((d.frac.charCodeAt(scale) - 48) >= 5 ? 1n : 0n);
  const digits = kept.toString().padStart(scale + 1, '0');
  const int = digits.slice(0, digits.length - scale).replace(/^0+/, '') || '0';
  const frac = digits.slice(digits.length - scale).replace(/0+$/, '');
  return { negative: d.negative && /[1-9]/.test(int + frac), int, frac };
}

/** SQLite's own reading of a date/time value, selected next to it (see `oracleSql`). */
export interface Oracle {
  /** strftime('%Y-%m-%d %H:%M:%S', v, 'auto') */
  second: string | null;
  /** strftime('%f', v, 'auto'): 'SS.SSS' */
  fracSeconds: string | null;
  /** date(v, 'auto') */
  date: string | null;
  /** time(v) */
  time: string | null;
}

/**
 * SQLite's reading of a stored date/time value. Text is read without its
 * sub-second digits (SQLite rounds them to the millisecond, which can carry
 * into the next second); those digits are compared on their own.
 */
export function sqliteOracle(all: (sql: string, params: SqliteValue[]) => SqliteValue[][], value: SqliteValue): Oracle {
  const v = typeof value === 'string' ? value.replace(/(\d{2}:\d{2}:\d{2})\.\d+/, '$1') : value;
  const row = all("SELECT strftime('%Y-%m-%d %H:%M:%S', ?1, 'auto'), strftime('%f', ?1, 'auto'), date(?1, 'auto'), time(?1)", [v])[0] ?? [];
  const text = (x: SqliteValue | undefined) => (typeof x === 'string' ? x : null);
  return { second: text(row[0]), fracSeconds: text(row[1]), date: text(row[2]), time: text(row[3]) };
}

const TRUE_WORDS = ['1', 't', 'true', 'yes', 'on', 'y'];
const FALSE_WORDS = ['0', 'f', 'false', 'no', 'off', 'n'];

function sqliteBoolean(v: SqliteValue): boolean | null {
  if (typeof v === 'bigint' || typeof v === 'number') return v == 1 ? true : v == 0 ? false : null;
  if (typeof v === 'string') {
    const w = v.trim().toLowerCase();
    return TRUE_WORDS.includes(w) ? true : FALSE_WORDS.includes(w) ? false : null;
  }
  return null;
}

function hex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

/** The sub-second digits a text value carries after its seconds, padded to microseconds. */
function textFraction(v: string): string {
  const m = /\d{2}:\d{2}:\d{2}\.(\d+)/.exec(v);
  return (m?.[1] ?? '').padEnd(6, '0').slice(0, 6);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return deepEqual(ka, kb) && ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}

/** A PostgreSQL timestamp's text as [second 'YYYY-MM-DD HH:MM:SS', µs 'ffffff']. */
function splitPgTimestamp(pg: string): [string, string] | null {
  const m = /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?(\+00)?$/.exec(pg);
  return m ? [m[1] as string, (m[2] ?? '').padEnd(6, '0')] : null;
}

export type Comparison = { equal: true } | { equal: false; why: string; permittedBy?: 'SP110' };

const same: Comparison = { equal: true };
const differ = (why: string): Comparison => ({ equal: false, why });

/**
 * Compares the value SQLite stored with PostgreSQL's text of the value loaded
 * from it. `pgType` is the column's PostgreSQL type as written (numeric(p,s)).
 */
export function compareSqliteValue(kind: ValueType, pgType: string, stored: SqliteValue, oracle: Oracle, pg: string | null): Comparison {
  if (stored === null || pg === null) return stored === null && pg === null ? same : differ(`NULL vs ${String(pg)}`);
  const show = `${typeof stored === 'string' ? JSON.stringify(stored) : stored instanceof Uint8Array ? `x'${hex(stored)}'` : String(stored)} vs ${JSON.stringify(pg)}`;
  switch (kind) {
    case 'integer':
      return (typeof stored === 'bigint' || (typeof stored === 'number' && Number.isInteger(stored))) && BigInt(stored) === BigInt(pg) ? same : differ(show);
    case 'float':
      return typeof stored !== 'string' && !(stored instanceof Uint8Array) && Object.is(Number(pg), Number(stored)) ? same : differ(show);
    case 'numeric': {
      const expected = typeof stored === 'bigint' ? stored.toString() : typeof stored === 'number' ? (Number.isFinite(stored) ? String(stored) : String(stored)) : null;
      if (expected === null) return differ(show);
      if (!Number.isFinite(Number(expected)) || pg === 'NaN') return expected === pg ? same : differ(show);
      const a = parseDecimal(expected);
      const b = parseDecimal(pg);
      if (!a || !b) return differ(show);
      if (decimalText(a) === decimalText(b)) return same;
      const scale = /^numeric\(\d+,(\d+)\)$/.exec(pgType)?.[1];
      if (scale !== undefined && decimalText(roundDecimal(a, Number(scale))) === decimalText(b)) return { equal: false, why: `rounded: ${show}`, permittedBy: 'SP110' };
      return differ(show);
    }
    case 'text':
      if (typeof stored === 'string') return stored === pg ? same : differ(show);
      if (typeof stored === 'bigint') return stored.toString() === pg ? same : differ(show);
      if (typeof stored === 'number') return Object.is(Number(pg), stored) || (stored === 0 && Number(pg) === 0) ? same : differ(show);
      return new TextDecoder().decode(stored) === pg ? same : differ(show);
    case 'bytea':
      if (typeof stored === 'string') return `\\x${hex(new TextEncoder().encode(stored))}` === pg ? same : differ(show);
      return stored instanceof Uint8Array && `\\x${hex(stored)}` === pg ? same : differ(show);
    case 'boolean': {
      const b = sqliteBoolean(stored);
      return b !== null && String(b) === pg ? same : differ(show);
    }
    case 'timestamptz':
    case 'timestamp': {
      const parts = splitPgTimestamp(pg);
      if (!parts || oracle.second === null) return differ(`${show} (SQLite reads ${String(oracle.second)})`);
      const fraction = typeof stored === 'string' ? textFraction(stored) : `${(oracle.fracSeconds ?? '00.000').slice(3)}000`;
      if (kind === 'timestamptz' !== pg.endsWith('+00')) return differ(`${show} (zone)`);
      return parts[0] === oracle.second && parts[1] === fraction ? same : differ(`${show} (SQLite reads ${oracle.second}.${fraction})`);
    }
    case 'date':
      return oracle.date === pg ? same : differ(`${show} (SQLite reads ${String(oracle.date)})`);
    case 'time': {
      if (typeof stored !== 'string' || oracle.time === null) return differ(show);
      const frac = textFraction(stored);
      const expected = `${oracle.time}${frac === '000000' ? '' : `.${frac.replace(/0+$/, '')}`}`;
      return expected === pg ? same : differ(`${show} (SQLite reads ${expected})`);
    }
    case 'json': {
      const mine = typeof stored === 'string' ? (JSON.parse(stored) as unknown) : Number(stored);
      return deepEqual(mine, JSON.parse(pg)) ? same : differ(show);
    }
    case 'uuid': {
      const bits = typeof stored === 'string' ? stored.replace(/[{}-]/g, '').toLowerCase() : stored instanceof Uint8Array ? hex(stored) : null;
      return bits !== null && bits === pg.replace(/-/g, '') ? same : differ(show);
    }
    default:
      return String(stored) === pg ? same : differ(show);
  }
}
