/** The options and the outcome of `copy()`. */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { TranslateOptions } from '../options.js';

export type IfExists = 'fail' | 'drop' | 'truncate';

export interface CopyOptions {
  /** The SQLite or DuckDB database file. */
  source: string;
  /** A PostgreSQL connection URL. */
  target: string;
  /** The source format; 'auto' reads the file header. */
  from?: 'auto' | 'sqlite' | 'duckdb';
  /** Translation options, as the main command takes them (`from` and `fileName` are set by the copy). */
  translate?: Partial<TranslateOptions>;
  /** Only these tables (source names, case-insensitive). */
  tables?: readonly string[];
  /** Plan and count, write nothing. */
  dryRun?: boolean;
  /** When a table to create already exists: stop (default), drop it, or truncate it and load into it. */
  ifExists?: IfExists;
  /** Continue an interrupted copy: skip the tables it finished. */
  resume?: boolean;
  /** Stop once more rows than this were rejected (default: never). */
  maxRejects?: number;
  /** Where rejected rows go (JSON lines); default `<source>.rejects.jsonl`. */
  rejectFile?: string;
  /** Create and load the tables in this PostgreSQL schema (created when missing) instead of the search_path's first. */
  targetSchema?: string;
  /** Compare row counts and checksums after the load (default true). */
  verify?: boolean;
  /** Rows per batch read from the source. */
  batchSize?: number;
  /** Progress events, e.g. for a progress bar; a promise returned for a `phase` event is awaited. */
  onProgress?: (event: ProgressEvent) => void | Promise<void>;
  /** Stops the copy after the batch in flight; the table being loaded is rolled back. */
  signal?: AbortSignal;
}

export type ProgressEvent =
  | { kind: 'table-start'; table: string; total: number }
  | { kind: 'rows'; table: string; read: number; total: number; bytes: number }
  | { kind: 'table-done'; table: TableSummary }
  | { kind: 'phase'; phase: 'schema' | 'indexes' | 'verify' | 'analyze' };

export interface TableSummary {
  /** The PostgreSQL table, qualified and quoted as written. */
  table: string;
  /** The source table's name. */
  source: string;
  read: number;
  written: number;
  rejected: number;
  /** Bytes of COPY data sent. */
  bytes: number;
  seconds: number;
  /** Finished by an earlier run (--resume). */
  resumed: boolean;
  /** The order-independent checksum of the converted values (hex). */
  checksum: string;
  /** Verification: true matched, false mismatched, null not run. */
  verified: boolean | null;
}

/** `schema-errors`: the translation of the source schema has errors (in `diagnostics`); nothing was written. */
export type CopyStatus = 'ok' | 'rejects' | 'max-rejects' | 'verify-failed' | 'interrupted' | 'schema-errors';

export interface CopySummary {
  status: CopyStatus;
  dryRun: boolean;
  source: string;
  target: string;
  tables: TableSummary[];
  /** The translation's diagnostics and the copy's (SP010, SP011, SP119). */
  diagnostics: Diagnostic[];
  /** The schema DDL read from the source (the text the diagnostics' spans point into). */
  schemaSql: string;
  /** Null when no row was rejected. */
  rejectFile: string | null;
  /** With --tables: foreign keys left out because the table they reference is neither copied nor in the target. */
  skippedForeignKeys: string[];
  seconds: number;
}
