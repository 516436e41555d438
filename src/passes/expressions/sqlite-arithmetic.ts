/**
 * SQLite's `/` and `%` where PostgreSQL's differ: a zero divisor gives NULL in
 * SQLite and an error in PostgreSQL, so the divisor becomes nullif(b, 0)
 * (unless it is a non-zero literal); and `%` works on integers in SQLite (a
 * REAL operand is truncated first, the result is REAL), where PostgreSQL has no
 * `%` for double precision. Integer `/` truncates toward zero in both.
 */
import { PREC, binary, call, cast, type Fragment } from './sql-fragment.js';

const ZERO: Fragment = { sql: '0', prec: PREC.ATOM, type: 'integer', volatility: 'immutable', literal: { kind: 'number', value: '0' } };

function nonZeroLiteral(f: Fragment): boolean {
  return f.literal?.kind === 'number' && Number(f.literal.value) !== 0;
}

/** The divisor as written when it is a non-zero literal, else nullif(b, 0): a zero divisor gives NULL, not an error. */
export function nullIfZero(f: Fragment): Fragment {
  return nonZeroLiteral(f) ? f : call('nullif', [f, ZERO], f.type);
}

/** SQLite `a / b` and `a % b` (operands already numeric). */
export function sqliteDivision(op: '/' | '%', left: Fragment, right: Fragment): Fragment {
  const real = left.type === 'float' || right.type === 'float';
  if (op === '/') return binary(left, '/', nullIfZero(right), PREC.MUL, real ? 'float' : left.type === 'unknown' ? right.type : left.type);
  if (!real) return binary(left, '%', nullIfZero(right), PREC.MUL, left.type === 'unknown' ? right.type : left.type);
  const asInteger = (f: Fragment): Fragment => (f.type === 'float' ? cast(call('trunc', [f], 'float'), 'bigint', 'integer') : f);
  const remainder = binary(asInteger(left), '%', nullIfZero(asInteger(right)), PREC.MUL, 'integer');
  return cast(remainder, 'double precision', 'float');
}

/**
 * A SQLite REAL literal is a double; PostgreSQL reads `2.5` as numeric, and
 * numeric arithmetic with an integer or another literal stays exact (0.1 + 0.2
 * is 0.3, SQLite's 0.30000000000000004; -2.5 * 0 loses SQLite's -0.0). Beside a
 * value that is not already a double, the literal is made one.
 */
export function realLiteral(f: Fragment, other: Fragment): Fragment {
  // The literal stays known (a non-zero literal divisor needs no nullif).
  return f.literal?.kind === 'number' && f.type === 'float' && (other.type !== 'float' || other.literal !== undefined) ? { ...cast(f, 'double precision', 'float'), literal: f.literal } : f;
}
