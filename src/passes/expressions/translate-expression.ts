/**
 * Source-dialect expression tree → PostgreSQL text. Operators are rewritten
 * here (SQLite `IS`, `GLOB`, `==`, `||` on numbers, boolean 0/1); functions go
 * through the dialect's table (src/dialects/<dialect>/functions.ts).
 */
import { DUCKDB_FUNCTIONS } from '../../dialects/duckdb/functions.js';
import { rawSql } from '../../emit/postgres/quote.js';
import { SQLITE_FUNCTIONS } from '../../dialects/sqlite/functions.js';
import type { CallExpr, Expression, WindowSpec, OrderingTerm } from '../../syntax/ast.js';
import type { ExpressionContext, FunctionTranslation } from './context.js';
import { subscript } from './nested-access.js';
import { duckdbDivision } from './duckdb-arithmetic.js';
import { realLiteral, sqliteDivision } from './sqlite-arithmetic.js';
import { globToRegex, jsonPath } from './text-patterns.js';
import { allUntyped, commonType, withPeerTypes } from './peer-types.js';
import {
  PREC,
  atom,
  binary,
  cast,
  mergeVolatility,
  nonAssoc,
  operand,
  stringLiteral,
  type Fragment,
  type ValueType,
} from './sql-fragment.js';

const FUNCTION_TABLES: Record<ExpressionContext['dialect'], Readonly<Record<string, FunctionTranslation>>> = {
  sqlite: SQLITE_FUNCTIONS,
  duckdb: DUCKDB_FUNCTIONS,
};

const NUMERIC_TYPES: ReadonlySet<ValueType> = new Set(['integer', 'float', 'numeric']);

function numberFragment(text: string): Fragment {
  let sql = text;
  let type: ValueType = /[.eE]/.test(text) && !/^0[xX]/.test(text) ? 'float' : 'integer';
  if (/^0[xX]/.test(text)) {
    // PostgreSQL < 16 has no hex literals; SQLite's are 64-bit two's complement.
    let v = BigInt(text);
    if (v > 0x7fffffffffffffffn) v -= 1n << 64n;
    sql = v.toString();
    type = 'integer';
  } else if (/^\./.test(text)) {
    sql = `0${text}`;
  } else if (/\.$/.test(text)) {
    sql = `${text}0`;
  }
  const negative = sql.startsWith('-');
  return { sql, prec: negative ? PREC.UNARY : PREC.ATOM, type, volatility: 'immutable', literal: { kind: 'number', value: sql } };
}

/** 0/1 (and 'true'/'false' text) → a boolean literal, for comparisons with boolean columns. */
export function asBooleanLiteral(f: Fragment): Fragment | null {
  const lit = f.literal;
  if (!lit) return null;
  if (lit.kind === 'boolean') return f;
  let value: boolean | null = null;
  if (lit.kind === 'number' && (lit.value === '0' || lit.value === '1')) value = lit.value === '1';
  if (lit.kind === 'string') {
    const v = lit.value.trim().toLowerCase();
    if (['1', 't', 'true', 'yes', 'on', 'y'].includes(v)) value = true;
    if (['0', 'f', 'false', 'no', 'off', 'n'].includes(v)) value = false;
  }
  if (value === null) return null;
  return { sql: value ? 'true' : 'false', prec: PREC.ATOM, type: 'boolean', volatility: 'immutable', literal: { kind: 'boolean', value } };
}

