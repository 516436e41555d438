/**
 * Schema model → PostgreSQL model. Walks the elements in source order and
 * makes every decision through the mapping tables (types: postgres-types.ts;
 * functions and operators: expressions/), reporting each one. The statement
 * kinds live beside this file: lower-table.ts, lower-index-view.ts,
 * lower-steps.ts.
 */
import type { DiagnosticBag } from '../../diagnostics/diagnostic.js';
import { DiagnosticBag as Bag } from '../../diagnostics/diagnostic.js';
import { sourceAsComment } from '../../emit/postgres/comment-out.js';
import { quoteIdent, quoteLiteral } from '../../emit/postgres/quote.js';
import type { FrontEnd } from '../../frontends/build-model.js';
import type { Column, ObjectName, SchemaModel, Table } from '../../model/schema.js';
import type { TranslateOptions } from '../../options.js';
import type { Expression, Identifier, QualifiedName, SelectStatement, Span } from '../../syntax/ast.js';
import type { ColumnInfo, ExpressionContext, ExpressionPurpose } from '../expressions/context.js';
import type { Fragment } from '../expressions/sql-fragment.js';
import { ExpressionTranslator } from '../expressions/translate-expression.js';
import { QueryTranslator } from '../expressions/translate-query.js';
import { NamePolicy, RelationNamespace } from '../names.js';
import type { PgEnum, PgScript, PgStatement, PgTable } from '../postgres-model.js';
import { postgresType, valueTypeOf } from '../postgres-types.js';
import { SymbolTable, objectKey, relationKey, type ColumnSymbol, type TableSymbol } from '../symbols.js';
import { lowerIndex, lowerView } from './lower-index-view.js';
import { lowerStep } from './lower-steps.js';
import { lowerTable } from './lower-table.js';

const SOURCE_DEFAULT_SCHEMAS = new Set(['main', 'temp']);

export class Lowering {
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
  /** SP308 (foreign keys are enforced) is said once per script. */
  fkNoted = false;
  #parameters = new Map<string, number>();
  #maxParameter = 0;

  constructor(
    readonly model: SchemaModel,
    readonly fe: FrontEnd,
    readonly options: TranslateOptions,
    readonly bag: DiagnosticBag,
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

  /** Each statement numbers its bind parameters from $1. */
  resetParameters(): void {
    this.#parameters = new Map();
    this.#maxParameter = 0;
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

  run(): PgScript {
    this.bind();
    for (const e of this.model.elements) {
      switch (e.kind) {
        case 'table':
          lowerTable(this, e);
          break;
        case 'index':
          lowerIndex(this, e);
          break;
        case 'view':
          lowerView(this, e);
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
          lowerStep(this, e);
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

export function lowerToPostgres(model: SchemaModel, source: string, fe: FrontEnd, options: TranslateOptions, bag: DiagnosticBag): PgScript {
  const lowering = new Lowering(model, fe, options, bag);
  lowering.sourceText = (span) => source.slice(span.start, span.end);
  return lowering.run();
}
