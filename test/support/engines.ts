/**
 * The three engines the proofs run side by side, behind small adapters:
 *
 *  - SQLite: sql.js (SQLite 3.54 compiled to WASM), a fresh in-memory
 *    database per `openSqlite()`, `PRAGMA foreign_keys = ON`. Integers are
 *    read as bigint, reals as number, blobs as Uint8Array — the storage
 *    classes exactly.
 *  - DuckDB: @duckdb/node-api, a fresh in-memory database per
 *    `openDuckdb()`. Values are read as node-api value objects
 *    (DuckDBTimestampValue, DuckDBDecimalValue, …), which keep full precision.
 *  - PostgreSQL: ./database.ts (`DATABASE_URL` server, else PGlite) with
 *    `withPostgres`, a session whose settings make text output canonical
 *    (UTC, ISO dates, shortest exact doubles, hex bytea) and which can run
 *    many statements in one round trip, each in its own subtransaction, with
 *    `tryAll`.
 *
 * Heavy modules are imported lazily, once per process.
 */
import type { Database, SqlJsStatic, SqlValue } from 'sql.js';
import { withSchema, type Db, type WithSchemaOptions } from './database.js';

// ---------------------------------------------------------------------------
// SQLite
// ---------------------------------------------------------------------------

let sqlJs: Promise<SqlJsStatic> | undefined;

export type SqliteValue = null | bigint | number | string | Uint8Array;

export interface SqliteEngine {
  readonly raw: Database;
  /** Runs a script; throws SQLite's error. */
  exec(sql: string): void;
  /** Runs one statement with parameters; returns SQLite's error message, or null when it succeeded. */
  tryRun(sql: string, params?: SqliteValue[]): string | null;
  /** Rows as arrays, integers as bigint. */
  all(sql: string, params?: SqliteValue[]): SqliteValue[][];
  close(): void;
}

export async function openSqlite(): Promise<SqliteEngine> {
  sqlJs ??= import('sql.js').then((m) => m.default());
  const SQL = await sqlJs;
  const raw = new SQL.Database();
  const all = (sql: string, params: SqliteValue[] = []): SqliteValue[][] => {
    const statement = raw.prepare(sql);
    try {
      statement.bind(params as SqlValue[]);
      const rows: SqliteValue[][] = [];
      // sql.js reads 64-bit integers exactly with { useBigInt: true } (missing from @types/sql.js).
      const get = statement.get.bind(statement) as unknown as (params: null, config: { useBigInt: boolean }) => SqliteValue[];
      while (statement.step()) rows.push(get(null, { useBigInt: true }));
      return rows;
    } finally {
      statement.free();
    }
  };
  const engine: SqliteEngine = {
    raw,
    exec: (sql) => void raw.exec(sql),
    tryRun(sql, params = []) {
      try {
        all(sql, params);
        return null;
      } catch (error) {
        return (error as Error).message;
      }
    },
    all,
    close: () => raw.close(),
  };
  engine.exec('PRAGMA foreign_keys = ON');
  return engine;
}

export async function withSqlite<T>(fn: (db: SqliteEngine) => T | Promise<T>): Promise<T> {
  const db = await openSqlite();
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------
// DuckDB
// ---------------------------------------------------------------------------

type DuckdbModule = typeof import('@duckdb/node-api');
let duckdbModule: Promise<DuckdbModule> | undefined;

export interface DuckdbEngine {
  /** Runs a script (several statements); throws DuckDB's error. */
  exec(sql: string): Promise<void>;
  /** Runs one statement; returns DuckDB's error message, or null. */
  tryRun(sql: string): Promise<string | null>;
  /** Rows as arrays of node-api values (exact: DuckDBDecimalValue, DuckDBTimestampValue, …). */
  all(sql: string): Promise<unknown[][]>;
  close(): void;
}

export async function openDuckdb(): Promise<DuckdbEngine> {
  duckdbModule ??= import('@duckdb/node-api');
  const { DuckDBInstance } = await duckdbModule;
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  return {
    async exec(sql) {
      await connection.run(sql);
    },
    async tryRun(sql) {
      try {
        await connection.run(sql);
        return null;
      } catch (error) {
        return (error as Error).message;
      }
    },
    async all(sql) {
      const reader = await connection.runAndReadAll(sql);
      return reader.getRows() as unknown[][];
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

export async function withDuckdb<T>(fn: (db: DuckdbEngine) => T | Promise<T>): Promise<T> {
  const db = await openDuckdb();
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------
// PostgreSQL
// ---------------------------------------------------------------------------

/** One statement's outcome in `tryAll`: the RETURNING row's values as text, or PostgreSQL's error. */
export type PgOutcome = { ok: true; row: (string | null)[] | null } | { ok: false; code: string; message: string };

export interface PgSession {
  db: Db;
  /** Runs `fn` in a transaction that is always rolled back; `setup` runs first, in the same round trip as BEGIN. */
  inRollback<T>(fn: () => Promise<T>, setup?: string): Promise<T>;
  /**
   * Runs each statement in its own subtransaction, in one round trip. A
   * statement with `RETURNING json_build_array(…)` reports that row.
   */
  tryAll(statements: string[]): Promise<PgOutcome[]>;
}

const TRY_ALL = `
CREATE FUNCTION proof_try_all(statements text[]) RETURNS text[] LANGUAGE plpgsql AS $fn$
DECLARE
  results text[] := '{}';
  s text;
  r json;
BEGIN
  FOREACH s IN ARRAY statements LOOP
    BEGIN
      r := NULL;
      EXECUTE s INTO r;
      results := results || ('ok ' || coalesce(r::text, 'null'));
    EXCEPTION WHEN others THEN
      results := results || ('err ' || SQLSTATE || ' ' || SQLERRM);
    END;
  END LOOP;
  RETURN results;
END
$fn$`;

/** Session settings under which every type's text output is canonical. */
export const CANONICAL_SETTINGS = [
  "SET TimeZone = 'UTC'",
  "SET DateStyle = 'ISO, YMD'",
  'SET extra_float_digits = 1',
  "SET bytea_output = 'hex'",
  "SET IntervalStyle = 'postgres'",
];

/** A fresh schema with the canonical settings and `tryAll`, dropped afterwards (see ./database.ts). */
export async function withPostgres<T>(fn: (session: PgSession) => Promise<T>, opts: WithSchemaOptions = {}): Promise<T> {
  return withSchema(async (db) => {
    await db.exec(`${CANONICAL_SETTINGS.join(';\n')};\n${TRY_ALL}`);
    const session: PgSession = {
      db,
      async inRollback(body, setup) {
        try {
          await db.exec(setup ? `BEGIN;\n${setup}` : 'BEGIN');
          return await body();
        } finally {
          await db.exec('ROLLBACK');
        }
      },
      async tryAll(statements) {
        if (statements.length === 0) return [];
        const { rows } = await db.query<{ r: string[] }>('SELECT proof_try_all($1::text[]) AS r', [statements]);
        return (rows[0]?.r ?? []).map((text): PgOutcome => {
          if (text.startsWith('ok ')) return { ok: true, row: JSON.parse(text.slice(3)) as (string | null)[] | null };
          const m = /^err (\w{5}) ([\s\S]*)$/.exec(text);
          return { ok: false, code: m?.[1] ?? '?????', message: m?.[2] ?? text };
        });
      },
    };
    return fn(session);
  }, opts);
}

/** A PostgreSQL string literal (standard_conforming_strings is on everywhere we run). */
export function pgLiteral(value: string | null): string {
  if (value === null) return 'NULL';
  return `'${value.replace(/'/g, "''")}'`;
}
