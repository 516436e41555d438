/**
 * "Verify": runs the translated script on PostgreSQL in the page (PGlite,
 * WebAssembly), statement by statement inside a transaction that is always
 * rolled back, then optionally a query against the result. This module and
 * PGlite are loaded with import() when Verify is first pressed.
 */
import { PGlite, type Extension, type Results } from '@electric-sql/pglite';
import type { PlannedStatement, PostgresError } from './apply-plan.js';

/**
 * Extensions a translation may create, loaded (each a small download) only
 * when a script asks for one: PGlite takes its extensions when it starts.
 */
const EXTENSIONS: Record<string, () => Promise<Extension>> = {
  citext: () => import('@electric-sql/pglite/contrib/citext').then((m) => m.citext),
  pgcrypto: () => import('@electric-sql/pglite/contrib/pgcrypto').then((m) => m.pgcrypto),
  'uuid-ossp': () => import('@electric-sql/pglite/contrib/uuid_ossp').then((m) => m.uuid_ossp),
  hstore: () => import('@electric-sql/pglite/contrib/hstore').then((m) => m.hstore),
  pg_trgm: () => import('@electric-sql/pglite/contrib/pg_trgm').then((m) => m.pg_trgm),
};

let instance: { pg: Promise<PGlite>; extensions: Set<string> } | null = null;
/** PGlite is one connection: runs are queued. */
let queue: Promise<unknown> = Promise.resolve();

/** The extensions `CREATE EXTENSION` statements of the plan name, that PGlite can load. */
function wantedExtensions(statements: readonly PlannedStatement[]): string[] {
  const names = new Set<string>(['citext']);
  for (const s of statements) {
    const m = /^CREATE EXTENSION\s+(?:IF NOT EXISTS\s+)?(?:"([^"]+)"|([A-Za-z_][\w-]*))/i.exec(s.sql);
    const name = (m?.[1] ?? m?.[2])?.toLowerCase();
    if (name && name in EXTENSIONS) names.add(name);
  }
  return [...names];
}

async function database(statements: readonly PlannedStatement[]): Promise<PGlite> {
  const wanted = wantedExtensions(statements);
  if (instance && wanted.every((name) => instance?.extensions.has(name))) return instance.pg;
  if (instance) {
    const old = instance.pg;
    instance = null;
    await old.then((pg) => pg.close()).catch(() => undefined);
  }
  const extensions = new Set(wanted);
  const pg = Promise.all(wanted.map(async (name) => [name, await (EXTENSIONS[name] as () => Promise<Extension>)()] as const)).then((loaded) =>
    PGlite.create({ extensions: Object.fromEntries(loaded) }),
  );
  const current = { pg, extensions };
  instance = current;
  pg.catch(() => {
    if (instance === current) instance = null;
  });
  return pg;
}

export interface QueryResult {
  columns: string[];
  rows: unknown[][];
  /** The command tag's row count (SELECT n, INSERT 0 n, …). */
  rowCount: number | null;
  command: string | null;
}

export type VerifyOutcome =
  | { ok: true; applied: number; ms: number; version: string; query?: { ok: true; result: QueryResult } | { ok: false; error: PostgresError } }
  | { ok: false; applied: number; ms: number; version: string; failed: number; error: PostgresError };

function asPostgresError(error: unknown): PostgresError {
  const e = error as { message?: string; position?: string | number; detail?: string; hint?: string; code?: string };
  const position = e.position === undefined || e.position === null || e.position === '' ? undefined : Number(e.position);
  return { message: e.message ?? String(error), position: Number.isFinite(position) ? position : undefined, detail: e.detail, hint: e.hint, code: e.code };
}

function lastResult(results: Results[]): QueryResult {
  const last = [...results].reverse().find((r) => r.fields.length > 0) ?? results[results.length - 1];
  if (!last) return { columns: [], rows: [], rowCount: null, command: null };
  const columns = last.fields.map((f) => f.name);
  const rows = last.rows.map((row) => columns.map((c) => (row as Record<string, unknown>)[c]));
  return { columns, rows, rowCount: last.rowCount ?? last.affectedRows ?? null, command: last.command ?? null };
}

async function run(statements: readonly PlannedStatement[], query: string | null): Promise<VerifyOutcome> {
  const started = performance.now();
  const pg = await database(statements);
  const version = (await pg.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? '';
  await pg.exec('BEGIN');
  let applied = 0;
  try {
    for (const [index, statement] of statements.entries()) {
      try {
        await pg.exec(statement.sql);
      } catch (error) {
        return { ok: false, applied, ms: performance.now() - started, version, failed: index, error: asPostgresError(error) };
      }
      applied++;
    }
    if (query === null || query.trim() === '') return { ok: true, applied, ms: performance.now() - started, version };
    try {
      const result = lastResult(await pg.exec(query));
      return { ok: true, applied, ms: performance.now() - started, version, query: { ok: true, result } };
    } catch (error) {
      return { ok: true, applied, ms: performance.now() - started, version, query: { ok: false, error: asPostgresError(error) } };
    }
  } finally {
    if (query !== null && !(await stillInTransaction(pg))) {
      // The query ended the transaction (COMMIT, ROLLBACK; CREATE …): what it left behind is not
      // ours to clean up piecemeal, so the next run starts on a new, empty database.
      instance = null;
      await pg.close().catch(() => undefined);
    } else {
      await pg.exec('ROLLBACK').catch(() => undefined);
    }
  }
}

/**
 * Whether the session is still in the transaction: a savepoint is refused
 * outside a transaction block (25P01), and in an aborted one (25P02), which
 * is still ours to roll back.
 */
async function stillInTransaction(pg: PGlite): Promise<boolean> {
  try {
    await pg.exec('SAVEPOINT schema_port_probe');
    await pg.exec('RELEASE SAVEPOINT schema_port_probe');
    return true;
  } catch (error) {
    return (error as { code?: string }).code !== '25P01';
  }
}

/**
 * Applies the statements in a transaction, then runs `query` (any SQL) in it,
 * and rolls everything back: the database is empty again afterwards.
 */
export function verify(statements: readonly PlannedStatement[], query: string | null = null): Promise<VerifyOutcome> {
  const next = queue.then(() => run(statements, query));
  queue = next.catch(() => undefined);
  return next;
}
