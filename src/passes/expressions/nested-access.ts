/**
 * DuckDB's access to nested values → PostgreSQL: list subscripts and slices
 * (1-based in both; DuckDB counts negative indexes from the end, PostgreSQL
 * returns NULL for them), string subscripts (a character in DuckDB), and
 * struct fields (`s.f`, `s['f']`, struct_extract) on a composite type or jsonb.
 */
import type { Identifier, Span } from '../../syntax/ast.js';
import { PREC, call, mergeVolatility, operand, stringLiteral, type Fragment } from './sql-fragment.js';

/** A composite (ROW) value or a jsonb struct, as far as the fragment tells. */
export function isStructValue(f: Fragment): boolean {
  return f.type === 'json' || (f.type === 'unknown' && f.pgType !== undefined && !/\[\]$/.test(f.pgType));
}

/** `s.f` / struct_extract(s, 'f'): `(s).f` on a composite, `s -> 'f'` on jsonb. */
export function structField(base: Fragment, field: string, ident: (id: Identifier) => string, span: Span): Fragment {
  if (base.type === 'json') {
    return { sql: `${operand(base, PREC.OTHER_OP)} -> ${stringLiteral(field).sql}`, prec: PREC.OTHER_OP, type: 'json', volatility: base.volatility };
  }
  const name = ident({ kind: 'identifier', name: field, quote: 'none', span });
  return { sql: `(${base.sql}).${name}`, prec: PREC.POSTFIX, type: 'unknown', volatility: base.volatility };
}

/** A negative literal index counts from the end in DuckDB: `l[-1]` is the last element. */
function fromEnd(list: Fragment, index: Fragment): Fragment {
  const lit = index.literal;
  if (lit?.kind !== 'number' || !lit.value.startsWith('-')) return index;
  const back = Number(lit.value.slice(1)) - 1;
  const sql = back === 0 ? `cardinality(${list.sql})` : `cardinality(${list.sql}) - ${back}`;
  return { sql, prec: back === 0 ? PREC.ATOM : PREC.ADD, type: 'integer', volatility: list.volatility };
}

/** `x[i]`, `x[a:b]` on a list, a string or a struct. */
export function subscript(base: Fragment, index: Fragment, upper: Fragment | null, ident: (id: Identifier) => string, span: Span): Fragment {
  if (!upper && index.literal?.kind === 'string' && isStructValue(base)) return structField(base, index.literal.value, ident, span);
  if (base.type === 'text') {
    // DuckDB indexes strings by character, from 1; a slice is inclusive at both ends.
    if (!upper) return call('substr', [base, index, { ...index, sql: '1', literal: { kind: 'number', value: '1' } }], 'text');
    const length = { sql: `${operand(upper, PREC.ADD)} - ${operand(index, PREC.ADD + 1)} + 1`, prec: PREC.ADD, type: 'integer' as const, volatility: mergeVolatility(index, upper) };
    return call('substr', [base, index, length], 'text');
  }
  const i = fromEnd(base, index);
  const u = upper ? fromEnd(base, upper) : null;
  const body = u ? `${i.sql}:${u.sql}` : i.sql;
  const type = base.type === 'array' && u ? 'array' : 'unknown';
  return { sql: `${operand(base, PREC.POSTFIX)}[${body}]`, prec: PREC.POSTFIX, type, volatility: mergeVolatility(base, index, ...(upper ? [upper] : [])) };
}
