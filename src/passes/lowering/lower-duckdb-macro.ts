/**
 * CREATE MACRO → CREATE FUNCTION … LANGUAGE sql.
 *
 * Scalar macros become scalar SQL functions, table macros set-returning ones.
 * DuckDB macro parameters have no type: they become `anycompatible`, so one
 * function accepts any arguments that share a common type, as a macro does.
 * PostgreSQL accepts polymorphic parameters only in a function whose body is
 * a string, so a function with parameters has an `AS $$ SELECT … $$` body and
 * one without uses the SQL-standard `RETURN …` (checked when created).
 *
 * Parameters are referred to as $1, $2, … because DuckDB lets a macro
 * parameter shadow a column of the same name, and PostgreSQL does the
 * opposite for names.
 *
 * The return type is the body's type when the body's outermost operation
 * fixes it (a comparison, a concatenation, a function with a known result
 * type, a cast); arithmetic on the parameters returns `anycompatible`, the
 * common type of the arguments, as DuckDB's would.
 */
import { quoteIdent } from '../../emit/postgres/quote.js';
import type { Macro } from '../../model/schema.js';
import type { Expression, FromItem, Identifier, SelectStatement } from '../../syntax/ast.js';
import type { ColumnInfo } from '../expressions/context.js';
import type { Fragment } from '../expressions/sql-fragment.js';
import { ExpressionTranslator } from '../expressions/translate-expression.js';
import { relationKey, type TableSymbol } from '../symbols.js';
import { VALUE_TYPE_SQL, type DuckdbLowering } from './lower-duckdb.js';
import type { Lowering } from './lowering.js';

export interface MacroInfo {
  /** `name(anycompatible, …)`, for COMMENT ON FUNCTION. */
  signature: string;
}

export function macroKey(name: string): string {
  return name.toLowerCase();
}

/** A copy of `node` with every reference to a parameter replaced by `$n`. */
function substitute<T>(node: T, params: Map<string, number>): T {
  if (Array.isArray(node)) return node.map((n: unknown) => substitute(n, params)) as T;
  if (node === null || typeof node !== 'object') return node;
  const record = node as Record<string, unknown>;
  if (record.kind === 'column') {
    const path = record.path as Identifier[];
    const n = path.length === 1 && path[0] ? params.get(path[0].name.toLowerCase()) : undefined;
    if (n !== undefined) return { kind: 'raw', text: `$${n}`, span: record.span } as T;
  }
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) copy[k] = k === 'span' ? v : substitute(v, params);
  return copy as T;
}

function dollarQuote(body: string): string {
  let tag = '$$';
  for (let i = 0; body.includes(tag); i++) tag = `$body${i || ''}$`;
  return `${tag}\n  ${body}\n${tag}`;
}

const VOLATILITY = { immutable: 'IMMUTABLE', stable: 'STABLE', volatile: 'VOLATILE' } as const;

const ARITHMETIC = new Set(['+', '-', '*', '/', '%', '//']);
const PASS_THROUGH = new Set(['coalesce', 'ifnull', 'nullif', 'greatest', 'least', 'abs', 'round', 'ceil', 'ceiling', 'floor']);

/** Whether the body's type follows its arguments': arithmetic, a conditional, or a parameter itself. */
function polymorphic(body: Expression): boolean {
  switch (body.kind) {
    case 'binary':
      return ARITHMETIC.has(body.op);
    case 'unary':
      return body.op === '-' || body.op === '+';
    case 'case':
    case 'raw':
      return true;
    case 'call':
      return PASS_THROUGH.has(body.name.name.toLowerCase());
    case 'paren':
      return polymorphic(body.expr);
    default:
      return false;
  }
}

/** The return type of a scalar macro body; null when it cannot be told. */
function returnType(l: Lowering, body: Expression, f: Fragment, hasParams: boolean): string | null {
  if (body.kind === 'paren') return returnType(l, body.expr, f, hasParams);
  if (body.kind === 'subquery') {
    const columns = typedColumns(l, body.select);
    return Array.isArray(columns) && columns.length === 1 ? (columns[0]?.type ?? null) : null;
  }
  if (hasParams && polymorphic(body)) return 'anycompatible';
  return VALUE_TYPE_SQL[f.type] ?? null;
}

