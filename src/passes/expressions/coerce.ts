/**
 * Fits a translated DEFAULT or generation expression to its column's
 * PostgreSQL type, the way SQLite's affinity would have stored it:
 * 0/1 → false/true, CURRENT_TIMESTAMP in a text column → SQLite's text form,
 * a zone-less timestamp literal → UTC. Reports what cannot fit.
 */
import type { DiagnosticBag } from '../../diagnostics/diagnostic.js';
import type { Dialect } from '../../model/schema.js';
import type { Span } from '../../syntax/ast.js';
import type { ColumnSymbol } from '../symbols.js';
import { PREC, cast, operand, stringLiteral, type Fragment, type ValueType } from './sql-fragment.js';
import { ZONELESS_DATETIME, asBooleanLiteral, formatAsSqliteText } from './translate-expression.js';

const CATEGORY: Record<ValueType, string> = {
  boolean: 'boolean',
  integer: 'number',
  float: 'number',
  numeric: 'number',
  text: 'text',
  bytea: 'bytes',
  timestamptz: 'time',
  timestamp: 'time',
  date: 'time',
  time: 'time',
  json: 'json',
  uuid: 'uuid',
  interval: 'interval',
  array: 'array',
  null: 'any',
  unknown: 'any',
};

/** Bytes as UTF-8 text PostgreSQL can hold, or null. */
function utf8Text(bytes: Uint8Array): string | null {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.includes('\0') ? null : text;
  } catch {
    return null;
  }
}