/** Makes two operands of a comparison agree where SQLite's loose typing let them differ. */
function unify(left: Fragment, right: Fragment): [Fragment, Fragment] {
  if (left.type === 'boolean') return [left, asBooleanLiteral(right) ?? (NUMERIC_TYPES.has(right.type) ? cast(right, 'boolean', 'boolean') : right)];
  if (right.type === 'boolean') return [asBooleanLiteral(left) ?? (NUMERIC_TYPES.has(left.type) ? cast(left, 'boolean', 'boolean') : left), right];
  // SQLite applies TEXT affinity to a literal compared with a text column: `code = 1` compares with '1'.
  if (left.type === 'text' && !left.literal && right.literal?.kind === 'number') return [left, stringLiteral(right.literal.value)];
  if (right.type === 'text' && !right.literal && left.literal?.kind === 'number') return [stringLiteral(left.literal.value), right];
  const isTime = (t: ValueType) => t === 'timestamptz' || t === 'timestamp' || t === 'date' || t === 'time';
  // SQLite compares the text its date functions return with text literals.
  if (left.sqliteText && right.literal?.kind === 'string') return [formatAsSqliteText(left), right];
  if (right.sqliteText && left.literal?.kind === 'string') return [left, formatAsSqliteText(right)];
  if (left.type === 'text' && isTime(right.type) && !left.literal) return [left, formatAsSqliteText(right)];
  if (right.type === 'text' && isTime(left.type) && !right.literal) return [formatAsSqliteText(left), right];
  // A zone-less date/time literal compared with a timestamptz is UTC, as the source reads it; left bare,
  // PostgreSQL would read it in the time zone of the session that runs CREATE TABLE.
  const utc = (f: Fragment) => (f.literal?.kind === 'string' && ZONELESS_DATETIME.test(f.literal.value) ? stringLiteral(`${f.literal.value}+00`) : f);
  if (left.type === 'timestamptz' && !left.literal) return [left, utc(right)];
  if (right.type === 'timestamptz' && !right.literal) return [utc(left), right];
  return [left, right];
}

/** ISO date or date-time text without a zone offset. */
export const ZONELESS_DATETIME = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/;

/** A date/time value in SQLite's text form ('YYYY-MM-DD HH:MM:SS', UTC). */
export function formatAsSqliteText(f: Fragment): Fragment {
  if (f.type === 'date') return { sql: `to_char(${f.sql}, 'YYYY-MM-DD')`, prec: PREC.ATOM, type: 'text', volatility: mergeVolatility(f, 'stable') };
  if (f.type === 'time') return { sql: `to_char(${f.sql}, 'HH24:MI:SS')`, prec: PREC.ATOM, type: 'text', volatility: mergeVolatility(f, 'stable') };
  const utc = f.type === 'timestamptz' ? `${operand(f, PREC.POSTFIX + 1)} AT TIME ZONE 'UTC'` : f.sql;
  return { sql: `to_char(${utc}, 'YYYY-MM-DD HH24:MI:SS')`, prec: PREC.ATOM, type: 'text', volatility: mergeVolatility(f, 'stable') };
}

/** A literal LIKE pattern without letters matches the same whatever the case rule. */
function caseInsensitiveSafe(pattern: Fragment): boolean {
  return pattern.literal?.kind === 'string' && !/[A-Za-z]/.test(pattern.literal.value);
}

export class ExpressionTranslator {
  constructor(private readonly ctx: ExpressionContext) {}

