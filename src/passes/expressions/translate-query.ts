/**
 * SELECT / INSERT / UPDATE / DELETE → PostgreSQL text, with names resolved
 * against the schema (so a boolean column compared with 1 becomes `= true`).
 */
import type { Identifier, InsertStatement, UpdateStatement, DeleteStatement, FromItem, ResultColumn, SelectBody, SelectCore, SelectStatement, WithClause, SetClause } from '../../syntax/ast.js';
import { quoteIdent } from '../../emit/postgres/quote.js';
import type { FtsTable } from '../lowering/lower-fts.js';
import { FtsQueries } from './fts-query.js';
import { replaceClause } from './insert-or-replace.js';
import type { Expression } from '../../syntax/ast.js';
import { atom } from './sql-fragment.js';
import { isStructValue, structField } from './nested-access.js';
import { columnOrRowid, objectKey, type SymbolTable, type TableSymbol } from '../symbols.js';
import type { ColumnInfo, ExpressionContext } from './context.js';
import { ExpressionTranslator, asBooleanLiteral } from './translate-expression.js';
import type { ValueType } from './sql-fragment.js';
import { QUALIFY_RELATION, qualifyQuery, translateSample, unqualifyOrderBy, type SelectItem } from './duckdb-select-clauses.js';
import { expandStar, type ExpandedColumn, type OutputColumn, type StarSource } from './star-expansion.js';

export interface ScopeEntry {
  /** Lower-cased alias or table name. */
  name: string;
  /** How the qualifier is printed when it is not an ordinary name (a trigger's NEW and OLD). */
  sqlName?: string;
  table: TableSymbol | null;
  /** Columns of a subquery or CTE (name → type), when known. */
  columns: Map<string, ValueType> | null;
  /** Its columns in order, for writing out a star; absent or null when not known. */
  outputs?: OutputColumn[] | null;
  /** How its columns are qualified in the output. */
  qualifier?: string;
  /** On the outer side of a LEFT/RIGHT/FULL join: its columns may be NULL whatever they declare. */
  nullable?: boolean;
}

export interface QueryServices {
  base: Omit<ExpressionContext, 'resolveColumn' | 'select' | 'tableScope' | 'purpose'>;
  symbols: SymbolTable;
  /** The full-text table behind a symbol, if it is one (lower-fts.ts). */
  ftsOf?: (table: TableSymbol) => FtsTable | undefined;
  /** The output columns of a subquery or CTE, when they can all be derived (lowering/view-columns.ts). */
  derive?: (select: SelectStatement) => OutputColumn[] | null;
}

export class QueryTranslator {
  readonly #scopes: ScopeEntry[][] = [];
  readonly #ctes = new Map<string, OutputColumn[] | null>();
  /** Output names of each select core rewritten for QUALIFY: the statement's ORDER BY sorts them. */
  readonly #qualified = new WeakMap<SelectCore, Set<string>>();
  /** FROM subqueries named so far (the source left them unnamed). */
  #unnamed = 0;
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

  constructor(private readonly services: QueryServices) {
    this.#fts = new FtsQueries(() => this.#scopes, services.ftsOf);
  }

  /** Full-text search over the FTS tables in scope. */
  readonly #fts: FtsQueries;

