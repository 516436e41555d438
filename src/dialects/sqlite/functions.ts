/**
 * SQLite functions → PostgreSQL. One entry per function; a function not here
 * is passed through unchanged with SP201. Date/time functions follow SQLite's
 * reading of time as UTC text (lang_datefunc.html).
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
import { allUntyped, commonType, nullifKeepingFirstType, withPeerTypes } from '../../passes/expressions/peer-types.js';


const note = (input: FunctionCallInput, translated: string, hint: string): void => {
  input.ctx.bag.report('SP202', input.call.span, `${input.call.name.name}()`, translated, hint);
};

// ---------------------------------------------------------------------------
// Date and time

/** A SQLite time-value argument → a timestamptz fragment. */
function timeValue(f: Fragment, input: FunctionCallInput): Fragment {
  const lit = f.literal;
  if (lit?.kind === 'string' && lit.value.toLowerCase() === 'now') return atom('CURRENT_TIMESTAMP', 'timestamptz', 'stable');
  if (f.type === 'timestamptz') return f;
  if (f.type === 'timestamp') return { sql: `${operand(f, PREC.POSTFIX + 1)} AT TIME ZONE 'UTC'`, prec: PREC.AT_TIME_ZONE, type: 'timestamptz', volatility: f.volatility };
  if (f.type === 'date') return { sql: `${operand(f, PREC.POSTFIX)}::timestamp AT TIME ZONE 'UTC'`, prec: PREC.AT_TIME_ZONE, type: 'timestamptz', volatility: f.volatility };
  if (f.type === 'integer' || f.type === 'float' || f.type === 'numeric' || lit?.kind === 'number') {
    // A bare number is a Julian day number in SQLite.
    return { sql: `to_timestamp((${f.sql} - 2440587.5) * 86400)`, prec: PREC.ATOM, type: 'timestamptz', volatility: f.volatility };
  }
  void input;
  return { sql: `${operand(f, PREC.POSTFIX)}::timestamp AT TIME ZONE 'UTC'`, prec: PREC.AT_TIME_ZONE, type: 'timestamptz', volatility: mergeVolatility(f, 'stable') };
}

const UNITS = /^([+-]?\s*\d+(?:\.\d+)?)\s+(second|minute|hour|day|month|year)s?$/i;

/** Applies SQLite date modifiers ('+7 days', 'start of month', 'unixepoch', …). */
function applyModifiers(base: Fragment, rawArgs: Fragment[], modifiers: Fragment[], input: FunctionCallInput): Fragment {
  let value = base;
  let first = true;
  for (const m of modifiers) {
    const lit = m.literal;
    if (lit?.kind !== 'string') {
      input.ctx.bag.report('SP204', input.call.span, `${input.call.name.name}() with a computed modifier`, 'only literal modifiers can be translated');
      continue;
    }
    const mod = lit.value.trim().toLowerCase();
    const unit = UNITS.exec(mod);
    if (unit) {
      const amount = (unit[1] ?? '0').replace(/\s+/g, '');
      value = { sql: `${operand(value, PREC.ADD)} + interval '${amount} ${unit[2]}'`, prec: PREC.ADD, type: 'timestamptz', volatility: value.volatility };
    } else if (mod === 'start of day' || mod === 'start of month' || mod === 'start of year') {
      const field = mod.slice('start of '.length);
      value = { sql: `date_trunc('${field}', ${value.sql}, 'UTC')`, prec: PREC.ATOM, type: 'timestamptz', volatility: mergeVolatility(value, 'stable') };
    } else if ((mod === 'unixepoch' || mod === 'auto') && first && rawArgs[0]) {
      value = { sql: `to_timestamp(${rawArgs[0].sql})`, prec: PREC.ATOM, type: 'timestamptz', volatility: rawArgs[0].volatility };
    } else if (mod === 'utc') {
      // Values are already read as UTC.
    } else if (mod === 'localtime') {
      note(input, "AT TIME ZONE current_setting('TimeZone')", "'localtime' uses the PostgreSQL session time zone, not the OS time zone.");
      value = { sql: `${operand(value, PREC.POSTFIX + 1)} AT TIME ZONE current_setting('TimeZone') AT TIME ZONE 'UTC'`, prec: PREC.AT_TIME_ZONE, type: 'timestamptz', volatility: 'stable' };
    } else {
      input.ctx.bag.report('SP204', m.literal ? input.call.span : input.call.span, `the date modifier '${lit.value}'`, 'schema-port translates ±N units, start of day/month/year, unixepoch, utc and localtime');
    }
    first = false;
  }
  return value;
}