export function lowerMacro(l: Lowering, duck: DuckdbLowering, e: Macro): void {
  const s = e.syntax;
  const schema = l.schemaOf(s.name.schema?.name ?? null, s.name.span);
  // Calls to unknown functions are printed in lower case, so the function is named that way.
  const name = l.names.apply(s.name.name.name, s.name.name.span).toLowerCase();
  const qualified = l.qualified(schema, name);
  const params = new Map(s.params.map((p, i) => [p.name.name.toLowerCase(), i + 1]));
  const x = new ExpressionTranslator(l.tableContext(undefined, 'default'));
  const paramSql = s.params.map((p) => `${l.names.quote(p.name.name, p.name.span)} anycompatible${p.default ? ` DEFAULT ${x.translate(p.default).sql}` : ''}`);
  const signature = `${qualified}(${s.params.map(() => 'anycompatible').join(', ')})`;
  const head = `CREATE ${s.orReplace ? 'OR REPLACE ' : ''}FUNCTION ${qualified}(${paramSql.join(', ')})`;

  let returns: string | null;
  let body: string;
  let volatility: keyof typeof VOLATILITY;
  let why = '';
  if (s.body.kind === 'scalar') {
    const expr = substitute(s.body.expr, params);
    const f = new ExpressionTranslator(l.tableContext(undefined, 'query')).translate(expr);
    returns = returnType(l, expr, f, params.size > 0);
    why = 'its result type cannot be told from the body';
    volatility = f.volatility;
    body = params.size > 0 ? `AS ${dollarQuote(`SELECT ${f.sql}`)}` : `RETURN ${f.sql}`;
  } else {
    const select = substitute(s.body.select, params);
    const typed = resultColumns(l, select);
    returns = typeof typed === 'string' ? typed : null;
    if (typeof typed !== 'string') why = typed.why;
    volatility = 'stable';
    body = `AS ${dollarQuote(l.query().select(select).replace(/\n {2}/g, '\n    '))}`;
  }
  if (returns === null) {
    l.bag.report('SP613', s.name.span, quoteIdent(s.name.name.name), why);
    return;
  }
  duck.macros.set(macroKey(s.name.name.name), { signature });
  l.bag.report('SP612', s.name.span, quoteIdent(s.name.name.name), `${signature} RETURNS ${returns}`);
  l.emit({
    kind: 'function',
    sql: `${head}\nRETURNS ${returns} LANGUAGE sql ${VOLATILITY[volatility]}\n${body};`,
    span: e.span,
    provides: [relationKey(schema, name)],
  });
}

interface Source {
  alias: string;
  table: TableSymbol;
}

function sources(l: Lowering, from: FromItem | null, out: Source[]): boolean {
  if (!from) return true;
  switch (from.kind) {
    case 'table-ref': {
      const table = l.symbols.lookup({ schema: from.name.schema?.name ?? null, name: from.name.name.name });
      if (!table) return false;
      out.push({ alias: (from.alias ?? from.name.name).name.toLowerCase(), table });
      return true;
    }
    case 'join':
      return sources(l, from.left, out) && sources(l, from.right, out);
    default:
      return false;
  }
}

/** `RETURNS SETOF t` or `RETURNS TABLE (…)` for a table macro's query, or why not. */
function resultColumns(l: Lowering, select: SelectStatement): string | { why: string } {
  const core = firstCore(select);
  if (core?.kind === 'select-core' && core.columns.length === 1 && core.columns[0]?.expr.kind === 'star' && core.columns[0].expr.table === null) {
    const from: Source[] = [];
    const only = sources(l, core.from, from) && from.length === 1 ? from[0] : undefined;
    if (only) return `SETOF ${l.qualified(only.table.schema, only.table.out)}`;
  }
  const columns = typedColumns(l, select);
  if (!Array.isArray(columns)) return columns;
  if (columns.some((c) => c.name === '"?column?"')) return { why: 'a result column has no name (add AS name)' };
  return `TABLE (${columns.map((c) => `${c.name} ${c.type}`).join(', ')})`;
}

function firstCore(select: SelectStatement): SelectStatement['body'] {
  let core = select.body;
  while (core.kind === 'compound' || core.kind === 'parenthesized') core = core.kind === 'compound' ? core.left : core.select.body;
  return core;
}

/** The name (quoted) and PostgreSQL type of each result column of a query over the script's tables, or why not. */
function typedColumns(l: Lowering, select: SelectStatement): { name: string; type: string }[] | { why: string } {
  const core = firstCore(select);
  if (core.kind !== 'select-core') return { why: 'a VALUES body has no column names' };
  const from: Source[] = [];
  if (!sources(l, core.from, from)) return { why: 'it reads from something other than tables this script defines' };
  const find = (path: Identifier[]) => {
    const column = path[path.length - 1]?.name.toLowerCase() ?? '';
    const qualifier = path.length > 1 ? path[path.length - 2]?.name.toLowerCase() : undefined;
    return from.find((f) => (!qualifier || f.alias === qualifier) && f.table.columns.has(column))?.table.columns.get(column);
  };
  const resolve = (path: Identifier[]): ColumnInfo | null => {
    const cs = find(path);
    return cs ? { sql: quoteIdent(cs.out), type: cs.valueType } : null;
  };
  const x = new ExpressionTranslator({ ...l.tableContext(undefined, 'query'), resolveColumn: resolve });
  const columns: { name: string; type: string }[] = [];
  for (const rc of core.columns) {
    const expr = rc.expr;
    if (expr.kind === 'star') {
      const tables = expr.table ? from.filter((f) => f.alias === expr.table?.name.toLowerCase()) : from;
      for (const t of tables) for (const cs of t.table.columns.values()) columns.push({ name: quoteIdent(cs.out), type: cs.pgType.sql });
      continue;
    }
    const name = rc.alias?.name ?? (expr.kind === 'column' ? expr.path[expr.path.length - 1]?.name : undefined);
    const type = (expr.kind === 'column' ? find(expr.path)?.pgType.sql : undefined) ?? VALUE_TYPE_SQL[x.translate(expr).type];
    if (!type) return { why: `the type of result column ${name ? quoteIdent(name) : (columns.length + 1).toString()} cannot be told` };
    columns.push({ name: name ? l.names.quote(name, rc.span) : `"?column?"`, type });
  }
  return columns;
}
