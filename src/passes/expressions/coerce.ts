/**
 * Fits a translated DEFAULT or generation expression to its column's
 * PostgreSQL type, the way SQLite's affinity would have stored it:
 * 0/1 → false/true, CURRENT_TIMESTAMP in a text column → SQLite's text form,
 * a zone-less timestamp literal → UTC. Reports what cannot fit.
 */
import type { DiagnosticBag } from '../../diagnostics/diagnostic.js';
import type { Dialect } from '../../model/schema.js';
import type { Span } from '../../syntax/ast.js';
import type { ColumnSymbol } from '../symbols.js';
import { PREC, cast, operand, type Fragment, type ValueType } from './sql-fragment.js';
import { asBooleanLiteral, formatAsSqliteText } from './translate-expression.js';

const CATEGORY: Record<ValueType, string> = {
  boolean: 'boolean',
  integer: 'number',
  float: 'number',
  numeric: 'number',
  text: 'text',
  bytea: 'bytes',
  timestamptz: 'time',
  timestamp: 'time',
  date: 'time',
  time: 'time',
  json: 'json',
  uuid: 'uuid',
  interval: 'interval',
  array: 'array',
  null: 'any',
  unknown: 'any',
};

const ISO_WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/;

export function coerceToColumn(f: Fragment, column: ColumnSymbol, at: { dialect: Dialect; bag: DiagnosticBag; span: Span }): Fragment {
  const target = column.valueType;
  const lit = f.literal;
  if (target === 'boolean') {
    const b = asBooleanLiteral(f);
    if (b) return b;
    if (f.type === 'integer' || f.type === 'numeric' || f.type === 'float') return { sql: `${operand(f, PREC.COMPARE + 1)} <> 0`, prec: PREC.COMPARE, type: 'boolean', volatility: f.volatility };
  }
  if (target === 'text' && (f.type === 'timestamptz' || f.type === 'timestamp' || f.type === 'date' || f.type === 'time') && at.dialect === 'sqlite') {
    return formatAsSqliteText(f);
  }
  if (target === 'timestamp' && f.type === 'timestamptz' && !lit) {
    return { sql: `${operand(f, PREC.POSTFIX + 1)} AT TIME ZONE 'UTC'`, prec: PREC.OTHER_OP, type: 'timestamp', volatility: f.volatility };
  }
  if (target === 'date' && f.type === 'timestamptz') {
    return { sql: `(${operand(f, PREC.POSTFIX + 1)} AT TIME ZONE 'UTC')::date`, prec: PREC.POSTFIX, type: 'date', volatility: f.volatility };
  }
  if (target === 'timestamptz' && lit?.kind === 'string' && ISO_WITHOUT_ZONE.test(lit.value) && at.dialect === 'sqlite') {
    const value = `${lit.value}+00`;
    return { sql: `'${value}'`, prec: PREC.ATOM, type: 'text', volatility: 'immutable', literal: { kind: 'string', value } };
  }
  if (target === 'text' && (f.type === 'integer' || f.type === 'float' || f.type === 'numeric') && !lit) return cast(f, 'text', 'text');
  // A literal the source engine would have stored under its own class (text in an INTEGER column).
  if (lit?.kind === 'string' && CATEGORY[target] === 'number' && !/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(lit.value)) {
    at.bag.report('SP204', at.span, `DEFAULT '${lit.value}'`, `the column is ${column.pgType.sql}, and the source stores this default as text`);
    return f;
  }
  const from = CATEGORY[f.type];
  const to = CATEGORY[target];
  if (from !== 'any' && to !== 'any' && from !== to && !(from === 'text' && lit)) {
    const numericPair = (from === 'number' && to === 'boolean') || (from === 'boolean' && to === 'number');
    if (!numericPair && !(to === 'json' && from === 'text') && !(to === 'text')) {
      at.bag.report('SP204', at.span, 'this default', `it yields ${f.type} but the column is ${column.pgType.sql}`);
    }
  }
  return f;
}
