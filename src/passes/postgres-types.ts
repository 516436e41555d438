/**
 * Semantic types → PostgreSQL types: the one place where a column's
 * PostgreSQL type is decided, with the option that governs each choice and
 * the diagnostic that says so. Integer ranges narrower than the PostgreSQL
 * type (DuckDB UTINYINT, UBIGINT, HUGEINT, …) get a CHECK that keeps the
 * source's range.
 */
import type { DiagnosticBag } from '../diagnostics/diagnostic.js';
import type { Dialect } from '../model/schema.js';
import type { SemanticType } from '../model/semantic-type.js';
import type { TranslateOptions } from '../options.js';
import type { Span } from '../syntax/ast.js';
import type { ValueType } from './expressions/sql-fragment.js';

/** What the TypeScript emitter and expression pass need to know of a column's type. */
export interface PgType {
  /** As written in DDL: `bigint`, `numeric(10,2)`, `text[]`, `citext`. */
  sql: string;
  /** The base type name without modifiers or array brackets: `numeric`, `text`. */
  base: string;
  arrayDims: number;
  /** The source's integer range, when narrower than the PostgreSQL type's: enforced by a CHECK. */
  range: { min: string; max: string } | null;
  /** DuckDB fixed-size arrays `T[n]`: enforced by a CHECK on cardinality. */
  cardinality: number | null;
  /** Extensions the type needs (citext). */
  extensions: string[];
  /** The column's collation: "nocase" (an ICU collation the script creates) or "C". */
  collation: string | null;
}

export interface TypeContext {
  dialect: Dialect;
  options: TranslateOptions;
  bag: DiagnosticBag;
  span: Span;
  /** The column's name as written, for messages. */
  column: string;
  declaredType: string | null;
  /** COLLATE on the column, lower-cased. */
  collation: string | null;
  /** Resolves a user-declared type (DuckDB CREATE TYPE, inline ENUM) to its PostgreSQL name, or its full type. */
  namedType?: (name: string) => string | PgType;
  /** Names an inline enum (DuckDB ENUM('a','b')), creating its type. */
  inlineEnum?: (values: string[]) => string;
  /** Names a composite type for a STRUCT, creating it. */
  struct?: (fields: { name: string; type: SemanticType }[]) => string | null;
}

const INTEGER_TYPES = [
  { sql: 'smallint', min: -32768n, max: 32767n },
  { sql: 'integer', min: -2147483648n, max: 2147483647n },
  { sql: 'bigint', min: -9223372036854775808n, max: 9223372036854775807n },
] as const;

const NO_EXTENSIONS: string[] = Object.freeze([]) as unknown as string[];
/** Plain types by `sql` and `base`: one frozen object each, shared by every column of that type (nothing mutates a PgType). */
const SIMPLE_TYPES = new Map<string, PgType>();

function simple(sql: string, base = sql): PgType {
  const key = sql === base ? sql : `${sql}\u0000${base}`;
  let type = SIMPLE_TYPES.get(key);
  if (type === undefined) {
    type = Object.freeze({ sql, base, arrayDims: 0, range: null, cardinality: null, extensions: NO_EXTENSIONS, collation: null });
    // Spellings such as varchar(n) are open-ended: past a thousand, new ones are made and not kept.
    if (SIMPLE_TYPES.size < 1000) SIMPLE_TYPES.set(key, type);
  }
  return type;
}

function integerType(min: bigint, max: bigint): PgType {
  const fit = INTEGER_TYPES.find((t) => t.min <= min && max <= t.max);
  const digits = Math.max(min.toString().replace('-', '').length, max.toString().length);
  const type = fit ? simple(fit.sql) : simple(`numeric(${digits},0)`, 'numeric');
  const tight = fit !== undefined && fit.min === min && fit.max === max;
  return tight ? type : { ...type, range: { min: min.toString(), max: max.toString() } };
}

function textType(t: Extract<SemanticType, { kind: 'text' }>, ctx: TypeContext): PgType {
  let type = simple('text');
  if (t.length !== null) {
    const declared = ctx.declaredType ?? `VARCHAR(${t.length})`;
    const engine = ctx.dialect === 'sqlite' ? 'SQLite' : 'DuckDB';
    if (ctx.options.varchar === 'keep') {
      type = simple(`varchar(${t.length})`, 'varchar');
      ctx.bag.report('SP104', ctx.span, String(t.length), declared);
    } else {
      ctx.bag.report('SP103', ctx.span, String(t.length), declared, engine);
    }
  }
  switch (ctx.collation) {
    case null:
      return type;
    case 'nocase':
      if (ctx.options.nocase === 'citext') {
        ctx.bag.report('SP112', ctx.span, 'citext');
        return { ...simple('citext'), extensions: ['citext'] };
      }
      ctx.bag.report('SP112', ctx.span, 'a nondeterministic ICU collation');
      return { ...type, collation: 'nocase' };
    case 'binary':
      // SQLite's BINARY compares bytes: PostgreSQL's "C" collation.
      return { ...type, collation: 'C' };
    default:
      ctx.bag.report('SP113', ctx.span, ctx.collation.toUpperCase());
      return type;
  }
}

