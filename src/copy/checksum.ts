/**
 * Per-table checksums for verification: an order-independent sum (two 32-bit
 * lanes) of the MD5 of each row's canonical text. The canonical text of a
 * value is the same whether it is computed from the converted source value
 * (PostgreSQL input syntax) or from what PostgreSQL gives back (its output
 * syntax, session TimeZone UTC, DateStyle ISO): trailing fraction zeros,
 * `t`/`true`, exponent or plain digits, numeric(p,s) rounding, JSON key
 * order and spacing are normalised; everything else must be equal.
 */
import { createHash } from 'node:crypto';
import { doubleText, type ConvertColumn, type PgText } from '../convert/index.js';
import { elementColumn } from '../convert/duckdb-values.js';
import { quoteIdent } from '../emit/postgres/quote.js';

const LANE = 4294967296;

export class Checksum {
  count = 0;
  #lo = 0;
  #hi = 0;

  add(canonicalRow: string): void {
    const digest = createHash('md5').update(canonicalRow).digest();
    this.#lo = (this.#lo + digest.readUInt32LE(0)) % LANE;
    this.#hi = (this.#hi + digest.readUInt32LE(4)) % LANE;
    this.count++;
  }

  get hex(): string {
    return `${this.#hi.toString(16).padStart(8, '0')}${this.#lo.toString(16).padStart(8, '0')}`;
  }
}

export type Canonical = (text: string) => string;

