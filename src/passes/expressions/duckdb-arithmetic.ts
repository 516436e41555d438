/**
 * DuckDB's `/`, `//` and `%` where PostgreSQL's differ: `/` always divides as
 * DOUBLE (7 / 2 = 3.5), and a zero divisor gives ±Infinity or NaN for doubles
 * (announced by SP211: the translation gives NULL) and NULL for integers,
 * where PostgreSQL raises an error; `%` on doubles is fmod, which PostgreSQL
 * lacks (a - trunc(a / b) * b). `//` is integer division: div(a, b).
 */
import { PREC, binary, call, cast, type Fragment } from './sql-fragment.js';
import { nullIfZero } from './sqlite-arithmetic.js';

const asDouble = (f: Fragment): Fragment => (f.type === 'float' ? f : cast(f, 'double precision', 'float'));

/** DuckDB `a / b`, `a // b`, `a % b` (operands already numeric). `announce` is called where a zero divisor gives NULL instead of ±Infinity/NaN. */
export function duckdbDivision(op: '/' | '//' | '%', left: Fragment, right: Fragment, announce: () => void): Fragment {
  const divisor = nullIfZero(right);
  const doubles = op === '/' || (op === '%' && (left.type === 'float' || right.type === 'float'));
  if (doubles && divisor !== right) announce();
  if (op === '/') return binary(asDouble(left), '/', divisor, PREC.MUL, 'float');
  if (op === '//') return call('div', [left, divisor], 'integer');
  if (!doubles) return binary(left, '%', divisor, PREC.MUL, left.type === 'unknown' ? right.type : left.type);
  const dividend = asDouble(left);
  const whole = call('trunc', [binary(dividend, '/', divisor, PREC.MUL, 'float')], 'float');
  return binary(dividend, '-', binary(whole, '*', divisor, PREC.MUL, 'float'), PREC.ADD, 'float');
}
