/**
 * SELECT / INSERT / UPDATE / DELETE → PostgreSQL text, with names resolved
 * against the schema (so a boolean column compared with 1 becomes `= true`).
 */
import type { Identifier, InsertStatement, UpdateStatement, DeleteStatement, FromItem, ResultColumn, SelectBody, SelectStatement, WithClause, SetClause } from '../../syntax/ast.js';
import { quoteIdent } from '../../emit/postgres/quote.js';
import type { FtsTable } from '../lowering/lower-fts.js';
import { findAll } from '../../syntax/walk.js';
import type { CallExpr, Expression } from '../../syntax/ast.js';
import { PREC, type Fragment } from './sql-fragment.js';
import { columnOrRowid, type SymbolTable, type TableSymbol } from '../symbols.js';
import type { ColumnInfo, ExpressionContext } from './context.js';
import { ExpressionTranslator, asBooleanLiteral } from './translate-expression.js';
import type { ValueType } from './sql-fragment.js';

export interface ScopeEntry {
  /** Lower-cased alias or table name. */
  name: string;
  /** How the qualifier is printed when it is not an ordinary name (a trigger's NEW and OLD). */
  sqlName?: string;
  table: TableSymbol | null;
  /** Columns of a subquery or CTE (name → type), when known. */
  columns: Map<string, ValueType> | null;
}

export interface QueryServices {
  base: Omit<ExpressionContext, 'resolveColumn' | 'select' | 'tableScope' | 'purpose'>;
  symbols: SymbolTable;
  /** The full-text table behind a symbol, if it is one (lower-fts.ts). */
  ftsOf?: (table: TableSymbol) => FtsTable | undefined;
}

export class QueryTranslator {
  readonly #scopes: ScopeEntry[][] = [];
  readonly #ctes = new Set<string>();
  /** Nesting of SELECTs: only the outermost one is laid out over several lines. */
  #depth = 0;

