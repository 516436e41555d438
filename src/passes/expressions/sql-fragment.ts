/**
 * A translated PostgreSQL expression: its text, how tightly it binds (so
 * operands are parenthesised exactly where PostgreSQL's precedence needs it),
 * what kind of value it yields, and whether PostgreSQL considers it immutable.
 */

export type ValueType =
  | 'boolean'
  | 'integer'
  | 'float'
  | 'numeric'
  | 'text'
  | 'bytea'
  | 'timestamptz'
  | 'timestamp'
  | 'date'
  | 'time'
  | 'json'
  | 'uuid'
  | 'interval'
  | 'array'
  | 'null'
  | 'unknown';

export type Volatility = 'immutable' | 'stable' | 'volatile';

export interface Fragment {
  sql: string;
  /** PostgreSQL operator precedence of the outermost construct (higher binds tighter). */
  prec: number;
  type: ValueType;
  volatility: Volatility;
  /** Where the bind parameter this fragment is stands in the source. */
  parameterSpan?: { start: number; end: number };
  /** The PostgreSQL type, when the fragment is a column whose type is known. */
  pgType?: string;
  /** A value only its context types (a bare parameter, a CASE of them): peers cast it (peer-types.ts). */
  untyped?: boolean;
  /** Known never to be NULL (a NOT NULL column outside outer joins): ORDER BY needs no NULLS clause. */
  notNull?: boolean;
  /** A date/time value SQLite would have produced as text (datetime(), date(), …). */
  sqliteText?: boolean;
  /** A value of a zone-less source timestamp type held as timestamptz read as UTC (not an instant of the source). */
  zonelessSource?: boolean;
  /** For literals: the value, so rewrites can inspect it. */
  literal?: { kind: 'number'; value: string } | { kind: 'string'; value: string } | { kind: 'null' } | { kind: 'boolean'; value: boolean };
}

/** PostgreSQL precedence levels (docs: sql-syntax-lexical, operator precedence). */
export const PREC = {
  /**
   * `x AT TIME ZONE z` binds tightly, but PostgreSQL's restricted expressions
   * (BETWEEN bounds, DEFAULT) do not accept it bare: ranking it with the
   * comparisons makes every operator context parenthesise it.
   */
  AT_TIME_ZONE: 5,
  OR: 1,
  AND: 2,
  NOT: 3,
  IS: 4,
  COMPARE: 5,
  IN_LIKE: 6,
  OTHER_OP: 7,
  ADD: 8,
  MUL: 9,
  EXP: 10,
  UNARY: 11,
  POSTFIX: 12,
  ATOM: 13,
} as const;

export function mergeVolatility(...parts: (Fragment | Volatility)[]): Volatility {
  let v: Volatility = 'immutable';
  for (const p of parts) {
    const pv = typeof p === 'string' ? p : p.volatility;
    if (pv === 'volatile') return 'volatile';
    if (pv === 'stable') v = 'stable';
  }
  return v;
}

export function atom(sql: string, type: ValueType, volatility: Volatility = 'immutable'): Fragment {
  return { sql, prec: PREC.ATOM, type, volatility };
}

/** Parenthesises `f` unless it binds at least as tightly as `min`. */
export function operand(f: Fragment, min: number): string {
  return f.prec >= min ? f.sql : `(${f.sql})`;
}

/** A left-associative binary operator: left operand may share its level, right may not. */
export function binary(left: Fragment, op: string, right: Fragment, prec: number, type: ValueType): Fragment {
  return { sql: `${operand(left, prec)} ${op} ${operand(right, prec + 1)}`, prec, type, volatility: mergeVolatility(left, right) };
}

/** A non-associative operator (comparisons, IS, LIKE): both operands bind tighter. */
export function nonAssoc(left: Fragment, op: string, right: Fragment, prec: number, type: ValueType): Fragment {
  return { sql: `${operand(left, prec + 1)} ${op} ${operand(right, prec + 1)}`, prec, type, volatility: mergeVolatility(left, right) };
}

export function call(name: string, args: Fragment[], type: ValueType, volatility?: Volatility): Fragment {
  return {
    sql: `${name}(${args.map((a) => a.sql).join(', ')})`,
    prec: PREC.ATOM,
    type,
    volatility: volatility ?? mergeVolatility(...args),
  };
}

export function cast(f: Fragment, pgType: string, type: ValueType): Fragment {
  return { sql: `${operand(f, PREC.POSTFIX)}::${pgType}`, prec: PREC.POSTFIX, type, volatility: f.volatility };
}

export function stringLiteral(value: string): Fragment {
  return { sql: `'${value.replace(/'/g, "''")}'`, prec: PREC.ATOM, type: 'text', volatility: 'immutable', literal: { kind: 'string', value } };
}
