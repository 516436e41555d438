/**
 * DuckDB functions → PostgreSQL. One entry per function (aliases included);
 * a function not here is passed through unchanged with SP201. DuckDB's
 * clock functions read the current instant, as PostgreSQL's do.
 */
import type { FunctionCallInput, FunctionTranslation } from '../../passes/expressions/context.js';
import {
  PREC,
  atom,
  call,
  cast,
  mergeVolatility,
  nonAssoc,
  operand,
  stringLiteral,
  type Fragment,
  type ValueType,
} from '../../passes/expressions/sql-fragment.js';
import { WINDOW_FUNCTIONS, rename } from '../../passes/expressions/function-helpers.js';
import { structField, subscript } from '../../passes/expressions/nested-access.js';
import { nullifKeepingFirstType } from '../../passes/expressions/peer-types.js';

const NULL: Fragment = atom('NULL', 'null');


const arg = (input: FunctionCallInput, i: number): Fragment => input.args[i] ?? NULL;

const isTime = (t: ValueType): boolean => t === 'timestamptz' || t === 'timestamp' || t === 'date' || t === 'time';

// ---------------------------------------------------------------------------
// Sequences: nextval('s') names a sequence in a string, under the naming policy.

const sequenceCall =
  (fn: 'nextval' | 'currval'): FunctionTranslation =>
  (input) => {
    const first = input.args[0];
    const lit = first?.literal;
    if (lit?.kind !== 'string') return rename(fn, 'integer', 'volatile')(input);
    const parts = lit.value.split('.').filter((p, i, all) => !(i === 0 && all.length > 1 && p.toLowerCase() === 'main'));
    const span = input.call.span;
    const name = parts.map((p) => input.ctx.ident({ kind: 'identifier', name: p.replace(/^"|"$/g, ''), quote: 'none', span })).join('.');
    return { sql: `${fn}(${stringLiteral(name).sql})`, prec: PREC.ATOM, type: 'integer', volatility: 'volatile' };
  };

// ---------------------------------------------------------------------------
// Date and time

/**
 * epoch_ms(bigint) → the instant (DuckDB returns a TIMESTAMP in UTC, which the
 * default --timestamps timestamptz maps to that instant); epoch_ms(timestamp) →
 * milliseconds since the epoch.
 */
const epochMs: FunctionTranslation = (input) => {
  const x = arg(input, 0);
  if (isTime(x.type)) {
    return { sql: `(extract(epoch FROM ${x.sql}) * 1000)::bigint`, prec: PREC.POSTFIX, type: 'integer', volatility: x.volatility };
  }
  return { sql: `to_timestamp(${operand(x, PREC.MUL)} / 1000.0)`, prec: PREC.ATOM, type: 'timestamptz', volatility: x.volatility };
};

const extractPart =
  (field: string): FunctionTranslation =>
  (input) => {
    const x = arg(input, 0);
    return { sql: `extract(${field} FROM ${x.sql})::bigint`, prec: PREC.POSTFIX, type: 'integer', volatility: mergeVolatility(x, x.type === 'timestamptz' ? 'stable' : 'immutable') };
  };

/** strftime format codes → to_char patterns (only what maps exactly). */
const STRFTIME: Readonly<Record<string, string>> = {
  Y: 'YYYY', y: 'YY', m: 'MM', d: 'DD', H: 'HH24', I: 'HH12', M: 'MI', S: 'SS', f: 'US', j: 'DDD',
  p: 'AM', b: 'Mon', B: 'FMMonth', a: 'Dy', A: 'FMDay', '%': '%',
};

function toCharPattern(format: string): string | null {
  let out = '';
  let literal = '';
  const flush = (): void => {
    if (literal) out += /[A-Za-z]/.test(literal) ? `"${literal}"` : literal;
    literal = '';
  };
  for (let i = 0; i < format.length; i++) {
    const ch = format[i] as string;
    if (ch !== '%') {
      literal += ch === '"' ? '\\"' : ch;
      continue;
    }
    const code = format[++i];
    const pattern = code === undefined ? undefined : STRFTIME[code];
    if (pattern === undefined) return null;
    flush();
    out += pattern;
  }
  flush();
  return out;
}

/**
 * A date/time function whose second argument is a strftime format: `translate` gets the value and
 * the format as a to_char pattern. A format that is not a literal, or has a code to_char lacks, is
 * left as written, `name(…)` (SP201), with `fallback` as its result type.
 */
