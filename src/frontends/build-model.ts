/**
 * The shared front end: syntax tree → dialect-neutral schema model.
 * What differs between SQLite and DuckDB (type names, the rowid) comes in
 * through `FrontEnd`, built in src/frontends/<dialect>.ts.
 */
import type { DiagnosticBag } from '../diagnostics/diagnostic.js';
import type {
  Column,
  Dialect,
  ForeignKey,
  Index,
  KeyConstraint,
  ObjectName,
  SchemaElement,
  SchemaModel,
  Table,
} from '../model/schema.js';
import type { SemanticType } from '../model/semantic-type.js';
import type { TranslateOptions } from '../options.js';
import type {
  ColumnDef,
  Comment,
  CreateTable,
  ForeignKeyClause,
  IndexedColumn,
  QualifiedName,
  Script,
  Span,
  Statement,
  TypeName,
} from '../syntax/ast.js';
import { CommentAttacher } from './comments.js';

export interface FrontEnd {
  dialect: Dialect;
  resolveType(type: TypeName | null, column: string, columnSpan: Span, options: TranslateOptions, bag: DiagnosticBag): SemanticType;
  /** Whether this column is the table's rowid (SQLite `INTEGER PRIMARY KEY`). */
  isRowidAlias(column: ColumnDef, table: CreateTable): boolean;
}

export function objectName(q: QualifiedName): ObjectName {
  return { schema: q.schema?.name ?? null, name: q.name.name, span: q.span };
}

function foreignKey(
  clause: ForeignKeyClause,
  columns: string[],
  name: string | null,
  inline: boolean,
  span: Span,
): ForeignKey {
  return {
    name,
    columns,
    table: objectName(clause.table),
    referencedColumns: clause.columns.map((c) => c.name),
    onDelete: clause.onDelete,
    onUpdate: clause.onUpdate,
    match: clause.match,
    deferrable: clause.deferrable,
    inline,
    span,
  };
}

/** A plain (unqualified or table-qualified) column reference's name, else null. */
function plainColumn(ic: IndexedColumn): string | null {
  const e = ic.expr;
  if (e.kind === 'column' && e.path.length === 1) return e.path[0]?.name ?? null;
  // SQLite accepts a string literal where a column name is expected in keys.
  if (e.kind === 'string') return e.value;
  return null;
}

/** Adds one column definition (and its column constraints) to `table`. */
export function addColumn(
  table: Table,
  def: ColumnDef,
  isRowid: boolean,
  fe: FrontEnd,
  options: TranslateOptions,
  bag: DiagnosticBag,
  comment: string | null,
): Column {
  const column: Column = {
    name: def.name.name,
    nameSpan: def.name.span,
    type: fe.resolveType(def.type, def.name.name, def.name.span, options, bag),
    declaredType: def.type ? def.type.words.join(' ') + (def.type.params.length ? `(${def.type.params.join(',')})` : '') : null,
    typeSpan: def.type?.span ?? null,
    notNull: false,
    notNullConflict: null,
    default: null,
    generated: null,
    rowid: null,
    collation: null,
    comment,
    span: def.span,
  };
  for (const c of def.constraints) {
    const name = c.name?.name ?? null;
    switch (c.kind) {
      case 'primary-key': {
        table.primaryKey = {
          kind: 'primary-key', name, columns: [column.name], expressions: [null], onConflict: c.onConflict,
          inline: true, descending: c.direction === 'DESC', span: c.span,
        };
        if (isRowid) column.rowid = { autoincrement: c.autoincrement, span: c.span };
        break;
      }
      case 'not-null':
        column.notNull = true;
        column.notNullConflict = c.onConflict;
        break;
      case 'null':
        break;
      case 'unique':
        table.uniques.push({
          kind: 'unique', name, columns: [column.name], expressions: [null], onConflict: c.onConflict,
          inline: true, descending: false, span: c.span,
        });
        break;
      case 'check':
        table.checks.push({ name, expr: c.expr, column: column.name, onConflict: c.onConflict, span: c.span });
        break;
      case 'default':
        column.default = c.expr;
        break;
      case 'collate':
        column.collation = { name: c.collation.name, span: c.span };
        break;
      case 'references':
        table.foreignKeys.push(foreignKey(c.fk, [column.name], name, true, c.span));
        break;
      case 'generated':
        column.generated = { expr: c.expr, storage: c.storage ?? 'VIRTUAL', span: c.span };
        break;
    }
  }
  table.columns.push(column);
  return column;
}

