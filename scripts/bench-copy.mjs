// `schema-port copy` on a generated 1,000,000-row SQLite database (three
// tables, mixed types: integers, text, VARCHAR(n), booleans, DATETIME as ISO
// text, Unix seconds and Julian days, REAL, NUMERIC(12,2), JSON, BLOB, a
// CHECK, a UNIQUE, foreign keys, an AUTOINCREMENT key) into PostgreSQL, and
// — where pgloader is installed — pgloader on the same file in the same run.
//
//   npm run bench:copy            (builds first; needs DATABASE_URL, a server where it may create databases)
//   node scripts/bench-copy.mjs [rows=1000000] [--iso-dates] [--keep]
//
// --iso-dates stores every DATETIME as ISO text (no Unix seconds, no Julian
// days): a file pgloader can load completely, for a speed comparison on equal
// work. --keep keeps the two target databases for inspection.
//
// For each tool: wall time, rows/s, MB/s (source file size / time) and whether
// its result passes schema-port's verification: the same row counts, and per
// table the same checksum of the values as converted from the source, read
// back from PostgreSQL cast to the types schema-port chose (a cast PostgreSQL
// refuses is a failure), plus whether an insert without an id succeeds (a
// sequence behind the primary key). Also measured: PostgreSQL ingesting the
// same table from COPY text vs COPY binary.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import initSqlJs from 'sql.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist/copy');
if (!existsSync(join(dist, 'index.js'))) {
  console.error('bench-copy: dist/ is missing: run `npm run build` first');
  process.exit(2);
}
const SERVER = process.env.DATABASE_URL;
if (!SERVER) {
  console.error('bench-copy: set DATABASE_URL to a PostgreSQL server where databases may be created');
  process.exit(2);
}
const { copy } = await import(join(dist, 'index.js'));
const { openSource } = await import(join(dist, 'open-source.js'));
const { planCopy } = await import(join(dist, 'plan.js'));
const { canonicalizer } = await import(join(dist, 'checksum.js'));
const { copyOutChecksum } = await import(join(dist, 'verify-load.js'));

const ROWS = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const ISO_DATES = process.argv.includes('--iso-dates');
const iso = (seconds) => new Date(seconds * 1000).toISOString().replace('T', ' ').slice(0, 19);
const USERS = Math.round(ROWS * 0.1);
const EVENTS = Math.round(ROWS * 0.7);
const FILES = ROWS - USERS - EVENTS;
const dir = join(tmpdir(), 'schema-port-bench-copy');
mkdirSync(dir, { recursive: true });
const file = join(dir, `bench-${ROWS}${ISO_DATES ? '-iso' : ''}.db`);

const SCHEMA = `
CREATE TABLE users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  email TEXT NOT NULL UNIQUE,
  name VARCHAR(60),
  active BOOLEAN NOT NULL DEFAULT 1,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  score REAL,
  profile JSON
);
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id),
  kind TEXT NOT NULL CHECK (kind IN ('view', 'click', 'buy')),
  happened_at DATETIME NOT NULL,
  amount NUMERIC(12,2),
  weight REAL,
  payload JSON
);
CREATE INDEX events_user ON events (user_id);
CREATE INDEX events_time ON events (happened_at);
CREATE TABLE files (
  id INTEGER PRIMARY KEY,
  user_id INTEGER REFERENCES users (id),
  data BLOB,
  modified DATETIME,
  note TEXT CHECK (length(note) < 100)
);
`;

function generate() {
  if (existsSync(file)) return;
  const started = performance.now();
  return initSqlJs().then((SQL) => {
    const db = new SQL.Database();
    db.exec(SCHEMA);
    db.exec('BEGIN');
    const users = db.prepare('INSERT INTO users (id, email, name, active, created_at, score, profile) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (let i = 1; i <= USERS; i++) {
      users.run([i, `user${i}@example.com`, `User Number ${i} ✓`, i % 3 === 0 ? 0 : 1, new Date(Date.UTC(2020, 0, 1) + i * 37_000).toISOString().replace('T', ' ').slice(0, 19), i / 7, JSON.stringify({ plan: i % 2 ? 'pro' : 'free', tags: ['a', 'b'], n: i })]);
    }
    users.free();
    const kinds = ['view', 'click', 'buy'];
    const events = db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (let i = 1; i <= EVENTS; i++) {
      // Unix seconds (what pgloader reads as years), exact cents, a double that needs 17 digits.
      events.run([i, (i % USERS) + 1, kinds[i % 3], ISO_DATES ? iso(1_600_000_000 + i * 13) : 1_600_000_000 + i * 13, (i % 100000) / 100, 0.1 + i / 3, i % 5 === 0 ? null : `{"i":${i},"ok":true}`]);
    }
    events.free();
    const files = db.prepare('INSERT INTO files VALUES (?, ?, ?, ?, ?)');
    const blob = new Uint8Array(64);
    for (let i = 1; i <= FILES; i++) {
      blob[0] = i % 256;
      blob[1] = (i >> 8) % 256;
      // Julian day numbers (REAL), as SQLite's julianday() stores them.
      files.run([i, (i % USERS) + 1, blob, ISO_DATES ? iso(1_590_000_000 + i * 60) : 2459000.5 + i / 1440, `note ${i}\twith a tab`]);
    }
    files.free();
    db.exec('COMMIT');
    writeFileSync(file, db.export());
    db.close();
    console.log(`generated ${file}: ${ROWS.toLocaleString('en-US')} rows, ${(statSync(file).size / 1e6).toFixed(1)} MB in ${((performance.now() - started) / 1000).toFixed(1)}s`);
  });
}

