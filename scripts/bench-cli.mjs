// Cold-start time of `schema-port check` (what pre-commit and CI pay on every
// commit): a fresh `node dist/cli/main.js check` process per run, on a
// temporary repository with a 20-table SQLite schema whose output is up to
// date. Prints min / median / p90 wall-clock times (and, on Linux, the mean
// CPU time per process, steadier on a busy machine) next to a bare `node -e 0`
// (the floor no CLI can beat on this machine), plus the same check with a
// TypeScript output (which loads the emitter and ts-morph) for contrast.
//
//   npm run build && node scripts/bench-cli.mjs [runs=15] [tables=20]
//
// Goal: the SQL-only check well under 200 ms on an idle machine.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { syntheticSchema } from './synthetic-schema.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist/cli/main.js');
const runs = Number(process.argv[2] ?? 15);
const tables = Number(process.argv[3] ?? 20);

if (!existsSync(cli)) {
  console.error('bench-cli: dist/cli/main.js is missing: run `npm run build` first');
  process.exit(2);
}

function repo(withTypes) {
  const dir = mkdtempSync(join(tmpdir(), 'schema-port-bench-'));
  mkdirSync(join(dir, 'db'));
  writeFileSync(join(dir, 'db/schema.sql'), syntheticSchema('sqlite', tables));
  const job = { input: 'db/schema.sql', output: 'db/schema.pg.sql' };
  if (withTypes) job.typescript = 'src/db/types.ts';
  writeFileSync(join(dir, 'schema-port.config.json'), JSON.stringify({ options: { dialect: 'sqlite' }, jobs: [job] }, null, 2));
  const generated = spawnSync(process.execPath, [cli, 'generate', '-q'], { cwd: dir, encoding: 'utf8' });
  if (generated.status !== 0) throw new Error(`generate failed (${generated.status}): ${generated.stderr}`);
  return dir;
}

/** Linux: CPU time (user + system) of this process's finished children, in ms; null elsewhere. */
const ticks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;
function childrenCpuMs() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command name: state is field 3, cutime and cstime are fields 16 and 17.
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / ticks;
  } catch {
    return null;
  }
}

function time(args, cwd) {
  const times = [];
  const cpuBefore = childrenCpuMs();
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    times.push(ms);
  }
  const cpuAfter = childrenCpuMs();
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  const cpu = cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / runs;
  return { min: times[0], median: at(0.5), p90: at(0.9), cpu };
}

function row(label, t) {
  const f = (n) => `${n.toFixed(0).padStart(5)} ms`;
  const cpu = t.cpu === null ? '' : `   cpu ${f(t.cpu)}`;
  console.log(`${label.padEnd(44)} min ${f(t.min)}   median ${f(t.median)}   p90 ${f(t.p90)}${cpu}`);
}

const sqlOnly = repo(false);
const withTypes = repo(true);
try {
  console.log(`schema-port check cold start: ${tables}-table SQLite schema, ${runs} fresh processes each (node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(1)})\n`);
  const floor = time(['-e', '0'], sqlOnly);
  row('node -e 0 (floor)', floor);
  row('schema-port --help', time([cli, '--help'], sqlOnly));
  const check = time([cli, 'check', '-q'], sqlOnly);
  row('schema-port check (SQL output)', check);
  row('schema-port check (SQL + TypeScript output)', time([cli, 'check', '-q'], withTypes));
  console.log(`\ncheck (SQL output) above the node floor: median ${(check.median - floor.median).toFixed(0)} ms${check.cpu === null || floor.cpu === null ? '' : `, cpu ${(check.cpu - floor.cpu).toFixed(0)} ms`}`);
  console.log(`goal: check (SQL output) median under 200 ms: ${check.median < 200 ? 'met' : 'NOT met (a loaded machine inflates every row; compare with the floor)'}`);
} finally {
  rmSync(sqlOnly, { recursive: true, force: true });
  rmSync(withTypes, { recursive: true, force: true });
}
