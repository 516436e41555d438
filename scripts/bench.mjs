// `npm run bench` (builds first): how fast schema-port is, from dist/.
//
// - Synthetic schemas (scripts/synthetic-schema.mjs): SQLite tables with indexes,
//   DuckDB tables with nested types, at 200, 2,000 and 20,000 tables. Each size
//   runs in its own process (so peak memory is its own): the first translate of
//   the process (cold: V8 compiles as it goes, what a one-shot CLI run pays),
//   then medians of the runs after it, each after a full GC: translate() total,
//   its CPU time on all threads, and the stages (parse alone; read: parse with
//   the model built statement by statement, as translate does; lower; emit);
//   "b2b": translations back to back with no forced GC (a build translating
//   many schemas; a major GC then falls in some runs only); MB/s, peak RSS and the
//   heap one result holds. The load average is printed: on a shared machine
//   wall time grows with the load.
// - CLI cold start: `node dist/cli/main.js` on a 20-table file, repeated spawns, median.
// - For reference: node-sql-parser's parse of the same SQLite schema.
//
// Targets: 2,000 tables ≤ 0.3 s in-process; CLI cold start ≤ 150 ms; linear growth.
// Options: --sizes 200,2000  --runs 5  --json
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { syntheticSchema } from './synthetic-schema.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (path) => pathToFileURL(join(root, 'dist', path)).href;
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1];
};
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const ms = (value) => (value === null ? '—' : value < 10 ? value.toFixed(1) : value.toFixed(0));

/**
 * One measurement, in a child process of its own: `bench.mjs --case dialect tables runs`.
 *
 * Each run, after a full GC with nothing of the previous run alive: `translate()` as an API user
 * calls it (total, and its CPU time on every thread), then the same pipeline stage by stage
 * (parse, model, lower — the passes and statement order —, emit) for the breakdown. The first
 * translate of the process is reported apart ("first"): it includes V8 compiling the code, which
 * is what a one-shot CLI run pays; the other columns are medians of the runs after it.
 */