export function coerceToColumn(f: Fragment, column: ColumnSymbol, at: { dialect: Dialect; bag: DiagnosticBag; span: Span }): Fragment {
  const target = column.valueType;
  const lit = f.literal;
  if (target === 'boolean') {
    const b = asBooleanLiteral(f);
    if (b) return b;
    if (f.type === 'integer' || f.type === 'numeric' || f.type === 'float') return { sql: `${operand(f, PREC.COMPARE + 1)} <> 0`, prec: PREC.COMPARE, type: 'boolean', volatility: f.volatility };
  }
  if (lit?.kind === 'boolean' && CATEGORY[target] === 'number') {
    // TRUE and FALSE are 1 and 0 in SQLite.
    return { sql: lit.value ? '1' : '0', prec: PREC.ATOM, type: 'integer', volatility: 'immutable', literal: { kind: 'number', value: lit.value ? '1' : '0' } };
  }
  if (target === 'text' && (f.type === 'timestamptz' || f.type === 'timestamp' || f.type === 'date' || f.type === 'time') && at.dialect === 'sqlite') {
    return formatAsSqliteText(f);
  }
  if (target === 'timestamp' && f.type === 'timestamptz' && !lit) {
    return { sql: `${operand(f, PREC.POSTFIX + 1)} AT TIME ZONE 'UTC'`, prec: PREC.AT_TIME_ZONE, type: 'timestamp', volatility: f.volatility };
  }
  // A date (CURRENT_DATE, date('now')) in a timestamptz column is midnight UTC, as SQLite's 'YYYY-MM-DD' reads; a bare
  // date → timestamptz cast would take midnight in the session's time zone.
  if (target === 'timestamptz' && f.type === 'date' && !lit) {
    return { sql: `${operand(f, PREC.POSTFIX)}::timestamp AT TIME ZONE 'UTC'`, prec: PREC.AT_TIME_ZONE, type: 'timestamptz', volatility: f.volatility };
  }
  if (target === 'date' && f.type === 'timestamptz') {
    return { sql: `(${operand(f, PREC.POSTFIX + 1)} AT TIME ZONE 'UTC')::date`, prec: PREC.POSTFIX, type: 'date', volatility: f.volatility };
  }
  // Zone-less text in a timestamptz column that stands for a zone-less source type (SQLite's DATETIME text,
  // DuckDB's TIMESTAMP) is UTC, as SP602 and the value conversion read it.
  const zonelessDuckdb = at.dialect === 'duckdb' && column.column.type.kind === 'timestamp' && !column.column.type.tz;
  const zonelessSource = at.dialect === 'sqlite' || zonelessDuckdb;
  // DuckDB casts an instant (now(), current_timestamp) to its TimeZone's wall-clock time for a TIMESTAMP column.
  if (zonelessDuckdb && f.type === 'timestamptz' && !lit && !f.zonelessSource) at.bag.report('SP620', at.span, f.sql);
  if (target === 'timestamptz' && lit?.kind === 'string' && ZONELESS_DATETIME.test(lit.value) && zonelessSource) {
    const value = `${lit.value}+00`;
    return { sql: `'${value}'`, prec: PREC.ATOM, type: 'text', volatility: 'immutable', literal: { kind: 'string', value } };
  }
  if (target === 'text' && (f.type === 'integer' || f.type === 'float' || f.type === 'numeric') && !lit) return cast(f, 'text', 'text');
  // A blob in a text column (no declared type, SP102): its UTF-8 text, as schema-port's value conversion reads it.
  // bytea → text would otherwise be PostgreSQL's '\x…' escape form.
  if (target === 'text' && f.type === 'bytea') {
    const hex = /^'\\x([0-9a-f]*)'::bytea$/i.exec(f.sql)?.[1];
    const text = hex === undefined ? null : utf8Text(Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16)));
    if (text !== null) return stringLiteral(text);
    at.bag.report('SP204', at.span, 'this default', `it yields bytes${hex === undefined ? '' : ' that are not UTF-8 text'}, and the column is ${column.pgType.sql}`);
    return f;
  }
  // Text in a blob column: its UTF-8 bytes (SQLite's CAST(x AS BLOB)); a bare string would be read as bytea escape syntax.
  if (target === 'bytea' && lit?.kind === 'string') {
    let hex = '';
    for (const byte of new TextEncoder().encode(lit.value)) hex += byte.toString(16).padStart(2, '0');
    return { sql: `'\\x${hex}'::bytea`, prec: PREC.POSTFIX, type: 'bytea', volatility: 'immutable' };
  }
  // TRUE/FALSE are the integers 1/0 in SQLite.
  if (lit?.kind === 'boolean' && CATEGORY[target] === 'number') {
    const value = lit.value ? '1' : '0';
    return { sql: value, prec: PREC.ATOM, type: 'integer', volatility: 'immutable', literal: { kind: 'number', value } };
  }
  // A fraction (or a number beyond 64 bits) in an integer column: SQLite keeps it as a REAL, PostgreSQL would round it.
  if (lit?.kind === 'number' && target === 'integer' && !/^[-+]?(\d+|0x[0-9a-f]+)$/i.test(lit.value)) {
    const n = Number(lit.value);
    if (!Number.isInteger(n) || Math.abs(n) >= 2 ** 63) {
      at.bag.report('SP204', at.span, `DEFAULT ${lit.value}`, `the column is ${column.pgType.sql}, and the source stores this default as a REAL`);
      return f;
    }
  }
  // A literal the source engine would have stored under its own class (text in an INTEGER column).
  if (lit?.kind === 'string' && CATEGORY[target] === 'number' && !/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(lit.value)) {
    at.bag.report('SP204', at.span, `DEFAULT '${lit.value}'`, `the column is ${column.pgType.sql}, and the source stores this default as text`);
    return f;
  }
  // A computed text value (json_extract, substr, …) in a number, boolean or date column: SQLite's affinity converts it on write.
  if (f.type === 'text' && !lit && ['number', 'boolean', 'time'].includes(CATEGORY[target])) {
    at.bag.report('SP202', at.span, 'A text value stored in a ' + column.pgType.sql + ' column', `a cast to ${column.pgType.sql}`, 'SQLite converts the text by affinity and keeps it as text when it does not convert; PostgreSQL raises an error then.');
    return cast(f, column.pgType.sql, target);
  }
  const from = CATEGORY[f.type];
  const to = CATEGORY[target];
  if (from !== 'any' && to !== 'any' && from !== to && !(from === 'text' && lit)) {
    const numericPair = (from === 'number' && to === 'boolean') || (from === 'boolean' && to === 'number');
    if (!numericPair && !(to === 'json' && from === 'text') && !(to === 'text')) {
      at.bag.report('SP204', at.span, 'this default', `it yields ${f.type} but the column is ${column.pgType.sql}`);
    }
  }
  return f;
}