  translate(e: Expression): Fragment {
    const ctx = this.ctx;
    switch (e.kind) {
      case 'number':
        return numberFragment(e.text);
      case 'string':
        return stringLiteral(e.value);
      case 'blob':
        return { sql: `'\\x${e.hex.toLowerCase()}'::bytea`, prec: PREC.POSTFIX, type: 'bytea', volatility: 'immutable' };
      case 'null':
        return { sql: 'NULL', prec: PREC.ATOM, type: 'null', volatility: 'immutable', literal: { kind: 'null' } };
      case 'boolean':
        return { sql: e.value ? 'true' : 'false', prec: PREC.ATOM, type: 'boolean', volatility: 'immutable', literal: { kind: 'boolean', value: e.value } };
      case 'current':
        return this.current(e.which);
      case 'column':
        return this.column(e);
      case 'star':
        return atom(e.table ? `${ctx.ident(e.table)}.*` : '*', 'unknown');
      case 'parameter':
        return { ...atom(ctx.parameter(e.text, e.span), 'unknown'), parameterSpan: e.span };
      case 'call':
        return this.call(e);
      case 'unary': {
        const inner = this.translate(e.operand);
        if (e.op === 'NOT') {
          const b = inner.type === 'boolean' || inner.type === 'unknown' || inner.type === 'null' ? inner : this.truthy(inner);
          return { sql: `NOT ${operand(b, PREC.NOT)}`, prec: PREC.NOT, type: 'boolean', volatility: inner.volatility };
        }
        if (e.op === '+') return inner;
        if (e.op === '-' && inner.literal?.kind === 'number' && !inner.literal.value.startsWith('-')) {
          return { ...inner, sql: `-${inner.sql}`, prec: PREC.UNARY, literal: { kind: 'number', value: `-${inner.literal.value}` } };
        }
        return { sql: `${e.op}${operand(inner, PREC.UNARY)}`, prec: PREC.UNARY, type: inner.type, volatility: inner.volatility };
      }
      case 'binary':
        return this.binaryOp(e.op, e.left, e.right);
      case 'is': {
        const [left, right] = unify(this.translate(e.left), this.translate(e.right));
        if (right.literal?.kind === 'null') return this.postfix(left, e.not ? 'IS NOT NULL' : 'IS NULL');
        if (right.literal?.kind === 'boolean') return this.postfix(left, `${e.not ? 'IS NOT' : 'IS'} ${right.sql.toUpperCase()}`);
        // SQLite `IS` is null-safe equality.
        const op = e.not ? 'IS DISTINCT FROM' : 'IS NOT DISTINCT FROM';
        const sqlOp = e.distinctFrom ? (e.not ? 'IS NOT DISTINCT FROM' : 'IS DISTINCT FROM') : op;
        return nonAssoc(left, sqlOp, right, PREC.IS, 'boolean');
      }
      case 'null-test':
        return this.postfix(this.translate(e.operand), e.not ? 'IS NOT NULL' : 'IS NULL');
      case 'between': {
        const value = this.translate(e.operand);
        const [, low] = unify(value, this.translate(e.low));
        const [, high] = unify(value, this.translate(e.high));
        const p = PREC.IN_LIKE;
        return {
          sql: `${operand(value, p + 1)} ${e.not ? 'NOT BETWEEN' : 'BETWEEN'} ${operand(low, p + 1)} AND ${operand(high, p + 1)}`,
          prec: p,
          type: 'boolean',
          volatility: mergeVolatility(value, low, high),
        };
      }
      case 'in': {
        const value = this.translate(e.operand);
        const not = e.not ? 'NOT IN' : 'IN';
        let list: string;
        let volatility: Fragment['volatility'];
        if (e.select) {
          list = `(${ctx.select(e.select)})`;
          volatility = 'stable';
        } else if (e.table) {
          list = `(SELECT * FROM ${ctx.relation(e.table)})`;
          volatility = 'stable';
        } else {
          const items = (e.list ?? []).map((i) => unify(value, this.translate(i))[1]);
          if (items.length === 0) return atom(e.not ? 'true' : 'false', 'boolean');
          list = `(${items.map((i) => i.sql).join(', ')})`;
          volatility = mergeVolatility(value, ...items);
        }
        return { sql: `${operand(value, PREC.IN_LIKE + 1)} ${not} ${list}`, prec: PREC.IN_LIKE, type: 'boolean', volatility };
      }
      case 'like':
        return this.like(e);
      case 'case': {
        const parts = ['CASE'];
        const frags: Fragment[] = [];
        if (e.operand) {
          const f = this.translate(e.operand);
          frags.push(f);
          parts.push(f.sql);
        }
        // The results share one type: a parameter among typed results takes theirs (peer-types.ts).
        const results = withPeerTypes([...e.whens.map((w) => this.translate(w.then)), ...(e.else ? [this.translate(e.else)] : [])], ctx);
        const resultType: ValueType = commonType(results);
        e.whens.forEach((w, i) => {
          const when = this.translate(w.when);
          const then = results[i] as Fragment;
          frags.push(when, then);
          parts.push(`WHEN ${when.sql} THEN ${then.sql}`);
        });
        const otherwise = e.else ? results[results.length - 1] : undefined;
        if (otherwise) {
          frags.push(otherwise);
          parts.push(`ELSE ${otherwise.sql}`);
        }
        parts.push('END');
        return { sql: parts.join(' '), prec: PREC.ATOM, type: resultType, volatility: mergeVolatility(...frags), ...(allUntyped(results) ? { untyped: true } : {}) };
      }
      case 'cast': {
        const inner = this.translate(e.operand);
        const target = ctx.castType(e.type);
        if (e.syntax === 'try_cast') {
          ctx.bag.report('SP204', e.span, 'TRY_CAST', 'PostgreSQL has no cast that returns NULL on failure');
        }
        if (target.type === 'boolean') {
          const b = asBooleanLiteral(inner);
          if (b) return b;
        }
        if (ctx.dialect === 'sqlite' && (inner.type === 'text' || inner.type === 'unknown') && NUMERIC_TYPES.has(target.type) && !inner.literal) {
          ctx.bag.report('SP202', e.span, 'CAST to a number', `CAST(… AS ${target.sql})`, 'SQLite reads a numeric prefix and yields 0 for other text; PostgreSQL raises an error for text that is not a number.');
        }
        // A zone-less timestamp type emitted as timestamptz reads zone-less text as UTC (SP602), not in the
        // time zone of the session that runs the statement.
        if (target.utc && inner.literal?.kind === 'string' && ZONELESS_DATETIME.test(inner.literal.value)) {
          return { sql: `CAST(${stringLiteral(`${inner.literal.value}+00`).sql} AS ${target.sql})`, prec: PREC.ATOM, type: target.type, volatility: 'immutable', zonelessSource: true };
        }
        if (target.utc && inner.type === 'text') {
          return { sql: `CAST(${inner.sql} AS timestamp) AT TIME ZONE 'UTC'`, prec: PREC.AT_TIME_ZONE, type: target.type, volatility: mergeVolatility(inner, 'stable'), zonelessSource: true };
        }
        return {
          sql: `CAST(${inner.sql} AS ${target.sql})`,
          prec: PREC.ATOM,
          type: target.type,
          volatility: inner.type === 'text' && /time|date/.test(target.sql) ? mergeVolatility(inner, 'stable') : inner.volatility,
          ...(target.utc ? { zonelessSource: true } : {}),
        };
      }
      case 'collate':
        return this.collate(e.operand, e.collation.name, e.span);
      case 'exists':
        return { sql: `${e.not ? 'NOT ' : ''}EXISTS (${ctx.select(e.select)})`, prec: e.not ? PREC.NOT : PREC.ATOM, type: 'boolean', volatility: 'stable' };
      case 'subquery':
        return atom(`(${ctx.select(e.select)})`, 'unknown', 'stable');
      case 'row': {
        const items = e.items.map((i) => this.translate(i));
        return { sql: `(${items.map((i) => i.sql).join(', ')})`, prec: PREC.ATOM, type: 'unknown', volatility: mergeVolatility(...items) };
      }
      case 'paren': {
        const inner = this.translate(e.expr);
        return { ...inner, sql: `(${inner.sql})`, prec: PREC.ATOM };
      }
      case 'list': {
        const items = e.items.map((i) => this.translate(i));
        return { sql: `ARRAY[${items.map((i) => i.sql).join(', ')}]`, prec: PREC.ATOM, type: 'array', volatility: mergeVolatility(...items) };
      }
      case 'struct': {
        const fields = e.fields.map((f) => [f.name, this.translate(f.value)] as const);
        const args = fields.map(([name, v]) => `${stringLiteral(name).sql}, ${v.sql}`).join(', ');
        return { sql: `jsonb_build_object(${args})`, prec: PREC.ATOM, type: 'json', volatility: mergeVolatility(...fields.map(([, v]) => v)) };
      }
      case 'subscript':
        return subscript(this.translate(e.operand), this.translate(e.index), e.upper ? this.translate(e.upper) : null, ctx.ident, e.span);
      case 'raise': {
        ctx.bag.report('SP204', e.span, 'RAISE()', 'it is only valid inside a trigger');
        return atom('NULL', 'null');
      }
      case 'raw':
        return atom(e.text, 'unknown');
    }
  }