function buildTable(stmt: CreateTable, fe: FrontEnd, options: TranslateOptions, bag: DiagnosticBag, comments: CommentAttacher): Table {
  const table: Table = {
    kind: 'table',
    name: objectName(stmt.name),
    temporary: stmt.temporary,
    ifNotExists: stmt.ifNotExists,
    orReplace: stmt.orReplace,
    columns: [],
    primaryKey: null,
    uniques: [],
    checks: [],
    foreignKeys: [],
    withoutRowid: stmt.options.find((o) => o.option === 'WITHOUT ROWID')?.span ?? null,
    strict: stmt.options.find((o) => o.option === 'STRICT')?.span ?? null,
    asSelect: stmt.asSelect,
    comment: comments.leading(stmt.span),
    span: stmt.span,
  };
  // Columns are in source order already; table constraints may stand between them.
  const elementSpans = stmt.constraints.length === 0 ? stmt.columns.map((c) => c.span) : [...stmt.columns.map((c) => c.span), ...stmt.constraints.map((c) => c.span)].sort((a, b) => a.start - b.start);

  let following = 0;
  for (const def of stmt.columns) {
    // Columns come in source order: the next element's index only moves forward (find() was quadratic).
    while (following < elementSpans.length && (elementSpans[following]?.start ?? 0) <= def.span.start) following++;
    const next = elementSpans[following];
    addColumn(table, def, fe.isRowidAlias(def, stmt), fe, options, bag, comments.forElement(def.span, next?.start ?? stmt.span.end));
  }

  for (const c of stmt.constraints) {
    const name = c.name?.name ?? null;
    switch (c.kind) {
      case 'primary-key':
      case 'unique': {
        const key: KeyConstraint = {
          kind: c.kind,
          name,
          columns: c.columns.map((ic) => plainColumn(ic) ?? ''),
          expressions: c.columns.map((ic) => (plainColumn(ic) === null ? ic.expr : null)),
          onConflict: c.onConflict,
          inline: false,
          descending: false,
          span: c.span,
        };
        if (c.kind === 'primary-key') {
          table.primaryKey = key;
          // `PRIMARY KEY (id)` on an INTEGER column is the rowid too.
          const only = key.columns.length === 1 ? key.columns[0] : undefined;
          const def = only ? stmt.columns.find((d) => d.name.name.toLowerCase() === only.toLowerCase()) : undefined;
          const column = def ? table.columns.find((col) => col.name === def.name.name) : undefined;
          if (def && column && fe.isRowidAlias(def, stmt)) {
            column.rowid = { autoincrement: c.autoincrement, span: c.span };
          }
        } else {
          table.uniques.push(key);
        }
        break;
      }
      case 'check':
        table.checks.push({ name, expr: c.expr, column: null, onConflict: c.onConflict, span: c.span });
        break;
      case 'foreign-key':
        table.foreignKeys.push(foreignKey(c.fk, c.columns.map((i) => i.name), name, false, c.span));
        break;
    }
  }
  return table;
}

function buildIndex(stmt: Extract<Statement, { kind: 'create-index' }>, comments: CommentAttacher): Index {
  return {
    kind: 'index',
    name: objectName(stmt.name),
    table: stmt.table.name,
    tableSpan: stmt.table.span,
    unique: stmt.unique,
    ifNotExists: stmt.ifNotExists,
    columns: stmt.columns.map((ic) => ({
      column: ic.expr.kind === 'column' && ic.expr.path.length === 1 ? (ic.expr.path[0]?.name ?? null) : null,
      expr: ic.expr,
      collation: ic.collation ? { name: ic.collation.name, span: ic.collation.span } : null,
      direction: ic.direction,
      span: ic.span,
    })),
    where: stmt.where,
    comment: comments.leading(stmt.span),
    span: stmt.span,
  };
}