async function admin(sql) {
  const c = new pg.Client({ connectionString: SERVER });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}

function urlOf(database) {
  const u = new URL(SERVER);
  u.pathname = `/${database}`;
  return u.toString();
}

async function freshDatabase(name) {
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${name}`);
  return urlOf(name);
}

/** Counts and checksums of a database's tables against the source's, values cast to schema-port's types. */
async function verifyAgainst(url, plan, expected) {
  const client = new pg.Client({ connectionString: url, types: { getTypeParser: () => (v) => v } });
  await client.connect();
  await client.query("SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres'; SET extra_float_digits = 1");
  const problems = [];
  try {
    for (const t of plan.tables) {
      const canonical = t.converter.targets.map((c) => canonicalizer(c));
      const exprs = t.converter.targets.map((c, i) => `CAST(${JSON.stringify(t.converter.columns[i])} AS ${c.type.sql})`);
      let checksum;
      try {
        checksum = await copyOutChecksum(client, `SELECT ${exprs.join(', ')} FROM ${t.target}`, canonical);
      } catch (error) {
        problems.push(`${t.target}: ${error.message.split('\n')[0]}`);
        continue;
      }
      const want = expected.get(t.target);
      if (checksum.count !== want.count) problems.push(`${t.target}: ${checksum.count} rows, source ${want.count}`);
      else if (checksum.hex !== want.checksum) problems.push(`${t.target}: values differ from the source (checksum)`);
    }
    // An insert without an id: is there a sequence behind the primary key?
    await client.query('BEGIN');
    try {
      await client.query("INSERT INTO users (email) VALUES ('new@example.com')");
    } catch (error) {
      problems.push(`insert without id: ${error.message}`);
    }
    await client.query('ROLLBACK');
  } finally {
    await client.end();
  }
  return problems;
}

/** PostgreSQL ingesting the same rows from COPY text and COPY binary (server-side cost of each format). */
async function formats(url, table) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const result = {};
  try {
    for (const format of ['text', 'binary']) {
      const chunks = [];
      for await (const chunk of client.query(copyStreams.to(`COPY ${table} TO STDOUT (FORMAT ${format})`))) chunks.push(chunk);
      const bytes = Buffer.concat(chunks);
      const times = [];
      for (let run = 0; run < 3; run++) {
        await client.query(`DROP TABLE IF EXISTS format_probe; CREATE TABLE format_probe (LIKE ${table})`);
        const started = performance.now();
        const stream = client.query(copyStreams.from(`COPY format_probe FROM STDIN (FORMAT ${format})`));
        await new Promise((resolve, reject) => {
          stream.on('finish', resolve);
          stream.on('error', reject);
          stream.end(bytes);
        });
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      result[format] = { mb: bytes.length / 1e6, ms: times[1] };
    }
    await client.query('DROP TABLE IF EXISTS format_probe');
  } finally {
    await client.end();
  }
  return result;
}

await generate();
const size = statSync(file).size;
const source = await openSource(file);
const plan = await planCopy(source, {}, file);
await source.close();

// schema-port copy
const spUrl = await freshDatabase('bench_schema_port');
const started = performance.now();
const summary = await copy({ source: file, target: spUrl, rejectFile: join(dir, 'rejects.jsonl') });
const spSeconds = (performance.now() - started) / 1000;
const expected = new Map(summary.tables.map((t) => [t.table, { count: t.written, checksum: t.checksum }]));
const spRows = summary.tables.reduce((n, t) => n + t.written, 0);
const copyBytes = summary.tables.reduce((n, t) => n + t.bytes, 0);
const spProblems = [...summary.tables.filter((t) => t.verified !== true).map((t) => `${t.table}: not verified`), ...(await verifyAgainst(spUrl, plan, expected))];
const lines = [
  `source: ${file} (${(size / 1e6).toFixed(1)} MB, ${ROWS.toLocaleString('en-US')} rows in ${plan.tables.length} tables)`,
  `schema-port copy: ${spSeconds.toFixed(1)}s, ${Math.round(spRows / spSeconds).toLocaleString('en-US')} rows/s, ${(size / 1e6 / spSeconds).toFixed(1)} MB/s of source (${(copyBytes / 1e6 / spSeconds).toFixed(1)} MB/s of COPY text), status ${summary.status}; verification: ${spProblems.length === 0 ? 'passes' : `FAILS: ${spProblems.join('; ')}`}`,
];

// The same copy without the verification pass (pgloader verifies nothing), for the load alone.
const nvUrl = await freshDatabase('bench_schema_port_nv');
const nvStarted = performance.now();
const nv = await copy({ source: file, target: nvUrl, verify: false, rejectFile: join(dir, 'rejects.jsonl') });
const nvSeconds = (performance.now() - nvStarted) / 1000;
await admin('DROP DATABASE IF EXISTS bench_schema_port_nv WITH (FORCE)');
lines.push(`schema-port copy --no-verify: ${nvSeconds.toFixed(1)}s, ${Math.round(nv.tables.reduce((n, t) => n + t.written, 0) / nvSeconds).toLocaleString('en-US')} rows/s, ${(size / 1e6 / nvSeconds).toFixed(1)} MB/s of source, status ${nv.status}`);

const probe = await formats(spUrl, 'events');
lines.push(
  `COPY formats, PostgreSQL ingesting events (${EVENTS.toLocaleString('en-US')} rows, median of 3): text ${probe.text.mb.toFixed(1)} MB in ${probe.text.ms.toFixed(0)} ms, binary ${probe.binary.mb.toFixed(1)} MB in ${probe.binary.ms.toFixed(0)} ms`,
);

const pgloader = spawnSync('sh', ['-c', 'command -v pgloader'], { encoding: 'utf8' }).stdout.trim();
if (!pgloader) {
  lines.push('pgloader: not installed (Debian: apt-get install pgloader); skipped');
} else {
  const plUrl = await freshDatabase('bench_pgloader');
  const t0 = performance.now();
  const LIMIT = 300;
  const run = spawnSync(pgloader, ['--no-ssl-cert-verification', file, plUrl], { encoding: 'utf8', cwd: dir, maxBuffer: 64 * 1024 * 1024, timeout: LIMIT * 1000 });
  const plSeconds = (performance.now() - t0) / 1000;
  const c = new pg.Client({ connectionString: plUrl });
  await c.connect();
  const loaded = (await c.query('SELECT relname, n_live_tup::bigint AS n FROM pg_stat_user_tables ORDER BY relname')).rows;
  await c.end();
  const loadedRows = loaded.reduce((n, r) => n + Number(r.n), 0);
  const how = run.error?.code === 'ETIMEDOUT' ? `hung, killed after ${LIMIT}s` : `exit ${run.status}`;
  const errors = (run.stdout + run.stderr).split('\n').filter((l) => /ERROR/.test(l)).slice(0, 2).map((l) => l.replace(/^\S+ ERROR /, '').slice(0, 120));
  const version = spawnSync(pgloader, ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0];
  const plProblems = await verifyAgainst(plUrl, plan, expected);
  lines.push(
    `${version}: ${how} in ${plSeconds.toFixed(1)}s; ${loadedRows.toLocaleString('en-US')} of ${ROWS.toLocaleString('en-US')} rows loaded (${loaded.map((r) => `${r.relname} ${Number(r.n).toLocaleString('en-US')}`).join(', ')}), ${Math.round(loadedRows / plSeconds).toLocaleString('en-US')} rows/s, ${(size / 1e6 / plSeconds).toFixed(1)} MB/s of source${errors.length ? `; its errors: ${errors.join(' | ')}` : ''}`,
    `pgloader verification: ${plProblems.length === 0 ? 'passes' : `FAILS: ${plProblems.join('; ')}`}`,
  );
}
console.log(lines.join('\n'));
if (process.argv.includes('--keep') === false) {
  await admin('DROP DATABASE IF EXISTS bench_schema_port WITH (FORCE)');
  await admin('DROP DATABASE IF EXISTS bench_pgloader WITH (FORCE)');
}
rmSync(join(dir, 'rejects.jsonl'), { force: true });