  /** An arithmetic operand as SQLite reads it: booleans are 0/1, text is its numeric prefix (0 when none). */
  numeric(f: Fragment, source: Expression): Fragment {
    if (f.type === 'boolean') return cast(f, 'integer', 'integer');
    if (f.type !== 'text' || this.ctx.dialect !== 'sqlite') return f;
    if (f.literal?.kind === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(f.literal.value)) return numberFragment(f.literal.value.trim());
    this.ctx.bag.report('SP209', source.span);
    return {
      sql: `coalesce(substring(${f.sql} FROM '^\\s*([-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?)')::numeric, 0)`,
      prec: PREC.ATOM,
      type: 'numeric',
      volatility: f.volatility,
    };
  }

  /** `col = ?`: the parameter takes the column's type. */
  inferParameter(a: Fragment, b: Fragment): void {
    if (a.parameterSpan && b.pgType) this.ctx.parameterType?.(a.parameterSpan, b.pgType);
    if (b.parameterSpan && a.pgType) this.ctx.parameterType?.(b.parameterSpan, a.pgType);
  }

  /** Treats a non-boolean value as SQLite does in a boolean context: non-zero is true. */
  truthy(f: Fragment): Fragment {
    if (f.type === 'boolean') return f;
    if (NUMERIC_TYPES.has(f.type)) return nonAssoc(f, '<>', atom('0', 'integer'), PREC.COMPARE, 'boolean');
    return f;
  }

