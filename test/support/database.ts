/**
 * Live-database test harness.
 *
 * `withSchema(fn)` hands `fn` a dedicated connection whose `search_path` is a
 * fresh, uniquely named schema (then `public`), and drops that schema again
 * afterwards, whatever `fn` does.
 *
 * Engines:
 *  - `postgres-server`: used when `DATABASE_URL` is set. One `pg` Pool per
 *    process; every `withSchema` call checks out its own client, so calls may
 *    run concurrently.
 *  - `pglite`: used when `DATABASE_URL` is unset, or when a call asks for
 *    `{ engine: 'pglite' }`. ONE in-memory PGlite instance per process
 *    (~3-4 s and several hundred MB to start). PGlite is a single connection,
 *    so `withSchema` calls on it are queued and run one after another.
 *
 * `pg` and `@electric-sql/pglite` are imported lazily, so importing this
 * module costs nothing until a database is actually used.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import type { Pool, PoolClient, PoolConfig, QueryConfig } from 'pg';

export type Db = {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
  /** Runs a (multi-statement) script with the simple query protocol. */
  exec(sql: string): Promise<void>;
};

export type EngineName = 'postgres-server' | 'pglite';

export type WithSchemaOptions = {
  /** 'auto' (default): the server when DATABASE_URL is set, else PGlite. */
  engine?: 'auto' | 'pglite';
};

export type ApplyResult =
  | { ok: true }
  | {
      ok: false;
      message: string;
      /** 1-based character offset into the script, as reported by PostgreSQL. */
      position?: number;
      detail?: string;
      hint?: string;
      /** SQLSTATE, e.g. '42601' for a syntax error. */
      code?: string;
    };

// ---------------------------------------------------------------------------
// Per-process state. Kept on globalThis rather than in module variables so that
// it stays one-per-process even if a test runner re-evaluates this module (for
// example once per test file in a reused worker).
// ---------------------------------------------------------------------------

type State = {
  counter: number;
  pool?: Promise<Pool>;
  pglite?: Promise<PGlite>;
  /** Tail of the PGlite FIFO queue. */
  pgliteQueue: Promise<void>;
  exitHook: boolean;
};

const STATE_KEY = Symbol.for('schema-port.test.database');
const globalState = globalThis as typeof globalThis & { [STATE_KEY]?: State };
const state: State = (globalState[STATE_KEY] ??= {
  counter: 0,
  pgliteQueue: Promise.resolve(),
  exitHook: false,
});

/** Set while inside a PGlite `withSchema` callback, to turn a would-be deadlock into an error. */
const insidePglite = new AsyncLocalStorage<true>();

/** Session-level advisory lock key for extension setup (any constant shared by all test processes). */
const EXTENSION_LOCK_KEY = 0x5c4e3a01;

function resolveEngine(engine: 'auto' | 'pglite' | undefined): EngineName {
  if (engine === 'pglite') return 'pglite';
  return process.env.DATABASE_URL ? 'postgres-server' : 'pglite';
}

/** The engine `withSchema` would use (for `engine: 'auto'` unless told otherwise). */
export function engineName(engine: 'auto' | 'pglite' = 'auto'): EngineName {
  return resolveEngine(engine);
}

function registerExitHook(): void {
  if (state.exitHook) return;
  state.exitHook = true;
  // 'beforeExit' fires once the event loop is empty (the pool uses
  // allowExitOnIdle, so idle clients do not keep it alive); closing here lets
  // the server see a clean disconnect. Nothing is scheduled by 'exit' itself.
  process.once('beforeExit', () => {
    void closeDatabases().catch(() => undefined);
  });
}

// ---------------------------------------------------------------------------
// Extensions
// ---------------------------------------------------------------------------

