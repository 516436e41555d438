/**
 * A view's output columns, derived from its SELECT: names as PostgreSQL gives
 * them, the exact type where a table column passes through, the kind of value
 * otherwise, and NOT NULL only where it is provable. The TypeScript emitter
 * reads them; nothing here reports diagnostics (the SELECT's own translation
 * does that).
 */
import { DiagnosticBag } from '../../diagnostics/diagnostic.js';
import type { View } from '../../model/schema.js';
import type { FromItem, Identifier, SelectBody, SelectCore, SelectStatement } from '../../syntax/ast.js';
import { ExpressionTranslator } from '../expressions/translate-expression.js';
import type { ExpressionContext } from '../expressions/context.js';
import type { PgViewColumn } from '../postgres-model.js';
import type { PgType } from '../postgres-types.js';
import type { TableSymbol } from '../symbols.js';
import type { Lowering } from './lowering.js';

/** A derived column, with the lower-cased name the source SQL refers to it by. */
interface Col extends PgViewColumn {
  key: string;
  /** PostgreSQL names it, and we are not sure how: kept for its position (a column list may name it). */
  unnamed?: true;
}

interface Derived {
  columns: Col[];
  complete: boolean;
}

/** A FROM item in scope: its columns (null when unknown) and whether an outer join may null it. */
interface Source {
  name: string;
  columns: Col[] | null;
  nullable: boolean;
}

const BIGINT: PgType = { sql: 'bigint', base: 'bigint', arrayDims: 0, range: null, cardinality: null, extensions: [], collation: null };

/** Views derived so far, per lowering, by lower-cased name (views may select from views). */
const derivedViews = new WeakMap<Lowering, Map<string, Derived>>();

export function deriveViewColumns(l: Lowering, v: View): { columns: PgViewColumn[]; complete: boolean; keys: string[] } {
  return deriveSelectColumns(l, v.select, v.name.name, v.columns);
}

/** The output columns of a view's or CREATE TABLE … AS's SELECT, renamed by its column list. */
export function deriveSelectColumns(l: Lowering, select: SelectStatement, relation: string, names: string[]): { columns: PgViewColumn[]; complete: boolean; keys: string[] } {
  const derived = new ViewDeriver(l).select(select, new Map());
  if (names.length) {
    if (names.length !== derived.columns.length) derived.complete = false;
    derived.columns = derived.columns.map((c, i) => {
      const name = names[i];
      return name === undefined ? c : { ...c, name: l.names.apply(name, null), key: name.toLowerCase(), unnamed: undefined };
    });
  }
  if (derived.columns.some((c) => c.unnamed)) derived.complete = false;
  derived.columns = derived.columns.filter((c) => !c.unnamed);
  let views = derivedViews.get(l);
  if (!views) derivedViews.set(l, (views = new Map()));
  views.set(relation.toLowerCase(), derived);
  return { columns: derived.columns.map(({ key: _key, unnamed: _unnamed, ...c }) => c), complete: derived.complete, keys: derived.columns.map((c) => c.key) };
}

/**
 * The output columns of a query's SELECT (a subquery or CTE a star reads), with the source
 * names they are referred to by; null when they cannot all be derived. Records nothing.
 */
export function deriveQueryColumns(l: Lowering, select: SelectStatement): { key: string; name: string; valueType: PgViewColumn['valueType'] }[] | null {
  const derived = new ViewDeriver(l).select(select, new Map());
  if (!derived.complete || derived.columns.some((c) => c.unnamed)) return null;
  return derived.columns.map((c) => ({ key: c.key, name: c.name, valueType: c.valueType }));
}

class ViewDeriver {
  readonly #scratch = new DiagnosticBag();

  constructor(private readonly l: Lowering) {}

  select(s: SelectStatement, outer: Map<string, Derived>): Derived {
    const ctes = new Map(outer);
    for (const cte of s.with?.ctes ?? []) {
      const d = this.select(cte.select, ctes);
      const renamed = cte.columns.length
        ? { complete: d.complete && cte.columns.length === d.columns.length, columns: d.columns.map((c, i) => (cte.columns[i] ? { ...c, name: this.name(cte.columns[i]), key: cte.columns[i].name.toLowerCase(), unnamed: undefined } : c)) }
        : d;
      ctes.set(cte.name.name.toLowerCase(), renamed);
    }
    return this.body(s.body, ctes);
  }

