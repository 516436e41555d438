/**
 * A star written out as the explicit column list of the relations it covers:
 * DuckDB's `* EXCLUDE (…)` and `* REPLACE (… AS …)` (PostgreSQL has neither),
 * and the select list of a QUALIFY rewritten as a subquery. The columns come
 * from the scope: tables and views of the schema, derived subqueries and CTEs.
 */
import type { DiagnosticBag } from '../../diagnostics/diagnostic.js';
import { quoteIdent } from '../../emit/postgres/quote.js';
import type { Expression, FromItem, Identifier, StarExpr } from '../../syntax/ast.js';
import type { ValueType } from './sql-fragment.js';

/** One output column of a FROM item: the lower-cased source name and the output name (unquoted). */
export interface OutputColumn {
  key: string;
  out: string;
  type: ValueType;
}

/** A FROM item a star can cover. */
export interface StarSource {
  /** Lower-cased alias or table name. */
  name: string;
  /** The qualifier as printed. */
  qualifier: string;
  /** Its columns in order; null when they are not known. */
  outputs: OutputColumn[] | null;
}

/** One written-out select item: its SQL and its output name (unquoted, for an enclosing query). */
export interface ExpandedColumn {
  sql: string;
  out: string;
}

export interface StarTools {
  bag: DiagnosticBag;
  ident(id: Identifier): string;
  translate(e: Expression): string;
}

/** `*`, `t.*`, with the DuckDB modifiers as written, for messages. */
export function describeStar(star: StarExpr, ident: (id: Identifier) => string): string {
  let text = star.table ? `${ident(star.table)}.*` : '*';
  if (star.exclude) text += ' EXCLUDE';
  if (star.replace) text += ' REPLACE';
  return `SELECT ${text}`;
}

/** A USING or NATURAL join merges same-named columns under `*`: the column list is not modelled. */
export function mergesColumns(item: FromItem | null): boolean {
  if (!item || item.kind !== 'join') return false;
  return item.using !== null || item.op.toUpperCase().startsWith('NATURAL') || mergesColumns(item.left) || mergesColumns(item.right);
}

/**
 * The columns a star selects, with EXCLUDE and REPLACE applied; null (after an
 * error diagnostic) when they cannot be known or the modifiers name a column
 * that is not there. `forQualify`: a plain star written out for QUALIFY's
 * subquery, which is worth the same note.
 */
export function expandStar(star: StarExpr, sources: StarSource[], from: FromItem | null, tools: StarTools, forQualify = false): ExpandedColumn[] | null {
  const what = describeStar(star, tools.ident);
  const table = star.table?.name.toLowerCase();
  const picked = table === undefined ? sources : sources.filter((s) => s.name === table);
  const names = picked.map((s) => s.qualifier).join(', ') || (star.table ? tools.ident(star.table) : 'the FROM clause');
  const unknown = picked.filter((s) => s.outputs === null);
  if (picked.length === 0 || unknown.length > 0 || (table === undefined && mergesColumns(from))) {
    const culprit = unknown.length > 0 ? unknown.map((s) => s.qualifier).join(', ') : names;
    tools.bag.report('SP516', star.span, what, table === undefined && mergesColumns(from) ? `a USING or NATURAL join (${culprit})` : culprit);
    return null;
  }
  const columns = picked.flatMap((s) => (s.outputs ?? []).map((c) => ({ source: s, column: c })));
  const present = new Set(columns.map((c) => c.column.key));
  // Excluded columns by name, or by source and name for `EXCLUDE (t.a)`.
  const excluded = new Set<string>();
  const excludedOf = new Set<string>();
  for (const x of star.exclude ?? []) {
    const key = x.name.name.toLowerCase();
    const source = x.table?.name.toLowerCase();
    const found = columns.some((c) => c.column.key === key && (source === undefined || c.source.name === source));
    if (!found) {
      tools.bag.report('SP517', x.span, 'EXCLUDE', x.table ? `${tools.ident(x.table)}.${tools.ident(x.name)}` : tools.ident(x.name));
      return null;
    }
    if (source === undefined) excluded.add(key);
    else excludedOf.add(`${source}.${key}`);
  }
  const isExcluded = (source: StarSource, key: string): boolean => excluded.has(key) || excludedOf.has(`${source.name}.${key}`);
  const replaced = new Map<string, Expression>();
  for (const r of star.replace ?? []) {
    const key = r.name.name.toLowerCase();
    if (!present.has(key) || excluded.has(key)) {
      tools.bag.report('SP517', r.name.span, 'REPLACE', tools.ident(r.name));
      return null;
    }
    replaced.set(key, r.expr);
  }
  // Qualified whenever another FROM item could have a column of the same name.
  const qualify = sources.length > 1 || star.table !== null;
  const out: ExpandedColumn[] = [];
  for (const { source, column } of columns) {
    if (isExcluded(source, column.key)) continue;
    const replacement = replaced.get(column.key);
    if (replacement) out.push({ sql: `${tools.translate(replacement)} AS ${quoteIdent(column.out)}`, out: column.out });
    else out.push({ sql: qualify ? `${source.qualifier}.${quoteIdent(column.out)}` : quoteIdent(column.out), out: column.out });
  }
  if (star.exclude || star.replace || forQualify) tools.bag.report('SP518', star.span, forQualify && !star.exclude && !star.replace ? `${what} (under QUALIFY)` : what, names);
  return out;
}