  private postfix(f: Fragment, op: string): Fragment {
    return { sql: `${operand(f, PREC.IS + 1)} ${op}`, prec: PREC.IS, type: 'boolean', volatility: f.volatility };
  }

  private current(which: 'CURRENT_TIMESTAMP' | 'CURRENT_DATE' | 'CURRENT_TIME'): Fragment {
    // SQLite's CURRENT_* are UTC; PostgreSQL's date and time follow the session time zone.
    if (this.ctx.dialect === 'sqlite' && which === 'CURRENT_DATE') {
      return { sql: "(CURRENT_TIMESTAMP AT TIME ZONE 'UTC')::date", prec: PREC.POSTFIX, type: 'date', volatility: 'stable' };
    }
    if (which === 'CURRENT_TIME') {
      return { sql: "(CURRENT_TIMESTAMP AT TIME ZONE 'UTC')::time(0)", prec: PREC.POSTFIX, type: 'time', volatility: 'stable' };
    }
    return atom(which, which === 'CURRENT_DATE' ? 'date' : 'timestamptz', 'stable');
  }

  private column(e: Extract<Expression, { kind: 'column' }>): Fragment {
    const ctx = this.ctx;
    const resolved = ctx.resolveColumn(e.path);
    if (resolved) return { ...atom(resolved.sql, resolved.type), ...(resolved.pgType ? { pgType: resolved.pgType } : {}), ...(resolved.notNull ? { notNull: true } : {}) };
    const rank = ctx.fts?.column(e.path);
    if (rank) return rank;
    const last = e.path[e.path.length - 1];
    if (ctx.dialect === 'sqlite' && (ctx.tableScope || ctx.closedScope?.()) && e.path.length === 1 && last && last.quote === 'double') {
      ctx.bag.report('SP203', e.span, last.name, `'${last.name}'`);
      return stringLiteral(last.name);
    }
    return atom(e.path.map((p) => ctx.ident(p)).join('.'), 'unknown');
  }

  private binaryOp(op: string, leftExpr: Expression, rightExpr: Expression): Fragment {
    let left = this.translate(leftExpr);
    let right = this.translate(rightExpr);
    switch (op) {
      case 'OR':
      case 'AND': {
        const prec = op === 'OR' ? PREC.OR : PREC.AND;
        return binary(this.truthy(left), op, this.truthy(right), prec, 'boolean');
      }
      case '=':
      case '==':
      case '!=':
      case '<>':
      case '<':
      case '<=':
      case '>':
      case '>=': {
        this.inferParameter(left, right);
        [left, right] = unify(left, right);
        const pgOp = op === '==' ? '=' : op === '!=' ? '<>' : op;
        return nonAssoc(left, pgOp, right, PREC.COMPARE, 'boolean');
      }
      case '||': {
        if (left.type === 'array' || right.type === 'array') return binary(left, '||', right, PREC.OTHER_OP, 'array');
        const asText = (f: Fragment) => (f.type === 'text' || f.type === 'unknown' || f.type === 'null' ? f : cast(f, 'text', 'text'));
        return binary(asText(left), '||', asText(right), PREC.OTHER_OP, 'text');
      }
      case '->':
      case '->>':
        return this.jsonArrow(op, left, right);
      case '+':
      case '-':
      case '*':
      case '/':
      case '%': {
        [left, right] = [this.numeric(left, leftExpr), this.numeric(right, rightExpr)];
        if (this.ctx.dialect === 'sqlite') {
          [left, right] = [realLiteral(left, right), realLiteral(right, left)];
          if (op === '/' || op === '%') return sqliteDivision(op, left, right);
        } else if (op === '/' || op === '%') {
          return duckdbDivision(op, left, right, () => this.ctx.bag.report('SP211', rightExpr.span));
        }
        const prec = op === '+' || op === '-' ? PREC.ADD : PREC.MUL;
        return binary(left, op, right, prec, left.type === 'float' || right.type === 'float' ? 'float' : left.type === 'unknown' ? right.type : left.type);
      }
      case '//':
        return duckdbDivision('//', left, right, () => this.ctx.bag.report('SP211', rightExpr.span));
      case '&':
      case '|':
      case '<<':
      case '>>':
        return binary(left, op === '|' ? '|' : op, right, PREC.OTHER_OP, 'integer');
      default:
        return binary(left, op, right, PREC.OTHER_OP, 'unknown');
    }
  }

