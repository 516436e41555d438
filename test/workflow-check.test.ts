/**
 * `schema-port check` end to end, in temporary repositories: stale outputs
 * fail with a diff, fresh ones pass, parse errors exit 2 with file:line:col,
 * file arguments select jobs, and nothing is ever written.
 */
import { readdirSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cli, ensureBuilt, makeRepo, POSTS_SQL, USERS_SQL, type Repo } from './support/workflow.js';

const CONFIG = {
  options: { dialect: 'sqlite' },
  jobs: [
    { name: 'app', input: 'db/schema.sql', output: 'generated/schema.pg.sql' },
    { name: 'migrations', input: ['db/migrations/001_users.sql', 'db/migrations/002_posts.sql'], output: 'generated/migrations.pg.sql', options: { identifiers: 'snake' } },
  ],
};

let repo: Repo;

function freshRepo(): Repo {
  repo = makeRepo({
    'schema-port.config.json': CONFIG,
    'db/schema.sql': USERS_SQL,
    'db/migrations/001_users.sql': USERS_SQL,
    // No trailing semicolon: the next migration must still parse as its own statement.
    'db/migrations/002_posts.sql': POSTS_SQL.trimEnd().replace(/;$/, ''),
  });
  const generated = cli(['generate'], repo.dir);
  expect(generated.status, generated.stderr).toBe(0);
  return repo;
}

