import { resolveSqliteType } from '../dialects/sqlite/resolve-type.js';
import type { FrontEnd } from './build-model.js';

/** SQLite: type names by affinity; `INTEGER PRIMARY KEY` is the rowid. */
export const SQLITE_FRONT_END: FrontEnd = {
  dialect: 'sqlite',
  resolveType: resolveSqliteType,
  isRowidAlias(column, table) {
    if (table.options.some((o) => o.option === 'WITHOUT ROWID')) return false;
    const type = column.type;
    // Only the exact type name INTEGER makes the rowid alias (lang_createtable.html#rowid).
    if (!type || type.words.length !== 1 || type.words[0]?.toUpperCase() !== 'INTEGER' || type.params.length > 0 || type.arrayDims.length > 0) return false;
    const pk = column.constraints.find((c) => c.kind === 'primary-key');
    if (pk) return pk.kind === 'primary-key' && pk.direction !== 'DESC';
    const tablePk = table.constraints.find((c) => c.kind === 'primary-key');
    return (
      tablePk !== undefined &&
      tablePk.kind === 'primary-key' &&
      tablePk.columns.length === 1 &&
      tablePk.columns[0]?.expr.kind === 'column' &&
      tablePk.columns[0].expr.path.length === 1 &&
      tablePk.columns[0].expr.path[0]?.name.toLowerCase() === column.name.name.toLowerCase()
    );
  },
};