const withCharPattern =
  (name: string, fallback: ValueType, translate: (value: Fragment, pattern: string) => Fragment): FunctionTranslation =>
  (input) => {
    const format = input.args[1]?.literal;
    const pattern = format?.kind === 'string' ? toCharPattern(format.value) : null;
    if (pattern === null) {
      input.ctx.bag.report('SP201', input.call.name.span, input.call.name.name);
      return rename(name, fallback, 'volatile')(input);
    }
    return translate(arg(input, 0), pattern);
  };

/**
 * strptime(text, format) → the wall clock read as UTC, as the DuckDB TIMESTAMP it returns maps
 * (to_timestamp reads it in the session's zone; ::timestamp takes the wall clock back).
 */
const strptime = withCharPattern('strptime', 'timestamp', (value, pattern) => {
  const wallClock = cast(call('to_timestamp', [value, stringLiteral(pattern)], 'timestamptz', mergeVolatility(value, 'stable')), 'timestamp', 'timestamp');
  return { ...wallClock, sql: `${wallClock.sql} AT TIME ZONE 'UTC'`, prec: PREC.AT_TIME_ZONE, type: 'timestamptz' };
});

const strftime = withCharPattern('strftime', 'text', (value, pattern) => {
  // An instant (DuckDB's TIMESTAMP, read as UTC) prints as its UTC wall clock, whatever the session's zone.
  const wallClock = value.type === 'timestamptz' ? { ...value, sql: `${operand(value, PREC.POSTFIX + 1)} AT TIME ZONE 'UTC'`, prec: PREC.AT_TIME_ZONE, type: 'timestamp' as const } : value;
  return call('to_char', [wallClock, stringLiteral(pattern)], 'text', mergeVolatility(value, 'stable'));
});

// ---------------------------------------------------------------------------
// Strings and lists

/** DuckDB's length() and len() take strings and lists. */
const lengthOf: FunctionTranslation = (input) => {
  const x = arg(input, 0);
  return call(x.type === 'array' ? 'cardinality' : 'length', [x], 'integer');
};

const contains: FunctionTranslation = (input) => {
  const [haystack, needle] = [arg(input, 0), arg(input, 1)];
  if (haystack.type === 'array') return listContains(input);
  return nonAssoc(call('strpos', [haystack, needle], 'integer'), '>', atom('0', 'integer'), PREC.COMPARE, 'boolean');
};

/**
 * list_contains(l, x) is true or false for a list with NULL elements (`x = ANY (l)` is NULL when x is
 * not found there), and NULL when l or x is: array_position finds x, NULL tests guard what may be NULL.
 */
const listContains: FunctionTranslation = (input) => {
  const list = arg(input, 0);
  let value = arg(input, 1);
  // A parameter takes the element type (PostgreSQL cannot type `$1 IS NULL` on its own).
  const element = list.pgType?.endsWith('[]') ? list.pgType.slice(0, -2) : undefined;
  if (value.parameterSpan && value.type === 'unknown' && element) {
    input.ctx.parameterType?.(value.parameterSpan, element);
    value = { ...cast(value, element, 'unknown'), pgType: element };
  }
  const found = { sql: `${call('array_position', [list, value], 'integer').sql} IS NOT NULL`, prec: PREC.IS, type: 'boolean' as const, volatility: mergeVolatility(list, value) };
  const mayBeNull = [list, value].filter((f) => !f.notNull && !(f.literal && f.literal.kind !== 'null') && !f.sql.startsWith('ARRAY[') && !(f.parameterSpan && f.type === 'unknown' && !f.pgType));
  if (mayBeNull.length === 0) return found;
  const test = mayBeNull.map((f) => `${operand(f, PREC.IS + 1)} IS NULL`).join(' OR ');
  return { ...found, sql: `CASE WHEN ${test} THEN NULL ELSE ${found.sql} END`, prec: PREC.ATOM };
};

/** list_extract(l, i): the subscript, with DuckDB's negative indexes (nested-access.ts). */
const listExtract: FunctionTranslation = (input) => subscript(arg(input, 0), arg(input, 1), null, input.ctx.ident, input.call.span);

/** Aggregates a list with an aggregate function: a scalar subquery over unnest(). */
const LIST_AGGREGATES: Readonly<Record<string, { pg: string; type: ValueType | null }>> = {
  sum: { pg: 'sum', type: null }, min: { pg: 'min', type: null }, max: { pg: 'max', type: null },
  avg: { pg: 'avg', type: 'float' }, mean: { pg: 'avg', type: 'float' }, count: { pg: 'count', type: 'integer' },
  bool_and: { pg: 'bool_and', type: 'boolean' }, bool_or: { pg: 'bool_or', type: 'boolean' },
  string_agg: { pg: 'string_agg', type: 'text' },
};

