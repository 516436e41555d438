/**
 * Schema model → PostgreSQL model. Walks the elements in source order and
 * makes every decision through the mapping tables (types: postgres-types.ts;
 * functions and operators: expressions/), reporting each one.
 */
import type { DiagnosticBag } from '../diagnostics/diagnostic.js';
import { DiagnosticBag as Bag } from '../diagnostics/diagnostic.js';
import { quoteIdent, quoteLiteral } from '../emit/postgres/quote.js';
import type { FrontEnd } from '../frontends/build-model.js';
import type { Column, ForeignKey, Index, ObjectName, SchemaModel, ScriptStep, Table, View } from '../model/schema.js';
import type { TranslateOptions } from '../options.js';
import type { Expression, Identifier, QualifiedName, SelectStatement, Span } from '../syntax/ast.js';
import type { ColumnInfo, ExpressionContext, ExpressionPurpose } from './expressions/context.js';
import { coerceToColumn } from './expressions/coerce.js';
import { PREC, type Fragment, type ValueType } from './expressions/sql-fragment.js';
import { ExpressionTranslator } from './expressions/translate-expression.js';
import { QueryTranslator } from './expressions/translate-query.js';
import { NamePolicy, RelationNamespace } from './names.js';
import type { PgColumn, PgEnum, PgForeignKey, PgScript, PgStatement, PgTable } from './postgres-model.js';
import { postgresType, typeChecks, type PgType } from './postgres-types.js';
import { SymbolTable, objectKey, relationKey, sameColumnSet, type ColumnSymbol, type TableSymbol } from './symbols.js';
import { referencedRelations } from './referenced-relations.js';
import { sourceAsComment } from '../emit/postgres/comment-out.js';

export function valueTypeOf(t: PgType): ValueType {
  if (t.arrayDims > 0) return 'array';
  const base = t.base;
  if (['smallint', 'integer', 'bigint'].includes(base)) return 'integer';
  if (['real', 'double precision'].includes(base)) return 'float';
  if (base === 'numeric') return 'numeric';
  if (['text', 'varchar', 'citext', 'char'].includes(base)) return 'text';
  if (base === 'boolean') return 'boolean';
  if (base === 'bytea') return 'bytea';
  if (base === 'timestamptz') return 'timestamptz';
  if (base === 'timestamp') return 'timestamp';
  if (base === 'date') return 'date';
  if (base === 'time' || base === 'timetz') return 'time';
  if (base === 'jsonb' || base === 'json') return 'json';
  if (base === 'uuid') return 'uuid';
  if (base === 'interval') return 'interval';
  return 'unknown';
}

const SOURCE_DEFAULT_SCHEMAS = new Set(['main', 'temp']);

class Lowering {
  readonly names: NamePolicy;
  readonly namespace: RelationNamespace;
  readonly symbols = new SymbolTable();
  readonly statements: PgStatement[] = [];
  readonly tables: PgTable[] = [];
  readonly enums: PgEnum[] = [];
  readonly views: PgScript['views'] = [];
  readonly #schemasCreated = new Set<string>();
  readonly #extensions = new Set<string>();
  #collationCreated = false;
  #fkNoted = false;
  #parameters = new Map<string, number>();
  #maxParameter = 0;

  constructor(
    private readonly model: SchemaModel,
    private readonly fe: FrontEnd,
    private readonly options: TranslateOptions,
    private readonly bag: DiagnosticBag,
  ) {
    this.names = new NamePolicy(options, bag);
    this.namespace = new RelationNamespace(bag);
  }

  // ---- names ---------------------------------------------------------------

  /** A source schema qualifier → PostgreSQL schema (null for SQLite's main/temp). */
  schemaOf(schema: string | null, span: Span): string | null {
    if (schema === null || SOURCE_DEFAULT_SCHEMAS.has(schema.toLowerCase())) return null;
    if (this.model.dialect === 'duckdb' && schema.toLowerCase() === 'main') return null;
    const out = this.names.apply(schema, span);
    if (!this.#schemasCreated.has(out)) {
      this.#schemasCreated.add(out);
      if (this.model.dialect === 'sqlite') this.bag.report('SP403', span, quoteIdent(out));
      this.emit({ kind: 'schema', sql: `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(out)};`, provides: [`schema:${out}`], span: null });
    }
    return out;
  }

  qualified(schema: string | null, name: string): string {
    return schema ? `${quoteIdent(schema)}.${quoteIdent(name)}` : quoteIdent(name);
  }

