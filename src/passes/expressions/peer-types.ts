/**
 * Values that must share one type (the arguments of coalesce/ifnull/nullif,
 * scalar min/max, the branches of CASE and iif). SQLite binds a parameter of
 * any type anywhere; PostgreSQL infers a parameter's type from its context and
 * falls back to text, so `least(c, $1)` or `CASE … THEN $1 ELSE $2 END` next
 * to a bigint fails to prepare. A bare parameter (or a CASE of parameters)
 * among typed peers is cast to the peers' type, and the parameter map says so.
 */
import type { ExpressionContext } from './context.js';
import { PREC, cast, operand, type Fragment, type ValueType } from './sql-fragment.js';

const PG_TYPE_OF: Partial<Record<ValueType, string>> = {
  integer: 'bigint',
  float: 'double precision',
  numeric: 'numeric',
  text: 'text',
  boolean: 'boolean',
  bytea: 'bytea',
  timestamptz: 'timestamptz',
  timestamp: 'timestamp',
  date: 'date',
  json: 'jsonb',
  uuid: 'uuid',
};

/** A value whose type only its context decides: a bare parameter, or a CASE/coalesce of such values and NULLs. */
export function isUntyped(f: Fragment): boolean {
  return f.untyped === true || (f.parameterSpan !== undefined && f.type === 'unknown');
}

/** Whether every value is untyped or NULL (the result is then untyped too). */
export function allUntyped(values: Fragment[]): boolean {
  return values.some(isUntyped) && values.every((v) => isUntyped(v) || v.type === 'null');
}

const NUMERIC_RANK: Partial<Record<ValueType, number>> = { integer: 1, numeric: 2, float: 3 };

/** The type PostgreSQL resolves for values that share one (CASE branches, coalesce): integer and double make double. */
export function commonType(values: Fragment[]): ValueType {
  const typed = values.map((v) => v.type).filter((t) => t !== 'null' && t !== 'unknown');
  const first = typed[0];
  if (first === undefined) return 'unknown';
  if (typed.every((t) => NUMERIC_RANK[t] !== undefined)) return typed.reduce((a, b) => ((NUMERIC_RANK[b] ?? 0) > (NUMERIC_RANK[a] ?? 0) ? b : a));
  return first;
}

/** `values` with the untyped ones cast to the type of the first typed one (unchanged when there is none). */
export function withPeerTypes(values: Fragment[], ctx: Pick<ExpressionContext, 'parameterType'>): Fragment[] {
  const peer = values.find((v) => !isUntyped(v) && v.type !== 'null' && v.type !== 'unknown');
  const pg = peer ? (peer.pgType ?? PG_TYPE_OF[peer.type]) : undefined;
  if (!peer || !pg) return values;
  return values.map((v) => {
    if (!isUntyped(v)) return v;
    if (v.parameterSpan) ctx.parameterType?.(v.parameterSpan, pg);
    return { ...cast(v, pg, peer.type), pgType: pg };
  });
}

/**
 * nullif(a, b) is `a`, with a's type, in SQLite and DuckDB when a ≠ b.
 * PostgreSQL's nullif returns the left operand of the `=` it compares with,
 * promoted to b's type when the two differ: nullif(bigint, double precision)
 * is a double precision, and a `%` on it fails. `translated` is the call as
 * nullif(a, b); with numeric types that promote, the comparison moves into a
 * CASE that returns `a` itself (a is written twice: only when it is not
 * volatile; a volatile one keeps nullif, typed as PostgreSQL types it).
 */
export function nullifKeepingFirstType(args: Fragment[], translated: Fragment): Fragment {
  const [a, b] = args;
  if (args.length !== 2 || !a || !b || NUMERIC_RANK[a.type] === undefined || NUMERIC_RANK[b.type] === undefined) return translated;
  const promoted = commonType([a, b]);
  if (promoted === a.type) return translated;
  if (a.volatility === 'volatile') return { ...translated, type: promoted };
  return {
    ...translated,
    sql: `CASE WHEN ${operand(a, PREC.COMPARE + 1)} = ${operand(b, PREC.COMPARE + 1)} THEN NULL ELSE ${a.sql} END`,
    prec: PREC.ATOM,
    type: a.type,
    ...(a.pgType ? { pgType: a.pgType } : {}),
  };
}