const listAggregate =
  (fixed?: string): FunctionTranslation =>
  (input) => {
    const list = arg(input, 0);
    const nameArg = input.args[1]?.literal;
    const name = fixed ?? (nameArg?.kind === 'string' ? nameArg.value.toLowerCase() : undefined);
    const agg = name === undefined || !Object.hasOwn(LIST_AGGREGATES, name) ? undefined : LIST_AGGREGATES[name];
    if (!agg) {
      input.ctx.bag.report('SP201', input.call.name.span, input.call.name.name);
      return rename(input.call.name.name.toLowerCase(), 'unknown', 'volatile')(input);
    }
    const separator = agg.pg === 'string_agg' ? `, ${(input.args[fixed ? 1 : 2] ?? stringLiteral(',')).sql}` : '';
    const value = agg.pg === 'string_agg' ? 'x::text' : 'x';
    return { sql: `(SELECT ${agg.pg}(${value}${separator}) FROM unnest(${list.sql}) AS x)`, prec: PREC.ATOM, type: agg.type ?? 'unknown', volatility: mergeVolatility(list, 'stable') };
  };

/** struct_extract(s, 'f') / s['f']: a field of a composite or a jsonb struct. */
const structExtract: FunctionTranslation = (input) => {
  const field = input.args[1]?.literal;
  if (field?.kind !== 'string') return subscript(arg(input, 0), arg(input, 1), null, input.ctx.ident, input.call.span);
  return structField(arg(input, 0), field.value, input.ctx.ident, input.call.span);
};

const endsWith: FunctionTranslation = (input) => {
  const [s, suffix] = [arg(input, 0), arg(input, 1)];
  return nonAssoc(call('right', [s, call('length', [suffix], 'integer')], 'text'), '=', suffix, PREC.COMPARE, 'boolean');
};

const regexpFullMatch: FunctionTranslation = (input) => {
  const [s, pattern] = [arg(input, 0), arg(input, 1)];
  const p = pattern.literal?.kind === 'string' ? stringLiteral(`^(?:${pattern.literal.value})$`) : { ...pattern, sql: `'^(?:' || ${operand(pattern, PREC.OTHER_OP + 1)} || ')$'`, prec: PREC.OTHER_OP };
  return { sql: `${operand(s, PREC.OTHER_OP + 1)} ~ ${operand(p, PREC.OTHER_OP + 1)}`, prec: PREC.OTHER_OP, type: 'boolean', volatility: mergeVolatility(s, pattern) };
};

const stringAgg: FunctionTranslation = (input) => {
  const value = arg(input, 0);
  const separator = input.args[1] ?? stringLiteral(',');
  const inner = `${input.call.distinct ? 'DISTINCT ' : ''}${cast(value, 'text', 'text').sql}, ${separator.sql}`;
  return { sql: `string_agg(${inner})`, prec: PREC.ATOM, type: 'text', volatility: 'immutable' };
};

const ifFn: FunctionTranslation = (input) => {
  const [c, a, b] = [arg(input, 0), arg(input, 1), arg(input, 2)];
  return { sql: `CASE WHEN ${c.sql} THEN ${a.sql} ELSE ${b.sql} END`, prec: PREC.ATOM, type: a.type === 'null' ? b.type : a.type, volatility: mergeVolatility(c, a, b) };
};

const jsonPathCall =
  (op: '#>' | '#>>'): FunctionTranslation =>
  (input) => {
    const doc = arg(input, 0);
    const path = input.args[1]?.literal;
    const asJson = doc.type === 'json' ? doc : cast(doc, 'jsonb', 'json');
    const keys = path?.kind === 'string' ? jsonKeys(path.value) : null;
    if (!keys) return rename(op === '#>' ? 'jsonb_extract_path' : 'jsonb_extract_path_text', op === '#>' ? 'json' : 'text')({ ...input, args: [asJson, ...input.args.slice(1)] });
    return { sql: `${operand(asJson, PREC.OTHER_OP)} ${op} ${stringLiteral(`{${keys.join(',')}}`).sql}`, prec: PREC.OTHER_OP, type: op === '#>' ? 'json' : 'text', volatility: doc.volatility };
  };