function dateTimeArgs(input: FunctionCallInput): Fragment {
  const [first, ...mods] = input.args;
  const base = first ? timeValue(first, input) : atom('CURRENT_TIMESTAMP', 'timestamptz', 'stable');
  return applyModifiers(base, input.args, mods, input);
}

/** SQLite strftime format → PostgreSQL to_char format. */
const STRFTIME: Readonly<Record<string, string>> = {
  Y: 'YYYY', m: 'MM', d: 'DD', H: 'HH24', M: 'MI', S: 'SS', f: 'SS.MS', j: 'DDD', '%': '%', F: 'YYYY-MM-DD', T: 'HH24:MI:SS',
};

function toCharFormat(format: string): string | null {
  let out = '';
  let literal = '';
  const flush = () => {
    if (literal) out += `"${literal}"`;
    literal = '';
  };
  for (let i = 0; i < format.length; i++) {
    const ch = format[i] as string;
    if (ch === '%') {
      const spec = format[i + 1] ?? '';
      const mapped = STRFTIME[spec];
      if (mapped === undefined) return null;
      flush();
      out += mapped;
      i++;
    } else if (/[A-Za-z"]/.test(ch)) literal += ch === '"' ? '\\"' : ch;
    else {
      flush();
      out += ch;
    }
  }
  flush();
  return out;
}

function utc(value: Fragment): string {
  return `${operand(value, PREC.POSTFIX + 1)} AT TIME ZONE 'UTC'`;
}

const epochSeconds = (value: Fragment): Fragment => ({
  sql: `floor(extract(epoch FROM ${value.sql}))::bigint`,
  prec: PREC.POSTFIX,
  type: 'integer',
  volatility: value.volatility,
});

const strftime: FunctionTranslation = (input) => {
  const [fmt, ...rest] = input.args;
  const value = dateTimeArgs({ ...input, args: rest });
  const format = fmt?.literal?.kind === 'string' ? fmt.literal.value : null;
  if (format === '%s') return epochSeconds(value);
  const pgFormat = format === null ? null : toCharFormat(format);
  if (pgFormat === null) {
    input.ctx.bag.report('SP204', input.call.span, `strftime('${format ?? '…'}')`, 'only literal formats with %Y %m %d %H %M %S %f %j %F %T %s translate');
    return atom('NULL', 'text');
  }
  return { sql: `to_char(${utc(value)}, ${stringLiteral(pgFormat).sql})`, prec: PREC.ATOM, type: 'text', volatility: mergeVolatility(value, 'stable') };
};

/** datetime()/date()/time() yield SQLite text; here they yield typed values the column pass formats as needed. */
const datetime: FunctionTranslation = (input) => ({ ...dateTimeArgs(input), sqliteText: true });
const date: FunctionTranslation = (input) => {
  const v = dateTimeArgs(input);
  return { sql: `(${utc(v)})::date`, prec: PREC.POSTFIX, type: 'date', volatility: mergeVolatility(v, 'stable'), sqliteText: true };
};
const time: FunctionTranslation = (input) => {
  const v = dateTimeArgs(input);
  return { sql: `(${utc(v)})::time(0)`, prec: PREC.POSTFIX, type: 'time', volatility: mergeVolatility(v, 'stable'), sqliteText: true };
};

// ---------------------------------------------------------------------------
// Random values and blobs

/** n random bytes from gen_random_uuid() (built in since PostgreSQL 13; 122 of each 128 bits are random). */
function randomBytes(n: number): string {
  const chunks: string[] = [];
  for (let left = n; left > 0; left -= 16) {
    const take = Math.min(16, left);
    chunks.push(take === 16 ? 'uuid_send(gen_random_uuid())' : `substr(uuid_send(gen_random_uuid()), 1, ${take})`);
  }
  return chunks.join(' || ');
}

const randomblob: FunctionTranslation = (input) => {
  const n = input.args[0]?.literal?.kind === 'number' ? Number(input.args[0].literal.value) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 1024) {
    input.ctx.bag.report('SP204', input.call.span, 'randomblob() with a computed size', 'the size must be a literal from 1 to 1024');
    return atom("'\\x'::bytea", 'bytea');
  }
  note(input, 'bytes of gen_random_uuid()', 'Six bits of each 16 bytes are fixed (UUID version and variant).');
  const sql = randomBytes(n);
  return { sql: n > 16 ? `(${sql})` : sql, prec: PREC.ATOM, type: 'bytea', volatility: 'volatile' };
};

const hex: FunctionTranslation = ({ args }) => {
  const a = args[0] ?? atom('NULL', 'null');
  const bytes = a.type === 'bytea' ? a.sql : `convert_to(${a.type === 'text' || a.type === 'unknown' ? a.sql : cast(a, 'text', 'text').sql}, 'UTF8')`;
  return { sql: `upper(encode(${bytes}, 'hex'))`, prec: PREC.ATOM, type: 'text', volatility: a.volatility };
};

const lower: FunctionTranslation = (input) => {
  const inner = input.call.args[0];
  // lower(hex(randomblob(n))): the common "random hex id" default.
  if (inner?.kind === 'call' && inner.name.name.toLowerCase() === 'hex' && inner.args[0]?.kind === 'call' && inner.args[0].name.name.toLowerCase() === 'randomblob') {
    const bytes = input.translate(inner.args[0]);
    return { sql: `encode(${bytes.sql}, 'hex')`, prec: PREC.ATOM, type: 'text', volatility: 'volatile' };
  }
  return caseFold('lower')(input);
};

/** upper()/lower(): SQLite (without ICU) changes the case of ASCII letters only. */
const caseFold =
  (name: 'lower' | 'upper'): FunctionTranslation =>
  (input) => {
    const a = input.args[0]?.literal;
    if (!(a?.kind === 'string' && [...a.value].every((ch) => ch.charCodeAt(0) < 0x80))) {
      note(input, `PostgreSQL's ${name}(), which also changes non-ASCII letters`, 'SQLite changes the case of ASCII letters only (without ICU); results differ for text with other letters (é, É).');
    }
    return rename(name, 'text')(input);
  };

// ---------------------------------------------------------------------------
// Strings, numbers, JSON, misc.

const substr: FunctionTranslation = (input) => {
  const [s, start, len] = input.args;
  if (!s || !start) return rename('substr', 'text')(input);
  const startLit = start.literal?.kind === 'number' ? Number(start.literal.value) : null;
  if (startLit !== null && startLit < 0) {
    const count = -startLit;
    if (!len) return { sql: `right(${s.sql}, ${count})`, prec: PREC.ATOM, type: 'text', volatility: s.volatility };
    // SQLite counts from position length + start + 1, which may lie before the first character: the
    // characters there are not returned (substr('a', -2, 1) is ''), exactly as PostgreSQL's substr does.
    const from = count === 1 ? call('length', [s], 'integer') : { ...call('length', [s], 'integer'), sql: `length(${s.sql}) - ${count - 1}`, prec: PREC.ADD };
    return call('substr', [s, from, len], s.type === 'bytea' ? 'bytea' : 'text');
  }
  if (startLit === null) note(input, 'substr()', 'A negative or zero start counts differently in SQLite (from the end).');
  return call('substr', len ? [s, start, len] : [s, start], s.type === 'bytea' ? 'bytea' : 'text');
};

const typeofFn: FunctionTranslation = (input) => {
  const a = input.args[0];
  if (!a) return atom("'null'", 'text');
  const storage: Partial<Record<ValueType, string>> = {
    integer: 'integer', boolean: 'integer', float: 'real', text: 'text', bytea: 'blob', json: 'text', uuid: 'text',
    timestamptz: 'text', timestamp: 'text', date: 'text', time: 'text', null: 'null',
  };
  const cls = storage[a.type];
  if (cls === undefined) {
    note(input, 'pg_typeof()', 'PostgreSQL type names differ from SQLite storage classes.');
    return { sql: `pg_typeof(${a.sql})::text`, prec: PREC.POSTFIX, type: 'text', volatility: a.volatility };
  }
  // The PostgreSQL column type fixes the storage class SQLite would report.
  return { sql: `(CASE WHEN ${operand(a, PREC.IS + 1)} IS NULL THEN 'null' ELSE '${cls}' END)`, prec: PREC.ATOM, type: 'text', volatility: a.volatility };
};

const jsonValid: FunctionTranslation = (input) => {
  const a = input.args[0];
  if (!a) return atom('false', 'boolean');
  const inCheck = input.ctx.purpose === 'check';
  // A json/jsonb column only holds valid JSON (or NULL, for which json_valid is NULL too): a CHECK is
  // always satisfied; elsewhere (a WHERE) the NULL rows must still be left out.
  if (a.type === 'json') {
    if (inCheck) return { ...atom('true', 'boolean'), literal: { kind: 'boolean', value: true } };
    return { sql: `${operand(a, PREC.IS + 1)} IS NOT NULL`, prec: PREC.IS, type: 'boolean', volatility: a.volatility };
  }
  if (input.ctx.options.targetVersion >= 16) return { sql: `${operand(a, PREC.IS + 1)} IS JSON`, prec: PREC.IS, type: 'boolean', volatility: a.volatility };
  if (!inCheck) {
    // A cast would raise where SQLite quietly leaves the row out.
    input.ctx.bag.report('SP210', input.call.span);
    return { sql: `${operand(a, PREC.IS + 1)} IS NOT NULL`, prec: PREC.IS, type: 'boolean', volatility: a.volatility };
  }
  note(input, 'a jsonb cast', 'Invalid JSON now raises a cast error rather than failing the check quietly; use --target-version 16 for IS JSON.');
  // json_valid(NULL) is NULL, which a CHECK accepts: keep NULL passing.
  return {
    sql: `${operand(a, PREC.IS + 1)} IS NULL OR ${operand(a, PREC.POSTFIX)}::jsonb IS NOT NULL`,
    prec: PREC.OR,
    type: 'boolean',
    volatility: a.volatility,
  };
};

const jsonPathArg = (p: Fragment | undefined): string | null => {
  if (p?.literal?.kind !== 'string' || !p.literal.value.startsWith('$')) return null;
  const keys = p.literal.value.slice(1).match(/\.("[^"]*"|[A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]/g);
  if (p.literal.value !== '$' && !keys) return null;
  return `{${(keys ?? []).map((k) => k.replace(/^\.|^\[|\]$/g, '').replace(/^"|"$/g, '')).join(',')}}`;
};

const jsonExtract: FunctionTranslation = (input) => {
  const [doc, path] = input.args;
  const p = jsonPathArg(path);
  if (!doc || p === null) {
    input.ctx.bag.report('SP204', input.call.span, 'json_extract() with a computed path', 'only literal $.key paths translate');
    return atom('NULL', 'unknown');
  }
  note(input, '#>> (text)', 'SQLite returns the SQL value (integer, real, text); PostgreSQL returns text: cast it where a number is needed.');
  const d = doc.type === 'json' ? doc : cast(doc, 'jsonb', 'json');
  return { sql: `${operand(d, PREC.OTHER_OP)} #>> ${stringLiteral(p).sql}`, prec: PREC.OTHER_OP, type: 'text', volatility: doc.volatility };
};

const asJsonb = (f: Fragment): string => (f.type === 'json' ? f.sql : cast(f, 'jsonb', 'json').sql);

/**
 * Scalar min()/max() → least()/greatest(), which skip NULLs where SQLite returns
 * NULL when any argument is NULL: arguments that may be NULL are tested first.
 */
const minMax = (scalar: 'greatest' | 'least', aggregate: 'max' | 'min'): FunctionTranslation => (input) => {
  if (input.args.length <= 1) return rename(aggregate)(input);
  const args = withPeerTypes(input.args, input.ctx);
  const result = { ...rename(scalar)({ ...input, args }), type: commonType(args) };
  const nullable = args.filter((a) => !a.notNull && !(a.literal && a.literal.kind !== 'null'));
  if (nullable.length === 0) return result;
  const test = nullable.map((a) => `${operand(a, PREC.IS + 1)} IS NULL`).join(' OR ');
  return { ...result, sql: `CASE WHEN ${test} THEN NULL ELSE ${result.sql} END`, prec: PREC.ATOM };
};

/** coalesce/ifnull/nullif: one type for all arguments. */
const peers =
  (pg: string): FunctionTranslation =>
  (input) => {
    const args = withPeerTypes(input.args, input.ctx);
    return { ...rename(pg)({ ...input, args }), ...(allUntyped(args) ? { untyped: true } : {}), type: pg === 'nullif' ? (args[0]?.type ?? 'unknown') : commonType(args) };
  };

/** nullif(a, b): `a` with a's type (see nullifKeepingFirstType). */
const nullIf: FunctionTranslation = (input) => nullifKeepingFirstType(withPeerTypes(input.args, input.ctx), peers('nullif')(input));

const groupConcat: FunctionTranslation = ({ args, call: c }) => {
  const [x, sep] = args;
  const value = x ? (x.type === 'text' ? x.sql : cast(x, 'text', 'text').sql) : 'NULL';
  return { sql: `string_agg(${c.distinct ? 'DISTINCT ' : ''}${value}, ${sep ? sep.sql : "','"})`, prec: PREC.ATOM, type: 'text', volatility: 'stable' };
};

const round: FunctionTranslation = ({ args }) => {
  const [x, digits] = args;
  if (!x) return atom('NULL', 'float');
  if (!digits) return { sql: `round(${x.sql})`, prec: PREC.ATOM, type: x.type, volatility: x.volatility };
  // PostgreSQL has round(numeric, int) only.
  return { sql: `round(${cast(x, 'numeric', 'numeric').sql}, ${digits.sql})::double precision`, prec: PREC.POSTFIX, type: 'float', volatility: x.volatility };
};

const length: FunctionTranslation = ({ args }) => {
  const x = args[0] ?? atom('NULL', 'null');
  if (x.type === 'bytea') return call('octet_length', [x], 'integer');
  if (x.type === 'text' || x.type === 'unknown') return call('length', [x], 'integer');
  return call('length', [cast(x, 'text', 'text')], 'integer');
};

/** iif(c, a, b): SQLite reads a number as a condition (non-zero is true); the branches share one type. */
const iif: FunctionTranslation = ({ args, ctx }) => {
  const c = args[0] ?? atom('NULL', 'null');
  const condition = ['integer', 'float', 'numeric'].includes(c.type) ? nonAssoc(c, '<>', atom('0', 'integer'), PREC.COMPARE, 'boolean') : c;
  const branches = withPeerTypes([args[1] ?? atom('NULL', 'null'), args[2] ?? atom('NULL', 'null')], ctx);
  const [a, b] = branches;
  return {
    sql: `CASE WHEN ${condition.sql} THEN ${a?.sql ?? 'NULL'} ELSE ${b?.sql ?? 'NULL'} END`,
    prec: PREC.ATOM,
    type: commonType(branches),
    volatility: mergeVolatility(...args),
    ...(allUntyped(branches) ? { untyped: true } : {}),
  };
};

const trimFn = (pg: 'btrim' | 'ltrim' | 'rtrim'): FunctionTranslation => rename(pg, 'text');

export const SQLITE_FUNCTIONS: Readonly<Record<string, FunctionTranslation>> = {
  ...WINDOW_FUNCTIONS,
  // date and time
  datetime,
  date,
  time,
  strftime,
  julianday: (input) => {
    const v = dateTimeArgs(input);
    return { sql: `(extract(epoch FROM ${v.sql}) / 86400.0 + 2440587.5)::double precision`, prec: PREC.POSTFIX, type: 'float', volatility: v.volatility };
  },
  unixepoch: (input) => epochSeconds(dateTimeArgs(input)),

  // random and blobs
  random: (input) => {
    note(input, 'a random bigint from gen_random_uuid()', 'Same range as SQLite: any 64-bit integer.');
    return { sql: "('x' || encode(substr(uuid_send(gen_random_uuid()), 1, 8), 'hex'))::bit(64)::bigint", prec: PREC.POSTFIX, type: 'integer', volatility: 'volatile' };
  },
  randomblob,
  zeroblob: ({ args }) => ({ sql: `decode(repeat('00', ${args[0]?.sql ?? '0'}), 'hex')`, prec: PREC.ATOM, type: 'bytea', volatility: 'immutable' }),
  hex,
  unhex: ({ args }) => call('decode', [args[0] ?? atom('NULL', 'null'), stringLiteral('hex')], 'bytea'),

  // strings
  lower,
  upper: caseFold('upper'),
  length,
  substr,
  substring: substr,
  instr: rename('strpos', 'integer'),
  replace: rename('replace', 'text'),
  trim: trimFn('btrim'),
  ltrim: trimFn('ltrim'),
  rtrim: trimFn('rtrim'),
  char: ({ args }) => ({ sql: args.length ? args.map((a) => `chr(${a.sql})`).join(' || ') : "''", prec: args.length > 1 ? PREC.OTHER_OP : PREC.ATOM, type: 'text', volatility: 'immutable' }),
  unicode: rename('ascii', 'integer'),
  quote: rename('quote_nullable', 'text'),
  group_concat: groupConcat,
  string_agg: groupConcat,

  // null handling and logic
  ifnull: peers('coalesce'),
  coalesce: peers('coalesce'),
  nullif: nullIf,
  iif,
  likely: ({ args }) => args[0] ?? atom('NULL', 'null'),
  unlikely: ({ args }) => args[0] ?? atom('NULL', 'null'),
  typeof: typeofFn,

  // numbers
  abs: rename('abs'),
  round,
  max: minMax('greatest', 'max'),
  min: minMax('least', 'min'),
  sign: rename('sign'),
  sqrt: rename('sqrt', 'float'),
  pow: rename('power', 'float'),
  power: rename('power', 'float'),
  exp: rename('exp', 'float'),
  ln: rename('ln', 'float'),
  log: rename('log', 'float'),
  log10: rename('log', 'float'),
  ceil: rename('ceil'),
  ceiling: rename('ceil'),
  floor: rename('floor'),
  mod: rename('mod'),
  pi: () => atom('pi()', 'float'),

  // aggregates
  count: rename('count', 'integer'),
  sum: rename('sum'),
  avg: rename('avg', 'float'),
  total: ({ args }) => ({ sql: `coalesce(sum(${args[0]?.sql ?? 'NULL'}), 0)::double precision`, prec: PREC.POSTFIX, type: 'float', volatility: 'stable' }),

  // JSON
  json: ({ args }) => ({ sql: asJsonb(args[0] ?? atom('NULL', 'null')), prec: PREC.POSTFIX, type: 'json', volatility: 'immutable' }),
  json_valid: jsonValid,
  json_extract: jsonExtract,
  json_array_length: ({ args }) => call('jsonb_array_length', [atom(asJsonb(args[0] ?? atom('NULL', 'null')), 'json')], 'integer'),
  json_type: ({ args }) => call('jsonb_typeof', [atom(asJsonb(args[0] ?? atom('NULL', 'null')), 'json')], 'text'),
  json_object: rename('jsonb_build_object', 'json'),
  json_array: rename('jsonb_build_array', 'json'),
  json_group_array: rename('jsonb_agg', 'json'),
  json_group_object: rename('jsonb_object_agg', 'json'),

  // connection state
  last_insert_rowid: () => atom('lastval()', 'integer', 'volatile'),
};
