/**
 * PostgreSQL → TypeScript: the one table every generated type comes from
 * (and the README's type-mapping section, via `typeMapMarkdown`).
 *
 * "SELECT" is what node-postgres (`pg` 8.x, which pins pg-types 2.2.0) really
 * returns with its default type parsers; "INSERT/UPDATE" is what `pg` sends
 * correctly as a parameter for a column of that type. Where a generator option
 * changes the SELECT type away from pg's default, the row names the type
 * parser the generated `registerTypeParsers` helper installs, so the types
 * stay true at runtime.
 */

export type Int8Mode = 'string' | 'number' | 'bigint';
export type NumericMode = 'string' | 'number';
export type DateMode = 'Date' | 'string';

/** The generator options the table depends on. */
export interface TypeMapOptions {
  int8: Int8Mode;
  numeric: NumericMode;
  date: DateMode;
}

export type TypeChoice =
  | { option: 'int8'; values: Record<Int8Mode, string> }
  | { option: 'numeric'; values: Record<NumericMode, string> }
  | { option: 'date'; values: Record<DateMode, string> };

/** How a registered parser turns pg's text into the chosen value. */
export type ParserKind = 'Number' | 'BigInt' | 'String';

/** One row of the PostgreSQL → TypeScript type map: what `pg` returns for a type and what it accepts. */
export interface TypeMapRow {
  /** `base`: a PostgreSQL type by name; the other kinds are user-declared or derived types. */
  kind: 'base' | 'enum' | 'check' | 'composite' | 'fallback';
  /** `PgType.base` names (for `base` rows), or how the row is shown in the docs. */
  pg: readonly string[];
  /** The type of a value pg returns; a choice when an option governs it (first value: the default). */
  select: string | TypeChoice;
  /** What a parameter for an INSERT or UPDATE of the column may be. */
  input: string;
  /**
   * Arrays of the type: `parsed` — pg parses them into (nested) arrays of the
   * SELECT type; `text` — pg has no parser for the array type and returns the
   * array literal (`{a,b}`) as a string; `{ element }` — pg parses them, into
   * a different element type than the scalar's.
   */
  array: 'parsed' | 'text' | { element: string };
  /** Type OIDs (scalar, array) and the parser installed for each non-default option value. */
  parsers?: { oids: readonly (readonly [number, number])[]; by: Readonly<Record<string, ParserKind>> };
  note: string;
}

/** Shown for the helper types the generated file declares. */
export const HELPER_TYPES = {
  Json: 'string | number | boolean | null | Json[] | { [key: string]: Json }',
  JsonInput: 'string | number | boolean | { [key: string]: Json }',
} as const;

/** The PostgreSQL → TypeScript type map, as data (the README table is generated from it). */
export const TYPE_MAP: readonly TypeMapRow[] = [
  { kind: 'base', pg: ['smallint', 'integer'], select: 'number', input: 'number', array: 'parsed', note: 'int2/int4' },
  {
    kind: 'base',
    pg: ['bigint'],
    select: { option: 'int8', values: { string: 'string', number: 'number', bigint: 'bigint' } },
    input: 'string | number | bigint',
    array: 'parsed',
    parsers: { oids: [[20, 1016]], by: { number: 'Number', bigint: 'BigInt' } },
    note: 'pg returns int8 as a string: it may exceed 2^53. `--int8 number` loses precision above 2^53.',
  },
  {
    kind: 'base',
    pg: ['numeric'],
    select: { option: 'numeric', values: { string: 'string', number: 'number' } },
    input: 'string | number',
    array: { element: 'number' },
    parsers: { oids: [[1700, 1231]], by: { number: 'Number' } },
    note: 'Exact decimal text; pg parses numeric[] with parseFloat (lossy) whatever the option.',
  },
  { kind: 'base', pg: ['real', 'double precision'], select: 'number', input: 'number', array: 'parsed', note: 'NaN and ±Infinity are numbers too' },
  { kind: 'base', pg: ['boolean'], select: 'boolean', input: 'boolean', array: 'parsed', note: '' },
  { kind: 'base', pg: ['text', 'varchar', 'char', 'bpchar'], select: 'string', input: 'string', array: 'parsed', note: '' },
  {
    kind: 'base',
    pg: ['citext'],
    select: 'string',
    input: 'string',
    array: 'text',
    note: 'An extension type: pg has no parser for citext[] and returns the array literal.',
  },
  { kind: 'base', pg: ['bytea'], select: 'Buffer', input: 'Buffer', array: 'parsed', note: '' },
  {
    kind: 'base',
    pg: ['date', 'timestamp', 'timestamptz'],
    select: { option: 'date', values: { Date: 'Date', string: 'string' } },
    input: 'Date | string',
    array: 'parsed',
    parsers: { oids: [[1082, 1182], [1114, 1115], [1184, 1185]], by: { string: 'String' } },
    note: 'pg makes a `date` a Date at local midnight; `--date string` keeps the ISO text.',
  },
  { kind: 'base', pg: ['time', 'timetz'], select: 'string', input: 'string', array: 'parsed', note: '' },
  {
    kind: 'base',
    pg: ['interval'],
    select: 'PgInterval',
    input: 'PgInterval | string',
    array: 'parsed',
    note: 'A postgres-interval object: only the non-zero fields are present.',
  },
  {
    kind: 'base',
    pg: ['json', 'jsonb'],
    select: 'Json',
    input: 'JsonInput',
    array: 'parsed',
    note: 'pg sends a JS array as a PostgreSQL array and a string as it is (as JSON text): JSON.stringify arrays and strings.',
  },
  { kind: 'base', pg: ['uuid'], select: 'string', input: 'string', array: 'parsed', note: '' },
  { kind: 'base', pg: ['varbit', 'bit'], select: 'string', input: 'string', array: 'text', note: "Bit strings as text: '0101'." },
  {
    kind: 'enum',
    pg: ['enum type'],
    select: "'a' | 'b'",
    input: "'a' | 'b'",
    array: 'text',
    note: 'A union of the labels, declared once as a type alias; pg returns enum[] as the array literal.',
  },
  {
    kind: 'check',
    pg: ["text with CHECK (col IN ('a', 'b'))"],
    select: "'a' | 'b'",
    input: "'a' | 'b'",
    array: 'parsed',
    note: 'The CHECK constraint lists every allowed value.',
  },
  {
    kind: 'composite',
    pg: ['composite type (DuckDB STRUCT)'],
    select: 'string',
    input: 'string',
    array: 'text',
    note: 'Declared as an interface; pg returns a composite value as its row literal `(a,b)`: select `to_jsonb(col)` to read the fields.',
  },
  { kind: 'fallback', pg: ['any other type'], select: 'string', input: 'string', array: 'text', note: 'pg returns unknown types as text' },
];

