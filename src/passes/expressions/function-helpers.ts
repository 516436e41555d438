/** Building blocks shared by the dialects' function tables (src/dialects/<dialect>/functions.ts). */
import type { FunctionTranslation } from './context.js';
import { PREC, mergeVolatility, type Fragment, type ValueType } from './sql-fragment.js';

/**
 * A function PostgreSQL has under another (or the same) name with the same
 * arguments. `type` is the result's kind (by default the first argument's);
 * `volatility` overrides the arguments' (e.g. `nextval` is volatile).
 */
export const rename =
  (pg: string, type: ValueType | ((args: Fragment[]) => ValueType) = (args) => args[0]?.type ?? 'unknown', volatility?: Fragment['volatility']): FunctionTranslation =>
  ({ args, call: c }) => {
    const t = typeof type === 'function' ? type(args) : type;
    const inner = c.star ? '*' : `${c.distinct ? 'DISTINCT ' : ''}${args.map((a) => a.sql).join(', ')}`;
    return { sql: `${pg}(${inner})`, prec: PREC.ATOM, type: t, volatility: volatility ?? mergeVolatility(...args) };
  };

/** Window functions both source dialects share with PostgreSQL (same names, same meaning). */
export const WINDOW_FUNCTIONS: Readonly<Record<string, FunctionTranslation>> = {
  row_number: rename('row_number', 'integer'),
  rank: rename('rank', 'integer'),
  dense_rank: rename('dense_rank', 'integer'),
  ntile: rename('ntile', 'integer'),
  percent_rank: rename('percent_rank', 'float'),
  cume_dist: rename('cume_dist', 'float'),
  lag: rename('lag'),
  lead: rename('lead'),
  first_value: rename('first_value'),
  last_value: rename('last_value'),
  nth_value: rename('nth_value'),
};