/**
 * Builds the model statement by statement (translate() hands over each one as
 * it is read, with the comments read since the last: src/syntax/parse.ts
 * readScript), so a statement's syntax tree can go as soon as its element is
 * made.
 */
export class ModelBuilder {
  readonly #comments: CommentAttacher;
  readonly #elements: SchemaElement[] = [];

  constructor(
    source: string,
    private readonly fe: FrontEnd,
    private readonly options: TranslateOptions,
    private readonly bag: DiagnosticBag,
  ) {
    this.#comments = new CommentAttacher(source, []);
  }

  /** Comments read since the last statement (they must come before the statements they document). */
  addComments(comments: readonly Comment[]): void {
    if (comments.length > 0) this.#comments.add(comments);
  }

  /** The model element of one statement. */
  add(stmt: Statement): void {
    const { fe, options, bag } = this;
    const comments = this.#comments;
    const elements = this.#elements;
    switch (stmt.kind) {
      case 'create-table':
        elements.push(buildTable(stmt, fe, options, bag, comments));
        break;
      case 'create-index':
        elements.push(buildIndex(stmt, comments));
        break;
      case 'create-view':
        elements.push({
          kind: 'view', name: objectName(stmt.name), temporary: stmt.temporary, ifNotExists: stmt.ifNotExists,
          orReplace: stmt.orReplace, columns: stmt.columns.map((c) => c.name), select: stmt.select,
          comment: comments.leading(stmt.span), span: stmt.span,
        });
        break;
      case 'create-trigger':
        elements.push({ kind: 'trigger', syntax: stmt, span: stmt.span });
        break;
      case 'create-virtual-table':
        elements.push({ kind: 'virtual-table', syntax: stmt, span: stmt.span });
        break;
      case 'create-sequence':
        elements.push({
          kind: 'sequence', name: objectName(stmt.name), temporary: stmt.temporary, ifNotExists: stmt.ifNotExists,
          orReplace: stmt.orReplace, options: stmt.options.map((o) => ({ option: o.option, value: o.value })), span: stmt.span,
        });
        break;
      case 'create-type':
        elements.push({
          kind: 'type', name: objectName(stmt.name),
          type: fe.resolveType(stmt.type, stmt.name.name.name, stmt.name.span, options, bag), span: stmt.span,
        });
        break;
      case 'create-schema':
        elements.push({ kind: 'schema', name: stmt.name.name, ifNotExists: stmt.ifNotExists, span: stmt.span });
        break;
      case 'create-macro':
        elements.push({ kind: 'macro', syntax: stmt, span: stmt.span });
        break;
      case 'comment-on':
        elements.push({ kind: 'comment', objectType: stmt.objectType, target: stmt.target, comment: stmt.comment, span: stmt.span });
        break;
      case 'passive':
        elements.push({ kind: 'passive', syntax: stmt, span: stmt.span });
        break;
      case 'alter-table': {
        if (stmt.action.kind !== 'add-column') {
          elements.push({ kind: 'step', syntax: stmt, span: stmt.span });
          break;
        }
        // The added column is built like a CREATE TABLE column, on a scratch table.
        const scratch: Table = {
          kind: 'table', name: objectName(stmt.name), temporary: false, ifNotExists: false, orReplace: false, columns: [],
          primaryKey: null, uniques: [], checks: [], foreignKeys: [], withoutRowid: null, strict: null, asSelect: null,
          comment: null, span: stmt.span,
        };
        addColumn(scratch, stmt.action.column, false, fe, options, bag, comments.forElement(stmt.action.column.span, stmt.span.end));
        elements.push({ kind: 'step', syntax: stmt, span: stmt.span, added: scratch });
        break;
      }
      default:
        elements.push({ kind: 'step', syntax: stmt, span: stmt.span });
    }
  }

  finish(): SchemaModel {
    return { dialect: this.fe.dialect, elements: this.#elements };
  }
}

/** The model of a whole parsed script. */
export function buildModel(script: Script, source: string, fe: FrontEnd, options: TranslateOptions, bag: DiagnosticBag): SchemaModel {
  const builder = new ModelBuilder(source, fe, options, bag);
  builder.addComments(script.comments);
  for (const stmt of script.statements) builder.add(stmt);
  return builder.finish();
}