/** Every file under the repository, with its content. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const rel = `${entry.parentPath.slice(dir.length)}/${entry.name}`;
      out[rel] = repo.read(rel);
    }
  }
  return out;
}

beforeAll(() => ensureBuilt(), 300_000);
afterEach(() => repo?.remove());

describe('schema-port check', () => {
  it('exits 0 when every output is up to date', () => {
    freshRepo();
    const r = cli(['check'], repo.dir);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('schema-port check: 2 outputs up to date');
  });

  it('exits 1 with a unified diff when an output is stale, and writes nothing', () => {
    freshRepo();
    repo.write('db/schema.sql', USERS_SQL.replace('email TEXT NOT NULL UNIQUE,', 'email TEXT NOT NULL UNIQUE,\n  name TEXT,'));
    const before = snapshot(repo.dir);
    const r = cli(['check'], repo.dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('--- generated/schema.pg.sql\ton disk');
    expect(r.stdout).toContain('+++ generated/schema.pg.sql\tgenerated');
    expect(r.stdout).toMatch(/^@@ .* @@$/m);
    expect(r.stdout).toMatch(/^\+ {2}name text,?$/m);
    expect(r.stderr).toContain('1 of 2 outputs stale: generated/schema.pg.sql');
    expect(snapshot(repo.dir)).toEqual(before);
  });

  it('exits 1 when an output is missing, and --no-diff keeps the diff out', () => {
    freshRepo();
    repo.write('generated/migrations.pg.sql', '');
    const withDiff = cli(['check'], repo.dir);
    expect(withDiff.status).toBe(1);
    expect(withDiff.stdout).toContain('+CREATE TABLE posts');
    const quiet = cli(['check', '--no-diff'], repo.dir);
    expect(quiet.status).toBe(1);
    expect(quiet.stdout).toBe('');
  });

  it('ignores CRLF line endings (a Windows checkout is not stale)', () => {
    freshRepo();
    repo.write('generated/schema.pg.sql', repo.read('generated/schema.pg.sql').replace(/\n/g, '\r\n'));
    expect(cli(['check'], repo.dir).status).toBe(0);
  });

  it('exits 2 with file:line:col when an input does not parse', () => {
    freshRepo();
    repo.write('db/migrations/002_posts.sql', 'CREATE TABLE posts (\n  id INTEGER PRIMARY KEY,\n  title TEXT NOT NULL oops\n);\n');
    const r = cli(['check'], repo.dir);
    expect(r.status).toBe(2);
    // Positions are the migration file's own, not those of the concatenated text.
    expect(r.stderr).toMatch(/^db\/migrations\/002_posts\.sql:3:23: error\[SP001\]/m);
  });

  it('exits 1 on translation errors, and on warnings only under --strict', () => {
    freshRepo();
    // A foreign key to a table no input defines is a warning (SP306).
    repo.write('db/schema.sql', `${USERS_SQL}CREATE TABLE t (x INTEGER REFERENCES nowhere(id));\n`);
    expect(cli(['generate', '-q'], repo.dir).status).toBe(0);
    const plain = cli(['check'], repo.dir);
    expect(plain.status, plain.stderr).toBe(0);
    expect(plain.stderr).toContain('warning[SP306]');
    const strict = cli(['check', '--strict'], repo.dir);
    expect(strict.status).toBe(1);
    expect(strict.stderr).toMatch(/db\/schema\.sql:\d+:\d+: error\[SP306\]/);
  });

  it('checks only the jobs the given files feed (inputs or outputs)', () => {
    freshRepo();
    repo.write('db/schema.sql', `${USERS_SQL}CREATE TABLE extra (id INTEGER PRIMARY KEY);\n`);
    // The stale job is `app`; files of the other job pass.
    expect(cli(['check', 'db/migrations/001_users.sql'], repo.dir).status).toBe(0);
    expect(cli(['check', 'generated/migrations.pg.sql', 'README.md'], repo.dir).status).toBe(0);
    expect(cli(['check', 'db/schema.sql'], repo.dir).status).toBe(1);
    expect(cli(['check', 'generated/schema.pg.sql'], repo.dir).status).toBe(1);
    // Files no job reads or writes: nothing to check.
    const none = cli(['check', 'unrelated.sql'], repo.dir);
    expect(none.status).toBe(0);
    expect(none.stdout + none.stderr).toBe('');
    // The config file itself selects every job.
    expect(cli(['check', 'schema-port.config.json'], repo.dir).status).toBe(1);
  });

  it('finds the config from a subfolder and resolves paths against the config file', () => {
    freshRepo();
    const r = cli(['check', '../db/schema.sql'], repo.path('generated'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('1 output up to date');
  });

  it('exits 2 on a missing input, a missing config and an invalid config (naming the key path and allowed values)', () => {
    freshRepo();
    repo.write('schema-port.config.json', JSON.stringify({ jobs: [{ input: 'db/nope.sql', output: 'x.sql' }] }));
    const missing = cli(['check'], repo.dir);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('cannot read db/nope.sql: no such file');

    repo.write('schema-port.config.json', JSON.stringify({ options: { identifiers: 'camel' }, jobs: [{ input: 'db/schema.sql', output: 'x.sql', options: { from: 'sqlite' } }] }));
    const invalid = cli(['check'], repo.dir);
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toContain('options.identifiers: expected one of "preserve", "lower", "snake", got "camel"');
    expect(invalid.stderr).toContain('jobs[0].options.from: unknown key (did you mean "dialect"?)');

    repo.write('schema-port.config.json', '{ "jobs": [ }');
    const broken = cli(['check'], repo.dir);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toContain('schema-port.config.json: not valid JSON');

    const none = cli(['check', '--config', 'missing.json'], repo.dir);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('missing.json: no such file');
  });

  it('prints GitHub Actions annotations when GITHUB_ACTIONS=true', () => {
    freshRepo();
    repo.write('db/schema.sql', USERS_SQL.replace('email TEXT NOT NULL UNIQUE,', 'email TEXT NOT NULL UNIQUE oops,'));
    const r = cli(['check', '-q'], repo.dir, { GITHUB_ACTIONS: 'true' });
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/^::error file=db\/schema\.sql,line=3,col=\d+,(endLine=3,endColumn=\d+,)?title=SP001::Syntax error: .*%0Ahint: /m);

    repo.write('db/schema.sql', `${USERS_SQL}CREATE TABLE extra (id INTEGER PRIMARY KEY);\n`);
    const stale = cli(['check', '-q', '--no-diff'], repo.dir, { GITHUB_ACTIONS: 'true' });
    expect(stale.status).toBe(1);
    expect(stale.stdout).toMatch(/^::error file=generated\/schema\.pg\.sql,title=SP009::generated\/schema\.pg\.sql is out of date: it is not what schema-port generates from db\/schema\.sql\./m);
    // Outside GitHub Actions: no workflow commands.
    expect(cli(['check', '-q', '--no-diff'], repo.dir).stdout).not.toContain('::error');
  });

  it('writes a JSON or SARIF report file on request', () => {
    freshRepo();
    repo.write('db/schema.sql', `${USERS_SQL}CREATE TABLE t (x INTEGER REFERENCES nowhere(id));\n`);
    const json = cli(['check', '--format', 'json', '--report-file', 'report.json'], repo.dir);
    expect(json.status).toBe(1); // stale
    const diagnostics = JSON.parse(repo.read('report.json')) as { code: string; file: string; line: number }[];
    expect(diagnostics.find((d) => d.code === 'SP306')).toMatchObject({ file: 'db/schema.sql', line: 6 });
    // The stale output is a finding too, on the output file (no line: the whole file).
    expect(diagnostics.find((d) => d.code === 'SP009')).toMatchObject({ file: 'generated/schema.pg.sql', line: null, severity: 'error' });
    const sarif = cli(['check', '--format', 'sarif', '--report-file', 'report.sarif'], repo.dir);
    expect(sarif.status).toBe(1);
    type Result = { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] };
    const log = JSON.parse(repo.read('report.sarif')) as { version: string; runs: { results: Result[] }[] };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]?.results.map((r) => r.ruleId)).toContain('SP306');
    const stale = log.runs[0]?.results.find((r) => r.ruleId === 'SP009');
    expect(stale?.level).toBe('error');
    expect(stale?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('generated/schema.pg.sql');

    // A broken config still leaves a (empty) report for an upload step that always runs.
    repo.write('schema-port.config.json', '{ "jobs": "nope" }');
    const broken = cli(['check', '--format', 'sarif', '--report-file', 'broken.sarif'], repo.dir);
    expect(broken.status).toBe(2);
    expect(JSON.parse(repo.read('broken.sarif'))).toMatchObject({ version: '2.1.0', runs: [{ results: [] }] });
  });
});