/** `$.a.b[0]` or `a` → ['a', 'b', '0']; null for paths with wildcards or filters. */
function jsonKeys(path: string): string[] | null {
  if (!path.startsWith('$')) return /^[A-Za-z_][A-Za-z0-9_]*$/.test(path) ? [path] : null;
  const keys: string[] = [];
  const re = /\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]/y;
  let i = 1;
  while (i < path.length) {
    re.lastIndex = i;
    const m = re.exec(path);
    if (!m) return null;
    keys.push(m[1] ?? (m[2] as string));
    i = re.lastIndex;
  }
  return keys;
}

const clock = (sql: string, type: ValueType): FunctionTranslation => () => atom(sql, type, 'stable');

export const DUCKDB_FUNCTIONS: Readonly<Record<string, FunctionTranslation>> = {
  ...WINDOW_FUNCTIONS,
  // Identity and sequences
  uuid: () => atom('gen_random_uuid()', 'uuid', 'volatile'),
  gen_random_uuid: () => atom('gen_random_uuid()', 'uuid', 'volatile'),
  nextval: sequenceCall('nextval'),
  currval: sequenceCall('currval'),

  // Date and time
  now: clock('CURRENT_TIMESTAMP', 'timestamptz'),
  get_current_timestamp: clock('CURRENT_TIMESTAMP', 'timestamptz'),
  current_timestamp: clock('CURRENT_TIMESTAMP', 'timestamptz'),
  transaction_timestamp: clock('CURRENT_TIMESTAMP', 'timestamptz'),
  today: clock('CURRENT_DATE', 'date'),
  current_date: clock('CURRENT_DATE', 'date'),
  epoch_ms: epochMs,
  epoch: (input) => ({ sql: `extract(epoch FROM ${arg(input, 0).sql})::double precision`, prec: PREC.POSTFIX, type: 'float', volatility: arg(input, 0).volatility }),
  to_timestamp: rename('to_timestamp', 'timestamptz'),
  make_date: rename('make_date', 'date'),
  make_time: rename('make_time', 'time'),
  make_timestamp: rename('make_timestamp', 'timestamp'),
  date_trunc: (input) => ({ ...rename('date_trunc', (a) => a[1]?.type ?? 'unknown')(input), volatility: mergeVolatility(...input.args, arg(input, 1).type === 'timestamptz' ? 'stable' : 'immutable') }),
  datetrunc: (input) => DUCKDB_FUNCTIONS.date_trunc?.(input) ?? NULL,
  date_part: rename('date_part', 'float'),
  datepart: rename('date_part', 'float'),
  year: extractPart('year'),
  month: extractPart('month'),
  day: extractPart('day'),
  hour: extractPart('hour'),
  minute: extractPart('minute'),
  dayofweek: extractPart('dow'),
  dayofyear: extractPart('doy'),
  week: extractPart('week'),
  quarter: extractPart('quarter'),
  age: rename('age', 'interval'),
  strftime,
  strptime,

  // Strings
  lower: rename('lower', 'text'),
  lcase: rename('lower', 'text'),
  upper: rename('upper', 'text'),
  ucase: rename('upper', 'text'),
  length: lengthOf,
  len: lengthOf,
  char_length: rename('char_length', 'integer'),
  character_length: rename('char_length', 'integer'),
  strlen: rename('octet_length', 'integer'),
  octet_length: rename('octet_length', 'integer'),
  trim: rename('btrim', 'text'),
  ltrim: rename('ltrim', 'text'),
  rtrim: rename('rtrim', 'text'),
  replace: rename('replace', 'text'),
  reverse: rename('reverse', 'text'),
  repeat: rename('repeat', 'text'),
  lpad: rename('lpad', 'text'),
  rpad: rename('rpad', 'text'),
  left: rename('left', 'text'),
  right: rename('right', 'text'),
  substring: rename('substr', 'text'),
  substr: rename('substr', 'text'),
  concat: rename('concat', 'text'),
  concat_ws: rename('concat_ws', 'text'),
  split_part: rename('split_part', 'text'),
  strpos: rename('strpos', 'integer'),
  instr: rename('strpos', 'integer'),
  position: rename('strpos', 'integer'),
  starts_with: rename('starts_with', 'boolean'),
  prefix: rename('starts_with', 'boolean'),
  ends_with: endsWith,
  suffix: endsWith,
  contains,
  regexp_matches: ({ args }) => ({ sql: `${operand(args[0] ?? NULL, PREC.OTHER_OP + 1)} ~ ${operand(args[1] ?? NULL, PREC.OTHER_OP + 1)}`, prec: PREC.OTHER_OP, type: 'boolean', volatility: mergeVolatility(...args) }),
  regexp_full_match: regexpFullMatch,
  regexp_replace: rename('regexp_replace', 'text'),
  md5: rename('md5', 'text'),
  string_split: rename('string_to_array', 'array'),
  str_split: rename('string_to_array', 'array'),
  string_agg: stringAgg,
  group_concat: stringAgg,
  listagg: stringAgg,

  // Numbers
  abs: rename('abs'),
  ceil: rename('ceil'),
  ceiling: rename('ceil'),
  floor: rename('floor'),
  round: rename('round'),
  trunc: rename('trunc'),
  sign: rename('sign'),
  sqrt: rename('sqrt', 'float'),
  cbrt: rename('cbrt', 'float'),
  exp: rename('exp', 'float'),
  ln: rename('ln', 'float'),
  log: rename('log', 'float'),
  log10: rename('log10', 'float'),
  log2: (input) => call('log', [atom('2.0', 'numeric'), arg(input, 0)], 'float'),
  pow: rename('power', 'float'),
  power: rename('power', 'float'),
  mod: rename('mod'),
  gcd: rename('gcd'),
  lcm: rename('lcm'),
  pi: () => atom('pi()', 'float'),
  random: () => atom('random()', 'float', 'volatile'),
  greatest: rename('greatest'),
  least: rename('least'),

  // Lists
  array_length: (input) => (input.args.length > 1 ? rename('array_length', 'integer')(input) : call('cardinality', [arg(input, 0)], 'integer')),
  list_contains: listContains,
  list_has: listContains,
  array_contains: listContains,
  array_has: listContains,
  list_value: ({ args }) => ({ sql: `ARRAY[${args.map((a) => a.sql).join(', ')}]`, prec: PREC.ATOM, type: 'array', volatility: mergeVolatility(...args) }),
  list_pack: ({ args }) => ({ sql: `ARRAY[${args.map((a) => a.sql).join(', ')}]`, prec: PREC.ATOM, type: 'array', volatility: mergeVolatility(...args) }),
  list_concat: rename('array_cat', 'array'),
  array_concat: rename('array_cat', 'array'),
  array_cat: rename('array_cat', 'array'),
  list_append: rename('array_append', 'array'),
  array_append: rename('array_append', 'array'),
  list_prepend: rename('array_prepend', 'array'),
  array_prepend: rename('array_prepend', 'array'),
  list_position: rename('array_position', 'integer'),
  array_position: rename('array_position', 'integer'),
  list_indexof: rename('array_position', 'integer'),
  unnest: rename('unnest', 'unknown'),
  list_extract: listExtract,
  list_element: listExtract,
  array_extract: listExtract,
  list_aggregate: listAggregate(),
  array_aggregate: listAggregate(),
  list_aggr: listAggregate(),
  list_sum: listAggregate('sum'),
  list_min: listAggregate('min'),
  list_max: listAggregate('max'),
  list_avg: listAggregate('avg'),
  list_count: listAggregate('count'),
  list_string_agg: listAggregate('string_agg'),
  struct_extract: structExtract,

  // Aggregates
  count: rename('count', 'integer'),
  sum: rename('sum'),
  avg: rename('avg', 'float'),
  mean: rename('avg', 'float'),
  min: rename('min'),
  max: rename('max'),
  bool_and: rename('bool_and', 'boolean'),
  bool_or: rename('bool_or', 'boolean'),
  stddev: rename('stddev', 'float'),
  stddev_samp: rename('stddev_samp', 'float'),
  variance: rename('variance', 'float'),
  array_agg: rename('array_agg', 'array'),
  list: rename('array_agg', 'array'),

  // Conditionals and JSON
  coalesce: rename('coalesce'),
  ifnull: rename('coalesce'),
  nullif: (input) => nullifKeepingFirstType(input.args, rename('nullif')(input)),
  if: ifFn,
  iff: ifFn,
  typeof: (input) => ({ sql: `pg_typeof(${arg(input, 0).sql})::text`, prec: PREC.POSTFIX, type: 'text', volatility: 'stable' }),
  to_json: rename('to_jsonb', 'json'),
  json: (input) => cast(arg(input, 0), 'jsonb', 'json'),
  json_extract: jsonPathCall('#>'),
  json_extract_string: jsonPathCall('#>>'),
  json_array_length: (input) => call('jsonb_array_length', [cast(arg(input, 0), 'jsonb', 'json')], 'integer'),
  json_object: rename('jsonb_build_object', 'json'),
  json_array: rename('jsonb_build_array', 'json'),
  current_schema: () => atom('current_schema()', 'text', 'stable'),
  current_database: () => atom('current_database()', 'text', 'stable'),
};