  #context(): ExpressionContext {
    return {
      ...this.services.base,
      purpose: 'query',
      tableScope: false,
      resolveColumn: (path) => this.#resolve(path),
      select: (s) => this.select(s),
      closedScope: () => this.#scopes.length > 0 && this.#scopes.every((scope) => scope.every((entry) => entry.table !== null)),
      fts: this.#fts,
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
          const notNull = !entry.nullable && (sym.column.notNull || sym.column.rowid !== null);
          return { sql: `${prefix}${quoteIdent(sym.out)}`, type: sym.valueType, pgType: sym.pgType.sql, ...(notNull ? { notNull } : {}) };
        }
        const t = entry.columns?.get(key);
        if (t) return { sql: path.map((p) => ident(p)).join('.'), type: t };
        // NEW/OLD of a trigger on a view: the columns are not known, the qualifier is.
        if (qualifier && entry.sqlName && !entry.table) return { sql: `${entry.sqlName}.${ident(column)}`, type: 'unknown' };
      }
    }
    // DuckDB `s.f` (`t.s.f`): a field of a struct column.
    const base = path.length >= 2 ? this.#resolve(path.slice(0, -1)) : null;
    if (base && isStructValue({ ...atom(base.sql, base.type), ...(base.pgType ? { pgType: base.pgType } : {}) })) {
      const f = structField(atom(base.sql, base.type), column.name, ident, column.span);
      return { sql: f.sql, type: f.type };
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
        const key = item.name.name.name.toLowerCase();
        const cte = item.name.schema ? undefined : this.#ctes.get(key);
        const name = { schema: item.name.schema?.name ?? null, name: item.name.name.name };
        const table = cte !== undefined || this.#ctes.has(key) ? null : (this.services.symbols.lookup(name) ?? null);
        const view = table || cte !== undefined ? undefined : this.services.symbols.views.get(objectKey(name));
        const qualifier = item.alias ? this.services.base.ident(item.alias) : quoteIdent(table?.out ?? view?.out ?? item.name.name.name);
        let outputs: OutputColumn[] | null = cte ?? null;
        if (table) outputs = [...table.columns].map(([k, c]) => ({ key: k, out: c.out, type: c.valueType }));
        else if (view && view.columns.size > 0) outputs = [...view.columns].map(([k, c]) => ({ key: k, out: c.out, type: c.valueType }));
        const columns = table || !outputs ? null : new Map(outputs.map((c) => [c.key, c.type]));
        into.push({ name: (item.alias ?? item.name.name).name.toLowerCase(), table, columns, outputs, qualifier });
        break;
      }
      case 'subquery-ref':
        if (item.alias) {
          const outputs = this.services.derive?.(item.select) ?? null;
          const columns = outputs ? new Map(outputs.map((c) => [c.key, c.type])) : null;
          into.push({ name: item.alias.name.toLowerCase(), table: null, columns, outputs, qualifier: this.services.base.ident(item.alias) });
        }
        break;
      case 'function-ref':
        if (item.alias) into.push({ name: item.alias.name.toLowerCase(), table: null, columns: null });
        break;
      case 'join': {
        const left: ScopeEntry[] = [];
        const right: ScopeEntry[] = [];
        this.#fromScope(item.left, left);
        this.#fromScope(item.right, right);
        const op = item.op.toUpperCase();
        if (/\b(RIGHT|FULL)\b/.test(op)) for (const e of left) e.nullable = true;
        if (/\b(LEFT|FULL)\b/.test(op)) for (const e of right) e.nullable = true;
        into.push(...left, ...right);
        break;
      }
    }
  }

  #with(w: WithClause | null): string {
    if (!w) return '';
    const parts = w.ctes.map((c) => {
      const derived = c.columns.length ? null : (this.services.derive?.(c.select) ?? null);
      this.#ctes.set(c.name.name.toLowerCase(), derived);
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
    const qualified = s.body.kind === 'select-core' ? this.#qualified.get(s.body) : undefined;
    if (qualified) orderScope.push({ name: QUALIFY_RELATION.slice(1, -1), table: null, columns: new Map([...qualified].map((k) => [k, 'unknown'])) });
    else if (s.body.kind === 'select-core') this.#fromScope(s.body.from, orderScope);
    this.#scopes.push(orderScope);
    try {
      const orderBy = qualified ? unqualifyOrderBy(s.orderBy, qualified) : s.orderBy;
      if (orderBy.length) sql += `${this.#nl}ORDER BY ${this.#expr().orderBy(orderBy)}`;
      if (s.limit) sql += `${this.#nl}LIMIT ${this.#count(s.limit, 'ALL')}`;
      if (s.offset) sql += `${this.#nl}OFFSET ${this.#count(s.offset, '0')}`;
    } finally {
      this.#scopes.pop();
    }
    return sql;
  }

  /** A LIMIT or OFFSET count; a parameter there is a bigint. */
  #count(e: Expression, negative: string): string {
    const f = this.#expr().translate(e);
    if (f.parameterSpan) this.services.base.parameterType?.(f.parameterSpan, 'bigint');
    // SQLite reads a negative LIMIT as no limit and a negative OFFSET as none; PostgreSQL rejects both.
    if (this.services.base.dialect === 'sqlite' && f.literal?.kind === 'number' && f.literal.value.startsWith('-')) return negative;
    return f.sql;
  }

  #body(b: SelectBody): string {
    switch (b.kind) {
      case 'compound':
        return this.#depth <= 1 && !this.#compact ? `${this.#body(b.left)}\n  ${b.op}\n  ${this.#body(b.right)}` : `${this.#body(b.left)} ${b.op} ${this.#body(b.right)}`;
      case 'values':
        return `VALUES ${b.rows.map((r) => `(${r.map((e) => this.#expr().translate(e).sql).join(', ')})`).join(', ')}`;
      case 'select-core':
        return this.#core(b);
      case 'parenthesized':
        return `(${this.select(b.select)})`;
    }
  }

  #core(b: SelectCore): string {
    const scope: ScopeEntry[] = [];
    this.#fromScope(b.from, scope);
    this.#scopes.push(scope);
    try {
      this.#fts.prescan(b.where, (e) => this.#expr().translate(e));
      const x = this.#expr();
      const items = this.#selectItems(b, scope);
      if (!items) return 'SELECT NULL';
      const sample = b.sample
        ? translateSample(b.sample, b.from, {
            bag: this.services.base.bag,
            from: (item) => this.#from(item),
            table: (item) => ({ relation: this.#from({ ...item, alias: null }), qualifier: scope.find((e) => e.name === (item.alias ?? item.name.name).name.toLowerCase())?.qualifier ?? quoteIdent(item.name.name.name) }),
          })
        : null;
      const where = [sample?.where, b.where ? x.truthy(x.translate(b.where)).sql : null].filter((w) => w != null);
      const clauses = (nl: string): string => {
        let sql = b.from ? `${nl}FROM ${sample?.from ?? this.#from(b.from)}` : '';
        if (where.length) sql += `${nl}WHERE ${where.length > 1 ? where.map((w) => `(${w})`).join(' AND ') : where[0]}`;
        if (b.groupBy.length) sql += `${nl}GROUP BY ${b.groupBy.map((g) => x.translate(g).sql).join(', ')}`;
        if (b.having) sql += `${nl}HAVING ${x.truthy(x.translate(b.having)).sql}`;
        if (b.windows.length) sql += `${nl}WINDOW ${b.windows.map((w) => `${this.services.base.ident(w.name)} AS (${x.windowSpec(w.spec)})`).join(', ')}`;
        return sql;
      };
      const distinct = b.distinct ? 'DISTINCT ' : '';
      if (!b.qualify) return `SELECT ${distinct}${items.map((i) => i.sql).join(', ')}${clauses(this.#nl)}`;
      return this.#qualify(b, items, (nl) => clauses(nl));
    } finally {
      this.#scopes.pop();
    }
  }

  /** QUALIFY → a subquery computing the condition and an outer query filtering on it (duckdb-select-clauses.ts). */
  #qualify(b: SelectCore, items: SelectItem[], clauses: (nl: string) => string): string {
    const x = this.#expr();
    const result = qualifyQuery(b, items, {
      bag: this.services.base.bag,
      isColumn: (id) => this.#resolve([id]) !== null,
      condition: (e) => x.truthy(x.translate(e)).sql,
      clauses,
      nl: this.#nl,
    });
    if (result.outputs) this.#qualified.set(b, result.outputs);
    return result.sql;
  }

  /** The select list, stars with EXCLUDE/REPLACE (or under QUALIFY) written out; null after an error. */
  #selectItems(b: SelectCore, scope: ScopeEntry[]): SelectItem[] | null {
    const x = this.#expr();
    const sources: StarSource[] = scope.map((e) => ({ name: e.name, qualifier: e.qualifier ?? quoteIdent(e.name), outputs: e.outputs ?? null }));
    const items: SelectItem[] = [];
    for (const c of b.columns) {
      if (c.expr.kind === 'star' && (c.expr.exclude || c.expr.replace || b.qualify)) {
        const expanded: ExpandedColumn[] | null = expandStar(c.expr, sources, b.from, { bag: this.services.base.bag, ident: this.services.base.ident, translate: (e) => x.translate(e).sql }, b.qualify !== null);
        if (!expanded) return null;
        items.push(...expanded);
        continue;
      }
      const e = x.translate(c.expr).sql;
      const last = c.expr.kind === 'column' ? c.expr.path[c.expr.path.length - 1] : undefined;
      const out = c.alias ? unquote(this.services.base.ident(c.alias)) : last ? unquote(e.slice(e.lastIndexOf('.') + 1)) : null;
      items.push({ sql: c.alias ? `${e} AS ${this.services.base.ident(c.alias)}` : e, out });
    }
    return items;
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
        // PostgreSQL before 16 requires an alias on a FROM subquery; 16 names one unnamed_subquery too.
        return `(${this.select(item.select)}) AS ${item.alias ? ident(item.alias) : `unnamed_subquery${++this.#unnamed > 1 ? `_${this.#unnamed}` : ''}`}`;
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
        sql += replaceClause(this.services, s);
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

/** `"a""b"` → `a"b`; a bare name as it is. */
function unquote(sql: string): string {
  return sql.startsWith('"') && sql.endsWith('"') ? sql.slice(1, -1).replace(/""/g, '"') : sql;
}