/** Maps one semantic type; `ctx.span` is where its diagnostics point. */
export function postgresType(t: SemanticType, ctx: TypeContext): PgType {
  switch (t.kind) {
    case 'integer': {
      const type = integerType(BigInt(t.min), BigInt(t.max));
      if (type.range && ctx.dialect === 'duckdb') ctx.bag.report('SP617', ctx.span, ctx.declaredType ?? 'integer', type.sql);
      return type;
    }
    case 'float':
      return simple(t.bits === 32 ? 'real' : 'double precision');
    case 'decimal': {
      if (t.precision === null) return simple('numeric');
      if (!t.enforced) ctx.bag.report('SP110', ctx.span, ctx.declaredType ?? 'DECIMAL', String(t.precision), String(t.scale ?? 0));
      return simple(`numeric(${t.precision},${t.scale ?? 0})`, 'numeric');
    }
    case 'text':
      return textType(t, ctx);
    case 'boolean':
      if (ctx.dialect === 'sqlite') ctx.bag.report('SP107', ctx.span);
      return simple('boolean');
    case 'blob':
      return simple('bytea');
    case 'date':
      if (ctx.dialect === 'sqlite') ctx.bag.report('SP106', ctx.span, ctx.declaredType ?? 'DATE', 'date');
      return simple('date');
    case 'time':
      if (ctx.dialect === 'sqlite') ctx.bag.report('SP106', ctx.span, ctx.declaredType ?? 'TIME', t.tz ? 'timetz' : 'time');
      return simple(t.tz ? 'time with time zone' : 'time', t.tz ? 'timetz' : 'time');
    case 'timestamp': {
      const precision = t.precision !== null && t.precision < 6 ? `(${t.precision})` : '';
      if (t.tz) return simple(`timestamptz${precision}`, 'timestamptz');
      const choice = ctx.options.timestamps;
      const sql = choice === 'text' ? 'text' : `${choice}${precision}`;
      if (t.storedAs === 'text') ctx.bag.report('SP106', ctx.span, ctx.declaredType ?? 'DATETIME', sql);
      else if (choice === 'timestamptz') ctx.bag.report('SP602', ctx.span, ctx.declaredType ?? 'TIMESTAMP', sql);
      else if (choice === 'text') ctx.bag.report('SP618', ctx.span, ctx.declaredType ?? 'TIMESTAMP');
      return simple(sql, choice);
    }
    case 'interval':
      return simple('interval');
    case 'uuid':
      if (t.storedAs === 'text') ctx.bag.report('SP111', ctx.span, ctx.declaredType ?? 'UUID', 'uuid');
      return simple('uuid');
    case 'json': {
      const sql = ctx.options.json;
      // DuckDB VARIANT (SP616) holds values, not JSON text.
      if (ctx.dialect === 'duckdb' && ctx.declaredType?.toUpperCase() === 'VARIANT') return simple(sql);
      ctx.bag.report('SP109', ctx.span, ctx.declaredType ?? 'JSON', ctx.dialect === 'sqlite' ? 'SQLite' : 'DuckDB', sql);
      return simple(sql);
    }
    case 'bit':
      return simple('varbit');
    case 'list': {
      if (t.element.kind === 'list') {
        // PostgreSQL arrays are rectangular; DuckDB lists of lists need not be.
        ctx.bag.report('SP608', ctx.span, ctx.declaredType ?? 'list');
        return simple('jsonb');
      }
      const element = postgresType(t.element, ctx);
      return { ...element, sql: `${element.sql}[]`, arrayDims: element.arrayDims + 1, cardinality: t.size ?? element.cardinality };
    }
    case 'struct': {
      const name = ctx.struct?.(t.fields);
      return name ? simple(name) : simple(ctx.options.json, ctx.options.json);
    }
    case 'map':
      ctx.bag.report('SP606', ctx.span, ctx.declaredType ?? 'MAP');
      return simple('jsonb');
    case 'union':
      ctx.bag.report('SP607', ctx.span, ctx.declaredType ?? 'UNION');
      return simple('jsonb');
    case 'enum': {
      const name = ctx.inlineEnum?.(t.values);
      return name ? simple(name) : simple('text');
    }
    case 'named': {
      const resolved = ctx.namedType?.(t.name) ?? t.name;
      return typeof resolved === 'string' ? simple(resolved) : resolved;
    }
    case 'any':
      return simple('text');
  }
}

/** The CHECK expressions that keep the source's range and array size, over a quoted column name. */
export function typeChecks(type: PgType, column: string): string[] {
  const checks: string[] = [];
  if (!type.range && type.cardinality === null) return checks;
  if (type.range) {
    checks.push(
      type.arrayDims === 0
        ? `${column} BETWEEN ${type.range.min} AND ${type.range.max}`
        : `${type.range.min} <= ALL (${column}) AND ${type.range.max} >= ALL (${column})`,
    );
  }
  if (type.cardinality !== null) checks.push(`cardinality(${column}) = ${type.cardinality}`);
  return checks;
}

/** The kind of value a PostgreSQL type holds, for expression translation. */
export function valueTypeOf(t: PgType): ValueType {
  if (t.arrayDims > 0) return 'array';
  return VALUE_TYPES.get(t.base) ?? 'unknown';
}

/** The kind of value of each PostgreSQL base type; any other (enums, composites, domains) is 'unknown'. */
const VALUE_TYPES: ReadonlyMap<string, ValueType> = new Map<string, ValueType>([
  ['smallint', 'integer'],
  ['integer', 'integer'],
  ['bigint', 'integer'],
  ['real', 'float'],
  ['double precision', 'float'],
  ['numeric', 'numeric'],
  ['text', 'text'],
  ['varchar', 'text'],
  ['citext', 'text'],
  ['char', 'text'],
  ['boolean', 'boolean'],
  ['bytea', 'bytea'],
  ['timestamptz', 'timestamptz'],
  ['timestamp', 'timestamp'],
  ['date', 'date'],
  ['time', 'time'],
  ['timetz', 'time'],
  ['jsonb', 'json'],
  ['json', 'json'],
  ['uuid', 'uuid'],
  ['interval', 'interval'],
]);
