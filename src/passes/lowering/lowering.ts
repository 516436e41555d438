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
import { ParameterPlan } from '../parameters.js';
import type { PgEnum, PgScript, PgStatement, PgTable } from '../postgres-model.js';
import { postgresType, valueTypeOf, type PgType } from '../postgres-types.js';
import { SymbolTable, columnOrRowid, objectKey, relationKey, type ColumnSymbol, type TableSymbol } from '../symbols.js';
import { DuckdbLowering } from './lower-duckdb.js';
import { lowerIndex, lowerView } from './lower-index-view.js';
import { lowerStep } from './lower-steps.js';
import { lowerTable } from './lower-table.js';
import { lowerTrigger } from './lower-trigger.js';
import { lowerVirtualTable, type FtsTable } from './lower-fts.js';
import { deriveQueryColumns } from './view-columns.js';

/** Type families PostgreSQL compares with one another in a foreign key (same btree operator family). */
const FAMILIES: readonly ReadonlySet<string>[] = [new Set(['smallint', 'integer', 'bigint']), new Set(['real', 'double precision'])];
const TEXT_FAMILY: ReadonlySet<string> = new Set(['text', 'varchar', 'char']);

function comparable(a: PgType, b: PgType): boolean {
  if (a.arrayDims !== b.arrayDims) return false;
  if (a.base === b.base) return true;
  return [...FAMILIES, TEXT_FAMILY].some((f) => f.has(a.base) && f.has(b.base));
}

const SOURCE_DEFAULT_SCHEMAS = new Set(['main', 'temp']);

/** The part of an expression context that does not depend on the table or the purpose. */
type BaseContext = Pick<ExpressionContext, 'dialect' | 'options' | 'bag' | 'ident' | 'relation' | 'castType' | 'parameter'> &
  Required<Pick<ExpressionContext, 'parameterType'>>;

export class Lowering {
  readonly names: NamePolicy;
  readonly namespace: RelationNamespace;
  readonly symbols = new SymbolTable();
  readonly statements: PgStatement[] = [];
  readonly tables: PgTable[] = [];
  /** The first lowered table of each schema and name (`schema\0name`). */
  readonly #tableByName = new Map<string, PgTable>();
  readonly enums: PgEnum[] = [];
  /** Each enum's relation key by the type SQL columns name it with (qualified, and bare). */
  readonly #enumKeys = new Map<string, string>();
  /** `schema\0name` of every enum, and bare names (inlineEnum dedupes by name alone). */
  readonly #enumNames = new Set<string>();
  readonly views: PgScript['views'] = [];
  readonly #schemasCreated = new Set<string>();
  readonly #extensions = new Set<string>();
  #collationCreated = false;
  /** Each CREATE TABLE's own symbol (a name may be created, dropped and created again). */
  readonly symbolOf = new Map<Table, TableSymbol>();
  /** Tables that ALTER TABLE … RENAME TO created (for SP515). */
  readonly renamedTo = new Set<string>();
  /** Source names of the indexes created so far (CREATE INDEX IF NOT EXISTS repeats are skipped). */
  readonly indexesCreated = new Set<string>();
  /** CREATE TABLE IF NOT EXISTS repeating an earlier definition: skipped, as SQLite skips it. */
  readonly skipped = new Set<Table>();
  /** FTS virtual tables by relation key (lower-fts.ts). */
  readonly ftsTables = new Map<string, FtsTable>();
  /** SP308 (foreign keys are enforced) is said once per script. */
  fkNoted = false;
  /** SP115 (tables that are not STRICT keep values of any type) is said once per script. */
  looseTypesNoted = false;
  /** SP118 (PostgreSQL text cannot hold NUL) is said once per script. */
  nulTextNoted = false;
  #parameters = new ParameterPlan(null);
  /** Generated columns whose expression is being inlined into another's (guards cycles). */
  readonly #inlining = new Set<ColumnSymbol>();

  constructor(
    readonly model: SchemaModel,
    readonly fe: FrontEnd,
    readonly options: TranslateOptions,
    readonly bag: DiagnosticBag,
  ) {
    this.names = new NamePolicy(options, bag);
    this.namespace = new RelationNamespace(bag);
    this.duckdb = model.dialect === 'duckdb' ? new DuckdbLowering(this) : null;
  }