const BY_BASE = new Map<string, TypeMapRow>(TYPE_MAP.filter((r) => r.kind === 'base').flatMap((r) => r.pg.map((p) => [p, r] as const)));

export function rowOfKind(kind: TypeMapRow['kind']): TypeMapRow {
  const row = TYPE_MAP.find((r) => r.kind === kind);
  if (!row) throw new Error(`type map has no ${kind} row`);
  return row;
}

/** The row of a PostgreSQL base type (`PgType.base`); the fallback row for an unknown one. */
export function rowOfBase(base: string): TypeMapRow {
  return BY_BASE.get(base) ?? rowOfKind('fallback');
}

/** A row's SELECT type under the options. */
export function selectType(row: TypeMapRow, options: TypeMapOptions): string {
  if (typeof row.select === 'string') return row.select;
  const values = row.select.values as Record<string, string>;
  return values[options[row.select.option]] ?? Object.values(values)[0] ?? 'unknown';
}

/** The parsers to install for a row under the options: [oid, array oid, kind]. */
export function parsersFor(row: TypeMapRow, options: TypeMapOptions): (readonly [number, number, ParserKind])[] {
  if (!row.parsers || typeof row.select === 'string') return [];
  const kind = row.parsers.by[options[row.select.option]];
  return kind ? row.parsers.oids.map(([oid, arrayOid]) => [oid, arrayOid, kind] as const) : [];
}

function describeSelect(row: TypeMapRow): string {
  const s = row.select;
  if (typeof s === 'string') return `\`${s}\``;
  return Object.entries(s.values)
    .map(([value, ts], i) => `\`${ts}\` (\`--${s.option} ${value}\`${i === 0 ? ', default' : ''})`)
    .join('<br>');
}

function describeArray(row: TypeMapRow): string {
  if (row.array === 'parsed') return 'array of the SELECT type';
  if (row.array === 'text') return '`string` (the array literal)';
  return `\`${row.array.element}[]\``;
}

/** The README's type-mapping section, generated from `TYPE_MAP`. */
export function typeMapMarkdown(): string {
  const escape = (s: string) => s.replace(/\|/g, '\\|');
  const lines = [
    '| PostgreSQL | SELECT (what `pg` returns) | INSERT / UPDATE | arrays | notes |',
    '| --- | --- | --- | --- | --- |',
    ...TYPE_MAP.map((r) => `| ${escape(r.pg.join(', '))} | ${escape(describeSelect(r))} | \`${escape(r.input)}\` | ${escape(describeArray(r))} | ${escape(r.note)} |`),
  ];
  const helpers = Object.entries(HELPER_TYPES).map(([name, def]) => `- \`${name}\` = \`${def}\``);
  return [...lines, '', 'Nullable columns add `| null`. Helper types declared in the generated file:', '', ...helpers, '- `PgInterval`: the fields of a postgres-interval object (`years`, `months`, `days`, `hours`, `minutes`, `seconds`, `milliseconds`, each optional) and its `toPostgres()`/`toISO()` methods', ''].join('\n');
}