  ident = (id: Identifier): string => this.names.quote(this.names.canonicalColumn(id.name), id.span);

  relationSql = (q: QualifiedName | ObjectName): string => {
    const name: ObjectName = 'kind' in q ? { schema: q.schema?.name ?? null, name: q.name.name, span: q.span } : q;
    const sym = this.symbols.lookup(name);
    if (sym) return this.qualified(sym.schema, sym.out);
    const view = this.symbols.views.get(objectKey(name));
    if (view) return quoteIdent(view.out);
    const schema = name.schema && !SOURCE_DEFAULT_SCHEMAS.has(name.schema.toLowerCase()) ? this.names.apply(name.schema, null) : null;
    return this.qualified(schema, this.names.apply(name.name, null));
  };

  requireExtension(name: string): void {
    if (this.#extensions.has(name)) return;
    this.#extensions.add(name);
    this.emit({ kind: 'extension', sql: `CREATE EXTENSION IF NOT EXISTS ${quoteIdent(name)};`, span: null });
  }

  requireNocaseCollation(): void {
    if (this.#collationCreated) return;
    this.#collationCreated = true;
    this.emit({
      kind: 'collation',
      sql: "CREATE COLLATION IF NOT EXISTS nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);",
      span: null,
    });
  }

  emit(s: Partial<PgStatement> & Pick<PgStatement, 'kind' | 'sql'>): PgStatement {
    const statement: PgStatement = { leading: null, span: null, provides: [], requires: [], barrier: false, ...s };
    this.statements.push(statement);
    return statement;
  }

  // ---- expression contexts -------------------------------------------------

  #base(): Omit<ExpressionContext, 'resolveColumn' | 'select' | 'tableScope' | 'purpose'> {
    return {
      dialect: this.model.dialect,
      options: this.options,
      bag: this.bag,
      ident: this.ident,
      relation: this.relationSql,
      castType: (type) => {
        const scratch = new Bag();
        const semantic = this.fe.resolveType(type, '', type.span, this.options, scratch);
        const pg = postgresType(semantic, {
          dialect: this.model.dialect, options: this.options, bag: scratch, span: type.span, column: '', declaredType: null, collation: null,
        });
        return { sql: pg.sql, type: valueTypeOf(pg) };
      },
      parameter: (text) => {
        // `?` takes the next number; `?NNN`/`$NNN` keep theirs; each distinct name gets one.
        if (/^[?$]\d+$/.test(text)) {
          const n = Number(text.slice(1));
          this.#maxParameter = Math.max(this.#maxParameter, n);
          return `$${n}`;
        }
        if (text !== '?') {
          const existing = this.#parameters.get(text);
          if (existing) return `$${existing}`;
        }
        const n = ++this.#maxParameter;
        if (text !== '?') this.#parameters.set(text, n);
        return `$${n}`;
      },
    };
  }

  query(): QueryTranslator {
    return new QueryTranslator({ base: this.#base(), symbols: this.symbols });
  }

  tableContext(sym: TableSymbol | undefined, purpose: ExpressionPurpose): ExpressionContext {
    const tableName = sym?.table.name.name.toLowerCase();
    return {
      ...this.#base(),
      purpose,
      tableScope: true,
      resolveColumn: (path: Identifier[]): ColumnInfo | null => {
        if (!sym) return null;
        const last = path[path.length - 1];
        if (!last) return null;
        if (path.length >= 2 && path[path.length - 2]?.name.toLowerCase() !== tableName) return null;
        const c = sym.columns.get(last.name.toLowerCase());
        return c ? { sql: quoteIdent(c.out), type: c.valueType } : null;
      },
      select: (s: SelectStatement) => this.query().select(s),
    };
  }

  translateIn(sym: TableSymbol | undefined, purpose: ExpressionPurpose, e: Expression): Fragment {
    return new ExpressionTranslator(this.tableContext(sym, purpose)).translate(e);
  }

  // ---- binding ------------------------------------------------------------

  /** Resolves every table's columns and types before anything is lowered. */
  bind(): void {
    for (const e of this.model.elements) {
      if (e.kind === 'table') this.bindTable(e);
      if (e.kind === 'view') {
        this.symbols.views.set(objectKey(e.name), { out: this.names.apply(e.name.name, e.name.span), columns: new Map() });
      }
      if (e.kind === 'step' && e.added) {
        const sym = this.symbols.lookup(e.added.name);
        if (sym) for (const c of e.added.columns) sym.columns.set(c.name.toLowerCase(), this.bindColumn(c, e.added));
      }
    }
  }

  bindColumn(c: Column, table: Table): ColumnSymbol {
    this.names.declareColumn(c.name);
    let pgType = postgresType(c.type, {
      dialect: this.model.dialect,
      options: this.options,
      bag: this.bag,
      span: c.typeSpan ?? c.nameSpan,
      column: c.name,
      declaredType: c.declaredType,
      collation: c.collation ? c.collation.name.toLowerCase() : null,
      inlineEnum: (values) => this.inlineEnum(table, c, values),
      namedType: (name) => this.names.quote(name, null),
    });
    if (c.rowid) pgType = { ...pgType, sql: 'bigint', base: 'bigint', range: null };
    return { column: c, out: this.names.apply(c.name, c.nameSpan), pgType, valueType: valueTypeOf(pgType) };
  }

  inlineEnum(table: Table, column: Column, values: string[]): string {
    const name = this.names.apply(`${table.name.name}_${column.name}`, column.nameSpan);
    if (!this.enums.some((e) => e.name === name)) {
      this.enums.push({ schema: null, name, values });
      this.emit({
        kind: 'type',
        sql: `CREATE TYPE ${quoteIdent(name)} AS ENUM (${values.map(quoteLiteral).join(', ')});`,
        provides: [relationKey(null, name)],
        span: column.span,
      });
    }
    return quoteIdent(name);
  }

  bindTable(t: Table): void {
    const schema = this.schemaOf(t.name.schema, t.name.span);
    const out = this.names.apply(t.name.name, t.name.span);
    const columns = new Map<string, ColumnSymbol>();
    const sym: TableSymbol = { table: t, schema, out, columns, keys: SymbolTable.keysOf(this.model, t) };
    for (const c of t.columns) columns.set(c.name.toLowerCase(), this.bindColumn(c, t));
    this.symbols.tables.set(objectKey(t.name), sym);
  }

  // ---- tables -------------------------------------------------------------

  lowerTable(t: Table): void {
    const sym = this.symbols.lookup(t.name);
    if (!sym || sym.table !== t) return;
    const key = relationKey(sym.schema, sym.out);
    this.namespace.claim(sym.schema, sym.out, 'Table', t.name.span, key);

    if (t.withoutRowid) this.bag.report('SP302', t.withoutRowid);
    if (t.strict) this.bag.report('SP303', t.strict);

    const pgColumns: PgColumn[] = [];
    const constraints: string[] = [];
    const requires: string[] = sym.schema ? [`schema:${sym.schema}`] : [];

    for (const c of t.columns) {
      const cs = sym.columns.get(c.name.toLowerCase());
      if (cs) pgColumns.push(this.lowerColumn(c, cs, sym, t));
    }

    // Primary key
    const primaryKey: string[] = [];
    if (t.primaryKey) {
      const pk = t.primaryKey;
      this.conflict(pk.onConflict, pk.span);
      if (pk.descending) this.bag.report('SP311', pk.span, quoteIdent(sym.columns.get(pk.columns[0]?.toLowerCase() ?? '')?.out ?? ''));
      const cols = pk.columns.map((c) => sym.columns.get(c.toLowerCase())?.out ?? this.names.apply(c, pk.span));
      primaryKey.push(...cols);
      const nullable = pk.columns.map((c) => sym.columns.get(c.toLowerCase())).filter((c) => c && !c.column.notNull && !c.column.rowid);
      if (this.model.dialect === 'sqlite' && !t.withoutRowid && !t.strict) {
        for (const c of nullable) if (c) this.bag.report('SP305', c.column.nameSpan, quoteIdent(c.out));
      }
      const name = pk.name ? this.namespace.claim(sym.schema, this.names.apply(pk.name, pk.span), 'Constraint', pk.span, `${key}#pk`) : null;
      const only = cols.length === 1 ? pgColumns.find((c) => c.name === cols[0]) : undefined;
      if (pk.inline && only && !name) only.inlineConstraints.unshift('PRIMARY KEY');
      else constraints.push(`${name ? `CONSTRAINT ${quoteIdent(name)} ` : ''}PRIMARY KEY (${cols.map(quoteIdent).join(', ')})`);
    }

    // Unique keys
    for (const u of t.uniques) {
      this.conflict(u.onConflict, u.span);
      const name = u.name ? this.namespace.claim(sym.schema, this.names.apply(u.name, u.span), 'Constraint', u.span, `${key}#${u.span.start}`) : null;
      if (u.expressions.some((e) => e !== null)) {
        // PostgreSQL UNIQUE constraints take columns only: an expression key is a unique index.
        const parts = u.expressions.map((e, i) => (e ? `(${this.translateIn(sym, 'index', e).sql})` : quoteIdent(sym.columns.get(u.columns[i]?.toLowerCase() ?? '')?.out ?? '')));
        const indexName = name ?? this.namespace.claim(sym.schema, this.names.apply(`${sym.out}_key`, null), 'Index', u.span, `${key}#${u.span.start}`);
        this.emit({
          kind: 'index',
          sql: `CREATE UNIQUE INDEX ${quoteIdent(indexName)} ON ${this.qualified(sym.schema, sym.out)} (${parts.join(', ')});`,
          provides: [relationKey(sym.schema, indexName)],
          requires: [key],
          span: u.span,
        });
        continue;
      }
      const cols = u.columns.map((c) => sym.columns.get(c.toLowerCase())?.out ?? this.names.apply(c, u.span));
      const only = cols.length === 1 ? pgColumns.find((c) => c.name === cols[0]) : undefined;
      if (u.inline && only && !name) only.inlineConstraints.push('UNIQUE');
      else constraints.push(`${name ? `CONSTRAINT ${quoteIdent(name)} ` : ''}UNIQUE (${cols.map(quoteIdent).join(', ')})`);
    }

    // Checks
    for (const ch of t.checks) {
      this.conflict(ch.onConflict, ch.span);
      const x = new ExpressionTranslator(this.tableContext(sym, 'check'));
      const f = x.truthy(x.translate(unwrap(ch.expr)));
      // The PostgreSQL type already guarantees it (json_valid on a jsonb column).
      if (f.literal?.kind === 'boolean' && f.literal.value) continue;
      const text = `${ch.name ? `CONSTRAINT ${quoteIdent(this.names.apply(ch.name, ch.span))} ` : ''}CHECK (${f.sql})`;
      const target = ch.column && !ch.name ? pgColumns.find((c) => c.sourceName === ch.column) : undefined;
      if (target) {
        target.inlineConstraints.push(text);
        const allowed = allowedStrings(ch.expr, ch.column ?? '');
        if (allowed) target.allowedValues = allowed;
      } else constraints.push(text);
    }

    // Foreign keys
    const foreignKeys: PgForeignKey[] = [];
    for (const fk of t.foreignKeys) {
      const lowered = this.lowerForeignKey(fk, sym);
      if (lowered) foreignKeys.push(lowered);
    }

    const table: PgTable = {
      schema: sym.schema,
      name: sym.out,
      sourceName: t.name.name,
      temporary: t.temporary,
      ifNotExists: t.ifNotExists,
      columns: pgColumns,
      constraints,
      foreignKeys,
      primaryKey,
      comment: t.comment,
      span: t.span,
    };
    this.tables.push(table);

    if (t.orReplace) {
      this.emit({ kind: 'step', sql: `DROP TABLE IF EXISTS ${this.qualified(sym.schema, sym.out)} CASCADE;`, span: t.span, requires });
    }
    const enumKeys = this.enums.map((e) => relationKey(e.schema, e.name));
    if (t.asSelect) {
      const select = this.query().select(t.asSelect);
      const head = `CREATE ${t.temporary ? 'TEMPORARY ' : ''}TABLE ${t.ifNotExists ? 'IF NOT EXISTS ' : ''}${this.qualified(sym.schema, sym.out)}`;
      this.emit({
        kind: 'table', sql: `${head} AS ${select};`, leading: t.comment, span: t.span, provides: [key],
        requires: [...requires, ...referencedRelations(t.asSelect).map((n) => this.keyOf(n))],
      });
      return;
    }
    this.emit({
      kind: 'table',
      sql: '',
      leading: t.comment,
      span: t.span,
      provides: [key],
      requires: [...requires, ...enumKeys, ...foreignKeys.map((f) => f.target).filter((k) => k !== key)],
      table,
    });
  }

  keyOf(name: ObjectName): string {
    const sym = this.symbols.lookup(name);
    if (sym) return relationKey(sym.schema, sym.out);
    return objectKey(name);
  }

  conflict(action: string | null, span: Span): void {
    if (action && action !== 'ABORT') this.bag.report('SP301', span, action);
  }

  lowerColumn(c: Column, cs: ColumnSymbol, sym: TableSymbol, t: Table): PgColumn {
    const type = cs.pgType;
    for (const ext of type.extensions) this.requireExtension(ext);
    if (type.collation === 'nocase') this.requireNocaseCollation();
    if (c.notNullConflict) this.conflict(c.notNullConflict, c.span);

    let identity: PgColumn['identity'] = null;
    if (c.rowid) {
      identity = 'BY DEFAULT';
      if (c.rowid.autoincrement) this.bag.report('SP310', c.rowid.span);
      else this.bag.report('SP304', c.rowid.span, quoteIdent(cs.out), this.qualified(sym.schema, sym.out).replace(/'/g, "''"), cs.out.replace(/'/g, "''"));
    }

    let defaultSql: string | null = null;
    if (c.default && !identity) {
      const f = this.translateIn(sym, 'default', unwrap(c.default));
      const fitted = coerceToColumn(f, cs, { dialect: this.model.dialect, bag: this.bag, span: c.default.span });
      // DEFAULT takes a restricted expression in PostgreSQL (no AT TIME ZONE, IS, …): parenthesise operators.
      defaultSql = fitted.prec >= PREC.POSTFIX || fitted.literal ? fitted.sql : `(${fitted.sql})`;
    }

    let generated: PgColumn['generated'] = null;
    if (c.generated) {
      const f = this.translateIn(sym, 'generated', unwrap(c.generated.expr));
      if (f.volatility !== 'immutable') {
        this.bag.report('SP207', c.generated.span, quoteIdent(cs.out));
      } else {
        let stored = true;
        if (c.generated.storage === 'VIRTUAL') {
          if (this.options.targetVersion >= 18) stored = false;
          else this.bag.report('SP206', c.generated.span, quoteIdent(cs.out), String(this.options.targetVersion));
        }
        generated = { sql: coerceToColumn(f, cs, { dialect: this.model.dialect, bag: this.bag, span: c.generated.span }).sql, stored };
      }
    }

    const inlineConstraints = typeChecks(type, quoteIdent(cs.out)).map((check) => `CHECK (${check})`);
    void t;
    return {
      name: cs.out,
      sourceName: c.name,
      type,
      valueType: cs.valueType,
      notNull: c.notNull,
      default: defaultSql,
      identity,
      generated,
      inlineConstraints,
      allowedValues: null,
      comment: c.comment,
      span: c.span,
    };
  }

  lowerForeignKey(fk: ForeignKey, sym: TableSymbol): PgForeignKey | null {
    const target = this.symbols.lookup(fk.table);
    const columns = fk.columns.map((c) => sym.columns.get(c.toLowerCase())?.out ?? this.names.apply(c, fk.span));
    let refColumns: string[];
    let targetKey: string;
    if (!target) {
      this.bag.report('SP306', fk.table.span, this.relationSql(fk.table));
      refColumns = fk.referencedColumns.map((c) => this.names.apply(this.names.canonicalColumn(c), fk.span));
      targetKey = objectKey(fk.table);
    } else {
      targetKey = relationKey(target.schema, target.out);
      const wanted = fk.referencedColumns.length ? fk.referencedColumns.map((c) => c.toLowerCase()) : (target.table.primaryKey?.columns.map((c) => c.toLowerCase()) ?? []);
      const isKey = wanted.length > 0 && target.keys.some((k) => sameColumnSet(k, wanted));
      if (!isKey) {
        this.bag.report('SP307', fk.span, quoteIdent(sym.out), quoteIdent(target.out), wanted.join(', ') || 'its primary key');
      }
      refColumns = fk.referencedColumns.map((c) => target.columns.get(c.toLowerCase())?.out ?? this.names.apply(c, fk.span));
    }
    if (this.model.dialect === 'sqlite' && !this.#fkNoted) {
      this.#fkNoted = true;
      this.bag.report('SP308', fk.span);
    }
    let references = `REFERENCES ${target ? this.qualified(target.schema, target.out) : this.relationSql(fk.table)}`;
    if (refColumns.length) references += ` (${refColumns.map(quoteIdent).join(', ')})`;
    if (fk.onDelete && fk.onDelete !== 'NO ACTION') references += ` ON DELETE ${fk.onDelete}`;
    if (fk.onUpdate && fk.onUpdate !== 'NO ACTION') references += ` ON UPDATE ${fk.onUpdate}`;
    if (fk.deferrable) {
      references += fk.deferrable.not ? ' NOT DEFERRABLE' : ' DEFERRABLE';
      if (fk.deferrable.initially) references += ` INITIALLY ${fk.deferrable.initially}`;
    }
    return {
      name: fk.name ? this.names.apply(fk.name, fk.span) : null,
      columns,
      references,
      target: targetKey,
      inline: fk.inline && columns.length === 1 && !fk.name,
      deferred: false,
      span: fk.span,
    };
  }

  // ---- indexes, views, steps ----------------------------------------------

  lowerIndex(ix: Index): void {
    const sym = this.symbols.lookup({ schema: ix.name.schema, name: ix.table });
    const schema = sym?.schema ?? this.schemaOf(ix.name.schema, ix.name.span);
    const tableKey = sym ? relationKey(sym.schema, sym.out) : relationKey(schema, this.names.apply(ix.table, ix.tableSpan));
    const name = this.namespace.claim(schema, this.names.apply(ix.name.name, ix.name.span), 'Index', ix.name.span, relationKey(schema, ix.name.name) + '#index');
    const parts = ix.columns.map((col) => {
      const cs = col.column ? sym?.columns.get(col.column.toLowerCase()) : undefined;
      let text: string;
      if (cs) {
        text = quoteIdent(cs.out);
        const collation = col.collation?.name.toLowerCase();
        if (collation === 'nocase' && cs.pgType.base !== 'citext' && cs.pgType.collation !== 'nocase') {
          if (this.options.nocase === 'citext') {
            this.requireExtension('citext');
            text = `(${text}::citext)`;
          } else {
            this.requireNocaseCollation();
            text += ' COLLATE nocase';
          }
        } else if (collation === 'binary') text += ' COLLATE "C"';
        else if (collation && collation !== 'nocase') this.bag.report('SP113', col.collation?.span ?? col.span, collation.toUpperCase());
      } else {
        const expr = col.collation ? ({ kind: 'collate', operand: col.expr, collation: { kind: 'identifier', name: col.collation.name, quote: 'none', span: col.collation.span }, span: col.span } as Expression) : col.expr;
        const f = this.translateIn(sym, 'index', expr);
        if (f.volatility !== 'immutable') this.bag.report('SP204', col.span, 'this index expression', 'PostgreSQL requires index expressions to be immutable');
        text = `(${f.sql})`;
      }
      if (col.direction) text += ` ${col.direction}`;
      return text;
    });
    let sql = `CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX ${ix.ifNotExists ? 'IF NOT EXISTS ' : ''}${quoteIdent(name)} ON ${sym ? this.qualified(sym.schema, sym.out) : this.qualified(schema, this.names.apply(ix.table, ix.tableSpan))} (${parts.join(', ')})`;
    if (ix.where) {
      const x = new ExpressionTranslator(this.tableContext(sym, 'index'));
      sql += ` WHERE ${x.truthy(x.translate(ix.where)).sql}`;
    }
    this.emit({ kind: 'index', sql: `${sql};`, leading: ix.comment, span: ix.span, provides: [relationKey(schema, name)], requires: [tableKey] });
  }

  lowerView(v: View): void {
    const schema = this.schemaOf(v.name.schema, v.name.span);
    const name = this.namespace.claim(schema, this.names.apply(v.name.name, v.name.span), 'View', v.name.span, objectKey(v.name) + '#view');
    const select = this.query().select(v.select);
    const cols = v.columns.length ? ` (${v.columns.map((c) => this.names.quote(c, v.span)).join(', ')})` : '';
    let head = 'CREATE';
    if (v.orReplace || v.ifNotExists) head += ' OR REPLACE';
    if (v.ifNotExists) this.bag.report('SP506', v.span);
    if (v.temporary) head += ' TEMPORARY';
    this.views.push({ name, schema, columns: [] });
    this.emit({
      kind: 'view',
      sql: `${head} VIEW ${this.qualified(schema, name)}${cols} AS\n  ${select};`,
      leading: v.comment,
      span: v.span,
      provides: [relationKey(schema, name)],
      requires: referencedRelations(v.select).map((n) => this.keyOf(n)),
    });
  }

  lowerStep(step: ScriptStep): void {
    const s = step.syntax;
    this.#parameters = new Map();
    this.#maxParameter = 0;
    let sql: string;
    switch (s.kind) {
      case 'insert':
        this.bag.report('SP504', s.span, 'INSERT');
        sql = this.query().insert(s);
        break;
      case 'update':
        this.bag.report('SP504', s.span, 'UPDATE');
        sql = this.query().update(s);
        break;
      case 'delete':
        this.bag.report('SP504', s.span, 'DELETE');
        sql = this.query().delete(s);
        break;
      case 'select':
        this.bag.report('SP504', s.span, 'SELECT');
        sql = this.query().select(s);
        break;
      case 'alter-table':
        sql = this.lowerAlter(step);
        break;
      case 'drop': {
        const what = s.objectType === 'MACRO' ? 'FUNCTION' : s.objectType;
        if (what === 'TRIGGER') {
          this.emit({ kind: 'note', sql: sourceAsComment(`DROP TRIGGER ${s.name.name.name}`), span: s.span });
          return;
        }
        const sym = what === 'TABLE' ? this.symbols.lookup(objectName(s.name)) : undefined;
        const target = sym ? this.qualified(sym.schema, sym.out) : this.relationSql(s.name);
        if (what !== 'SCHEMA') this.namespace.release(sym?.schema ?? null, sym?.out ?? this.names.apply(s.name.name.name, null));
        sql = `DROP ${what} ${s.ifExists ? 'IF EXISTS ' : ''}${target}${s.cascade ? ' CASCADE' : ''}`;
        break;
      }
    }
    this.emit({ kind: 'step', sql: `${sql};`, span: s.span, barrier: true });
  }

  lowerAlter(step: ScriptStep): string {
    const s = step.syntax;
    if (s.kind !== 'alter-table') return '';
    const sym = this.symbols.lookup(objectName(s.name));
    const target = sym ? this.qualified(sym.schema, sym.out) : this.relationSql(s.name);
    const head = `ALTER TABLE ${s.ifExists ? 'IF EXISTS ' : ''}${target}`;
    const a = s.action;
    switch (a.kind) {
      case 'add-column': {
        const added = step.added;
        const c = added?.columns[0];
        const cs = c && sym ? sym.columns.get(c.name.toLowerCase()) : c && added ? this.bindColumn(c, added) : undefined;
        if (!c || !cs || !added) return `${head} ADD COLUMN ${this.ident(a.column.name)}`;
        const col = this.lowerColumn(c, cs, sym ?? { table: added, schema: null, out: target, columns: new Map([[c.name.toLowerCase(), cs]]), keys: [] }, added);
        const scope = sym ?? { table: added, schema: null, out: target, columns: new Map([[c.name.toLowerCase(), cs]]), keys: [] };
        for (const ch of added.checks) {
          const x = new ExpressionTranslator(this.tableContext(scope, 'check'));
          col.inlineConstraints.push(`CHECK (${x.truthy(x.translate(ch.expr)).sql})`);
        }
        for (const fk of added.foreignKeys) {
          const lowered = this.lowerForeignKey(fk, scope);
          if (lowered) col.inlineConstraints.push(lowered.references);
        }
        return `${head} ADD COLUMN ${a.ifNotExists ? 'IF NOT EXISTS ' : ''}${columnDefinition(col)}`;
      }
      case 'rename-table': {
        const to = this.names.apply(a.to.name, a.to.span);
        return `${head} RENAME TO ${quoteIdent(to)}`;
      }
      case 'rename-column':
        return `${head} RENAME COLUMN ${this.ident(a.from)} TO ${this.names.quote(a.to.name, a.to.span)}`;
      case 'drop-column':
        return `${head} DROP COLUMN ${a.ifExists ? 'IF EXISTS ' : ''}${this.ident(a.column)}`;
      case 'alter-column':
        this.bag.report('SP504', a.span, 'ALTER COLUMN');
        return `${head} ALTER COLUMN ${this.ident(a.column)} ${a.text}`;
      case 'add-constraint':
        this.bag.report('SP505', a.span, 'ALTER TABLE … ADD CONSTRAINT', 'neither SQLite nor DuckDB supports it', 'Declare the constraint in CREATE TABLE.');
        return `${head} -- ADD CONSTRAINT not translated`;
    }
  }

  run(): PgScript {
    this.bind();
    for (const e of this.model.elements) {
      switch (e.kind) {
        case 'table':
          this.lowerTable(e);
          break;
        case 'index':
          this.lowerIndex(e);
          break;
        case 'view':
          this.lowerView(e);
          break;
        case 'trigger':
          this.bag.report('SP501', e.span);
          this.emit({ kind: 'note', sql: sourceAsComment(this.sourceText(e.span)), span: e.span });
          break;
        case 'virtual-table':
          this.bag.report('SP502', e.syntax.module.span, e.syntax.module.name);
          this.emit({ kind: 'note', sql: sourceAsComment(this.sourceText(e.span)), span: e.span });
          break;
        case 'passive':
          this.bag.report('SP503', e.span, e.syntax.what === 'pragma' ? 'PRAGMA' : e.syntax.text.split(/\s+/)[0]?.toUpperCase() ?? 'statement');
          this.emit({ kind: 'note', sql: sourceAsComment(this.sourceText(e.span)), span: e.span });
          break;
        case 'step':
          this.lowerStep(e);
          break;
        case 'sequence': {
          const schema = this.schemaOf(e.name.schema, e.name.span);
          const name = this.namespace.claim(schema, this.names.apply(e.name.name, e.name.span), 'Sequence', e.name.span, objectKey(e.name) + '#seq');
          const opts = e.options.map((o) => (o.value === null ? o.option : `${o.option === 'START' ? 'START WITH' : o.option === 'INCREMENT' ? 'INCREMENT BY' : o.option} ${o.value}`));
          this.emit({
            kind: 'sequence',
            sql: `CREATE ${e.temporary ? 'TEMPORARY ' : ''}SEQUENCE ${e.ifNotExists ? 'IF NOT EXISTS ' : ''}${this.qualified(schema, name)}${opts.length ? ` ${opts.join(' ')}` : ''};`,
            span: e.span,
            provides: [relationKey(schema, name)],
          });
          break;
        }
        case 'schema':
          this.schemaOf(e.name, e.span);
          break;
        case 'type':
        case 'macro':
        case 'comment':
          this.bag.report('SP505', e.span, e.kind === 'type' ? 'CREATE TYPE' : e.kind === 'macro' ? 'CREATE MACRO' : 'COMMENT ON', 'not translated yet', 'DuckDB support for this statement is on the way.');
          this.emit({ kind: 'note', sql: sourceAsComment(this.sourceText(e.span)), span: e.span });
          break;
      }
    }
    return { statements: this.statements, tables: this.tables, enums: this.enums, composites: [], views: this.views };
  }

  sourceText: (span: Span) => string = () => '';
}

/** Drops redundant outer parentheses: DEFAULT (x) and CHECK ((x)) print as x. */
function unwrap(e: Expression): Expression {
  return e.kind === 'paren' ? unwrap(e.expr) : e;
}

function objectName(q: QualifiedName): ObjectName {
  return { schema: q.schema?.name ?? null, name: q.name.name, span: q.span };
}

/** `CHECK (col IN ('a', 'b'))` → ['a', 'b'], for TypeScript literal unions. */
function allowedStrings(e: Expression, column: string): string[] | null {
  const inner = e.kind === 'paren' ? e.expr : e;
  if (inner.kind !== 'in' || inner.not || !inner.list) return null;
  const op = inner.operand;
  if (op.kind !== 'column' || op.path[op.path.length - 1]?.name.toLowerCase() !== column.toLowerCase()) return null;
  const values: string[] = [];
  for (const item of inner.list) {
    if (item.kind !== 'string') return null;
    values.push(item.value);
  }
  return values;
}

/** One column as it appears in CREATE TABLE and ALTER TABLE … ADD COLUMN. */
export function columnDefinition(c: PgColumn): string {
  const parts = [quoteIdent(c.name), c.type.sql];
  if (c.type.collation) parts.push(`COLLATE ${quoteIdent(c.type.collation)}`);
  if (c.identity) parts.push(`GENERATED ${c.identity} AS IDENTITY`);
  if (c.generated) parts.push(`GENERATED ALWAYS AS (${c.generated.sql})${c.generated.stored ? ' STORED' : ' VIRTUAL'}`);
  if (c.notNull && !c.inlineConstraints.includes('PRIMARY KEY')) parts.push('NOT NULL');
  if (c.default !== null) parts.push(`DEFAULT ${c.default}`);
  parts.push(...c.inlineConstraints);
  return parts.join(' ');
}

export function lowerToPostgres(model: SchemaModel, source: string, fe: FrontEnd, options: TranslateOptions, bag: DiagnosticBag): PgScript {
  const lowering = new Lowering(model, fe, options, bag);
  lowering.sourceText = (span) => source.slice(span.start, span.end);
  return lowering.run();
}
