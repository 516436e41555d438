/**
 * `schema-port verify`: the command (in-process, through commander as main.ts
 * registers it) and the library underneath (on the test database, so that
 * the catalog can be checked afterwards).
 *
 *  - a good schema: exit 0, and nothing is left behind (catalog checked);
 *  - a schema PostgreSQL rejects: file:line:col: error[SP007] at the source
 *    position of what it rejected, with PostgreSQL's message; exit 1;
 *  - a password in --db never appears in the output;
 *  - --sample-data: rows are inserted (foreign keys respected), a default that
 *    PostgreSQL cannot evaluate is reported at its table (SP007);
 *  - SIGINT rolls back and closes.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerVerify, runVerify } from '../src/cli/commands/verify.js';
import { translate } from '../src/translate.js';
import { redact, type VerifyConnection } from '../src/verify/connection.js';
import { verifyTranslation } from '../src/verify/verify.js';
import { closeDatabases, engineName, withSchema, type Db } from './support/database.js';

const SERVER = process.env.DATABASE_URL;
const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist/cli/main.js');
let dir = '';

const GOOD = `-- users and their posts
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  created_at DATETIME DEFAULT CURRENT_TIMESTAMP,
  active BOOLEAN NOT NULL DEFAULT 1,
  status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'active', 'gone'))
);
CREATE TABLE posts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id INTEGER NOT NULL REFERENCES users (id),
  title VARCHAR(10) NOT NULL,
  score REAL CHECK (score >= 0),
  meta JSON DEFAULT '{}'
);
CREATE INDEX posts_user ON posts (user_id);
`;

/** The foreign key's target is not in the input (SP306): PostgreSQL rejects CREATE TABLE. */
const MISSING_PARENT = `CREATE TABLE child (
  id INTEGER PRIMARY KEY,
  parent_id INTEGER REFERENCES parent (id)
);
CREATE INDEX child_parent ON child (parent_id);
`;

/** SQLite's 1 / 0 is NULL; PostgreSQL raises division_by_zero, but only when the default runs. */
const BAD_DEFAULT = `CREATE TABLE ok (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE t (
  id INTEGER PRIMARY KEY,
  ratio INTEGER DEFAULT (9223372036854775807 + 1)
);
`;

beforeAll(() => {
  // The signal test runs the built command (npm ci builds it; see test/cli.test.ts).
  if (!existsSync(join(ROOT, 'dist/cli/commands/verify.js'))) {
    const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
  }
  dir = mkdtempSync(join(tmpdir(), 'schema-port-verify-'));
  writeFileSync(join(dir, 'good.sql'), GOOD);
  writeFileSync(join(dir, 'missing-parent.sql'), MISSING_PARENT);
  writeFileSync(join(dir, 'bad-default.sql'), BAD_DEFAULT);
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await closeDatabases();
});

interface Run {
  exit: number;
  stdout: string;
  stderr: string;
}

/** `schema-port [root options] verify …` through commander, with main.ts's root options that verify reads. */
async function verify(args: string[], duringRun?: () => void): Promise<Run> {
  let exit = -1;
  const program = new Command()
    .name('schema-port')
    .exitOverride()
    .addOption(new Option('--from <dialect>').default('auto'))
    .option('--strict')
    .addOption(new Option('--format <format>').default('pretty'))
    .addOption(new Option('--target-version <n>').default('15'))
    .addOption(new Option('--varchar <policy>').default('text'))
    .option('-q, --quiet')
    .option('--verbose');
  registerVerify(program, (code) => {
    exit = code;
  });
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    duringRun?.();
    return true;
  });
  try {
    await program.parseAsync(['node', 'schema-port', 'verify', ...args]);
  } catch (error) {
    const e = error as { exitCode?: number };
    if (typeof e.exitCode === 'number') exit = 2;
    else throw error;
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return { exit, stdout, stderr };
}

/**
 * The command with --db on the server; without a server, with the test's PGlite
 * brought in (runVerify's `connect`), so that the test does not start another one.
 */
