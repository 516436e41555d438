/**
 * The PostgreSQL side of the pipeline: what the passes decide and the
 * emitters print. Tables keep their structure (the TypeScript emitter reads
 * it); every other statement is rendered text with what it provides and
 * requires, so the emitter can order them.
 */
import type { Span } from '../syntax/ast.js';
import type { ValueType } from './expressions/sql-fragment.js';
import type { PgType } from './postgres-types.js';

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
}

export interface PgScript {
  statements: PgStatement[];
  tables: PgTable[];
  enums: PgEnum[];
  composites: PgComposite[];
  views: { name: string; schema: string | null; columns: { name: string; valueType: ValueType }[] }[];
}