async function ensureExtensions(db: Db): Promise<void> {
  await db.exec('CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public');
  const { rows } = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM pg_available_extensions WHERE name = 'pgcrypto'",
  );
  if ((rows[0]?.n ?? 0) > 0) {
    await db.exec('CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public');
  }
  const { rows: placed } = await db.query<{ extname: string; nspname: string }>(
    `SELECT e.extname, n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
      WHERE e.extname IN ('citext', 'pgcrypto')`,
  );
  const misplaced = placed.filter((r) => r.nspname !== 'public');
  if (misplaced.length > 0) {
    throw new Error(
      'test database: extension(s) installed outside schema public, where the test search_path cannot see them: ' +
        misplaced.map((r) => `${r.extname} in ${r.nspname}`).join(', '),
    );
  }
}

// ---------------------------------------------------------------------------
// postgres-server engine (pg)
// ---------------------------------------------------------------------------

type Parser = (text: string) => unknown;

/**
 * The pg Pool, with extensions set up. Result values are parsed exactly as
 * PGlite parses them (PGlite's own parser table, incl. arrays of every type
 * known after extension setup), so tests see the same JS values on both
 * engines: e.g. int8/count(*) is a number (a bigint beyond 2^53) rather than
 * pg's string, numeric stays a string, interval is a string, name[] an array.
 */
async function getPool(): Promise<Pool> {
  state.pool ??= (async () => {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set');
    // Only PGlite's JS type helpers are used here; no WASM is loaded.
    const [pg, { types: pgliteTypes }] = await Promise.all([import('pg'), import('@electric-sql/pglite')]);
    const parsers = new Map<number, Parser>();
    for (const [key, parse] of Object.entries(pgliteTypes.parsers)) {
      const oid = Number(key);
      if (Number.isInteger(oid)) parsers.set(oid, (text) => parse(text, oid));
    }
    const identity: Parser = (text) => text;
    const binaryParser = pg.default.types.getTypeParser as (oid: number, format: 'binary') => Parser;
    const config: PoolConfig = {
      connectionString: url,
      max: 8,
      allowExitOnIdle: true, // idle connections do not keep the process alive
      application_name: `schema-port-tests/${process.pid}`,
      types: {
        getTypeParser: ((oid: number, format: 'text' | 'binary' = 'text') =>
          format === 'text' ? (parsers.get(oid) ?? identity) : binaryParser(oid, format)) as typeof pg.default.types.getTypeParser,
      },
    };
    const pool = new pg.default.Pool(config);
    // An idle client losing its connection must not crash the test process.
    pool.on('error', () => undefined);
    registerExitHook();
    try {
      const client = await pool.connect();
      let failed = false;
      try {
        // Serializes CREATE EXTENSION across concurrent test processes: two
        // concurrent "CREATE EXTENSION IF NOT EXISTS" can fail with a unique violation.
        await client.query('SELECT pg_advisory_lock($1)', [EXTENSION_LOCK_KEY]);
        try {
          await ensureExtensions(pgDb(client, () => false));
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [EXTENSION_LOCK_KEY]);
        }
        // Array parsers, as PGlite's _initArrayTypes() builds them.
        const { rows } = await client.query<{ oid: number; typarray: number }>(ARRAY_TYPES_SQL);
        for (const { oid, typarray } of rows) {
          const element = parsers.get(oid);
          parsers.set(typarray, (text) => pgliteTypes.arrayParser(text, element as Parser, typarray));
        }
      } catch (err) {
        failed = true;
        throw err;
      } finally {
        // A failed client is destroyed, which also frees a still-held lock.
        client.release(failed);
      }
    } catch (err) {
      state.pool = undefined; // let a later call retry
      await pool.end().catch(() => undefined);
      throw err;
    }
    return pool;
  })();
  return state.pool;
}

/** Same query as PGlite's array type discovery. */
const ARRAY_TYPES_SQL = `
  SELECT b.oid::int AS oid, b.typarray::int AS typarray
    FROM pg_catalog.pg_type a
    JOIN pg_catalog.pg_type b ON b.oid = a.typelem
   WHERE a.typcategory = 'A'
   GROUP BY b.oid, b.typarray`;

