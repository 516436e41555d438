/** SQLite's INSERT OR REPLACE / REPLACE INTO → an upsert on the primary key (or the first unique key). */
import { quoteIdent } from '../../emit/postgres/quote.js';
import type { InsertStatement } from '../../syntax/ast.js';
import { columnOrRowid } from '../symbols.js';
import type { QueryServices } from './translate-query.js';

export function replaceClause(services: QueryServices, s: InsertStatement): string {
  const bag = services.base.bag;
  const verb = 'INSERT OR REPLACE';
  const sym = services.symbols.lookup({ schema: s.table.schema?.name ?? null, name: s.table.name.name });
  const keyNames = sym ? (sym.table.primaryKey?.columns ?? sym.table.uniques[0]?.columns ?? []) : [];
  const key = sym ? keyNames.map((k) => columnOrRowid(sym, k.toLowerCase())).filter((c) => c !== undefined) : [];
  if (!sym || key.length === 0) {
    bag.report('SP204', s.span, verb, sym ? 'the table has no primary or unique key to upsert on' : 'the table is not in the schema (pass it with --schema)');
    return '';
  }
  const keyOut = new Set(key.map((k) => k.out));
  const target = key.map((k) => quoteIdent(k.out)).join(', ');
  bag.report('SP512', s.span, verb, target);
  const inserted = s.columns.length
    ? s.columns.map((c) => columnOrRowid(sym, c.name.toLowerCase())?.out ?? c.name)
    : [...sym.columns.values()].filter((c) => !c.column.generated).map((c) => c.out);
  const assigned = inserted.filter((c) => !keyOut.has(c)).map(quoteIdent);
  if (assigned.length === 0) return ` ON CONFLICT (${target}) DO NOTHING`;
  return ` ON CONFLICT (${target}) DO UPDATE SET ${assigned.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`;
}