async function measureCase(dialect, tables, runs) {
  const { translate } = await import(dist('index.js'));
  const { readScript } = await import(dist('syntax/parse.js'));
  const { ModelBuilder } = await import(dist('frontends/build-model.js'));
  const { SQLITE_FRONT_END } = await import(dist('frontends/sqlite.js'));
  const { DUCKDB_FRONT_END } = await import(dist('frontends/duckdb.js'));
  const { lowerToPostgres } = await import(dist('passes/lower-to-postgres.js'));
  const { orderStatements } = await import(dist('passes/order-statements.js'));
  const { emitSql } = await import(dist('emit/postgres/emit-sql.js'));
  const { resolveOptions } = await import(dist('options.js'));
  const { DiagnosticBag } = await import(dist('diagnostics/diagnostic.js'));
  const frontEnd = dialect === 'duckdb' ? DUCKDB_FRONT_END : SQLITE_FRONT_END;
  const text = syntheticSchema(dialect, tables);
  const gc = globalThis.gc ?? (() => {});
  const times = { parse: [], read: [], lower: [], emit: [], total: [], cpu: [] };
  let first = null;
  let summary = null;

  /**
   * The pipeline of translate(), stage by stage (src/translate.ts): "read" is the script read item by
   * item with the model built as it goes; "parse" is the same read with nothing built (in a run of its
   * own, before), so read − parse is about what the model costs.
   */
  const stages = () => {
    const options = resolveOptions({ from: dialect, fileName: 'bench.sql' });
    const bag = new DiagnosticBag();
    let started = performance.now();
    if (readScript(text, dialect, () => {}).ok !== true) throw new Error('parse failed');
    const parse = performance.now() - started;
    gc();
    started = performance.now();
    const builder = new ModelBuilder(text, frontEnd, options, bag);
    readScript(text, dialect, (statement, comments) => {
      builder.addComments(comments);
      if (statement) builder.add(statement);
    });
    const model = builder.finish();
    const read = performance.now() - started;
    started = performance.now();
    const postgres = lowerToPostgres(model, text, frontEnd, options, bag);
    postgres.statements = orderStatements(postgres.statements, bag);
    const lower = performance.now() - started;
    started = performance.now();
    emitSql(postgres.statements, { fileName: 'bench.sql', dialect, targetVersion: options.targetVersion });
    return { parse, read, lower, emit: performance.now() - started };
  };

  for (let i = 0; i <= runs; i++) {
    gc();
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const result = translate(text, { from: dialect, fileName: 'bench.sql' });
    const total = performance.now() - started;
    const cpuUsed = process.cpuUsage(cpuBefore);
    if (i === 0) {
      first = total;
      const unsupported = result.diagnostics.find((d) => d.code === 'SP002');
      summary = {
        unsupported: unsupported?.message ?? null,
        errors: result.diagnostics.filter((d) => d.severity === 'error').length,
        sqlBytes: result.sql?.length ?? 0,
      };
      if (summary.unsupported) break;
    }
    if (i > 0) {
      times.total.push(total);
      times.cpu.push((cpuUsed.user + cpuUsed.system) / 1000);
    }
    if (i === runs) {
      // The heap one result holds, measured while it is the only one alive.
      gc();
      summary.retainedHeap = process.memoryUsage().heapUsed;
    }
    gc();
    const stage = stages();
    if (i > 0) for (const key of ['parse', 'read', 'lower', 'emit']) times[key].push(stage[key]);
  }
  // Peak memory of the measured runs (back to back, without forced GCs, the heap grows further).
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  // Back to back, as a build translating many schemas in one process runs: no forced GC in between.
  if (summary.unsupported === null) {
    times.backToBack = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      translate(text, { from: dialect, fileName: 'bench.sql' });
      times.backToBack.push(performance.now() - started);
    }
  }
  const unsupported = summary.unsupported !== null;
  const pick = (key) => (unsupported || times[key].length === 0 ? null : median(times[key]));
  return {
    dialect,
    tables,
    bytes: Buffer.byteLength(text),
    first: unsupported ? null : first,
    parse: pick('parse'),
    read: pick('read'),
    lower: pick('lower'),
    emit: pick('emit'),
    total: pick('total'),
    backToBack: pick('backToBack'),
    // CPU time of the whole translation (every thread: GC and JIT helpers too); steadier than wall time on a busy machine.
    cpu: pick('cpu'),
    errors: summary.errors,
    note: unsupported ? summary.unsupported : summary.errors ? `${summary.errors} error diagnostics` : '',
    peakRssMb,
    retainedHeapMb: (summary.retainedHeap ?? 0) / 1e6,
    sqlBytes: summary.sqlBytes,
  };
}

if (args[0] === '--case') {
  const [, dialect, tables, runs] = args;
  process.stdout.write(JSON.stringify(await measureCase(dialect, Number(tables), Number(runs))));
  process.exit(0);
}

const sizes = option('sizes', '200,2000,20000').split(',').map(Number);
// Other processes on the machine inflate wall-clock times: the load average is printed with the results.
const loadAtStart = loadavg()[0];
const baseRuns = Number(option('runs', '5'));
const rows = [];
for (const dialect of ['sqlite', 'duckdb']) {
  for (const tables of sizes) {
    const runs = tables >= 20000 ? Math.min(baseRuns, 2) : baseRuns;
    const child = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', fileURLToPath(import.meta.url), '--case', dialect, String(tables), String(runs)], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (child.status !== 0) {
      rows.push({ dialect, tables, error: (child.stderr || child.stdout).trim().split('\n').slice(-3).join(' ') });
      continue;
    }
    rows.push(JSON.parse(child.stdout));
  }
}

// CLI cold start: a 20-table SQLite file, spawned repeatedly.
const dir = mkdtempSync(join(tmpdir(), 'schema-port-bench-'));
const small = join(dir, 'small.sqlite.sql');
writeFileSync(small, syntheticSchema('sqlite', 20));
const spawnTimes = (argv, count) => {
  const times = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const r = spawnSync(process.execPath, argv, { encoding: 'utf8' });
    times.push(performance.now() - started);
    if (r.status !== 0 && r.status !== 1) throw new Error(`CLI failed: ${r.stderr}`);
  }
  return median(times);
};
spawnTimes([join(root, 'dist/cli/main.js'), '--from', 'sqlite', small], 2);
const cli = spawnTimes([join(root, 'dist/cli/main.js'), '--from', 'sqlite', small], 15);
const bareNode = spawnTimes(['-e', ''], 15);

