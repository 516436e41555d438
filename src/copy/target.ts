/**
 * The PostgreSQL side: a `pg` client whose results stay text (no value is
 * parsed into a lossy JavaScript type), a session that prints values in the
 * forms the checksums expect, and the bookkeeping that makes a copy
 * resumable.
 *
 * Bookkeeping lives in the schema `schema_port_copy`: `runs` (one row per
 * target schema with a copy in progress), `progress` (one row per finished
 * table, written in the same transaction as the table's rows, so a killed
 * copy resumes exactly) and `post` (the statements to run after the rows).
 * It is removed in the transaction that completes the copy.
 */
import type { Client } from 'pg';
import { connectClient, redactUrl } from '../verify/connection.js';

export const BOOKKEEPING_SCHEMA = 'schema_port_copy';

export interface Target {
  client: Client;
  /** The schema the tables go to (current_schema()). */
  schema: string;
  description: string;
  query<R extends Record<string, unknown> = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function connectTarget(url: string, targetSchema: string | undefined): Promise<Target> {
  const raw = (text: string) => text;
  const client = await connectClient(url, { application_name: 'schema-port copy', types: { getTypeParser: () => raw } as never });
  const query = async <R extends Record<string, unknown>>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as R[];
  await client.query("SET client_encoding = 'UTF8'; SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres'; SET extra_float_digits = 1");
  if (targetSchema) {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quote(targetSchema)}`);
    await client.query(`SET search_path TO ${quote(targetSchema)}, public`);
  }
  const schema = (await query<{ s: string | null }>('SELECT current_schema() AS s'))[0]?.s;
  if (!schema) throw new Error('the target has no current schema (search_path is empty); pass --target-schema');
  const version = (await query<{ v: string }>("SELECT current_setting('server_version') AS v"))[0]?.v ?? '?';
  let closed = false;
  return {
    client,
    schema,
    description: `${redactUrl(url)} (PostgreSQL ${version.split(' ')[0]}, schema ${schema})`,
    query,
    async close() {
      if (closed) return;
      closed = true;
      await client.end().catch(() => undefined);
    },
  };
}

export interface FinishedTable {
  table: string;
  read: number;
  written: number;
  rejected: number;
  bytes: number;
  checksum: string;
}

/** The copy in progress into `schema`, if any: its finished tables and its post statements. */
export async function readRun(target: Target): Promise<{ finished: Map<string, FinishedTable>; post: string[] } | null> {
  const exists = await target.query<{ r: string | null }>(`SELECT to_regclass('${BOOKKEEPING_SCHEMA}.runs')::text AS r`);
  if (!exists[0]?.r) return null;
  const run = await target.query(`SELECT 1 FROM ${BOOKKEEPING_SCHEMA}.runs WHERE target_schema = $1`, [target.schema]);
  if (run.length === 0) return null;
  const rows = await target.query<{ table_name: string; read: string; written: string; rejected: string; bytes: string; checksum: string }>(
    `SELECT table_name, read, written, rejected, bytes, checksum FROM ${BOOKKEEPING_SCHEMA}.progress WHERE target_schema = $1`,
    [target.schema],
  );
  const post = await target.query<{ sql: string }>(`SELECT sql FROM ${BOOKKEEPING_SCHEMA}.post WHERE target_schema = $1 ORDER BY ord`, [target.schema]);
  const finished = new Map(
    rows.map((r) => [r.table_name, { table: r.table_name, read: Number(r.read), written: Number(r.written), rejected: Number(r.rejected), bytes: Number(r.bytes), checksum: r.checksum }]),
  );
  return { finished, post: post.map((p) => p.sql) };
}

/** Starts the bookkeeping of a run (inside the caller's transaction). */
export async function startRun(target: Target, source: string, post: readonly string[]): Promise<void> {
  await target.query(`CREATE SCHEMA IF NOT EXISTS ${BOOKKEEPING_SCHEMA}`);
  await target.query(`CREATE TABLE IF NOT EXISTS ${BOOKKEEPING_SCHEMA}.runs (target_schema text PRIMARY KEY, source text NOT NULL, started_at timestamptz NOT NULL DEFAULT now())`);
  await target.query(
    `CREATE TABLE IF NOT EXISTS ${BOOKKEEPING_SCHEMA}.progress (target_schema text NOT NULL, table_name text NOT NULL, read bigint NOT NULL, written bigint NOT NULL, rejected bigint NOT NULL, bytes bigint NOT NULL, checksum text NOT NULL, PRIMARY KEY (target_schema, table_name))`,
  );
  await target.query(`CREATE TABLE IF NOT EXISTS ${BOOKKEEPING_SCHEMA}.post (target_schema text NOT NULL, ord int NOT NULL, sql text NOT NULL, PRIMARY KEY (target_schema, ord))`);
  await forgetRun(target);
  await target.query(`INSERT INTO ${BOOKKEEPING_SCHEMA}.runs (target_schema, source) VALUES ($1, $2)`, [target.schema, source]);
  for (const [i, sql] of post.entries()) await target.query(`INSERT INTO ${BOOKKEEPING_SCHEMA}.post VALUES ($1, $2, $3)`, [target.schema, i, sql]);
}

/** Records a finished table (inside the transaction that loaded it). */
export async function recordTable(target: Target, t: FinishedTable): Promise<void> {
  await target.query(`INSERT INTO ${BOOKKEEPING_SCHEMA}.progress VALUES ($1, $2, $3, $4, $5, $6, $7)`, [target.schema, t.table, t.read, t.written, t.rejected, t.bytes, t.checksum]);
}

/** Removes the run's bookkeeping, and the bookkeeping schema when no other run is left. */
export async function forgetRun(target: Target): Promise<void> {
  const exists = await target.query<{ r: string | null }>(`SELECT to_regclass('${BOOKKEEPING_SCHEMA}.runs')::text AS r`);
  if (!exists[0]?.r) return;
  for (const table of ['runs', 'progress', 'post']) await target.query(`DELETE FROM ${BOOKKEEPING_SCHEMA}.${table} WHERE target_schema = $1`, [target.schema]);
}

export async function dropBookkeepingIfUnused(target: Target): Promise<void> {
  // Locked, so that a copy into another schema of the same database cannot start its run in between.
  await target.query(`LOCK TABLE ${BOOKKEEPING_SCHEMA}.runs IN ACCESS EXCLUSIVE MODE`);
  const left = await target.query(`SELECT 1 FROM ${BOOKKEEPING_SCHEMA}.runs LIMIT 1`);
  if (left.length === 0) await target.query(`DROP SCHEMA ${BOOKKEEPING_SCHEMA} CASCADE`);
}
