/**
 * Values that must share one type (the arguments of coalesce/ifnull/nullif,
 * scalar min/max, the branches of CASE and iif). SQLite binds a parameter of
 * any type anywhere; PostgreSQL infers a parameter's type from its context and
 * falls back to text, so `least(c, $1)` or `CASE … THEN $1 ELSE $2 END` next
 * to a bigint fails to prepare. A bare parameter (or a CASE of parameters)
 * among typed peers is cast to the peers' type, and the parameter map says so.
 */
import type { ExpressionContext } from './context.js';
import { cast, type Fragment, type ValueType } from './sql-fragment.js';

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
