/**
 * `schema-port copy` from generated SQLite files into a PostgreSQL database
 * of the test file's own: every type, each kind of dirty row (→ reject file),
 * --max-rejects, --if-exists, --dry-run, sequences, verification of a
 * tampered row, and resume after the CLI was killed mid-copy.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copy, CopyError, type CopySummary } from '../src/copy/index.js';
import { createCopyTarget, SERVER, SKIP_REASON, type CopyTarget } from './support/copy-target.js';
import { writeSqliteFile } from './support/copy-sources.js';
import { CLI, ensureBuilt } from './support/workflow.js';

if (!SERVER) console.warn(`copy-sqlite.test: skipped: ${SKIP_REASON}`);

const SCHEMA = `
CREATE TABLE parent (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE);
CREATE TABLE kinds (
  id INTEGER PRIMARY KEY, i INTEGER, big INTEGER, r REAL, n NUMERIC(10,2), t TEXT, v VARCHAR(5), b BLOB,
  flag BOOLEAN, ts DATETIME, d DATE, tm TIME, j JSON, u UUID, untyped
);
CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent(id), note TEXT);
CREATE INDEX child_parent ON child (parent_id);
-- SQLite allows NULL in a primary key that is not an INTEGER PRIMARY KEY; PostgreSQL refuses the COPY.
CREATE TABLE codes (code TEXT PRIMARY KEY, v INTEGER);
INSERT INTO codes VALUES ('a', 1), (NULL, 2), ('b', 3);
INSERT INTO kinds VALUES
  (1, 42, 9223372036854775807, 0.1, 12.345, 'héllo ✓', 'abc', x'00ff', 1, '2024-01-02 03:04:05.123', '2024-02-29', '12:34:56.789',
   '{"b": 1, "a": [1, 2.50]}', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'anything'),
  (2, -1, -9223372036854775808, 1e300, -0.5, 'tab	nl
bs\\', '', x'', 0, 1700000000, 2460000.5, '00:00', '[]', '{A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11}', 42),
  (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (4, 0, 0, -0.0, 0, 'x', 'x', x'01', 1, 1700000000123, '2024-01-01', '23:59:59.999999', 'null', NULL, x'6869'),
  (5, 'text', 1, 1, 1, 'x', 'x', NULL, 1, NULL, NULL, NULL, NULL, NULL, NULL),
  (6, 1, 1, 1, 1, 'x', 'x', NULL, 1, NULL, NULL, NULL, 'not json', NULL, NULL),
  (7, 1, 1, 1, 1, 'a' || char(0) || 'b', 'x', NULL, 1, NULL, NULL, NULL, NULL, NULL, NULL),
  (8, 1, 1, 1, 1, CAST(x'ff61' AS TEXT), 'x', NULL, 1, NULL, NULL, NULL, NULL, NULL, NULL),
  (9, 1, 1, 1, 1, 'x', 'toolong', NULL, 1, NULL, NULL, NULL, NULL, NULL, NULL),
  (10, 1, 1, 1, 1, 'x', 'x', NULL, 2, NULL, NULL, NULL, NULL, NULL, NULL);
`;

function fill(db: { run(sql: string, params?: unknown[]): void }): void {
  for (let i = 1; i <= 50; i++) db.run('INSERT INTO parent (id, name) VALUES (?, ?)', [i, `p${i}`]);
  for (let i = 1; i <= 100; i++) db.run('INSERT INTO child VALUES (?, ?, ?)', [i, (i % 50) + 1, `c${i}`]);
}

let pgt: CopyTarget;
let file = '';
const translate = { varchar: 'keep' as const };

describe.skipIf(!SERVER)('schema-port copy: SQLite → PostgreSQL', () => {
  beforeAll(async () => {
    pgt = await createCopyTarget();
    file = join(pgt.dir, 'app.db');
    await writeSqliteFile(file, SCHEMA, fill);
  }, 30_000);
  afterAll(async () => {
    await pgt?.close();
  });

  describe('every type and every dirty row', () => {
    let summary: CopySummary;
    const schema = 'all_types';
    const rejectFile = () => join(pgt.dir, 'all.rejects.jsonl');
    beforeAll(async () => {
      summary = await copy({ source: file, target: pgt.url, targetSchema: schema, translate, rejectFile: rejectFile() });
    }, 30_000);

    it('counts rows read, written and rejected per table, and verifies each', () => {
      expect(summary.tables.map((t) => [t.source, t.read, t.written, t.rejected, t.verified])).toEqual([
        ['parent', 50, 50, 0, true],
        ['kinds', 10, 4, 6, true],
        ['child', 100, 100, 0, true],
        ['codes', 3, 2, 1, true],
      ]);
      expect(summary.status).toBe('rejects');
      expect(summary.diagnostics.filter((d) => d.code === 'SP011').map((d) => d.message)).toEqual([
        expect.stringContaining('6 of 10 rows of kinds were rejected'),
        expect.stringContaining('1 of 3 rows of codes were rejected'),
      ]);
    });

    it('writes each dirty row to the reject file with table, key, column and reason', () => {
      const lines = readFileSync(rejectFile(), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.map((l) => [l.table, l.key, l.column, l.code])).toEqual([
        ['kinds', { id: '5' }, 'i', 'SP115'],
        ['kinds', { id: '6' }, 'j', 'SP109'],
        ['kinds', { id: '7' }, 't', 'SP118'],
        ['kinds', { id: '8' }, 't', null],
        ['kinds', { id: '9' }, 'v', 'SP104'],
        ['kinds', { id: '10' }, 'flag', 'SP107'],
        ['codes', { code: null }, 'code', '23502'],
      ]);
      expect(lines.map((l) => l.reason)).toEqual([
        'text "text" is not an integer',
        'text "not json" is not valid JSON',
        'PostgreSQL text cannot hold the NUL character (U+0000)',
        'the text is not valid UTF-8',
        '7 characters are longer than varchar(5)',
        'integer 2 is not 0 or 1',
        expect.stringMatching(/^PostgreSQL refused the row: null value in column "code" of relation "codes" violates not-null constraint/),
      ]);
    });

    it('converts every type exactly', async () => {
      const rows = await pgt.query(`SELECT * FROM ${schema}.kinds ORDER BY id`);
      expect(rows[0]).toEqual({
        id: '1', i: '42', big: '9223372036854775807', r: '0.1', n: '12.35', t: 'héllo ✓', v: 'abc', b: '\\x00ff', flag: 't',
        ts: '2024-01-02 03:04:05.123+00', d: '2024-02-29', tm: '12:34:56.789', j: '{"a": [1, 2.50], "b": 1}', u: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', untyped: 'anything',
      });
      expect(rows[1]).toMatchObject({ big: '-9223372036854775808', r: '1e+300', t: 'tab\tnl\nbs\\', v: '', b: '\\x', flag: 'f', ts: '2023-11-14 22:13:20+00', d: '2023-02-25', untyped: '42' });
      expect(Object.values(rows[2] ?? {}).filter((v) => v !== null)).toEqual(['3']);
      // Unix milliseconds in a DATETIME column (SQLite's own functions give NULL for them).
      expect(rows[3]).toMatchObject({ r: '0', ts: '2023-11-14 22:13:20.123+00', j: 'null', untyped: 'hi' });
    });

    it('sets sequences past the largest id: an insert without id succeeds', async () => {
      expect(await pgt.query(`INSERT INTO ${schema}.parent (name) VALUES ('new') RETURNING id`)).toEqual([{ id: '51' }]);
      expect(await pgt.query(`INSERT INTO ${schema}.child (note) VALUES ('new') RETURNING id`)).toEqual([{ id: '101' }]);
    });

    it('creates the indexes and foreign keys after the rows, and removes its bookkeeping', async () => {
      const constraints = await pgt.query(`SELECT conname, contype FROM pg_constraint WHERE connamespace = '${schema}'::regnamespace AND contype = 'f'`);
      expect(constraints).toHaveLength(1);
      expect(await pgt.query(`SELECT indexname FROM pg_indexes WHERE schemaname = '${schema}' AND indexname = 'child_parent'`)).toHaveLength(1);
      expect(await pgt.query(`SELECT to_regnamespace('schema_port_copy') AS s`)).toEqual([{ s: null }]);
    });

    it('reports date/time numbers of more than one kind in a column (SP119)', () => {
      expect(summary.diagnostics.filter((d) => d.code === 'SP119').map((d) => d.message)).toEqual([
        'Column kinds.ts holds date/time numbers of more than one kind (unix-milliseconds, unix-seconds); each value is read by its range.',
      ]);
    });
  });

  it('--dry-run plans and counts, and writes nothing', async () => {
    const s = await copy({ source: file, target: pgt.url, targetSchema: 'dry', translate, dryRun: true });
    expect(s.tables.map((t) => [t.source, t.read, t.written])).toEqual([['parent', 50, 0], ['kinds', 10, 0], ['child', 100, 0], ['codes', 3, 0]]);
    expect(await pgt.query(`SELECT to_regnamespace('dry') AS s`)).toEqual([{ s: null }]);
    expect(existsSync(`${file}.rejects.jsonl`)).toBe(false);
  });

  it('--if-exists: fail (default), truncate and drop', async () => {
    const o = { source: file, target: pgt.url, targetSchema: 'again', translate, tables: ['parent', 'child'] };
    expect((await copy(o)).status).toBe('ok');
    await expect(copy(o)).rejects.toThrow(CopyError);
    await expect(copy(o)).rejects.toThrow(/the target is not empty: parent, child already exist/);
    const truncated = await copy({ ...o, ifExists: 'truncate' });
    expect([truncated.status, truncated.tables.map((t) => t.written)]).toEqual(['ok', [50, 100]]);
    expect(await pgt.query('SELECT count(*) AS n FROM again.child')).toEqual([{ n: '100' }]);
    const dropped = await copy({ ...o, ifExists: 'drop' });
    expect([dropped.status, dropped.tables.map((t) => t.verified)]).toEqual(['ok', [true, true]]);
    expect(await pgt.query('SELECT count(*) AS n FROM again.parent')).toEqual([{ n: '50' }]);
  }, 30_000);

  it('--tables: a foreign key to a table outside the selection is added when that table is in the target', async () => {
    const o = { source: file, target: pgt.url, translate };
    const alone = await copy({ ...o, targetSchema: 'alone', tables: ['child'] });
    expect([alone.status, alone.skippedForeignKeys]).toEqual(['ok', ['ALTER TABLE child ADD FOREIGN KEY (parent_id) REFERENCES parent (id);']]);
    await copy({ ...o, targetSchema: 'split', tables: ['parent'] });
    const second = await copy({ ...o, targetSchema: 'split', tables: ['CHILD'] });
    expect([second.status, second.skippedForeignKeys]).toEqual(['ok', []]);
    expect(await pgt.query("SELECT count(*) AS n FROM pg_constraint WHERE connamespace = 'split'::regnamespace AND contype = 'f'")).toEqual([{ n: '1' }]);
    await expect(copy({ ...o, targetSchema: 'split', tables: ['nope'] })).rejects.toThrow('no such table in the source: nope');
  }, 30_000);

  it('--max-rejects stops the copy; --resume goes on from the table it stopped in', async () => {
    const o = { source: file, target: pgt.url, targetSchema: 'limited', translate, rejectFile: join(pgt.dir, 'limited.jsonl') };
    const stopped = await copy({ ...o, maxRejects: 2 });
    expect(stopped.status).toBe('max-rejects');
    expect(stopped.tables.map((t) => t.source)).toEqual(['parent']);
    expect(readFileSync(o.rejectFile, 'utf8').trim().split('\n')).toHaveLength(3);
    expect(await pgt.query('SELECT count(*) AS n FROM limited.kinds')).toEqual([{ n: '0' }]);
    await expect(copy(o)).rejects.toThrow(/can be resumed: run again with --resume/);
    const resumed = await copy({ ...o, resume: true });
    expect(resumed.tables.map((t) => [t.source, t.resumed, t.written, t.verified])).toEqual([
      ['parent', true, 50, true],
      ['kinds', false, 4, true],
      ['child', false, 100, true],
      ['codes', false, 2, true],
    ]);
    expect(await pgt.query('SELECT count(*) AS n FROM limited.parent')).toEqual([{ n: '50' }]);
  }, 30_000);

  it('verification detects a row changed in PostgreSQL (SP010)', async () => {
    const s = await copy({
      source: file,
      target: pgt.url,
      targetSchema: 'tampered',
      translate,
      tables: ['parent'],
      onProgress: async (e) => {
        if (e.kind === 'phase' && e.phase === 'verify') await pgt.query("UPDATE tampered.parent SET name = 'changed' WHERE id = 7");
      },
    });
    expect(s.status).toBe('verify-failed');
    expect(s.tables[0]?.verified).toBe(false);
    expect(s.diagnostics.filter((d) => d.code === 'SP010').map((d) => d.message)).toEqual([expect.stringMatching(/^Copy verification failed for parent: checksum \w+ in PostgreSQL, \w+ from the source$/)]);
  }, 30_000);

  it('resumes after the CLI was killed mid-copy', async () => {
    ensureBuilt();
    const big = join(pgt.dir, 'big.db');
    await writeSqliteFile(big, 'CREATE TABLE first (id INTEGER PRIMARY KEY, v TEXT); CREATE TABLE second (id INTEGER PRIMARY KEY, v TEXT, at DATETIME);', (db) => {
      for (let i = 1; i <= 1000; i++) db.run('INSERT INTO first VALUES (?, ?)', [i, `v${i}`]);
      for (let i = 1; i <= 150_000; i++) db.run('INSERT INTO second VALUES (?, ?, ?)', [i, `value ${i}`, 1_600_000_000 + i]);
    });
    const args = [CLI, 'copy', big, pgt.url, '--target-schema', 'killed'];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const killed = new Promise<void>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (/^first: 1,000 read/m.test(stderr) && child.exitCode === null) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => resolve());
    });
    await killed;
    await new Promise((r) => child.once('close', r));
    expect(child.signalCode).toBe('SIGKILL');
    expect(await pgt.query('SELECT count(*) AS n FROM killed.first')).toEqual([{ n: '1000' }]);
    expect(await pgt.query('SELECT count(*) AS n FROM killed.second')).toEqual([{ n: '0' }]);

    const again = spawnSync(process.execPath, [...args, '--resume', '--json'], { encoding: 'utf8' });
    expect(again.stderr).toBe('');
    expect(again.status).toBe(0);
    const summary = JSON.parse(again.stdout) as CopySummary;
    expect(summary.tables.map((t) => [t.source, t.resumed, t.written, t.verified])).toEqual([
      ['first', true, 1000, true],
      ['second', false, 150_000, true],
    ]);
    expect(await pgt.query('SELECT count(*) AS n, max(id) AS m FROM killed.second')).toEqual([{ n: '150000', m: '150000' }]);
    expect(await pgt.query(`SELECT to_regnamespace('schema_port_copy') AS s`)).toEqual([{ s: null }]);
  }, 60_000);
});
