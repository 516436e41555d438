/**
 * What `schema-port copy` reads from: a database file opened read-only, its
 * schema as DDL text (for the compiler) and its rows, in batches.
 */
import type { Dialect } from '../model/schema.js';

/** A table of the source, as its catalog names it. */
export interface SourceTableName {
  schema: string | null;
  name: string;
}

/** Text that is not valid UTF-8, as the source stores it (SQLite does not check). */
export class InvalidUtf8 {
  constructor(readonly bytes: Uint8Array) {}
}

export interface CopySource {
  readonly dialect: Dialect;
  /** e.g. `app.db (SQLite 3.49.1, read-only copy in memory)`. */
  readonly description: string;
  /** The schema as DDL, in the order the catalog lists it. */
  schemaSql(): Promise<string>;
  /** The number of rows of a table. */
  count(table: SourceTableName): Promise<number>;
  /** The rows of a table, values in `columns` order, in batches. */
  rows(table: SourceTableName, columns: readonly string[], batchSize: number): AsyncIterable<unknown[][]>;
  /** SQLite: the kinds of date/time numbers a column holds (for SP119); empty elsewhere. */
  dateTimeNumberKinds(table: SourceTableName, column: string): Promise<Set<string>>;
  close(): Promise<void>;
}

/** A quoted identifier: both SQLite and DuckDB take double quotes. */
export function quoteSourceIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function quoteSourceTable(t: SourceTableName): string {
  return t.schema ? `${quoteSourceIdent(t.schema)}.${quoteSourceIdent(t.name)}` : quoteSourceIdent(t.name);
}