async function verifyOnTestDatabase(args: string[]): Promise<Run> {
  if (SERVER) return verify([...args, '--db', SERVER]);
  return withSchema(async (db) => {
    let stdout = '';
    let stderr = '';
    const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
    const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
    try {
      const [file, ...rest] = args;
      const sampleData = rest[0] === '--sample-data' ? Number(rest[1]) : undefined;
      const exit = await runVerify(file as string, { from: 'auto', format: 'pretty', ...(sampleData ? { sampleData } : {}) }, { connect: async () => harnessConnection(db) });
      return { exit, stdout, stderr };
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  });
}

/** The harness's connection as a verify connection: verify runs in the test's schema, the test reads the catalog after. */
function harnessConnection(db: Db): VerifyConnection {
  return {
    description: engineName(),
    exec: (sql) => db.exec(sql),
    rows: async <R>(sql: string) => (await db.query<R>(sql)).rows,
    close: async () => undefined,
  };
}

async function leftovers(db: Db, names: string[]): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT n.nspname || '.' || c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relname = ANY($1::text[]) OR n.nspname LIKE 'schema_port_verify%'
     UNION ALL SELECT nspname FROM pg_namespace WHERE nspname LIKE 'schema_port_verify%'`,
    [names],
  );
  return rows.map((r) => r.name);
}

describe('verify (library)', () => {
  it('applies a good schema, inserts sample rows, and leaves nothing behind', async () => {
    const suffix = Math.random().toString(36).slice(2, 8);
    const source = GOOD.replace(/\busers\b/g, `users_${suffix}`).replace(/\bposts\b/g, `posts_${suffix}`);
    const result = translate(source, { from: 'sqlite' });
    expect(result.sql).not.toBeNull();
    await withSchema(async (db) => {
      const outcome = await verifyTranslation(result, harnessConnection(db), { sampleData: 5 });
      expect(outcome.diagnostics).toEqual([]);
      expect(outcome.rejected).toBe(0);
      expect(outcome.applied).toBeGreaterThanOrEqual(3);
      expect(outcome.sample.map((t) => [t.table.name, t.inserted])).toEqual([
        [`users_${suffix}`, 5],
        [`posts_${suffix}`, 5],
      ]);
      expect(await leftovers(db, [`users_${suffix}`, `posts_${suffix}`, `posts_${suffix}_user`])).toEqual([]);
    });
  });

  it('maps a rejected statement to the source position of what PostgreSQL rejected', async () => {
    const result = translate(MISSING_PARENT, { from: 'sqlite', fileName: 'm.sql' });
    await withSchema(async (db) => {
      const outcome = await verifyTranslation(result, harnessConnection(db));
      expect(outcome.rejected).toBe(1);
      expect(outcome.skipped).toBe(1); // the index on the table that was not created
      const [d] = outcome.diagnostics;
      expect(d?.code).toBe('SP007');
      expect(d?.message).toBe('PostgreSQL rejected CREATE TABLE child: relation "parent" does not exist');
      expect(MISSING_PARENT.slice(d?.span?.start, d?.span?.end)).toBe('REFERENCES parent (id)');
      expect(await leftovers(db, ['child', 'child_parent'])).toEqual([]);
    });
  });

  it('stops at an abort and still rolls back', async () => {
    const result = translate(GOOD, { from: 'sqlite' });
    const controller = new AbortController();
    await withSchema(async (db) => {
      const conn = harnessConnection(db);
      let statements = 0;
      const outcome = await verifyTranslation(
        result,
        {
          ...conn,
          exec: async (sql) => {
            if (sql.startsWith('SAVEPOINT') && ++statements === 2) controller.abort();
            await conn.exec(sql);
          },
        },
        { signal: controller.signal, sampleData: 3 },
      );
      expect(outcome.interrupted).toBe(true);
      expect(outcome.applied).toBe(2);
      expect(outcome.sample).toEqual([]);
      expect(await leftovers(db, ['users', 'posts'])).toEqual([]);
    });
  });
});

describe('schema-port verify (command)', () => {
  it('exits 0 on a good schema, on PGlite when no --db is given', async () => {
    const r = await verify([join(dir, 'good.sql')]);
    expect(r.stderr).not.toMatch(/error\[/);
    expect(r.stdout).toMatch(/good\.sql on PGlite \(embedded PostgreSQL \d+/);
    expect(r.stdout).toMatch(/\d statements applied; rolled back\. PostgreSQL accepts the translation\./);
    expect(r.exit).toBe(0);
  });

  it('prints file:line:col: error[SP007] with PostgreSQL\'s message, and exits 1', async () => {
    const r = await verifyOnTestDatabase([join(dir, 'missing-parent.sql')]);
    expect(r.exit).toBe(1);
    expect(r.stderr).toContain(`${join(dir, 'missing-parent.sql')}:3:21: error[SP007]: PostgreSQL rejected CREATE TABLE child: relation "parent" does not exist`);
    expect(r.stderr).toContain('SQLSTATE 42P01');
    expect(r.stdout).toMatch(/0 statements applied, 1 rejected, 1 skipped/);
  });

  it('reports a default PostgreSQL cannot evaluate, with --sample-data', async () => {
    const r = await verifyOnTestDatabase([join(dir, 'bad-default.sql'), '--sample-data', '3']);
    expect(r.stderr).toContain(`${join(dir, 'bad-default.sql')}:2:1: error[SP007]: PostgreSQL rejected a row of defaults for t: bigint out of range`);
    expect(r.stdout).toMatch(/2 statements applied, 6 sample rows inserted into 2 tables; rolled back\./);
    expect(r.exit).toBe(1);
  });

  it('takes the translation options after `verify` as well as before it', async () => {
    const unreachable = 'postgres://u:pw@127.0.0.1:1/test'; // diagnostics are printed before connecting
    for (const args of [[join(dir, 'good.sql'), '--varchar', 'keep', '--verbose', '--db', unreachable]]) {
      const r = await verify(args);
      expect(r.exit).toBe(2);
      expect(r.stderr).toContain('warning[SP104]: Length 10 of VARCHAR(10) is now enforced');
    }
    const r = await verify([join(dir, 'good.sql'), '--verbose', '--db', unreachable]);
    expect(r.stderr).not.toContain('SP104');
    expect(r.stderr).toContain('info[SP103]');
  });

  it('rejects a --sample-data that is not a number (usage, exit 2)', async () => {
    const r = await verify([join(dir, 'good.sql'), '--sample-data', 'many']);
    expect(r.exit).toBe(2);
  });

  it('never prints the password of --db', async () => {
    const secret = 'S3cr3t-pw%40x';
    const r = await verify([join(dir, 'good.sql'), '--db', `postgres://postgres:${secret}@127.0.0.1:1/test`]);
    expect(r.exit).toBe(2);
    expect(r.stderr).toContain('cannot connect to postgres://postgres:***@127.0.0.1:1/test');
    for (const leak of [secret, 'S3cr3t-pw@x']) {
      expect(r.stderr).not.toContain(leak);
      expect(r.stdout).not.toContain(leak);
    }
    expect(redact(`postgres://u:${secret}@h/db?password=other`, `postgres://u:${secret}@h/db?password=other`)).toBe('postgres://u:***@h/db?password=***');
    expect(redact('PostgreSQL at postgres://u:pw@h/db', 'postgres://u:pw@h/db')).toBe('PostgreSQL at postgres://u:***@h/db');
  });

  it.runIf(SERVER)('applies on the server in --db, names it without the password, and leaves nothing behind', async () => {
    const url = new URL(SERVER as string);
    url.password = 'not-printed-9f3';
    const r = await verify([join(dir, 'good.sql'), '--db', url.toString(), '--sample-data', '4']);
    expect(r.exit).toBe(0);
    expect(r.stdout).toContain(`on ${url.protocol}//${url.username}:***@${url.host}${url.pathname} (PostgreSQL `);
    expect(r.stdout).toContain('8 sample rows inserted into 2 tables');
    expect(r.stdout + r.stderr).not.toContain('not-printed-9f3');
    await withSchema(async (db) => {
      expect(await leftovers(db, ['users', 'posts', 'posts_user'])).toEqual([]);
    });
  });

  it('rolls back, closes and exits 130 on SIGINT (the built command, a real signal)', async () => {
    const child = spawn(process.execPath, [CLI, 'verify', join(dir, 'good.sql'), '--sample-data', '100000', ...(SERVER ? ['--db', SERVER] : [])], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const started = new Promise<void>((resolve) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (stderr.includes('schema-port verify: applying')) resolve();
      });
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await started;
    await new Promise((resolve) => setTimeout(resolve, 1500)); // well into the sample rows
    child.kill('SIGINT');
    const code = await exited;
    expect(stderr).toContain('SIGINT: rolling back');
    expect(stderr).toContain('interrupted; nothing was committed');
    expect(stdout).toBe('');
    expect(code).toBe(130);
    if (SERVER) {
      await withSchema(async (db) => {
        expect(await leftovers(db, ['users', 'posts', 'posts_user'])).toEqual([]);
        const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'schema-port verify'");
        expect(rows[0]?.n).toBe(0);
      });
    }
  }, 120_000);
});