  body(b: SelectBody, ctes: Map<string, Derived>): Derived {
    switch (b.kind) {
      case 'parenthesized':
        return this.select(b.select, ctes);
      case 'select-core':
        return this.core(b, ctes);
      case 'values': {
        const first = b.rows[0] ?? [];
        const x = new ExpressionTranslator(this.context([]));
        const columns = first.map((e, i): Col => {
          const f = x.translate(e);
          return { name: `column${i + 1}`, key: `column${i + 1}`, valueType: f.type, type: null, notNull: false, allowedValues: null, comment: null };
        });
        return { columns, complete: true };
      }
      case 'compound': {
        const left = this.body(b.left, ctes);
        const right = this.body(b.right, ctes);
        const columns = left.columns.map((c, i): Col => {
          const r = right.columns[i];
          if (!r) return { ...c, type: null, valueType: 'unknown', notNull: false };
          const valueType = c.valueType === r.valueType || r.valueType === 'null' ? c.valueType : c.valueType === 'null' ? r.valueType : 'unknown';
          const type = c.type && r.type && c.type.sql === r.type.sql ? c.type : null;
          const allowed = c.allowedValues && r.allowedValues ? [...new Set([...c.allowedValues, ...r.allowedValues])] : null;
          return { ...c, valueType, type, notNull: c.notNull && r.notNull, allowedValues: allowed, comment: c.comment ?? r.comment };
        });
        return { columns, complete: left.complete && right.complete && left.columns.length === right.columns.length };
      }
    }
  }

  core(core: SelectCore, ctes: Map<string, Derived>): Derived {
    const sources: Source[] = [];
    const from = this.from(core.from, ctes, sources);
    const x = new ExpressionTranslator(this.context(sources));
    const columns: Col[] = [];
    let complete = from.complete;
    for (const rc of core.columns) {
      if (rc.expr.kind === 'star') {
        const table = rc.expr.table?.name.toLowerCase();
        const picked = table === undefined ? sources : sources.filter((s) => s.name === table);
        // USING and NATURAL joins merge columns under `*`: not modelled, so the list may be off.
        if (picked.length === 0 || picked.some((s) => s.columns === null) || (table === undefined && from.merged)) complete = false;
        // DuckDB `* EXCLUDE (…)` drops columns, `* REPLACE (e AS c)` keeps c's place with e's value.
        const excluded = (rc.expr.exclude ?? []).map((x) => ({ table: x.table?.name.toLowerCase(), key: x.name.name.toLowerCase() }));
        const replaced = new Map((rc.expr.replace ?? []).map((r) => [r.name.name.toLowerCase(), x.translate(r.expr)]));
        for (const s of picked) {
          for (const c of s.columns ?? []) {
            if (excluded.some((e) => e.key === c.key && (e.table === undefined || e.table === s.name))) continue;
            const r = replaced.get(c.key);
            columns.push(r ? { ...c, valueType: r.type, type: null, notNull: false, allowedValues: null } : { ...c, notNull: c.notNull && !s.nullable });
          }
        }
        continue;
      }
      const ref = rc.expr.kind === 'column' ? this.resolve(sources, rc.expr.path) : null;
      if (ref) {
        columns.push(rc.alias ? { ...ref, name: this.name(rc.alias), key: rc.alias.name.toLowerCase() } : ref);
        continue;
      }
      const f = x.translate(rc.expr);
      const call = wholeCall(f.sql);
      const isCount = call === 'count';
      const literal = f.literal !== undefined && !f.sql.includes('::');
      const name = rc.alias ? this.name(rc.alias) : rc.expr.kind === 'column' ? this.name(rc.expr.path[rc.expr.path.length - 1]) : figureName(f.sql, call, literal);
      const notNull = isCount || (f.literal !== undefined && f.literal.kind !== 'null');
      const key = rc.alias ? rc.alias.name.toLowerCase() : (name ?? '').toLowerCase();
      const col: Col = { name: name ?? '?column?', key, valueType: isCount ? 'integer' : f.type, type: isCount ? BIGINT : null, notNull, allowedValues: null, comment: null };
      columns.push(name === null ? { ...col, unnamed: true } : col);
    }
    return { columns, complete };
  }

