/**
 * A PostgreSQL database of its own for a copy test file (created from
 * DATABASE_URL, dropped afterwards), and a fresh schema per test in it.
 * `schema-port copy` needs a server that speaks COPY over the wire: without
 * DATABASE_URL these tests are skipped, and say so.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const SERVER = process.env.DATABASE_URL ?? null;
export const SKIP_REASON = 'schema-port copy tests need a PostgreSQL server: set DATABASE_URL (PGlite does not speak COPY over a pg connection)';

export interface CopyTarget {
  url: string;
  /** Runs SQL in the test database (values as text). */
  query<R = Record<string, string | null>>(sql: string, params?: unknown[]): Promise<R[]>;
  /** A new schema name, unique in the database. */
  schema(): string;
  dir: string;
  close(): Promise<void>;
}

export async function createCopyTarget(): Promise<CopyTarget> {
  if (!SERVER) throw new Error(SKIP_REASON);
  const name = `sp_copy_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString(), types: { getTypeParser: () => (v: string) => v } as never });
  await client.connect();
  await client.query('CREATE EXTENSION IF NOT EXISTS citext');
  let n = 0;
  const dir = mkdtempSync(join(tmpdir(), 'schema-port-copy-'));
  return {
    url: url.toString(),
    async query<R>(sql: string, params?: unknown[]) {
      return (await client.query(sql, params)).rows as R[];
    },
    schema: () => `t${++n}`,
    dir,
    async close() {
      await client.end();
      const again = new pg.Client({ connectionString: SERVER });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