// node-sql-parser's parse of the 2,000-table SQLite schema, for reference.
let reference;
try {
  const { default: nsp } = await import('node-sql-parser');
  const text = syntheticSchema('sqlite', 2000);
  const parser = new nsp.Parser();
  const started = performance.now();
  try {
    const ast = parser.astify(text, { database: 'sqlite' });
    reference = { ms: performance.now() - started, statements: Array.isArray(ast) ? ast.length : 1, bytes: Buffer.byteLength(text) };
  } catch (error) {
    reference = { ms: performance.now() - started, failed: String(error?.message ?? error).split('\n')[0].slice(0, 160) };
  }
} catch (error) {
  reference = { failed: `node-sql-parser is not installed (${String(error?.message ?? error).slice(0, 80)})` };
}
rmSync(dir, { recursive: true, force: true });

if (args.includes('--json')) {
  console.log(JSON.stringify({ rows, cli: { medianMs: cli, bareNodeMs: bareNode }, nodeSqlParser: reference, loadAverage: { start: loadAtStart, end: loadavg()[0] } }, null, 2));
  process.exit(0);
}

console.log(`schema-port benchmark (node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} CPUs; medians of ${baseRuns} runs after a warm-up, 2 at 20,000 tables)`);
console.log(`load average (1 min) at start ${loadAtStart.toFixed(1)}, at end ${loadavg()[0].toFixed(1)}\n`);
console.log('dialect  tables      MB  first ms  parse ms   read ms  lower ms  emit ms  total ms  cpu ms  b2b ms   MB/s  peak RSS MB  result heap MB  note');
for (const r of rows) {
  if (r.error) {
    console.log(`${r.dialect.padEnd(7)} ${String(r.tables).padStart(7)}  failed: ${r.error}`);
    continue;
  }
  const mbps = r.total ? (r.bytes / 1e6 / (r.total / 1000)).toFixed(1) : '—';
  console.log(
    [
      r.dialect.padEnd(7),
      String(r.tables).padStart(7),
      (r.bytes / 1e6).toFixed(2).padStart(7),
      ms(r.first).padStart(9),
      ms(r.parse).padStart(9),
      ms(r.read).padStart(9),
      ms(r.lower).padStart(9),
      ms(r.emit).padStart(8),
      ms(r.total).padStart(9),
      ms(r.cpu ?? null).padStart(7),
      ms(r.backToBack ?? null).padStart(7),
      mbps.padStart(6),
      r.peakRssMb.toFixed(0).padStart(12),
      r.retainedHeapMb.toFixed(0).padStart(15),
      ` ${r.note}`,
    ].join(' '),
  );
}
const growth = (dialect) => {
  const byTables = rows.filter((r) => r.dialect === dialect && !r.error && r.total);
  const parts = [];
  for (let i = 1; i < byTables.length; i++) {
    const a = byTables[i - 1];
    const b = byTables[i];
    parts.push(`${a.tables}→${b.tables}: ×${(b.total / a.total).toFixed(1)} time for ×${(b.bytes / a.bytes).toFixed(1)} input`);
  }
  return parts.join(', ');
};
console.log(`\ngrowth: sqlite ${growth('sqlite') || '—'}; duckdb ${growth('duckdb') || '—'}`);
const target = rows.find((r) => r.dialect === 'sqlite' && r.tables === 2000);
if (target?.total) {
  const verdict = (value) => `${ms(value)} ms ${value <= 300 ? '(met)' : '(NOT met)'}`;
  console.log(`target 2,000 SQLite tables ≤ 300 ms in-process: after a full GC ${verdict(target.total)}; back to back ${verdict(target.backToBack)}; first (cold) run ${ms(target.first)} ms`);
}
console.log(`CLI cold start, 20-table file (median of 15 spawns): ${ms(cli)} ms (bare node: ${ms(bareNode)} ms) ${cli <= 150 ? '(met)' : '(NOT met)'} — target ≤ 150 ms`);
if (reference.failed) console.log(`node-sql-parser (reference): failed on the 2,000-table SQLite schema: ${reference.failed}`);
else console.log(`node-sql-parser (reference): parsed the 2,000-table SQLite schema (${reference.statements} statements) in ${ms(reference.ms)} ms`);
