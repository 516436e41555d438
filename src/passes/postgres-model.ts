/**
 * The PostgreSQL side of the pipeline: what the passes decide and the
 * emitters print. Tables keep their structure (the TypeScript emitter reads
 * it); every other statement is rendered text with what it provides and
 * requires, so the emitter can order them.
 */
import type { Span } from '../syntax/ast.js';
import type { ParameterInfo } from './parameters.js';
import type { ValueType } from './expressions/sql-fragment.js';
import type { PgType } from './postgres-types.js';

/** A column of a PostgreSQL table as it is emitted: name, type, default, constraints. */
export interface PgColumn {
  /** Output name, unquoted. */
  name: string;
  sourceName: string;
  type: PgType;
  valueType: ValueType;
  notNull: boolean;
  default: string | null;
  identity: 'BY DEFAULT' | 'ALWAYS' | null;
  generated: { sql: string; stored: boolean } | null;
  /** Rendered constraints printed on the column's line. */
  inlineConstraints: string[];
  /** String-literal values a `CHECK (col IN (...))` allows, for TypeScript unions. */
  allowedValues: string[] | null;
  comment: string | null;
  span: Span;
}

/** A PostgreSQL table as it is emitted, with its columns and table constraints. */
export interface PgTable {
  schema: string | null;
  /** Output name, unquoted. */
  name: string;
  sourceName: string;
  temporary: boolean;
  ifNotExists: boolean;
  columns: PgColumn[];
  /** Rendered table constraints (not foreign keys). */
  constraints: string[];
  foreignKeys: PgForeignKey[];
  primaryKey: string[];
  comment: string | null;
  span: Span;
  /** CREATE TABLE … AS SELECT: the columns derived from the SELECT (`columns` is empty then). */
  asSelect?: { columns: PgViewColumn[]; complete: boolean };
}

export interface PgForeignKey {
  /** `CONSTRAINT name ` prefix or empty. */
  name: string | null;
  /** Output column names, unquoted. */
  columns: string[];
  /** `REFERENCES t (a) ON DELETE …`, rendered. */
  references: string;
  /** Relation key of the referenced table. */
  target: string;
  /** Printed on the column's line (a column-level REFERENCES in the source). */
  inline: boolean;
  /** Set by ordering: emitted as ALTER TABLE … ADD CONSTRAINT after both tables exist. */
  deferred: boolean;
  /** The referenced key is only a unique index: the constraint waits for that index (its relation key). */
  requiresIndex?: string;
  span: Span;
}

export interface PgEnum {
  schema: string | null;
  name: string;
  values: string[];
}

export interface PgComposite {
  name: string;
  fields: { name: string; type: PgType }[];
}

/** A view's output column, as far as it can be derived from the SELECT (see lowering/view-columns.ts). */
export interface PgViewColumn {
  /** Output name, unquoted. */
  name: string;
  valueType: ValueType;
  /** The PostgreSQL type when the column passes a table column through; null for other expressions. */
  type: PgType | null;
  /** Provably never null: a NOT NULL column reached through inner joins only, count(…), a non-null literal. */
  notNull: boolean;
  /** A passed-through column's `CHECK (col IN (…))` values. */
  allowedValues: string[] | null;
  comment: string | null;
}

export interface PgView {
  schema: string | null;
  name: string;
  columns: PgViewColumn[];
  /** False when the output columns could not all be derived (`SELECT *` over a subquery, …). */
  complete: boolean;
  comment: string | null;
}

export type PgStatementKind =
  | 'schema'
  | 'extension'
  | 'collation'
  | 'type'
  | 'sequence'
  | 'table'
  | 'foreign-key'
  | 'index'
  | 'view'
  | 'function'
  | 'comment'
  | 'step'
  | 'note';

export interface PgStatement {
  kind: PgStatementKind;
  /** Complete SQL, ending with `;` (a `note` is comment lines only). */
  sql: string;
  /** Source comments printed above the statement. */
  leading: string | null;
  span: Span | null;
  /** Relation keys this statement creates (`schema.name`, lower-cased). */
  provides: string[];
  requires: string[];
  /** Data and migration steps keep their place relative to everything else. */
  barrier: boolean;
  table?: PgTable;
  /** Bind parameters of a query or data statement, by `$n` position. */
  parameters?: ParameterInfo[];
  /** What a migration step changes in the schema (lowering/schema-changes.ts), for emitters of the final schema. */
  change?: PgSchemaChange;
}

/** A migration step's effect on the schema; names are output names, as they are at that step. */
export type PgSchemaChange =
  | { kind: 'add-column'; schema: string | null; table: string; column: PgColumn }
  | { kind: 'drop-column'; schema: string | null; table: string; column: string }
  | { kind: 'rename-column'; schema: string | null; table: string; from: string; to: string }
  | { kind: 'rename-table'; schema: string | null; table: string; to: string }
  | { kind: 'drop'; what: 'TABLE' | 'VIEW' | 'TYPE'; schema: string | null; name: string };

/** The translated PostgreSQL schema: the ordered statements the SQL is printed from (the TypeScript emitter and the ER diagram read it). */
export interface PgScript {
  statements: PgStatement[];
  tables: PgTable[];
  enums: PgEnum[];
  composites: PgComposite[];
  views: PgView[];
}
