/**
 * The dialect-neutral schema model: what a SQLite or DuckDB script declares,
 * with semantic types instead of type names. Front ends build it from the
 * syntax tree; the PostgreSQL passes read it. Every element keeps the span of
 * the source it came from, so diagnostics point at the user's text.
 *
 * Expressions stay syntax trees (src/syntax/ast.ts) in the source dialect;
 * the expression pass translates them when PostgreSQL output is built.
 */
import type {
  ConflictAction,
  CreateMacro,
  CreateTrigger,
  CreateVirtualTable,
  DropStatement,
  Expression,
  ForeignKeyAction,
  Identifier,
  InsertStatement,
  DeleteStatement,
  UpdateStatement,
  SelectStatement,
  Span,
  AlterTable,
  PassiveStatement,
} from '../syntax/ast.js';
import type { SemanticType } from './semantic-type.js';

/** The source dialects schema-port reads. */
export type Dialect = 'sqlite' | 'duckdb';

/** A name as declared: `schema` is an attached database (SQLite) or schema (DuckDB). */
export interface ObjectName {
  schema: string | null;
  name: string;
  span: Span;
}

export interface Column {
  name: string;
  nameSpan: Span;
  type: SemanticType;
  /** The type as written (`VARCHAR(20)`), null when the column has none. */
  declaredType: string | null;
  typeSpan: Span | null;
  notNull: boolean;
  /** `NOT NULL ON CONFLICT …` */
  notNullConflict: ConflictAction | null;
  default: Expression | null;
  generated: { expr: Expression; storage: 'STORED' | 'VIRTUAL'; span: Span } | null;
  /** SQLite's rowid alias (`INTEGER PRIMARY KEY`) or a DuckDB identity-like default. */
  rowid: { autoincrement: boolean; span: Span } | null;
  collation: { name: string; span: Span } | null;
  comment: string | null;
  span: Span;
}

export interface KeyConstraint {
  kind: 'primary-key' | 'unique';
  name: string | null;
  columns: string[];
  /** Expression keys (`UNIQUE (lower(email))`) are kept as expressions. */
  expressions: (Expression | null)[];
  onConflict: ConflictAction | null;
  /** Declared on the column (`id INTEGER PRIMARY KEY`) rather than the table. */
  inline: boolean;
  /** PRIMARY KEY DESC on a column. */
  descending: boolean;
  span: Span;
}

export interface CheckConstraint {
  name: string | null;
  expr: Expression;
  /** The column it was declared on, when inline. */
  column: string | null;
  onConflict: ConflictAction | null;
  span: Span;
}

export interface ForeignKey {
  name: string | null;
  columns: string[];
  table: ObjectName;
  /** Empty: the referenced table's primary key. */
  referencedColumns: string[];
  onDelete: ForeignKeyAction | null;
  onUpdate: ForeignKeyAction | null;
  match: string | null;
  deferrable: { not: boolean; initially: 'DEFERRED' | 'IMMEDIATE' | null } | null;
  inline: boolean;
  span: Span;
}

export interface Table {
  kind: 'table';
  name: ObjectName;
  temporary: boolean;
  ifNotExists: boolean;
  /** DuckDB `CREATE OR REPLACE TABLE`. */
  orReplace: boolean;
  columns: Column[];
  primaryKey: KeyConstraint | null;
  uniques: KeyConstraint[];
  checks: CheckConstraint[];
  foreignKeys: ForeignKey[];
  withoutRowid: Span | null;
  strict: Span | null;
  asSelect: SelectStatement | null;
  comment: string | null;
  span: Span;
}

export interface IndexColumn {
  /** A plain column reference resolves to its name; otherwise an expression. */
  column: string | null;
  expr: Expression;
  collation: { name: string; span: Span } | null;
  direction: 'ASC' | 'DESC' | null;
  span: Span;
}

export interface Index {
  kind: 'index';
  name: ObjectName;
  table: string;
  tableSpan: Span;
  unique: boolean;
  ifNotExists: boolean;
  columns: IndexColumn[];
  where: Expression | null;
  comment: string | null;
  span: Span;
}

export interface View {
  kind: 'view';
  name: ObjectName;
  temporary: boolean;
  ifNotExists: boolean;
  orReplace: boolean;
  columns: string[];
  select: SelectStatement;
  comment: string | null;
  span: Span;
}

export interface Sequence {
  kind: 'sequence';
  name: ObjectName;
  temporary: boolean;
  ifNotExists: boolean;
  orReplace: boolean;
  options: { option: string; value: string | null }[];
  span: Span;
}

export interface NamedType {
  kind: 'type';
  name: ObjectName;
  type: SemanticType;
  span: Span;
}

export interface SchemaDecl {
  kind: 'schema';
  name: string;
  ifNotExists: boolean;
  span: Span;
}

export interface Trigger {
  kind: 'trigger';
  syntax: CreateTrigger;
  span: Span;
}

export interface VirtualTable {
  kind: 'virtual-table';
  syntax: CreateVirtualTable;
  span: Span;
}

export interface Macro {
  kind: 'macro';
  syntax: CreateMacro;
  span: Span;
}

export interface CommentDecl {
  kind: 'comment';
  objectType: string;
  target: Identifier[];
  comment: string | null;
  span: Span;
}

/** Statements run in order rather than folded into the schema: data and migration steps. */
export interface ScriptStep {
  kind: 'step';
  syntax: InsertStatement | UpdateStatement | DeleteStatement | SelectStatement | AlterTable | DropStatement;
  /** ALTER TABLE … ADD COLUMN: the column, built on a scratch table holding it and its constraints. */
  added?: Table;
  span: Span;
}

/** Source-engine configuration (PRAGMA, BEGIN, VACUUM, …), kept for the record. */
export interface Passive {
  kind: 'passive';
  syntax: PassiveStatement;
  span: Span;
}

export type SchemaElement =
  | Table
  | Index
  | View
  | Sequence
  | NamedType
  | SchemaDecl
  | Trigger
  | VirtualTable
  | Macro
  | CommentDecl
  | ScriptStep
  | Passive;

/** The dialect-neutral model of a source schema: tables, views, indexes, triggers, types… in source order, with spans. */
export interface SchemaModel {
  dialect: Dialect;
  /** In source order. */
  elements: SchemaElement[];
}
