/**
 * PostgreSQL's COPY text format (sql-copy.html, "Text Format"): one line per
 * row, fields separated by tabs, `\N` for NULL, and backslash escapes for
 * backslash, newline, carriage return and tab (and, on output, \b \f \v).
 */
import type { PgText } from '../convert/index.js';

const ESCAPED = /[\\\n\r\t]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One field of a COPY text line. */
export function copyField(value: PgText): string {
  if (value === null) return '\\N';
  return ESCAPED.test(value) ? value.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c] as string) : value;
}

/**
 * A row as a COPY text line, newline included. `plain[i]` true: column i's
 * values never hold a backslash, tab or line break (numbers, date/time
 * values, booleans, UUIDs as the conversion writes them), so escaping is
 * skipped.
 */
export function copyLine(values: readonly PgText[], plain?: readonly boolean[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as PgText;
    line += (i === 0 ? '' : '\t') + (v !== null && plain?.[i] === true ? v : copyField(v));
  }
  return `${line}\n`;
}

const PLAIN_VALUE_TYPES: ReadonlySet<string> = new Set(['boolean', 'integer', 'float', 'numeric', 'timestamptz', 'timestamp', 'date', 'time', 'uuid']);

/** Whether a column's converted values need no COPY escaping (see copyLine). */
export function isPlainColumn(column: { valueType: string; type: { arrayDims: number } }): boolean {
  return column.type.arrayDims === 0 && PLAIN_VALUE_TYPES.has(column.valueType);
}

const UNESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

function unescapeField(field: string): PgText {
  if (field === '\\N') return null;
  if (!field.includes('\\')) return field;
  return field.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (_, e: string) => {
    if (e[0] === 'x' && e.length > 1) return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return UNESCAPES[e] ?? e;
  });
}

/** The fields of one COPY text line (without its newline). */
export function parseCopyLine(line: string): PgText[] {
  return line.split('\t').map(unescapeField);
}
