/**
 * Watch mode end to end: regenerates on change, survives a parse error
 * (reports it and keeps watching), picks up config edits, stops on SIGTERM.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, makeRepo, POSTS_SQL, startCli, until, USERS_SQL, type Repo } from './support/workflow.js';

let repo: Repo;
let child: ReturnType<typeof startCli> | undefined;
beforeAll(() => ensureBuilt(), 300_000);
afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
  repo?.remove();
});

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

async function stop(c: ReturnType<typeof startCli>): Promise<number | null> {
  const exited = new Promise<number | null>((done) => c.on('exit', (code) => done(code)));
  c.kill('SIGTERM');
  return exited;
}

describe('watch mode', () => {
  it('generate --watch regenerates on change and survives a parse error', async () => {
    repo = makeRepo({ 'schema-port.config.json': { jobs: [{ input: ['db/1.sql', 'db/2.sql'], output: 'out.pg.sql', dialect: 'sqlite' }] }, 'db/1.sql': USERS_SQL, 'db/2.sql': POSTS_SQL });
    const c = (child = startCli(['generate', '--watch', '--debounce', '50', '-q'], repo.dir));
    await until(() => c.output().includes('watching 3 files'), c.output);
    expect(c.output()).toContain('wrote out.pg.sql');

    repo.write('db/2.sql', `${POSTS_SQL}CREATE TABLE tags (id INTEGER PRIMARY KEY);\n`);
    await until(() => repo.read('out.pg.sql').includes('CREATE TABLE tags'), c.output);

    repo.write('db/2.sql', 'CREATE TABLE broken (\n  id INTEGER PRIMARY KEY oops\n);\n');
    await until(() => c.output().includes('db/2.sql:2:'), c.output);
    expect(c.output()).toContain('error[SP001]');
    expect(repo.read('out.pg.sql')).toContain('CREATE TABLE tags'); // the last good output stays
    expect(c.exitCode).toBeNull(); // still watching

    repo.write('db/2.sql', 'CREATE TABLE fixed (id INTEGER PRIMARY KEY);\n');
    await until(() => repo.read('out.pg.sql').includes('CREATE TABLE fixed'), c.output);
    expect(await stop(c)).toBe(0);
  });

  it('debounces a burst of changes into one run', async () => {
    repo = makeRepo({ 'schema-port.config.json': { jobs: [{ input: 'a.sql', output: 'a.pg.sql', dialect: 'sqlite' }] }, 'a.sql': USERS_SQL });
    const c = (child = startCli(['generate', '--watch', '--debounce', '1000'], repo.dir));
    await until(() => c.output().includes('watching'), c.output);
    const before = count(c.output(), 'wrote a.pg.sql');
    for (let i = 0; i < 5; i++) {
      repo.write('a.sql', `${USERS_SQL}CREATE TABLE t${i} (id INTEGER PRIMARY KEY);\n`);
      await new Promise((r) => setTimeout(r, 20));
    }
    await until(() => repo.read('a.pg.sql').includes('CREATE TABLE t4'), c.output);
    await new Promise((r) => setTimeout(r, 1500));
    expect(count(c.output(), 'wrote a.pg.sql') - before).toBe(1);
    expect(await stop(c)).toBe(0);
  });

  it('reloads an edited config, and keeps the old one while the new one is invalid', async () => {
    repo = makeRepo({ 'schema-port.config.json': { jobs: [{ input: 'a.sql', output: 'a.pg.sql', dialect: 'sqlite' }] }, 'a.sql': USERS_SQL });
    const c = (child = startCli(['--watch'], repo.dir));
    await until(() => c.output().includes('watching 2 files'), c.output);
    repo.write('schema-port.config.json', JSON.stringify({ jobs: [{ input: 'a.sql', output: 'a.pg.sql', dialect: 'sqlite', options: { identifiers: 'bogus' } }] }));
    await until(() => c.output().includes('keeping the previous config'), c.output);
    expect(c.output()).toContain('jobs[0].options.identifiers: expected one of');
    repo.write('schema-port.config.json', JSON.stringify({ jobs: [{ input: 'a.sql', output: 'a.pg.sql', dialect: 'sqlite', options: { targetVersion: 17 } }] }));
    await until(() => repo.read('a.pg.sql').includes('PostgreSQL 17'), c.output);
    expect(await stop(c)).toBe(0);
  });

  it('schema-port --watch with files re-runs the main command', async () => {
    repo = makeRepo({ 'a.sql': USERS_SQL });
    const c = (child = startCli(['--watch', '--from', 'sqlite', '-q', '-o', 'a.pg.sql', 'a.sql'], repo.dir));
    await until(() => c.output().includes('watching 1 file'), c.output);
    expect(repo.read('a.pg.sql')).toContain('CREATE TABLE users');
    repo.write('a.sql', POSTS_SQL.replace('REFERENCES users(id)', ''));
    await until(() => repo.read('a.pg.sql').includes('CREATE TABLE posts'), c.output);
    expect(await stop(c)).toBe(0);
  });
});