function pgDb(client: PoolClient, released: () => boolean): Db {
  const check = () => {
    if (released()) throw new Error('Db used after its withSchema() callback finished');
  };
  return {
    async query<R = Record<string, unknown>>(sql: string, params: unknown[] = []) {
      check();
      // Always the extended protocol (as PGlite's query()), so that a
      // multi-statement string is rejected the same way on both engines.
      const config: QueryConfig & { queryMode: 'extended' } = { text: sql, values: params, queryMode: 'extended' };
      const res = await client.query(config);
      return { rows: res.rows as R[] };
    },
    async exec(sql: string) {
      check();
      await client.query(sql);
    },
  };
}

async function withServerSchema<T>(fn: (db: Db, schema: string) => Promise<T>): Promise<T> {
  const pool = await getPool();
  const client = await pool.connect();
  let released = false;
  let broken: Error | undefined;
  const schema = newSchemaName();
  const db = pgDb(client, () => released);
  try {
    await client.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
    await client.query(`SET search_path TO ${quoteIdent(schema)}, public`);
    return await fn(db, schema);
  } finally {
    released = true;
    try {
      // fn may have left a transaction open (or aborted); 'I' means idle.
      if (client.getTransactionStatus() !== 'I') await client.query('ROLLBACK');
      await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
      await client.query('DISCARD ALL'); // search_path, temp tables, prepared statements, locks
    } catch (err) {
      broken = err instanceof Error ? err : new Error(String(err));
    }
    client.release(broken);
    if (broken) await dropSchemaElsewhere(pool, schema);
  }
}

/** Last resort when the session used by fn is unusable. */
async function dropSchemaElsewhere(pool: Pool, schema: string): Promise<void> {
  try {
    await pool.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
  } catch {
    // Leave it; schema names are unique, so a leftover cannot break other runs.
  }
}

// ---------------------------------------------------------------------------
// pglite engine
// ---------------------------------------------------------------------------

async function getPglite(): Promise<PGlite> {
  state.pglite ??= (async () => {
    const [{ PGlite }, { citext }] = await Promise.all([
      import('@electric-sql/pglite'),
      import('@electric-sql/pglite/contrib/citext'),
    ]);
    const pg = await PGlite.create({ extensions: { citext } });
    // No advisory lock needed: the instance is private to this process and
    // nothing else can use it before this promise resolves.
    await ensureExtensions(pgliteDb(pg, () => false));
    await pg.refreshArrayTypes(); // so that citext[] etc. parse as arrays, as on the server engine
    return pg;
  })();
  try {
    return await state.pglite;
  } catch (err) {
    state.pglite = undefined;
    throw err;
  }
}

function pgliteDb(pg: PGlite, released: () => boolean): Db {
  const check = () => {
    if (released()) throw new Error('Db used after its withSchema() callback finished');
  };
  return {
    async query<R = Record<string, unknown>>(sql: string, params?: unknown[]) {
      check();
      const res = await pg.query<R>(sql, params);
      return { rows: res.rows };
    },
    async exec(sql: string) {
      check();
      await pg.exec(sql);
    },
  };
}

/** Runs `task` after every previously queued PGlite task has settled. */
function enqueuePglite<T>(task: () => Promise<T>): Promise<T> {
  const run = state.pgliteQueue.then(task);
  state.pgliteQueue = run.then(
    () => undefined,
    () => undefined,
  );
  return run;
}

