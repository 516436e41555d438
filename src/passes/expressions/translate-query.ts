/**
 * SELECT / INSERT / UPDATE / DELETE → PostgreSQL text, with names resolved
 * against the schema (so a boolean column compared with 1 becomes `= true`).
 */
import type { Identifier, InsertStatement, UpdateStatement, DeleteStatement, FromItem, ResultColumn, SelectBody, SelectStatement, WithClause, SetClause } from '../../syntax/ast.js';
import type { SymbolTable, TableSymbol } from '../symbols.js';
import type { ColumnInfo, ExpressionContext } from './context.js';
import { ExpressionTranslator, asBooleanLiteral } from './translate-expression.js';
import type { ValueType } from './sql-fragment.js';

interface ScopeEntry {
  /** Lower-cased alias or table name. */
  name: string;
  table: TableSymbol | null;
  /** Columns of a subquery or CTE (name → type), when known. */
  columns: Map<string, ValueType> | null;
}

export interface QueryServices {
  base: Omit<ExpressionContext, 'resolveColumn' | 'select' | 'tableScope' | 'purpose'>;
  symbols: SymbolTable;
}

export class QueryTranslator {
  readonly #scopes: ScopeEntry[][] = [];
  readonly #ctes = new Set<string>();
  /** Nesting of SELECTs: only the outermost one is laid out over several lines. */
  #depth = 0;

  /** The separator before a clause: a new line at the top level, a space inside subqueries. */
  get #nl(): string {
    return this.#depth <= 1 ? '\n  ' : ' ';
  }

  constructor(private readonly services: QueryServices) {}

  #context(): ExpressionContext {
    return {
      ...this.services.base,
      purpose: 'query',
      tableScope: false,
      resolveColumn: (path) => this.#resolve(path),
      select: (s) => this.select(s),
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
        const sym = entry.table?.columns.get(key);
        if (sym) {
          const prefix = qualifier ? `${ident(qualifier)}.` : '';
          return { sql: `${prefix}${ident({ ...column, name: sym.column.name })}`, type: sym.valueType };
        }
        const t = entry.columns?.get(key);
        if (t) return { sql: path.map((p) => ident(p)).join('.'), type: t };
      }
    }
    return null;
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
      if (s.limit) sql += `${this.#nl}LIMIT ${this.#expr().translate(s.limit).sql}`;
      if (s.offset) sql += `${this.#nl}OFFSET ${this.#expr().translate(s.offset).sql}`;
    } finally {
      this.#scopes.pop();
    }
    return sql;
  }

  #body(b: SelectBody): string {
    switch (b.kind) {
      case 'compound':
        return this.#depth <= 1 ? `${this.#body(b.left)}\n  ${b.op}\n  ${this.#body(b.right)}` : `${this.#body(b.left)} ${b.op} ${this.#body(b.right)}`;
      case 'values':
        return `VALUES ${b.rows.map((r) => `(${r.map((e) => this.#expr().translate(e).sql).join(', ')})`).join(', ')}`;
      case 'select-core': {
        const scope: ScopeEntry[] = [];
        this.#fromScope(b.from, scope);
        this.#scopes.push(scope);
        try {
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
      case 'function-ref':
        return `${this.#expr().translate(item.call).sql}${item.alias ? ` AS ${ident(item.alias)}` : ''}`;
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
        return cols.length === 1 ? `${cols[0]} = ${value.sql}` : `(${cols.join(', ')}) = ${value.sql}`;
      })
      .join(', ');
  }

  insert(s: InsertStatement): string {
    const ident = this.services.base.ident;
    const prefix = this.#with(s.with);
    return this.#withTable(s.table, s.alias, () => {
      const target = this.services.base.relation(s.table);
      const cols = s.columns.map((c) => this.#resolve([c])?.sql ?? ident(c));
      let sql = `${prefix}INSERT INTO ${target}${s.alias ? ` AS ${ident(s.alias)}` : ''}`;
      if (cols.length) sql += ` (${cols.join(', ')})`;
      if (s.source.kind === 'default-values') sql += ' DEFAULT VALUES';
      else sql += ` ${this.#insertSource(s, cols.length ? s.columns : null)}`;
      if (s.orAction === 'IGNORE') sql += ' ON CONFLICT DO NOTHING';
      else if (s.orAction && s.orAction !== 'ABORT') {
        this.services.base.bag.report('SP204', s.span, `INSERT OR ${s.orAction}`, 'the conflict target must be spelled out as ON CONFLICT (…) DO UPDATE');
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
    const targetTypes: (ValueType | undefined)[] = columns
      ? columns.map((c) => sym?.columns.get(c.name.toLowerCase())?.valueType)
      : (sym ? [...sym.columns.values()].map((c) => c.valueType) : []);
    const x = this.#expr();
    const rows = select.body.rows.map(
      (r) =>
        `(${r
          .map((e, i) => {
            const f = x.translate(e);
            return targetTypes[i] === 'boolean' ? (asBooleanLiteral(f) ?? f).sql : f.sql;
          })
          .join(', ')})`,
    );
    return `VALUES ${rows.join(', ')}`;
  }

  update(s: UpdateStatement): string {
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
