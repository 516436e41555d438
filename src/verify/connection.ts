/**
 * The PostgreSQL `schema-port verify` applies a schema to: a server (`--db`,
 * through `pg`) or an embedded PostgreSQL (PGlite, in memory). Both drivers
 * are imported here, dynamically, so that nothing else in schema-port loads
 * them.
 *
 * A password in the connection URL is never printed: every text that leaves
 * this module through `describe` or an error goes through `redact`.
 */
import type { Client, ClientConfig } from 'pg';

/** A PostgreSQL error, as both drivers report it. */
export interface PgError {
  message: string;
  code: string | null;
  detail: string | null;
  hint: string | null;
  /** 1-based character offset into the statement. */
  position: number | null;
}

export interface VerifyConnection {
  /** Where it runs, e.g. `PGlite (PostgreSQL 17.4, in memory)`; no password. */
  readonly description: string;
  /** Runs SQL (several statements allowed); rejects with an error `pgError` understands. */
  exec(sql: string): Promise<void>;
  /** Runs one query and returns its rows. */
  rows<R = Record<string, unknown>>(sql: string): Promise<R[]>;
  /** Ends the session; the server rolls back whatever is still open. Safe to call twice. */
  close(): Promise<void>;
}

function field(error: unknown, name: string): string | null {
  const v = error && typeof error === 'object' ? (error as Record<string, unknown>)[name] : undefined;
  return typeof v === 'string' && v !== '' ? v : null;
}

/** The PostgreSQL error in `error`, or null when it is something else (a lost connection, a bug). */
export function pgError(error: unknown): PgError | null {
  const code = field(error, 'code');
  if (!(error instanceof Error) || code === null || !/^[0-9A-Z]{5}$/.test(code)) return null;
  const position = field(error, 'position');
  return { message: error.message, code, detail: field(error, 'detail'), hint: field(error, 'hint'), position: position === null ? null : Number(position) };
}

/** The secrets of a connection URL: its password, as written and decoded. */
function secretsOf(url: string | null): string[] {
  if (!url) return [];
  const secrets = new Set<string>();
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^:/@?#]*:([^@/?#]*)@/i.exec(url);
  if (m?.[1]) {
    secrets.add(m[1]);
    try {
      secrets.add(decodeURIComponent(m[1]));
    } catch {
      // not percent-encoded
    }
  }
  for (const q of url.matchAll(/[?&]password=([^&#]*)/gi)) {
    if (q[1]) {
      secrets.add(q[1]);
      try {
        secrets.add(decodeURIComponent(q[1]));
      } catch {
        // not percent-encoded
      }
    }
  }
  return [...secrets].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
}

/**
 * `text` with the password of `url` replaced by `***` wherever it appears (a password of fewer than four
 * characters only where it stands in a URL, so that redacting it does not garble every word holding it).
 */
export function redact(text: string, url: string | null): string {
  let out = text;
  for (const secret of secretsOf(url)) {
    if (secret.length >= 4) out = out.split(secret).join('***');
    else out = out.split(`:${secret}@`).join(':***@').split(`password=${secret}`).join('password=***');
  }
  return out;
}

/** The URL as it may be shown: `postgres://user:***@host:5432/db`. */
export function redactUrl(url: string): string {
  return redact(url, url);
}

/** Connects to `url`, or starts an in-memory PGlite when `url` is null. `extensions`: CREATE EXTENSION names the script uses. */
export async function connect(url: string | null, extensions: readonly string[] = []): Promise<VerifyConnection> {
  return url === null ? connectPglite(extensions) : connectServer(url);
}

/**
 * A connected `pg` client for `url`; a failure to connect throws an error whose message never shows
 * the password. A connection lost while idle does not crash the process (no unhandled 'error' event).
 */
export async function connectClient(url: string, config: Omit<ClientConfig, 'connectionString'>): Promise<Client> {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ ...config, connectionString: url });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new Error(redact(`cannot connect to ${redactUrl(url)}: ${(error as Error).message}`, url), { cause: error });
  }
  return client;
}

async function connectServer(url: string): Promise<VerifyConnection> {
  const client = await connectClient(url, { application_name: 'schema-port verify' });
  let closed = false;
  const version = await client.query<{ v: string }>("SELECT current_setting('server_version') AS v").then((r) => (r.rows[0]?.v ?? '?').split(' ')[0] ?? '?', () => '?');
  return {
    description: `${redactUrl(url)} (PostgreSQL ${version})`,
    async exec(sql) {
      await client.query(sql);
    },
    async rows<R>(sql: string) {
      return (await client.query(sql)).rows as R[];
    },
    async close() {
      if (closed) return;
      closed = true;
      await client.end().catch(() => undefined);
    },
  };
}

/** PGlite's contrib extensions, by CREATE EXTENSION name. */
const PGLITE_CONTRIB = new Set([
  'amcheck', 'bloom', 'btree_gin', 'btree_gist', 'citext', 'cube', 'dict_int', 'dict_xsyn', 'earthdistance', 'fuzzystrmatch', 'hstore',
  'intarray', 'isn', 'lo', 'ltree', 'moddatetime', 'pg_trgm', 'pgcrypto', 'seg', 'tablefunc', 'tcn', 'tsm_system_rows', 'tsm_system_time',
  'unaccent', 'uuid_ossp',
]);

async function connectPglite(extensions: readonly string[]): Promise<VerifyConnection> {
  const { PGlite } = await import('@electric-sql/pglite');
  type PGliteOptions = NonNullable<Parameters<typeof PGlite.create>[1]>;
  const loaded: Record<string, unknown> = {};
  for (const name of new Set(extensions.map((e) => e.toLowerCase().replace(/-/g, '_')))) {
    if (!PGLITE_CONTRIB.has(name)) continue; // CREATE EXTENSION then reports it, with PostgreSQL's message
    const module = (await import(`@electric-sql/pglite/contrib/${name}`)) as Record<string, unknown>;
    const ext = module[name] ?? module[name.replace(/_(\w)/g, (_, c: string) => c.toUpperCase())];
    if (ext) loaded[name.replace(/-/g, '_')] = ext;
  }
  const options: PGliteOptions = { extensions: loaded as PGliteOptions['extensions'] };
  const db = await PGlite.create(options);
  let closed = false;
  const version = await db.query<{ v: string }>("SELECT current_setting('server_version') AS v").then((r) => (r.rows[0]?.v ?? '?').split(' ')[0] ?? '?', () => '?');
  return {
    description: `PGlite (embedded PostgreSQL ${version}, in memory)`,
    async exec(sql) {
      await db.exec(sql);
    },
    async rows<R>(sql: string) {
      return (await db.query<R>(sql)).rows;
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.close().catch(() => undefined);
    },
  };
}