  /** Queries against a schema given separately (`--schema`): data statements are the point, not a warning. */
  queryMode = false;

  /** Takes over the names another lowering bound (the `--schema` context). */
  adopt(other: Lowering): void {
    for (const [k, v] of other.symbols.tables) this.symbols.tables.set(k, v);
    for (const [k, v] of other.symbols.views) this.symbols.views.set(k, v);
    for (const [k, v] of other.ftsTables) this.ftsTables.set(k, v);
    this.names.adoptSpellings(other.names);
    if (this.duckdb && other.duckdb) this.duckdb.adopt(other.duckdb);
    this.queryMode = true;
  }

  /** DuckDB types, macros, comments and sequences (lower-duckdb.ts). */
  readonly duckdb: DuckdbLowering | null;

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

  #baseContext: BaseContext | null = null;

  /** What every expression context shares (made once: its functions read the lowering's current state). */
  #base(): BaseContext {
    this.#baseContext ??= {
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
        const type2 = valueTypeOf(pg);
        return { sql: pg.sql, type: type2, utc: semantic.kind === 'timestamp' && !semantic.tz && type2 === 'timestamptz' };
      },
      parameter: (text, span) => {
        const n = this.#parameters.numberAt(span);
        return n === undefined ? text : `$${n}`;
      },
      parameterType: (span, type) => this.#parameters.setType(span, type),
    };
    return this.#baseContext;
  }

  /** Each statement numbers its bind parameters from $1, as SQLite numbers them. */
  resetParameters(statement: unknown): ParameterPlan {
    this.#parameters = new ParameterPlan(statement);
    return this.#parameters;
  }

  query(): QueryTranslator {
    return new QueryTranslator({
      base: this.#base(),
      symbols: this.symbols,
      ftsOf: (t) => this.ftsTables.get(objectKey(t.table.name)),
      derive: (select) => deriveQueryColumns(this, select)?.map((c) => ({ key: c.key, out: c.name, type: c.valueType })) ?? null,
    });
  }

  /** The last table context made: a table's columns ask for the same one in a row (nothing mutates a context). */
  #lastContext: { sym: TableSymbol | undefined; purpose: ExpressionPurpose; context: ExpressionContext } | null = null;

  tableContext(sym: TableSymbol | undefined, purpose: ExpressionPurpose): ExpressionContext {
    const last = this.#lastContext;
    if (last !== null && last.sym === sym && last.purpose === purpose) return last.context;
    const context = this.#makeTableContext(sym, purpose);
    this.#lastContext = { sym, purpose, context };
    return context;
  }

  #makeTableContext(sym: TableSymbol | undefined, purpose: ExpressionPurpose): ExpressionContext {
    const tableName = sym?.table.name.name.toLowerCase();
    const base = this.#base();
    // Each property by name: spreading an object of closures (`...base`) costs V8 microseconds a copy.
    return {
      dialect: base.dialect,
      options: base.options,
      bag: base.bag,
      ident: base.ident,
      relation: base.relation,
      castType: base.castType,
      parameter: base.parameter,
      parameterType: base.parameterType,
      purpose,
      tableScope: true,
      resolveColumn: (path: Identifier[]): ColumnInfo | null => {
        if (!sym) return null;
        const last = path[path.length - 1];
        if (!last) return null;
        if (path.length >= 2 && path[path.length - 2]?.name.toLowerCase() !== tableName) return null;
        const c = columnOrRowid(sym, last.name.toLowerCase());
        if (!c) return null;
        const generated = c.column.generated;
        if (purpose === 'generated' && generated && !this.#inlining.has(c)) {
          // PostgreSQL forbids a generated column in another one's expression: inline its expression.
          this.#inlining.add(c);
          try {
            const inner = this.translateIn(sym, 'generated', generated.expr);
            const sql = inner.type === c.valueType || inner.type === 'unknown' ? `(${inner.sql})` : `(${inner.sql})::${c.pgType.sql}`;
            return { sql, type: c.valueType };
          } finally {
            this.#inlining.delete(c);
          }
        }
        return { sql: quoteIdent(c.out), type: c.valueType, pgType: c.pgType.sql };
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
    const duckdb = this.duckdb;
    let pgType = postgresType(c.type, {
      dialect: this.model.dialect,
      options: this.options,
      bag: this.bag,
      span: c.typeSpan ?? c.nameSpan,
      column: c.name,
      declaredType: c.declaredType,
      collation: c.collation ? c.collation.name.toLowerCase() : null,
      // Enums, named types and structs are DuckDB's: a SQLite column makes none of these closures.
      inlineEnum: duckdb ? (values) => this.inlineEnum(table, c, values) : undefined,
      namedType: duckdb ? (name) => duckdb.namedType(name, c.typeSpan ?? c.nameSpan) : undefined,
      struct: duckdb ? (fields) => duckdb.struct(table, c, fields) : undefined,
    });
    if (c.rowid) pgType = { ...pgType, sql: 'bigint', base: 'bigint', range: null };
    if (this.model.dialect === 'sqlite' && !c.rowid && this.options.integers === 'declared' && c.type.kind === 'integer' && pgType.base !== 'bigint') {
      this.bag.report('SP116', c.typeSpan ?? c.nameSpan, c.declaredType ?? 'INTEGER', pgType.sql);
    }
    return { column: c, out: this.names.apply(c.name, c.nameSpan), pgType, valueType: valueTypeOf(pgType) };
  }

  /** Records a lowered table. */
  addTable(table: PgTable): void {
    this.tables.push(table);
    const key = `${table.schema ?? ''}\u0000${table.name}`;
    if (!this.#tableByName.has(key)) this.#tableByName.set(key, table);
  }

  /** The first table lowered under this schema and output name. */
  loweredTable(schema: string | null, name: string): PgTable | undefined {
    return this.#tableByName.get(`${schema ?? ''}\u0000${name}`);
  }

  /** Records an enum type the script creates (`sql`: how columns name it). */
  addEnum(e: PgEnum, sql: string): void {
    this.enums.push(e);
    const key = relationKey(e.schema, e.name);
    this.#enumKeys.set(sql, key);
    if (!this.#enumKeys.has(e.name)) this.#enumKeys.set(e.name, key);
    this.#enumNames.add(`${e.schema ?? ''}\u0000${e.name}`);
    this.#enumNames.add(e.name);
  }

  /** An enum of this name exists (in `schema`; in any schema when `schema` is undefined). */
  hasEnum(name: string, schema?: string | null): boolean {
    return this.#enumNames.has(schema === undefined ? name : `${schema ?? ''}\u0000${name}`);
  }

  /** The relation key of the enum a column of this type uses, if any. */
  enumKeyOf(type: PgType): string | undefined {
    if (this.#enumKeys.size === 0) return undefined;
    return this.#enumKeys.get(type.base) ?? this.#enumKeys.get(type.sql.replace(/(\[\d*\])+$/, ''));
  }

  inlineEnum(table: Table, column: Column, values: string[]): string {
    const name = this.names.apply(`${table.name.name}_${column.name}`, column.nameSpan);
    if (!this.hasEnum(name)) {
      this.addEnum({ schema: null, name, values }, quoteIdent(name));
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
    const key = objectKey(t.name);
    const existing = this.symbols.tables.get(key);
    if (existing && t.ifNotExists) {
      // SQLite keeps the first definition; a later CREATE TABLE IF NOT EXISTS does nothing.
      this.skipped.add(t);
      return;
    }
    const schema = this.schemaOf(t.name.schema, t.name.span);
    const out = this.names.apply(t.name.name, t.name.span);
    const columns = new Map<string, ColumnSymbol>();
    const sym: TableSymbol = { table: t, schema, out, columns, keys: SymbolTable.keysOf(this.model, t) };
    for (const c of t.columns) columns.set(c.name.toLowerCase(), this.bindColumn(c, t));
    this.symbols.tables.set(key, sym);
    this.symbolOf.set(t, sym);
    // Tables claim their names before any constraint does: SQLite constraint names are not relation names.
    this.namespace.claim(schema, out, 'Table', t.name.span, relationKey(schema, out));
  }

  /** Foreign key columns take a type PostgreSQL can compare with the referenced key. */
  alignForeignKeyTypes(): void {
    for (const sym of this.symbolOf.values()) {
      for (const fk of sym.table.foreignKeys) {
        const target = this.symbols.lookup(fk.table);
        if (!target) continue;
        const referenced = fk.referencedColumns.length ? fk.referencedColumns : (target.table.primaryKey?.columns ?? []);
        fk.columns.forEach((name, i) => {
          const from = sym.columns.get(name.toLowerCase());
          const to = target.columns.get((referenced[i] ?? '').toLowerCase());
          if (!from || !to || comparable(from.pgType, to.pgType)) return;
          if (to.pgType.base === 'citext' && TEXT_FAMILY.has(from.pgType.base) && from.pgType.arrayDims === 0) {
            this.bag.report('SP117', from.column.nameSpan, quoteIdent(from.out), quoteIdent(`${target.out}.${to.out}`));
            from.pgType = { ...from.pgType, sql: 'citext', base: 'citext', extensions: ['citext'] };
            return;
          }
          this.bag.report('SP312', fk.span, quoteIdent(from.out), from.pgType.sql, quoteIdent(`${target.out}.${to.out}`), to.pgType.sql);
        });
      }
    }
  }

  // ---- tables -------------------------------------------------------------

  run(): PgScript {
    this.duckdb?.declareTypes();
    this.bind();
    this.alignForeignKeyTypes();
    this.duckdb?.afterBind();
    for (const e of this.model.elements) {
      switch (e.kind) {
        case 'table':
          this.duckdb?.beforeTable(e);
          lowerTable(this, e);
          break;
        case 'index':
          lowerIndex(this, e);
          break;
        case 'view':
          lowerView(this, e);
          break;
        case 'trigger':
          lowerTrigger(this, e);
          break;
        case 'virtual-table':
          lowerVirtualTable(this, e);
          break;
        case 'passive':
          this.bag.report('SP503', e.span, e.syntax.what === 'pragma' ? 'PRAGMA' : e.syntax.text.split(/\s+/)[0]?.toUpperCase() ?? 'statement');
          this.emit({ kind: 'note', sql: sourceAsComment(this.sourceText(e.span)), span: e.span });
          break;
        case 'step':
          lowerStep(this, e);
          break;
        case 'sequence':
          (this.duckdb ?? new DuckdbLowering(this)).lowerSequence(e);
          break;
        case 'schema':
          this.schemaOf(e.name, e.span);
          break;
        case 'type':
        case 'macro':
        case 'comment':
          if (this.duckdb) {
            this.duckdb.lower(e);
            break;
          }
          this.bag.report('SP505', e.span, e.kind === 'type' ? 'CREATE TYPE' : e.kind === 'macro' ? 'CREATE MACRO' : 'COMMENT ON', 'not translated yet', 'DuckDB support for this statement is on the way.');
          this.emit({ kind: 'note', sql: sourceAsComment(this.sourceText(e.span)), span: e.span });
          break;
      }
    }
    return { statements: this.statements, tables: this.tables, enums: this.enums, composites: this.duckdb?.composites ?? [], views: this.views };
  }

  sourceText: (span: Span) => string = () => '';
}

export interface SchemaContext {
  model: SchemaModel;
  source: string;
}

/**
 * Lowers `model`. With a `context` (`--schema`), the context's tables, views
 * and FTS tables resolve names and types for the input's statements but are
 * not emitted: the input is a file of queries against that schema.
 */
export function lowerToPostgres(model: SchemaModel, source: string, fe: FrontEnd, options: TranslateOptions, bag: DiagnosticBag, context?: SchemaContext): PgScript {
  const lowering = new Lowering(model, fe, options, bag);
  lowering.sourceText = (span) => source.slice(span.start, span.end);
  if (context) {
    const schema = new Lowering(context.model, fe, options, new Bag());
    schema.sourceText = (span) => context.source.slice(span.start, span.end);
    schema.run();
    lowering.adopt(schema);
  }
  return lowering.run();
}