  private jsonArrow(op: '->' | '->>', left: Fragment, right: Fragment): Fragment {
    const doc = left.type === 'json' ? left : cast(left, 'jsonb', 'json');
    const lit = right.literal;
    if (lit?.kind === 'string' && lit.value.startsWith('$')) {
      const path = jsonPath(lit.value);
      if (path) {
        const pathOp = op === '->' ? '#>' : '#>>';
        return binary(doc, pathOp, stringLiteral(`{${path.join(',')}}`), PREC.OTHER_OP, op === '->' ? 'json' : 'text');
      }
    }
    return binary(doc, op, right, PREC.OTHER_OP, op === '->' ? 'json' : 'text');
  }

  private like(e: Extract<Expression, { kind: 'like' }>): Fragment {
    const ctx = this.ctx;
    const left = this.translate(e.left);
    const right = this.translate(e.right);
    if (right.parameterSpan) ctx.parameterType?.(right.parameterSpan, 'text');
    const not = e.not ? 'NOT ' : '';
    const p = PREC.IN_LIKE;
    switch (e.op) {
      case 'LIKE':
      case 'ILIKE': {
        let op = e.op;
        if (e.op === 'LIKE' && ctx.dialect === 'sqlite') {
          if (ctx.options.like === 'ilike') {
            ctx.bag.report('SP208', e.span);
            op = 'ILIKE';
          } else if (!caseInsensitiveSafe(right)) {
            ctx.bag.report('SP205', e.span);
          }
        }
        const escape = e.escape ? ` ESCAPE ${this.translate(e.escape).sql}` : '';
        return { sql: `${operand(left, p + 1)} ${not}${op} ${operand(right, p + 1)}${escape}`, prec: p, type: 'boolean', volatility: mergeVolatility(left, right) };
      }
      case 'GLOB': {
        if (right.literal?.kind !== 'string') {
          ctx.bag.report('SP204', e.span, 'GLOB', 'only a literal pattern can be translated to a regular expression');
          return { sql: `${operand(left, p + 1)} ${not}LIKE ${operand(right, p + 1)}`, prec: p, type: 'boolean', volatility: 'immutable' };
        }
        const re = stringLiteral(globToRegex(right.literal.value));
        return { sql: `${operand(left, PREC.OTHER_OP + 1)} ${e.not ? '!~' : '~'} ${re.sql}`, prec: PREC.OTHER_OP, type: 'boolean', volatility: left.volatility };
      }
      case 'REGEXP':
        return { sql: `${operand(left, PREC.OTHER_OP + 1)} ${e.not ? '!~' : '~'} ${operand(right, PREC.OTHER_OP + 1)}`, prec: PREC.OTHER_OP, type: 'boolean', volatility: mergeVolatility(left, right) };
      case 'SIMILAR TO':
        return { sql: `${operand(left, p + 1)} ${not}SIMILAR TO ${operand(right, p + 1)}`, prec: p, type: 'boolean', volatility: mergeVolatility(left, right) };
      case 'MATCH': {
        const translated = ctx.fts?.match(e.left, right);
        if (translated) {
          ctx.bag.report('SP511', e.span);
          return e.not ? { sql: `NOT ${operand(translated, PREC.NOT)}`, prec: PREC.NOT, type: 'boolean', volatility: translated.volatility } : translated;
        }
        ctx.bag.report('SP204', e.span, 'MATCH', 'its left side is not a full-text table in this query');
        return atom('false', 'boolean');
      }
    }
  }