async function withPgliteSchema<T>(fn: (db: Db, schema: string) => Promise<T>): Promise<T> {
  if (insidePglite.getStore()) {
    throw new Error('withSchema() on PGlite cannot be nested: PGlite has a single connection and calls are queued');
  }
  const pg = await getPglite();
  return enqueuePglite(async () => {
    let released = false;
    const schema = newSchemaName();
    const db = pgliteDb(pg, () => released);
    let outcome: { ok: true; value: T } | { ok: false; error: unknown };
    try {
      await pg.exec(`CREATE SCHEMA ${quoteIdent(schema)}; SET search_path TO ${quoteIdent(schema)}, public`);
      outcome = { ok: true, value: await insidePglite.run(true, () => fn(db, schema)) };
    } catch (error) {
      outcome = { ok: false, error };
    }
    released = true;
    let cleanupError: unknown;
    try {
      if (pg.isInTransaction()) await pg.exec('ROLLBACK'); // fn left a transaction open (or aborted)
      await pg.exec(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
      await pg.exec('DISCARD ALL'); // search_path, temp tables, prepared statements
    } catch (error) {
      cleanupError = error;
    }
    if (!outcome.ok) throw outcome.error; // never mask fn's own error
    if (cleanupError !== undefined) throw cleanupError;
    return outcome.value;
  });
}

// ---------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------

function newSchemaName(): string {
  state.counter += 1;
  return `t_${process.pid}_${state.counter}_${randomBytes(4).toString('hex')}`;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Runs `fn` with a dedicated connection whose search_path is a fresh schema
 * (then `public`, where citext/pgcrypto live), and drops the schema CASCADE
 * afterwards, also when `fn` throws. The `Db` must not be used after `fn`
 * settles. On PGlite, calls are serialized and must not be nested.
 */
export async function withSchema<T>(
  fn: (db: Db, schema: string) => Promise<T>,
  opts: WithSchemaOptions = {},
): Promise<T> {
  return resolveEngine(opts.engine) === 'pglite' ? withPgliteSchema(fn) : withServerSchema(fn);
}

function field(err: object, name: string): string | undefined {
  const v = (err as Record<string, unknown>)[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function isDatabaseError(err: unknown): err is Error {
  return err instanceof Error && typeof field(err, 'severity') === 'string' && typeof field(err, 'code') === 'string';
}

/**
 * Runs a whole script in one transaction (COMMIT on success, ROLLBACK on the
 * first error) and reports a PostgreSQL error instead of throwing it.
 * `position` is relative to `sql`. Errors that are not PostgreSQL errors
 * (e.g. a lost connection) are rethrown.
 */
export async function applyScript(db: Db, sql: string): Promise<ApplyResult> {
  await db.exec('BEGIN');
  try {
    await db.exec(sql);
    await db.exec('COMMIT');
    return { ok: true };
  } catch (err) {
    try {
      await db.exec('ROLLBACK');
    } catch {
      // the transaction is already gone (e.g. COMMIT itself failed)
    }
    if (!isDatabaseError(err)) throw err;
    const result: ApplyResult = { ok: false, message: err.message };
    const position = field(err, 'position');
    if (position !== undefined) result.position = Number(position);
    const detail = field(err, 'detail');
    if (detail !== undefined) result.detail = detail;
    const hint = field(err, 'hint');
    if (hint !== undefined) result.hint = hint;
    const code = field(err, 'code');
    if (code !== undefined) result.code = code;
    return result;
  }
}

/** `server_version_num`, e.g. 150020 for PostgreSQL 15.20 or 180006 for PGlite 0.5.16. */
export async function pgVersionNum(db: Db): Promise<number> {
  const { rows } = await db.query<{ v: number }>("SELECT current_setting('server_version_num')::int AS v");
  const v = rows[0]?.v;
  if (typeof v !== 'number') throw new Error('could not read server_version_num');
  return v;
}

/** Closes the pg pool and the PGlite instance, if they were created. Safe to call repeatedly. */
export async function closeDatabases(): Promise<void> {
  const pool = state.pool;
  const pglite = state.pglite;
  state.pool = undefined;
  state.pglite = undefined;
  const closing: Promise<unknown>[] = [];
  if (pool) closing.push(pool.then((p) => p.end()).catch(() => undefined));
  if (pglite) {
    // Wait for queued PGlite work first.
    closing.push(
      state.pgliteQueue.then(() => pglite).then((p) => p.close()).catch(() => undefined),
    );
  }
  await Promise.all(closing);
}
