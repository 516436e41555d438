/**
 * The pre-commit hooks (.pre-commit-hooks.yaml), exercised as pre-commit runs
 * them: the hook's `entry` (its first word is the package's bin), followed by
 * the staged files that match the hook's `types`, with the repository root as
 * the working folder.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cli, ensureBuilt, makeRepo, ROOT, USERS_SQL, type Repo, type CliRun } from './support/workflow.js';

interface Hook {
  id: string;
  entry: string;
  language: string;
  types: string[];
  [key: string]: string | string[];
}

/** The hooks file is a flat YAML list of maps with scalar and [a, b] values; this reads exactly that. */
function readHooks(): Hook[] {
  const hooks: Record<string, string | string[]>[] = [];
  for (const raw of readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8').split('\n')) {
    const line = raw.replace(/\s+#.*$/, '');
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const m = /^(- | {2})([\w-]+):\s*(.*)$/.exec(line);
    if (!m) throw new Error(`unexpected line in .pre-commit-hooks.yaml: ${raw}`);
    if (m[1] === '- ') hooks.push({});
    const value = m[3] ?? '';
    const list = /^\[(.*)\]$/.exec(value);
    const current = hooks[hooks.length - 1];
    if (current && m[2]) current[m[2]] = list ? (list[1] ?? '').split(',').map((s) => s.trim()) : value;
  }
  return hooks as Hook[];
}

/** What pre-commit's `types: [sql]` lets through (identify tags .sql files `sql`). */
function matching(hook: Hook, staged: readonly string[]): string[] {
  return staged.filter((f) => hook.types.every((t) => (t === 'sql' ? f.endsWith('.sql') : t === 'file')));
}

/** Runs the hook's entry with the built CLI standing in for the installed bin. */
function runHook(hook: Hook, staged: readonly string[], cwd: string): CliRun {
  const [bin, ...args] = hook.entry.split(/\s+/);
  expect(bin).toBe(Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin)[0]);
  return cli([...args, ...matching(hook, staged)], cwd);
}

let repo: Repo;
beforeAll(() => ensureBuilt(), 300_000);
afterEach(() => repo?.remove());

describe('.pre-commit-hooks.yaml', () => {
  const hooks = readHooks();
  const check = hooks.find((h) => h.id === 'schema-port-check');
  const generate = hooks.find((h) => h.id === 'schema-port-generate');

  it('defines schema-port-check and schema-port-generate as node hooks on SQL files', () => {
    expect(hooks.map((h) => h.id)).toEqual(['schema-port-check', 'schema-port-generate']);
    for (const hook of hooks) {
      expect(hook).toMatchObject({ language: 'node', types: ['sql'] });
      expect(hook.name).toBeTruthy();
    }
    expect(check?.entry).toBe('schema-port check');
    expect(generate?.entry).toBe('schema-port generate');
  });

  it('schema-port-check fails a commit that changes an input without its output, and passes once regenerated', () => {
    repo = makeRepo({
      'schema-port.config.json': { options: { dialect: 'sqlite' }, jobs: [{ input: 'db/schema.sql', output: 'db/schema.pg.sql' }, { input: 'db/other.sql', output: 'db/other.pg.sql' }] },
      'db/schema.sql': USERS_SQL,
      'db/other.sql': 'CREATE TABLE other (id INTEGER PRIMARY KEY);\n',
    });
    expect(cli(['generate', '-q'], repo.dir).status).toBe(0);
    if (!check || !generate) throw new Error('hooks missing');

    // Staged: the changed input, and files no job (or no hook) cares about.
    repo.write('db/schema.sql', `${USERS_SQL}CREATE TABLE audit (id INTEGER PRIMARY KEY, at TEXT);\n`);
    const staged = ['db/schema.sql', 'README.md', 'notes/scratch.sql'];
    const failed = runHook(check, staged, repo.dir);
    expect(failed.status).toBe(1);
    expect(failed.stdout).toContain('+CREATE TABLE audit');

    // The generate hook rewrites the output (pre-commit then stops the commit so it can be staged) …
    const regenerated = runHook(generate, staged, repo.dir);
    expect(regenerated.status).toBe(0);
    expect(regenerated.stdout).toBe('wrote db/schema.pg.sql\n');
    // … and with it staged, the check passes.
    expect(runHook(check, [...staged, 'db/schema.pg.sql'], repo.dir).status).toBe(0);
  });

  it('schema-port-check passes when the staged SQL files feed no job', () => {
    repo = makeRepo({ 'schema-port.config.json': { jobs: [{ input: 'db/schema.sql', output: 'db/schema.pg.sql', dialect: 'sqlite' }] }, 'db/schema.sql': USERS_SQL });
    if (!check) throw new Error('hook missing');
    // The output is missing, but no staged file feeds its job.
    const r = runHook(check, ['scripts/seed.sql', 'package.json'], repo.dir);
    expect(r.status).toBe(0);
    expect(r.stdout + r.stderr).toBe('');
  });

  it('schema-port-check fails with file:line:col on a staged file that does not parse', () => {
    repo = makeRepo({ 'schema-port.config.json': { jobs: [{ input: 'db/schema.sql', output: 'db/schema.pg.sql', dialect: 'sqlite' }] }, 'db/schema.sql': 'CREATE TABLE t (\n  id INTEGER PRIMARY KEY,,\n);\n' });
    if (!check) throw new Error('hook missing');
    const r = runHook(check, ['db/schema.sql'], repo.dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^db\/schema\.sql:2:26: error\[SP001\]/m);
  });
});
