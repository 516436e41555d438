// Robustness of `schema-port copy` on real schemas: every SQLite and DuckDB
// schema of the shared corpus (../shared/corpus) is created in a database file
// (sql.js / DuckDB; files the engine itself refuses are skipped), then copied
// (empty tables) into a schema of its own on DATABASE_URL, twice (the second
// time with --if-exists drop). Prints one line per file; exits 1 when a copy
// throws.
//
//   npm run build && DATABASE_URL=postgres://… node scripts/copy-corpus.mjs
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import initSqlJs from 'sql.js';
import { DuckDBInstance } from '@duckdb/node-api';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { copy } = await import(join(root, 'dist/copy/index.js'));
const URL_ = process.env.DATABASE_URL;
if (!URL_) {
  console.error('copy-corpus: set DATABASE_URL');
  process.exit(2);
}
const corpus = join(root, '../shared/corpus');
const dir = mkdtempSync(join(tmpdir(), 'schema-port-copy-corpus-'));
let failed = 0;
const SQL = await initSqlJs();
const files = [];
const walk = (d) => { for (const e of readdirSync(d)) { const p = join(d, e); if (statSync(p).isDirectory()) walk(p); else if (p.endsWith('.sql')) files.push(p); } };
walk(corpus);
let n = 0;
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  const duck = f.includes('/duckdb/') || f.includes('ducklake-fork/duckdb');
  const sqlite = /sqlite/i.test(f);
  if (!duck && !sqlite) continue;
  const out = join(dir, `corpus-${n++}.${duck ? 'duckdb' : 'db'}`);
  rmSync(out, { force: true });
  try {
    if (duck) { const i = await DuckDBInstance.create(out); const c = await i.connect(); await c.run(text); c.closeSync(); i.closeSync(); }
    else { const db = new SQL.Database(); db.exec(text); writeFileSync(out, db.export()); db.close(); }
  } catch (e) {
    console.log('skip (the engine refuses it):', f.replace(`${corpus}/`, ''), String(e.message).slice(0, 80));
    continue;
  }
  for (const ifExists of ['fail', 'drop']) {
    try {
      const s = await copy({ source: out, target: URL_, targetSchema: `copy_corpus_${n}`, ifExists, rejectFile: join(dir, 'rejects.jsonl') });
      const errors = s.diagnostics.filter((d) => d.severity === 'error');
      console.log(s.status, s.tables.length, 'tables', ifExists, f.replace(`${corpus}/`, ''), errors.map((d) => `${d.code} ${d.message}`).join('; ').slice(0, 150));
    } catch (e) {
      failed++;
      console.log('FAIL', ifExists, f.replace(`${corpus}/`, ''), String(e.message).slice(0, 200));
    }
  }
}
const client = new pg.Client({ connectionString: URL_ });
await client.connect();
for (let i = 1; i <= n; i++) await client.query(`DROP SCHEMA IF EXISTS copy_corpus_${i} CASCADE`);
await client.end();
rmSync(dir, { recursive: true, force: true });
process.exit(failed > 0 ? 1 : 0);
