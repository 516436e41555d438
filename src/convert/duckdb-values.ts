/**
 * Values as @duckdb/node-api reads them (DuckDBTimestampValue,
 * DuckDBDecimalValue, DuckDBListValue, …), recognised by shape so that this
 * module does not import DuckDB, converted exactly:
 *
 *  - DECIMAL: its digits; HUGEINT/UBIGINT: bigint digits.
 *  - DATE, TIME, TIMESTAMP (_S, _MS, _NS), TIMESTAMPTZ: from their integer
 *    counts. A DuckDB TIMESTAMP has no zone and is read as UTC (SP602);
 *    nanoseconds are given to PostgreSQL, which rounds them (SP603).
 *  - INTERVAL: months, days and microseconds, as PostgreSQL keeps them.
 *  - LIST/ARRAY: a PostgreSQL array of the converted elements; STRUCT: a
 *    composite value, or a JSON object for a jsonb column; MAP: a JSON object
 *    (SP606); UNION: {"tag": …, "value": …} (SP607).
 */
import type { ConvertColumn, PgText } from './convert-value.js';
import { valueTypeOf } from '../passes/postgres-types.js';
import { civilFromDays, formatDate, formatTime, formatTimestamp } from './datetime.js';

type Value = object & Record<string, unknown>;

/** Whether `value` is one of @duckdb/node-api's value objects. */
export function isDuckdbValue(value: unknown): value is Value {
  return typeof value === 'object' && value !== null && !(value instanceof Uint8Array) && /^DuckDB\w+Value$/.test(value.constructor.name);
}

const kind = (v: Value) => v.constructor.name;

/** An element's column: the same column with one array dimension less. */
export function elementColumn(column: ConvertColumn): ConvertColumn {
  const type = column.type;
  const element = { ...type, sql: type.sql.replace(/\[\]$/, ''), arrayDims: type.arrayDims - 1, cardinality: null };
  return { ...column, type: element, valueType: valueTypeOf(element) };
}

/** An element of a PostgreSQL array or composite literal: quoted unless NULL. */
function quoteElement(text: PgText, inArray: boolean): string {
  if (text === null) return inArray ? 'NULL' : '';
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function hex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** A value as JSON text (exact numbers; dates and times as ISO strings; blobs as \x hex strings). */
export function duckdbJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : JSON.stringify(String(value));
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (value instanceof Uint8Array) return JSON.stringify(`\\x${hex(value)}`);
  if (!isDuckdbValue(value)) return JSON.stringify(value);
  switch (kind(value)) {
    case 'DuckDBDecimalValue':
      return String(value);
    case 'DuckDBListValue':
    case 'DuckDBArrayValue':
      return `[${(value.items as unknown[]).map(duckdbJson).join(',')}]`;
    case 'DuckDBStructValue':
      return `{${Object.entries(value.entries as Record<string, unknown>).map(([k, v]) => `${JSON.stringify(k)}:${duckdbJson(v)}`).join(',')}}`;
    case 'DuckDBMapValue':
      return `{${(value.entries as { key: unknown; value: unknown }[]).map((e) => `${JSON.stringify(typeof e.key === 'string' ? e.key : String(e.key))}:${duckdbJson(e.value)}`).join(',')}}`;
    case 'DuckDBUnionValue':
      return `{"tag":${JSON.stringify(value.tag)},"value":${duckdbJson(value.value)}}`;
    case 'DuckDBBlobValue':
      return JSON.stringify(`\\x${hex(value.bytes as Uint8Array)}`);
    case 'DuckDBVariantValue':
      return duckdbJson(value.value);
    default:
      return JSON.stringify(String(value));
  }
}

function timestampText(micros: bigint, column: ConvertColumn, fractionNanos: bigint | null, fail: (reason: string) => never): string {
  if (column.valueType !== 'timestamptz' && column.valueType !== 'timestamp' && column.valueType !== 'text') fail(`a timestamp does not fit ${column.type.sql}`);
  const text = formatTimestamp(micros, column.valueType === 'timestamptz');
  if (fractionNanos === null) return text;
  // Nanoseconds: written out, for PostgreSQL to round (SP603).
  return text.replace(/\.(\d{6})/, (_, us: string) => `.${us}${fractionNanos.toString().padStart(3, '0')}`);
}

const INFINITE = /^-?infinity$/;

export function convertDuckdbValue(
  value: Value,
  column: ConvertColumn,
  fail: (reason: string) => never,
  convert: (value: unknown, column: ConvertColumn) => PgText,
): PgText {
  const asText = String(value);
  switch (kind(value)) {
    case 'DuckDBDecimalValue':
      return convert(asText, column);
    case 'DuckDBBlobValue':
      return convert(value.bytes, column);
    case 'DuckDBUUIDValue':
      return convert(asText, column);
    case 'DuckDBBitValue':
      return asText;
    case 'DuckDBDateValue': {
      if (INFINITE.test(asText)) return asText;
      const { year, month, day } = civilFromDays(value.days as number);
      const d = formatDate(year, month, day);
      return d.bc ? `${d.text} BC` : d.text;
    }
    case 'DuckDBTimeValue':
      return formatTime(value.micros as bigint);
    case 'DuckDBTimeNSValue': {
      const nanos = value.nanos as bigint;
      return `${formatTime(nanos / 1000n)}${(nanos % 1000n).toString().padStart(3, '0')}`;
    }
    case 'DuckDBTimeTZValue':
      return asText;
    case 'DuckDBTimestampValue':
    case 'DuckDBTimestampTZValue':
      return INFINITE.test(asText) ? asText : timestampText(value.micros as bigint, column, null, fail);
    case 'DuckDBTimestampSecondsValue':
      return INFINITE.test(asText) ? asText : timestampText((value.seconds as bigint) * 1_000_000n, column, null, fail);
    case 'DuckDBTimestampMillisecondsValue':
      return INFINITE.test(asText) ? asText : timestampText((value.millis as bigint) * 1000n, column, null, fail);
    case 'DuckDBTimestampNanosecondsValue': {
      if (INFINITE.test(asText)) return asText;
      const nanos = value.nanos as bigint;
      const micros = nanos >= 0n ? nanos / 1000n : -((-nanos + 999n) / 1000n);
      return timestampText(micros, column, nanos - micros * 1000n, fail);
    }
    case 'DuckDBIntervalValue':
      return `${value.months as number} months ${value.days as number} days ${(value.micros as bigint).toString()} microseconds`;
    case 'DuckDBListValue':
    case 'DuckDBArrayValue': {
      if (column.valueType === 'json') return duckdbJson(value);
      if (column.type.arrayDims === 0) return fail(`a list does not fit ${column.type.sql}`);
      const element = elementColumn(column);
      return `{${(value.items as unknown[]).map((item) => quoteElement(convert(item, element), true)).join(',')}}`;
    }
    case 'DuckDBStructValue': {
      if (column.valueType === 'json') return duckdbJson(value);
      // A composite value: PostgreSQL converts each field's text to the field's type.
      const fields = Object.values(value.entries as Record<string, unknown>).map((v) => {
        if (v === null || v === undefined) return '';
        const text = isDuckdbValue(v) || v instanceof Uint8Array ? convert(v, { ...column, valueType: 'unknown', type: { ...column.type, arrayDims: 0 } }) : String(v);
        return quoteElement(text, false);
      });
      return `(${fields.join(',')})`;
    }
    case 'DuckDBMapValue':
    case 'DuckDBUnionValue':
    case 'DuckDBVariantValue':
      return duckdbJson(value);
    default:
      return fail(`${kind(value)} values are not converted (${column.type.sql})`);
  }
}
