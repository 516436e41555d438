import { resolveDuckdbType } from '../dialects/duckdb/resolve-type.js';
import type { FrontEnd } from './build-model.js';

/** DuckDB: enforced types (src/dialects/duckdb/types.ts); no rowid aliases. */
export const DUCKDB_FRONT_END: FrontEnd = {
  dialect: 'duckdb',
  resolveType: resolveDuckdbType,
  isRowidAlias: () => false,
};