  /** Collects the FROM items; `merged` when a USING or NATURAL join merges columns. */
  from(item: FromItem | null, ctes: Map<string, Derived>, into: Source[]): { complete: boolean; merged: boolean } {
    if (!item) return { complete: true, merged: false };
    switch (item.kind) {
      case 'table-ref': {
        const name = item.name.name.name.toLowerCase();
        const alias = (item.alias?.name ?? item.name.name.name).toLowerCase();
        const cte = item.name.schema ? undefined : ctes.get(name);
        const view = item.name.schema ? undefined : derivedViews.get(this.l)?.get(name);
        const sym = this.l.symbols.lookup({ schema: item.name.schema?.name ?? null, name: item.name.name.name });
        const columns = cte?.columns ?? (sym ? this.tableColumns(sym) : (view?.columns ?? null));
        into.push({ name: alias, columns, nullable: false });
        return { complete: (cte ?? view)?.complete ?? true, merged: false };
      }
      case 'subquery-ref': {
        const d = this.select(item.select, ctes);
        into.push({ name: item.alias?.name.toLowerCase() ?? '', columns: d.columns, nullable: false });
        return { complete: d.complete, merged: false };
      }
      case 'function-ref':
        into.push({ name: item.alias?.name.toLowerCase() ?? item.call.name.name.toLowerCase(), columns: null, nullable: false });
        return { complete: false, merged: false };
      case 'join': {
        const left: Source[] = [];
        const right: Source[] = [];
        const a = this.from(item.left, ctes, left);
        const b = this.from(item.right, ctes, right);
        const op = item.op.toUpperCase();
        if (/\b(RIGHT|FULL)\b/.test(op)) for (const s of left) s.nullable = true;
        if (/\b(LEFT|FULL)\b/.test(op)) for (const s of right) s.nullable = true;
        into.push(...left, ...right);
        return { complete: a.complete && b.complete, merged: a.merged || b.merged || item.using !== null || op.startsWith('NATURAL') };
      }
    }
  }

  tableColumns(sym: TableSymbol): Col[] {
    const table = this.l.loweredTable(sym.schema, sym.out);
    const pk = new Set(sym.table.primaryKey?.columns.map((c) => c.toLowerCase()) ?? []);
    return [...sym.columns.entries()].map(([key, cs]): Col => {
      const lowered = table?.columns.find((c) => c.name === cs.out);
      return {
        name: cs.out,
        key,
        valueType: cs.valueType,
        type: cs.pgType,
        notNull: cs.column.notNull || cs.column.rowid !== null || pk.has(key),
        allowedValues: lowered?.allowedValues ?? null,
        comment: lowered?.comment ?? cs.column.comment,
      };
    });
  }

  resolve(sources: Source[], path: Identifier[]): Col | null {
    const column = path[path.length - 1]?.name.toLowerCase();
    const qualifier = path.length >= 2 ? path[path.length - 2]?.name.toLowerCase() : undefined;
    for (const s of sources) {
      if (qualifier !== undefined && s.name !== qualifier) continue;
      const c = s.columns?.find((col) => col.key === column);
      if (c) return { ...c, notNull: c.notNull && !s.nullable };
    }
    return null;
  }

  name(id: Identifier | undefined): string {
    return id ? this.l.names.apply(this.l.names.canonicalColumn(id.name), null) : '?column?';
  }

  context(sources: Source[]): ExpressionContext {
    const base = this.l.tableContext(undefined, 'query');
    return {
      ...base,
      bag: this.#scratch,
      tableScope: false,
      resolveColumn: (path) => {
        const c = this.resolve(sources, path);
        return c ? { sql: path.map((p) => base.ident(p)).join('.'), type: c.valueType } : null;
      },
      select: () => 'SELECT NULL',
      // Typing only: nothing may reach the lowering's state (parameters, diagnostics).
      parameter: () => '$1',
      parameterType: () => undefined,
    };
  }
}

/** `name(…)` when the whole expression is one function call. */
function wholeCall(sql: string): string | null {
  const m = /^([a-z_][a-z0-9_]*)\(/i.exec(sql);
  if (!m?.[1] || !sql.endsWith(')')) return null;
  let depth = 0;
  let quoted = false;
  for (let i = m[1].length; i < sql.length; i++) {
    const ch = sql[i];
    if (ch === "'") quoted = !quoted;
    if (quoted) continue;
    if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0 && i !== sql.length - 1) return null;
  }
  return m[1].toLowerCase();
}

/**
 * PostgreSQL's name for an unaliased expression (FigureColname), where it is
 * certain: a function call's name, `case`, `?column?` for a literal; null otherwise.
 */
function figureName(sql: string, call: string | null, literal: boolean): string | null {
  if (call !== null) return call === 'trim' ? null : call;
  if (/^CASE\b[\s\S]*\bEND$/i.test(sql)) return 'case';
  return literal ? '?column?' : null;
}
