/**
 * Per-table checksums for verification: an order-independent sum (two 32-bit
 * lanes) of a 64-bit hash of each row's canonical text. The canonical text of a
 * value is the same whether it is computed from the converted source value
 * (PostgreSQL input syntax) or from what PostgreSQL gives back (its output
 * syntax, session TimeZone UTC, DateStyle ISO): trailing fraction zeros,
 * `t`/`true`, exponent or plain digits, numeric(p,s) rounding, JSON key
 * order and spacing are normalised; everything else must be equal.
 */
import { doubleText, type ConvertColumn, type PgText } from '../convert/index.js';
import { elementColumn } from '../convert/duckdb-values.js';
import { quoteIdent } from '../emit/postgres/quote.js';

const LANE = 4294967296;

/**
 * Two 32-bit lanes of a fast string hash (cyrb53's mixing, by bryc, public
 * domain): not cryptographic, but 64 bits summed per table make a changed,
 * lost or duplicated row show; MD5 per row cost three times as much.
 */
const M1 = 2654435761;
const M2 = 1597334677;
const SEED1 = 0xdeadbeef;
const SEED2 = 0x41c6ce57;

export class Checksum {
  count = 0;
  #lo = 0;
  #hi = 0;

  #finish(h1: number, h2: number): void {
    const f1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    const f2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(f1 ^ (f1 >>> 13), 3266489909);
    this.#lo = (this.#lo + (f1 >>> 0)) % LANE;
    this.#hi = (this.#hi + (f2 >>> 0)) % LANE;
    this.count++;
  }

  /** Adds a row given as its canonical text (see canonicalRow). */
  add(canonicalRow: string): void {
    let h1 = SEED1;
    let h2 = SEED2;
    for (let i = 0; i < canonicalRow.length; i++) {
      const ch = canonicalRow.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, M1);
      h2 = Math.imul(h2 ^ ch, M2);
    }
    this.#finish(h1, h2);
  }

  /** Adds a row of values: the same as add(canonicalRow(values, canonical)), without building the text. */
  addRow(values: readonly PgText[], canonical: readonly Canonical[]): void {
    let h1 = SEED1;
    let h2 = SEED2;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      const text = v === null || v === undefined ? NULL_MARK : (canonical[i] as Canonical)(v);
      for (let j = 0; j < text.length; j++) {
        const ch = text.charCodeAt(j);
        h1 = Math.imul(h1 ^ ch, M1);
        h2 = Math.imul(h2 ^ ch, M2);
      }
      h1 = Math.imul(h1 ^ 1, M1);
      h2 = Math.imul(h2 ^ 1, M2);
    }
    this.#finish(h1, h2);
  }

  get hex(): string {
    return `${this.#hi.toString(16).padStart(8, '0')}${this.#lo.toString(16).padStart(8, '0')}`;
  }
}

const NULL_MARK = '\u0000N';

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
  // Fast paths: no fraction (PostgreSQL prints none for whole seconds), or the converted form `… HH:MM:SS.ffffff…`.
  const dot = text.indexOf('.', 8);
  if (dot < 0) return text;
  if (text.charCodeAt(dot - 3) === 58 && text.charCodeAt(dot - 3) === 58) {
    let end = dot + 1;
    while (end < text.length && text.charCodeAt(end) >= 48 && text.charCodeAt(end) <= 57) end++;
    if (end - dot - 1 <= 6) {
      let last = end;
      while (last > dot + 1 && text.charCodeAt(last - 1) === 48) last--;
      return last === dot + 1 ? text.slice(0, dot) + text.slice(end) : text.slice(0, last) + text.slice(end);
    }
  }
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

/** JSON with object keys sorted and no spacing (hot: every JSON value of a table goes through it). */
function stableJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      break;
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + stableJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length > 1) keys.sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    out += `${i === 0 ? '' : ','}${JSON.stringify(key)}:${stableJson(record[key])}`;
  }
  return `${out}}`;
}

/** Whether decimal text is already as canonicalDecimal gives it: `-?digits[.digits]`, no extra zeros, at most `scale` places. */
function isCanonicalDecimal(text: string, scale: number | null): boolean {
  let i = text.charCodeAt(0) === 45 ? 1 : 0;
  const start = i;
  let point = -1;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 && point === -1) point = i;
    else if (c < 48 || c > 57) return false;
  }
  const intLength = (point === -1 ? text.length : point) - start;
  if (intLength === 0 || (intLength > 1 && text.charCodeAt(start) === 48)) return false;
  if (point === -1) return !(start === 1 && text === '-0');
  const places = text.length - point - 1;
  return places > 0 && text.charCodeAt(text.length - 1) !== 48 && (scale === null || places <= scale);
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

/**
 * The canonical text of a column's values. `side` 'source': the values are
 * the conversion's output, some of which are canonical by construction (a
 * shortcut, not a different form).
 */
export function canonicalizer(column: ConvertColumn, composites: ReadonlySet<string> = new Set(), side: 'source' | 'target' = 'target'): Canonical {
  const type = column.type;
  if (type.arrayDims > 0) {
    const element = canonicalizer(elementColumn({ ...column, type: { ...type, arrayDims: 1, sql: type.sql.replace(/(\[\])+$/, '[]') } }), composites);
    const walk = (v: unknown): unknown => (Array.isArray(v) ? v.map(walk) : v === null ? null : element(String(v)));
    return (text) => JSON.stringify(walk(parseArrayLiteral(text)));
  }
  if (composites.has(type.base.toLowerCase()) || composites.has(type.sql.toLowerCase())) return (text) => JSON.stringify(parseRecordLiteral(text));
  switch (column.valueType) {
    case 'float':
      if (type.base === 'real') return (text) => doubleText(Math.fround(Number(text)));
      // The conversion writes doubles as doubleText (canonical) and exact integers as digits (canonical below 16 digits).
      if (side === 'source') return (text) => (text.length < 16 || text.includes('.') || text.includes('e') ? text : doubleText(Number(text)));
      // PostgreSQL and JavaScript print the same shortest digits; they differ only in when they use an exponent.
      return (text) => (text.includes('e') || text.length >= 16 ? doubleText(Number(text)) : text);
    case 'numeric': {
      const m = /^numeric\(\d+(?:,\s*(\d+))?\)$/.exec(type.sql);
      const scale = m ? Number(m[1] ?? 0) : null;
      return (text) => (isCanonicalDecimal(text, scale) ? text : canonicalDecimal(text, scale));
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
    out += `${v === null || v === undefined ? NULL_MARK : (canonical[i] as Canonical)(v)}\u0001`;
  }
  return out;
}
