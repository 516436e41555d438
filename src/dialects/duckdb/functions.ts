/**
 * DuckDB functions → PostgreSQL. One entry per function; a function not here
 * is passed through unchanged with SP201.
 */
import type { FunctionTranslation } from '../../passes/expressions/context.js';
import { PREC, atom, mergeVolatility, type Fragment, type ValueType } from '../../passes/expressions/sql-fragment.js';

const rename =
  (pg: string, type: ValueType | ((args: Fragment[]) => ValueType) = (args) => args[0]?.type ?? 'unknown'): FunctionTranslation =>
  ({ args, call: c }) => {
    const t = typeof type === 'function' ? type(args) : type;
    const inner = c.star ? '*' : `${c.distinct ? 'DISTINCT ' : ''}${args.map((a) => a.sql).join(', ')}`;
    return { sql: `${pg}(${inner})`, prec: PREC.ATOM, type: t, volatility: mergeVolatility(...args) };
  };

export const DUCKDB_FUNCTIONS: Readonly<Record<string, FunctionTranslation>> = {
  uuid: () => atom('gen_random_uuid()', 'uuid', 'volatile'),
  gen_random_uuid: () => atom('gen_random_uuid()', 'uuid', 'volatile'),
  now: () => atom('CURRENT_TIMESTAMP', 'timestamptz', 'stable'),
  get_current_timestamp: () => atom('CURRENT_TIMESTAMP', 'timestamptz', 'stable'),
  current_timestamp: () => atom('CURRENT_TIMESTAMP', 'timestamptz', 'stable'),
  today: () => atom('CURRENT_DATE', 'date', 'stable'),
  current_date: () => atom('CURRENT_DATE', 'date', 'stable'),
  nextval: rename('nextval', 'integer'),
  coalesce: rename('coalesce'),
  ifnull: rename('coalesce'),
  nullif: rename('nullif'),
  lower: rename('lower', 'text'),
  upper: rename('upper', 'text'),
  length: rename('length', 'integer'),
  abs: rename('abs'),
  round: rename('round'),
  count: rename('count', 'integer'),
  sum: rename('sum'),
  avg: rename('avg', 'float'),
  min: rename('min'),
  max: rename('max'),
  concat: rename('concat', 'text'),
  regexp_matches: ({ args }) => ({ sql: `${args[0]?.sql ?? 'NULL'} ~ ${args[1]?.sql ?? 'NULL'}`, prec: PREC.OTHER_OP, type: 'boolean', volatility: mergeVolatility(...args) }),
  epoch_ms: ({ args }) => ({ sql: `to_timestamp(${args[0]?.sql ?? 'NULL'} / 1000.0)`, prec: PREC.ATOM, type: 'timestamptz', volatility: mergeVolatility(...args) }),
};