  private collate(operandExpr: Expression, name: string, span: { start: number; end: number }): Fragment {
    const ctx = this.ctx;
    const inner = this.translate(operandExpr);
    const lower = name.toLowerCase();
    if (lower === 'nocase') {
      if (ctx.options.nocase === 'citext') return cast(inner, 'citext', 'text');
      return { sql: `${operand(inner, PREC.POSTFIX)} COLLATE nocase`, prec: PREC.POSTFIX, type: inner.type, volatility: inner.volatility };
    }
    if (lower === 'binary') return { sql: `${operand(inner, PREC.POSTFIX)} COLLATE "C"`, prec: PREC.POSTFIX, type: inner.type, volatility: inner.volatility };
    ctx.bag.report('SP113', span, name.toUpperCase());
    return inner;
  }

  call(e: CallExpr): Fragment {
    const ctx = this.ctx;
    const key = e.name.name.toLowerCase();
    const table = FUNCTION_TABLES[ctx.dialect];
    const rule = Object.hasOwn(table, key) ? table[key] : undefined;
    const args = e.args.map((a) => this.translate(a));
    let result: Fragment;
    const fts = ctx.fts?.call(e, args);
    if (fts) {
      result = fts;
    } else if (rule) {
      result = rule({ call: e, args, ctx, translate: (a) => this.translate(a) });
    } else {
      ctx.bag.report('SP201', e.name.span, e.name.name);
      const name = e.name.quote === 'none' ? e.name.name.toLowerCase() : ctx.ident(e.name);
      const inner = e.star ? '*' : `${e.distinct ? 'DISTINCT ' : ''}${args.map((a) => a.sql).join(', ')}`;
      result = { sql: `${name}(${inner})`, prec: PREC.ATOM, type: 'unknown', volatility: 'volatile' };
    }
    return this.windowed(e, result);
  }

  /** Appends ORDER BY inside the call, FILTER and OVER, which pass through. */
  private windowed(e: CallExpr, f: Fragment): Fragment {
    let sql = f.sql;
    if (e.orderBy && e.orderBy.length > 0 && sql.endsWith(')')) {
      sql = `${sql.slice(0, -1)} ORDER BY ${this.orderBy(e.orderBy)})`;
    }
    if (e.filter) sql += ` FILTER (WHERE ${this.translate(e.filter).sql})`;
    if (e.over) {
      sql += e.over.kind === 'identifier' ? ` OVER ${this.ctx.ident(e.over)}` : ` OVER (${this.windowSpec(e.over)})`;
    }
    return sql === f.sql ? f : { ...f, sql };
  }

  orderBy(terms: OrderingTerm[]): string {
    return terms
      .map((t) => {
        const f = t.collation ? this.collate(t.expr, t.collation.name, t.span) : this.translate(t.expr);
        let s = f.sql;
        if (t.direction) s += ` ${t.direction}`;
        const nulls = t.nulls ?? (f.notNull ? null : sourceNullsOrder(this.ctx.dialect, t.direction));
        if (nulls) s += ` NULLS ${nulls}`;
        return s;
      })
      .join(', ');
  }

  windowSpec(w: WindowSpec): string {
    const parts: string[] = [];
    if (w.base) parts.push(this.ctx.ident(w.base));
    if (w.partitionBy.length) parts.push(`PARTITION BY ${w.partitionBy.map((p) => this.translate(p).sql).join(', ')}`);
    if (w.orderBy.length) parts.push(`ORDER BY ${this.orderBy(w.orderBy)}`);
    if (w.frame) parts.push(rawSql(w.frame, this.ctx.dialect));
    return parts.join(' ');
  }
}

/**
 * Where the source sorts NULLs when the query does not say, if PostgreSQL
 * (NULLs last ascending, first descending) would sort them elsewhere: SQLite
 * puts them first ascending and last descending, DuckDB last either way.
 */
function sourceNullsOrder(dialect: ExpressionContext['dialect'], direction: 'ASC' | 'DESC' | null): 'FIRST' | 'LAST' | null {
  if (direction === 'DESC') return 'LAST';
  return dialect === 'sqlite' ? 'FIRST' : null;
}
