/** Exact decimal numbers as text: parsed into sign, integer and fraction digits (no floating point). */

/** An exact decimal: sign, integer digits (no leading zeros, at least "0") and fraction digits (no trailing zeros). */
export interface Decimal {
  negative: boolean;
  int: string;
  frac: string;
}

/** An exact decimal from digits with an optional point and exponent (surrounding blanks allowed); null for other text. */
export function parseDecimal(text: string): Decimal | null {
  const m = /^\s*([-+]?)(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?\s*$/.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return null;
  let digits = `${m[2]}${m[3] ?? ''}`;
  let point = (m[2] ?? '').length + Number(m[4] ?? 0);
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits = digits.padEnd(point, '0');
  const int = digits.slice(0, point).replace(/^0+/, '') || '0';
  const frac = digits.slice(point).replace(/0+$/, '');
  return { negative: m[1] === '-' && /[1-9]/.test(digits), int, frac };
}