/** Digits of a decimal (exponent allowed) as PostgreSQL's numeric prints them, rounded to `scale` places (half away from zero). */
export function canonicalDecimal(text: string, scale: number | null): string {
  const m = /^([-+]?)(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/.exec(text.trim());
  if (!m) return text.toLowerCase();
  let digits = `${m[2] ?? ''}${m[3] ?? ''}`;
  let point = (m[2] ?? '').length + Number(m[4] ?? 0);
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits = digits.padEnd(point, '0');
  let int = digits.slice(0, point);
  let frac = digits.slice(point);
  if (scale !== null && frac.length > scale) {
    const up = (frac.charCodeAt(scale) - 48) >= 5;
    frac = frac.slice(0, scale);
    if (up) {
      const n = (BigInt(`${int}${frac}` || '0') + 1n).toString().padStart(int.length + frac.length, '0');
      int = n.slice(0, n.length - frac.length);
      frac = n.slice(n.length - frac.length);
    }
  }
  int = int.replace(/^0+/, '') || '0';
  frac = frac.replace(/0+$/, '');
  const negative = m[1] === '-' && /[1-9]/.test(int + frac);
  return `${negative ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}

/** Fractional seconds to six digits (PostgreSQL rounds half to even), trailing zeros dropped. */
function canonicalFraction(text: string): string {
  return text.replace(/(\d\d:\d\d:\d\d)(?:\.(\d+))?/, (_, hms: string, frac: string | undefined) => {
    if (!frac) return hms;
    let six = frac.slice(0, 6).padEnd(6, '0');
    if (frac.length > 6) {
      const rest = frac.slice(6);
      const half = rest[0] === '5' && /^50*$/.test(rest);
      const up = rest[0] !== undefined && (rest[0] > '5' || (rest[0] === '5' && !half) || (half && Number(six) % 2 === 1));
      if (up) six = String(Number(six) + 1).padStart(6, '0');
    }
    six = six.replace(/0+$/, '');
    return six ? `${hms}.${six}` : hms;
  });
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** `{…}` array literal → nested lists of element text (null for NULL). */
export function parseArrayLiteral(text: string): unknown {
  let i = 0;
  function parse(): unknown[] {
    if (text[i] !== '{') throw new Error(`not an array literal: ${text}`);
    i++;
    const items: unknown[] = [];
    while (i < text.length) {
      while (text[i] === ' ') i++;
      if (text[i] === '}') {
        i++;
        return items;
      }
      if (text[i] === '{') items.push(parse());
      else if (text[i] === '"') {
        i++;
        let s = '';
        while (i < text.length && text[i] !== '"') {
          if (text[i] === '\\') i++;
          s += text[i++] ?? '';
        }
        i++;
        items.push(s);
      } else {
        let s = '';
        while (i < text.length && text[i] !== ',' && text[i] !== '}') s += text[i++];
        s = s.trim();
        items.push(s.toUpperCase() === 'NULL' ? null : s);
      }
      while (text[i] === ' ') i++;
      if (text[i] === ',') i++;
    }
    throw new Error(`unterminated array literal: ${text}`);
  }
  return parse();
}

/** `(…)` composite literal → field texts (null for an empty unquoted field). */
export function parseRecordLiteral(text: string): (string | null)[] {
  const fields: (string | null)[] = [];
  let i = 1;
  while (i < text.length) {
    let s = '';
    let quoted = false;
    while (i < text.length && text[i] !== ',' && !(text[i] === ')' && i === text.length - 1)) {
      if (text[i] === '"') {
        quoted = true;
        i++;
        while (i < text.length) {
          if (text[i] === '\\') s += text[++i] ?? '';
          else if (text[i] === '"' && text[i + 1] === '"') s += text[++i];
          else if (text[i] === '"') break;
          else s += text[i];
          i++;
        }
        i++;
      } else s += text[i++];
    }
    fields.push(!quoted && s === '' ? null : s);
    i++;
  }
  return fields;
}

/** The canonical text of a column's values. */
export function canonicalizer(column: ConvertColumn, composites: ReadonlySet<string> = new Set()): Canonical {
  const type = column.type;
  if (type.arrayDims > 0) {
    const element = canonicalizer(elementColumn({ ...column, type: { ...type, arrayDims: 1, sql: type.sql.replace(/(\[\])+$/, '[]') } }), composites);
    const walk = (v: unknown): unknown => (Array.isArray(v) ? v.map(walk) : v === null ? null : element(String(v)));
    return (text) => JSON.stringify(walk(parseArrayLiteral(text)));
  }
  if (composites.has(type.base.toLowerCase()) || composites.has(type.sql.toLowerCase())) return (text) => JSON.stringify(parseRecordLiteral(text));
  switch (column.valueType) {
    case 'float':
      return type.base === 'real' ? (text) => doubleText(Math.fround(Number(text))) : (text) => doubleText(Number(text));
    case 'numeric': {
      const m = /^numeric\(\d+(?:,\s*(\d+))?\)$/.exec(type.sql);
      const scale = m ? Number(m[1] ?? 0) : null;
      return (text) => canonicalDecimal(text, scale);
    }
    case 'boolean':
      return (text) => (text === 't' || text === 'true' ? 't' : 'f');
    case 'timestamptz':
    case 'timestamp':
    case 'time':
      return canonicalFraction;
    case 'json':
      return (text) => stableJson(JSON.parse(text));
    default:
      return (text) => text;
  }
}

/** The SELECT expression that reads a column back for the checksum (intervals in the converted form). */
export function readBackExpression(column: ConvertColumn, name: string): string {
  const c = quoteIdent(name);
  if (column.valueType === 'interval' && column.type.arrayDims === 0) {
    return `CASE WHEN ${c} IS NULL THEN NULL ELSE concat((extract(year FROM ${c}) * 12 + extract(month FROM ${c}))::int, ' months ', extract(day FROM ${c})::int, ' days ', ((extract(hour FROM ${c}) * 3600 + extract(minute FROM ${c}) * 60) * 1000000 + extract(microseconds FROM ${c}))::bigint, ' microseconds') END`;
  }
  return c;
}

/** A row's canonical text: its values' canonical texts, NULL told apart from every text. */
export function canonicalRow(values: readonly PgText[], canonical: readonly Canonical[]): string {
  let out = '';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out += v === null || v === undefined ? '\u0000N\u0001' : `${(canonical[i] as Canonical)(v)}\u0001`;
  }
  return out;
}
