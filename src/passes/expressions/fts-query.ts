/**
 * Full-text search inside queries: `x MATCH q`, bm25(), highlight(), snippet()
 * and FTS5's `rank` over the FTS tables in scope (lower-fts.ts made them
 * tsvector columns). One instance per query translator: it remembers each
 * statement's MATCH queries so rank functions rank against them.
 */
import { quoteIdent } from '../../emit/postgres/quote.js';
import type { CallExpr, Expression, Identifier } from '../../syntax/ast.js';
import { findAll } from '../../syntax/walk.js';
import type { FtsTable } from '../lowering/lower-fts.js';
import type { TableSymbol } from '../symbols.js';
import type { FullTextHooks } from './context.js';
import { PREC, type Fragment } from './sql-fragment.js';

/** What the hooks need to see of the query translator's scopes. */
interface FtsScopeEntry {
  name: string;
  sqlName?: string;
  table: TableSymbol | null;
}

export class FtsQueries implements FullTextHooks {
  /** The MATCH query of each FTS table in the current statement, by scope name: bm25() and rank rank against it. */
  readonly #queries = new Map<string, { target: string; fts: FtsTable; query: string }>();

  constructor(
    private readonly scopes: () => readonly FtsScopeEntry[][],
    private readonly ftsOf: ((table: TableSymbol) => FtsTable | undefined) | undefined,
  ) {}

  /** The FTS table a MATCH's left side names: the table (or alias), `table.column`, or a column of one. */
  #target(left: Expression): { name: string; qualifier: string; fts: FtsTable } | null {
    if (left.kind !== 'column' || !this.ftsOf) return null;
    const first = left.path[0]?.name.toLowerCase();
    const scopes = this.scopes();
    for (let depth = scopes.length - 1; depth >= 0; depth--) {
      for (const entry of scopes[depth] ?? []) {
        const fts = entry.table ? this.ftsOf(entry.table) : undefined;
        if (!fts) continue;
        const matchesName = entry.name === first;
        const isColumn = left.path.length === 1 && entry.table?.columns.has(first ?? '');
        if (matchesName || isColumn) return { name: entry.name, qualifier: entry.sqlName ?? quoteIdent(entry.name === fts.name.toLowerCase() ? fts.name : entry.name), fts };
      }
    }
    return null;
  }

  match(left: Expression, right: Fragment): Fragment | null {
    const target = this.#target(left);
    if (!target) return null;
    const query = `websearch_to_tsquery('${target.fts.config}', ${right.sql})`;
    this.#queries.set(target.name, { target: target.qualifier, fts: target.fts, query });
    return { sql: `${target.qualifier}.${quoteIdent(target.fts.vector)} @@ ${query}`, prec: PREC.OTHER_OP, type: 'boolean', volatility: 'stable' };
  }

  /** Finds the MATCHes of a WHERE clause ahead of the select list, so bm25() there knows its query. */
  prescan(where: Expression | null, translate: (e: Expression) => Fragment): void {
    if (!where) return;
    for (const m of findAll(where, 'like')) {
      if (m.op === 'MATCH') this.match(m.left, translate(m.right));
    }
  }

  #rankOf(name: string | undefined): string | null {
    const entry = name ? this.#queries.get(name.toLowerCase()) : [...this.#queries.values()][0];
    if (!entry) return null;
    // bm25() is lower-is-better; ts_rank is higher-is-better: negate to keep ORDER BY meaning.
    return `-ts_rank(${entry.target}.${quoteIdent(entry.fts.vector)}, ${entry.query})`;
  }

  column(path: Identifier[]): Fragment | null {
    if (path.length > 2 || path[path.length - 1]?.name.toLowerCase() !== 'rank') return null;
    const sql = this.#rankOf(path.length === 2 ? path[0]?.name : undefined);
    return sql ? { sql, prec: PREC.UNARY, type: 'float', volatility: 'stable', notNull: true } : null;
  }

  call(call: CallExpr, args: Fragment[]): Fragment | null {
    const fn = call.name.name.toLowerCase();
    if (!['bm25', 'highlight', 'snippet'].includes(fn)) return null;
    const tableArg = call.args[0];
    const name = tableArg?.kind === 'column' ? tableArg.path[0]?.name : undefined;
    const entry = name ? this.#queries.get(name.toLowerCase()) : undefined;
    if (!entry) return null;
    if (fn === 'bm25') {
      const sql = this.#rankOf(name);
      return sql ? { sql, prec: PREC.UNARY, type: 'float', volatility: 'stable', notNull: true } : null;
    }
    const index = call.args[1]?.kind === 'number' ? Number(call.args[1].text) : 0;
    const column = entry.fts.columns[index < 0 ? 0 : index] ?? entry.fts.columns[0] ?? 'rowid';
    const [open, close] = [args[2]?.sql ?? "'<b>'", args[3]?.sql ?? "'</b>'"];
    const options =
      fn === 'highlight'
        ? `format('StartSel=%s, StopSel=%s, HighlightAll=true', ${open}, ${close})`
        : `format('StartSel=%s, StopSel=%s, FragmentDelimiter=%s, MaxWords=%s, MinWords=1, MaxFragments=1', ${open}, ${close}, ${args[4]?.sql ?? "'…'"}, ${args[5]?.sql ?? '10'})`;
    return {
      sql: `ts_headline('${entry.fts.config}', ${entry.target}.${quoteIdent(column)}, ${entry.query}, ${options})`,
      prec: PREC.ATOM,
      type: 'text',
      volatility: 'stable',
    };
  }
}
