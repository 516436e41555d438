// Measures, on the same statements, how our Peggy grammar and node-sql-parser
// handle query bodies: the query fixtures' inputs, and every view and trigger
// body in the shared corpus. Needs `npm run build` and the node-sql-parser
// devDependency. The figures are recorded in the README's design notes.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseScript } from '../dist/syntax/parse.js';

const root = new URL('..', import.meta.url).pathname;
const statements = [];

// Split a script into statements with our own parser's spans (it parses all of these files).
function collect(file, dialect, keep) {
  const text = readFileSync(file, 'utf8');
  const parsed = parseScript(text, dialect);
  if (!parsed.ok) return;
  for (const s of parsed.value.statements) if (keep(s)) statements.push({ file, dialect, sql: text.slice(s.span.start, s.span.end) });
}

for (const dir of readdirSync(join(root, 'fixtures'))) {
  const input = join(root, 'fixtures', dir, 'input.sql');
  if (dir.startsWith('sqlite-queries-') && existsSync(input)) collect(input, 'sqlite', () => true);
}
const corpus = join(root, '../shared/corpus');
for (const project of existsSync(corpus) ? readdirSync(corpus, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name) : []) {
  const dir = join(corpus, project);
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.sql') || /postgres/i.test(f)) continue;
    const dialect = /duckdb/.test(project + f) ? 'duckdb' : 'sqlite';
    collect(join(dir, f), dialect, (s) => s.kind === 'create-view' || s.kind === 'create-trigger' || s.kind === 'select' || s.kind === 'insert' || s.kind === 'update' || s.kind === 'delete');
  }
}

let nsp = null;
try {
  const mod = await import('node-sql-parser');
  nsp = new (mod.Parser ?? mod.default.Parser)();
} catch {
  console.log('node-sql-parser is not installed: only our grammar is measured');
}

function measure(name, parseOne) {
  let ok = 0;
  const failures = [];
  const t0 = performance.now();
  for (const s of statements) {
    try {
      if (parseOne(s)) ok++;
      else failures.push(s);
    } catch {
      failures.push(s);
    }
  }
  const ms = performance.now() - t0;
  console.log(`${name.padEnd(16)} ${ok}/${statements.length} statements parsed, ${ms.toFixed(1)} ms`);
  return failures;
}

console.log(`${statements.length} query, view and trigger statements (query fixtures + shared corpus)`);
measure('peggy (ours)', (s) => parseScript(s.sql, s.dialect).ok);
if (nsp) {
  const failures = measure('node-sql-parser', (s) => {
    nsp.astify(s.sql, { database: s.dialect === 'duckdb' ? 'postgresql' : 'sqlite' });
    return true;
  });
  for (const f of failures.slice(0, 8)) console.log(`  fails: ${f.sql.split('\n')[0].slice(0, 100)}`);
}