  /** The separator before a clause: a new line at the top level, a space inside subqueries. */
  get #nl(): string {
    return this.#depth <= 1 && !this.#compact ? '\n  ' : ' ';
  }

  #compact = false;

  /** Lays every statement out on one line (statements inside PL/pgSQL bodies). */
  compact(): this {
    this.#compact = true;
    return this;
  }

  constructor(private readonly services: QueryServices) {}

  /** The MATCH query of each FTS table in the current statement, by scope name: bm25() and rank rank against it. */
  readonly #ftsQueries = new Map<string, { target: string; fts: FtsTable; query: string }>();

  #context(): ExpressionContext {
    return {
      ...this.services.base,
      purpose: 'query',
      tableScope: false,
      resolveColumn: (path) => this.#resolve(path),
      select: (s) => this.select(s),
      closedScope: () => this.#scopes.length > 0 && this.#scopes.every((scope) => scope.every((entry) => entry.table !== null)),
      fts: {
        match: (left, right) => this.#match(left, right),
        call: (call, args) => this.#ftsCall(call, args),
        column: (path) => this.#ftsRank(path),
      },
    };
  }

  /** The FTS table a MATCH's left side names: the table (or alias), `table.column`, or a column of one. */
  #ftsTarget(left: Expression): { name: string; qualifier: string; fts: FtsTable } | null {
    if (left.kind !== 'column' || !this.services.ftsOf) return null;
    const first = left.path[0]?.name.toLowerCase();
    for (let depth = this.#scopes.length - 1; depth >= 0; depth--) {
      for (const entry of this.#scopes[depth] ?? []) {
        const fts = entry.table ? this.services.ftsOf(entry.table) : undefined;
        if (!fts) continue;
        const matchesName = entry.name === first;
        const isColumn = left.path.length === 1 && entry.table?.columns.has(first ?? '');
        if (matchesName || isColumn) return { name: entry.name, qualifier: entry.sqlName ?? quoteIdent(entry.name === fts.name.toLowerCase() ? fts.name : entry.name), fts };
      }
    }
    return null;
  }

  #match(left: Expression, right: Fragment): Fragment | null {
    const target = this.#ftsTarget(left);
    if (!target) return null;
    const query = `websearch_to_tsquery('${target.fts.config}', ${right.sql})`;
    this.#ftsQueries.set(target.name, { target: target.qualifier, fts: target.fts, query });
    return { sql: `${target.qualifier}.${quoteIdent(target.fts.vector)} @@ ${query}`, prec: PREC.OTHER_OP, type: 'boolean', volatility: 'stable' };
  }

  /** Finds the MATCHes of a WHERE clause ahead of the select list, so bm25() there knows its query. */
  #prescanMatches(where: Expression | null): void {
    if (!where) return;
    for (const m of findAll(where, 'like')) {
      if (m.op === 'MATCH') this.#match(m.left, this.#expr().translate(m.right));
    }
  }

  #rankOf(name: string | undefined): string | null {
    const entry = name ? this.#ftsQueries.get(name.toLowerCase()) : [...this.#ftsQueries.values()][0];
    if (!entry) return null;
    // bm25() is lower-is-better; ts_rank is higher-is-better: negate to keep ORDER BY meaning.
    return `-ts_rank(${entry.target}.${quoteIdent(entry.fts.vector)}, ${entry.query})`;
  }

  #ftsRank(path: Identifier[]): Fragment | null {
    if (path.length > 2 || path[path.length - 1]?.name.toLowerCase() !== 'rank') return null;
    const sql = this.#rankOf(path.length === 2 ? path[0]?.name : undefined);
    return sql ? { sql, prec: PREC.UNARY, type: 'float', volatility: 'stable' } : null;
  }

  #ftsCall(call: CallExpr, args: Fragment[]): Fragment | null {
    const fn = call.name.name.toLowerCase();
    if (!['bm25', 'highlight', 'snippet'].includes(fn)) return null;
    const tableArg = call.args[0];
    const name = tableArg?.kind === 'column' ? tableArg.path[0]?.name : undefined;
    const entry = name ? this.#ftsQueries.get(name.toLowerCase()) : undefined;
    if (!entry) return null;
    if (fn === 'bm25') {
      const sql = this.#rankOf(name);
      return sql ? { sql, prec: PREC.UNARY, type: 'float', volatility: 'stable' } : null;
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

  #expr(): ExpressionTranslator {
    return new ExpressionTranslator(this.#context());
  }

  #resolve(path: Identifier[]): ColumnInfo | null {
    const ident = this.services.base.ident;
    const column = path[path.length - 1];
    if (!column) return null;
    const key = column.name.toLowerCase();
    const qualifier = path.length >= 2 ? path[path.length - 2] : undefined;
    for (let depth = this.#scopes.length - 1; depth >= 0; depth--) {
      const scope = this.#scopes[depth] ?? [];
      const candidates = qualifier ? scope.filter((s) => s.name === qualifier.name.toLowerCase()) : scope;
      for (const entry of candidates) {
        const sym = entry.table ? columnOrRowid(entry.table, key) : undefined;
        if (sym) {
          const prefix = qualifier ? `${entry.sqlName ?? ident(qualifier)}.` : '';
          return { sql: `${prefix}${quoteIdent(sym.out)}`, type: sym.valueType, pgType: sym.pgType.sql };
        }
        const t = entry.columns?.get(key);
        if (t) return { sql: path.map((p) => ident(p)).join('.'), type: t };
        // NEW/OLD of a trigger on a view: the columns are not known, the qualifier is.
        if (qualifier && entry.sqlName && !entry.table) return { sql: `${entry.sqlName}.${ident(column)}`, type: 'unknown' };
      }
    }
    return null;
  }

  /** An expression translator seeing the current scopes. */
  expressions(): ExpressionTranslator {
    return this.#expr();
  }

  /** A column of `table` by its source name (rowid aliases resolved), quoted. */
  columnName(table: TableSymbol | undefined, id: Identifier): string {
    const c = table ? columnOrRowid(table, id.name.toLowerCase()) : undefined;
    return c ? quoteIdent(c.out) : this.services.base.ident(id);
  }

  /** Adds names visible to everything translated until `popScope` (a trigger's NEW and OLD). */
  pushScope(entries: ScopeEntry[]): void {
    this.#scopes.push(entries);
  }

  popScope(): void {
    this.#scopes.pop();
  }

  #fromScope(item: FromItem | null, into: ScopeEntry[]): void {
    if (!item) return;
    switch (item.kind) {
      case 'table-ref': {
        const table = this.#ctes.has(item.name.name.name.toLowerCase()) ? null : (this.services.symbols.lookup({ schema: item.name.schema?.name ?? null, name: item.name.name.name }) ?? null);
        into.push({ name: (item.alias ?? item.name.name).name.toLowerCase(), table, columns: null });
        break;
      }
      case 'subquery-ref':
        if (item.alias) into.push({ name: item.alias.name.toLowerCase(), table: null, columns: null });
        break;
      case 'function-ref':
        if (item.alias) into.push({ name: item.alias.name.toLowerCase(), table: null, columns: null });
        break;
      case 'join':
        this.#fromScope(item.left, into);
        this.#fromScope(item.right, into);
        break;
    }
  }

  #with(w: WithClause | null): string {
    if (!w) return '';
    const parts = w.ctes.map((c) => {
      this.#ctes.add(c.name.name.toLowerCase());
      const cols = c.columns.length ? ` (${c.columns.map((x) => this.services.base.ident(x)).join(', ')})` : '';
      const mat = c.materialized ? ` ${c.materialized}` : '';
      return `${this.services.base.ident(c.name)}${cols} AS${mat} (${this.select(c.select)})`;
    });
    return `WITH ${w.recursive ? 'RECURSIVE ' : ''}${parts.join(', ')} `;
  }

  select(s: SelectStatement): string {
    this.#depth++;
    try {
      return this.#select(s);
    } finally {
      this.#depth--;
    }
  }

  #select(s: SelectStatement): string {
    const withClause = this.#with(s.with);
    let sql = (withClause ? `${withClause.trimEnd()}${this.#nl}` : '') + this.#body(s.body);
    const orderScope: ScopeEntry[] = [];
    if (s.body.kind === 'select-core') this.#fromScope(s.body.from, orderScope);
    this.#scopes.push(orderScope);
    try {
      if (s.orderBy.length) sql += `${this.#nl}ORDER BY ${this.#expr().orderBy(s.orderBy)}`;
      if (s.limit) sql += `${this.#nl}LIMIT ${this.#count(s.limit)}`;
      if (s.offset) sql += `${this.#nl}OFFSET ${this.#count(s.offset)}`;
    } finally {
      this.#scopes.pop();
    }
    return sql;
  }

  /** A LIMIT or OFFSET count; a parameter there is a bigint. */
  #count(e: Expression): string {
    const f = this.#expr().translate(e);
    if (f.parameterSpan) this.services.base.parameterType?.(f.parameterSpan, 'bigint');
    return f.sql;
  }

  #body(b: SelectBody): string {
    switch (b.kind) {
      case 'compound':
        return this.#depth <= 1 && !this.#compact ? `${this.#body(b.left)}\n  ${b.op}\n  ${this.#body(b.right)}` : `${this.#body(b.left)} ${b.op} ${this.#body(b.right)}`;
      case 'values':
        return `VALUES ${b.rows.map((r) => `(${r.map((e) => this.#expr().translate(e).sql).join(', ')})`).join(', ')}`;
      case 'select-core': {
        const scope: ScopeEntry[] = [];
        this.#fromScope(b.from, scope);
        this.#scopes.push(scope);
        try {
          this.#prescanMatches(b.where);
          const x = this.#expr();
          let sql = `SELECT ${b.distinct ? 'DISTINCT ' : ''}${this.#columns(b.columns)}`;
          if (b.from) sql += `${this.#nl}FROM ${this.#from(b.from)}`;
          if (b.where) sql += `${this.#nl}WHERE ${x.truthy(x.translate(b.where)).sql}`;
          if (b.groupBy.length) sql += `${this.#nl}GROUP BY ${b.groupBy.map((g) => x.translate(g).sql).join(', ')}`;
          if (b.having) sql += `${this.#nl}HAVING ${x.truthy(x.translate(b.having)).sql}`;
          if (b.windows.length) sql += `${this.#nl}WINDOW ${b.windows.map((w) => `${this.services.base.ident(w.name)} AS (${x.windowSpec(w.spec)})`).join(', ')}`;
          if (b.qualify) {
            this.services.base.bag.report('SP204', b.qualify.span, 'QUALIFY', 'wrap the query and filter the window result in an outer WHERE');
          }
          return sql;
        } finally {
          this.#scopes.pop();
        }
      }
    }
  }

  #columns(cols: ResultColumn[]): string {
    const x = this.#expr();
    return cols
      .map((c) => {
        const e = x.translate(c.expr).sql;
        return c.alias ? `${e} AS ${this.services.base.ident(c.alias)}` : e;
      })
      .join(', ');
  }

  #from(item: FromItem): string {
    const ident = this.services.base.ident;
    switch (item.kind) {
      case 'table-ref':
        return `${this.services.base.relation(item.name)}${item.alias ? ` AS ${ident(item.alias)}` : ''}`;
      case 'subquery-ref':
        return `(${this.select(item.select)})${item.alias ? ` AS ${ident(item.alias)}` : ''}`;
      case 'function-ref': {
        const fn = item.call.name.name.toLowerCase();
        const alias = item.alias ? ident(item.alias) : quoteIdent(fn);
        if (this.services.base.dialect === 'sqlite' && (fn === 'json_each' || fn === 'json_tree') && item.call.args.length === 1 && item.call.args[0]) {
          // SQLite's table-valued json_each over an array: value and 0-based key.
          const doc = this.#expr().translate(item.call.args[0]);
          this.services.base.bag.report('SP202', item.call.span, `${fn}()`, 'jsonb_array_elements_text() WITH ORDINALITY', 'Arrays only; values come back as text (SQLite returns SQL values), key is the 0-based index.');
          return `(SELECT e.value, e.ordinality - 1 AS key FROM jsonb_array_elements_text(${doc.type === 'json' ? doc.sql : `(${doc.sql})::jsonb`}) WITH ORDINALITY AS e(value, ordinality)) AS ${alias}`;
        }
        return `${this.#expr().translate(item.call).sql}${item.alias ? ` AS ${ident(item.alias)}` : ''}`;
      }
      case 'join': {
        const left = this.#from(item.left);
        const right = this.#from(item.right);
        if (item.op === ',') return `${left}, ${right}`;
        let sql = `${left}${this.#nl}${item.op} ${right}`;
        if (item.on) sql += ` ON ${this.#expr().truthy(this.#expr().translate(item.on)).sql}`;
        if (item.using) sql += ` USING (${item.using.map((u) => ident(u)).join(', ')})`;
        return sql;
      }
    }
  }

  /** A statement body inside a table's scope (INSERT/UPDATE/DELETE). */
  #withTable<T>(table: { schema: Identifier | null; name: Identifier }, alias: Identifier | null, fn: () => T): T {
    const sym = this.services.symbols.lookup({ schema: table.schema?.name ?? null, name: table.name.name }) ?? null;
    const entries: ScopeEntry[] = [{ name: table.name.name.toLowerCase(), table: sym, columns: null }];
    if (alias) entries.push({ name: alias.name.toLowerCase(), table: sym, columns: null });
    this.#scopes.push(entries);
    try {
      return fn();
    } finally {
      this.#scopes.pop();
    }
  }

  #set(set: SetClause[]): string {
    const x = this.#expr();
    return set
      .map((s) => {
        const cols = s.columns.map((c) => this.#resolve([c])?.sql ?? this.services.base.ident(c));
        let value = x.translate(s.value);
        const only = s.columns.length === 1 ? s.columns[0] : undefined;
        const target = only ? this.#resolve([only]) : null;
        if (target?.type === 'boolean') value = asBooleanLiteral(value) ?? value;
        if (value.parameterSpan && target?.pgType) this.services.base.parameterType?.(value.parameterSpan, target.pgType);
        return cols.length === 1 ? `${cols[0]} = ${value.sql}` : `(${cols.join(', ')}) = ${value.sql}`;
      })
      .join(', ');
  }

  insert(s: InsertStatement): string {
    this.#depth++;
    try {
      return this.#insert(s);
    } finally {
      this.#depth--;
    }
  }

  #insert(s: InsertStatement): string {
    const ident = this.services.base.ident;
    const prefix = this.#with(s.with);
    return this.#withTable(s.table, s.alias, () => {
      const target = this.services.base.relation(s.table);
      const cols = s.columns.map((c) => this.#resolve([c])?.sql ?? ident(c));
      let sql = `${prefix}INSERT INTO ${target}${s.alias ? ` AS ${ident(s.alias)}` : ''}`;
      if (cols.length) sql += ` (${cols.join(', ')})`;
      if (s.source.kind === 'default-values') sql += ' DEFAULT VALUES';
      else sql += ` ${this.#insertSource(s, cols.length ? s.columns : null)}`;
      if (s.orAction === 'IGNORE') {
        this.services.base.bag.report('SP513', s.span);
        sql += ' ON CONFLICT DO NOTHING';
      } else if (s.orAction === 'REPLACE') {
        sql += this.#replaceClause(s);
      } else if (s.orAction === 'FAIL' || s.orAction === 'ROLLBACK') {
        this.services.base.bag.report('SP510', s.span, s.orAction);
      }
      for (const u of s.upsert) {
        sql += ' ON CONFLICT';
        if (u.target) sql += ` (${u.target.map((t) => this.#expr().translate(t.expr).sql).join(', ')})`;
        if (u.targetWhere) sql += `${this.#nl}WHERE ${this.#expr().translate(u.targetWhere).sql}`;
        if (u.action.kind === 'nothing') sql += ' DO NOTHING';
        else {
          this.#scopes.push([{ name: 'excluded', table: this.services.symbols.lookup({ schema: s.table.schema?.name ?? null, name: s.table.name.name }) ?? null, columns: null }]);
          try {
            sql += ` DO UPDATE SET ${this.#set(u.action.set)}`;
            if (u.action.where) sql += `${this.#nl}WHERE ${this.#expr().translate(u.action.where).sql}`;
          } finally {
            this.#scopes.pop();
          }
        }
      }
      if (s.returning) sql += ` RETURNING ${this.#columns(s.returning)}`;
      return sql;
    });
  }

  /** INSERT OR REPLACE / REPLACE INTO → an upsert on the primary key (or the first unique key). */
  #replaceClause(s: InsertStatement): string {
    const bag = this.services.base.bag;
    const verb = 'INSERT OR REPLACE';
    const sym = this.services.symbols.lookup({ schema: s.table.schema?.name ?? null, name: s.table.name.name });
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

  /** VALUES rows are coerced to the target columns' types (0/1 → boolean). */
  #insertSource(s: InsertStatement, columns: Identifier[] | null): string {
    if (s.source.kind !== 'select') return '';
    const select = s.source.select;
    if (select.body.kind !== 'values' || select.with || select.orderBy.length || select.limit) return this.select(select);
    const sym = this.services.symbols.lookup({ schema: s.table.schema?.name ?? null, name: s.table.name.name });
    const targets = columns ? columns.map((c) => sym?.columns.get(c.name.toLowerCase())) : sym ? [...sym.columns.values()] : [];
    const targetTypes: (ValueType | undefined)[] = targets.map((c) => c?.valueType);
    const x = this.#expr();
    const rows = select.body.rows.map(
      (r) =>
        `(${r
          .map((e, i) => {
            const f = x.translate(e);
            const pgType = targets[i]?.pgType.sql;
            if (f.parameterSpan && pgType) this.services.base.parameterType?.(f.parameterSpan, pgType);
            return targetTypes[i] === 'boolean' ? (asBooleanLiteral(f) ?? f).sql : f.sql;
          })
          .join(', ')})`,
    );
    return `VALUES ${rows.join(', ')}`;
  }

  update(s: UpdateStatement): string {
    this.#depth++;
    try {
      return this.#update(s);
    } finally {
      this.#depth--;
    }
  }

  #update(s: UpdateStatement): string {
    const prefix = this.#with(s.with);
    if (s.orAction && s.orAction !== 'ABORT') {
      this.services.base.bag.report('SP204', s.span, `UPDATE OR ${s.orAction}`, 'PostgreSQL has no conflict resolution on UPDATE');
    }
    return this.#withTable(s.table, s.alias, () => {
      const ident = this.services.base.ident;
      let sql = `${prefix}UPDATE ${this.services.base.relation(s.table)}${s.alias ? ` AS ${ident(s.alias)}` : ''} SET ${this.#set(s.set)}`;
      if (s.from) {
        const scope: ScopeEntry[] = [];
        this.#fromScope(s.from, scope);
        this.#scopes.push(scope);
        try {
          sql += `${this.#nl}FROM ${this.#from(s.from)}`;
          if (s.where) sql += `${this.#nl}WHERE ${this.#expr().truthy(this.#expr().translate(s.where)).sql}`;
        } finally {
          this.#scopes.pop();
        }
      } else if (s.where) sql += `${this.#nl}WHERE ${this.#expr().truthy(this.#expr().translate(s.where)).sql}`;
      if (s.returning) sql += ` RETURNING ${this.#columns(s.returning)}`;
      return sql;
    });
  }

  delete(s: DeleteStatement): string {
    this.#depth++;
    try {
      return this.#delete(s);
    } finally {
      this.#depth--;
    }
  }

  #delete(s: DeleteStatement): string {
    const prefix = this.#with(s.with);
    return this.#withTable(s.table, s.alias, () => {
      const ident = this.services.base.ident;
      let sql = `${prefix}DELETE FROM ${this.services.base.relation(s.table)}${s.alias ? ` AS ${ident(s.alias)}` : ''}`;
      if (s.where) sql += `${this.#nl}WHERE ${this.#expr().truthy(this.#expr().translate(s.where)).sql}`;
      if (s.returning) sql += ` RETURNING ${this.#columns(s.returning)}`;
      return sql;
    });
  }
}
