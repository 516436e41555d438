/**
 * Config files: where they are found, the formats they come in (JSON, ES
 * modules, TypeScript through jiti, package.json), validation that names the
 * key path and the allowed values, option merging, paths relative to the
 * config file, and jobs run in memory.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TS_OPTION_CHOICES } from '../src/emit/typescript/options.js';
import { DEFAULT_OPTIONS, OPTION_CHOICES } from '../src/options.js';
import { ConfigError, configFromValue, loadConfig, runJob, selectJobs, validateConfig } from '../src/config/index.js';
import { makeRepo, POSTS_SQL, USERS_SQL, type Repo } from './support/workflow.js';

let repo: Repo | undefined;
afterEach(() => {
  repo?.remove();
  repo = undefined;
});

function problems(value: unknown): readonly string[] {
  try {
    validateConfig(value, 'schema-port.config.json');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

const JOB = { input: 'db/schema.sql', output: 'out/schema.pg.sql' };

describe('validateConfig', () => {
  it('accepts a full config and normalizes it', () => {
    const config = validateConfig(
      {
        $schema: './node_modules/schema-port/schema.json',
        options: { dialect: 'sqlite', targetVersion: '16', strict: true, identifiers: 'snake' },
        typescript: { flavor: 'kysely', columnTypes: { 'users.settings': 'Settings from ./settings.js' } },
        jobs: [JOB, { name: 'm', input: ['a.sql', 'b.sql'], typescript: { output: 'db.ts', int8: 'bigint', columnTypes: { 'a.b': { type: 'B' } } } }],
      },
      'x.json',
    );
    expect(config.options).toEqual({ dialect: 'sqlite', targetVersion: 16, strict: true, identifiers: 'snake' });
    expect(config.typescript?.columnTypes).toEqual({ 'users.settings': { type: 'Settings', from: './settings.js' } });
    expect(config.jobs[1]?.typescript).toEqual({ output: 'db.ts', int8: 'bigint', columnTypes: { 'a.b': { type: 'B', from: null } } });
  });

  it('names the key path and the allowed values of every problem', () => {
    expect(
      problems({
        options: { identifiers: 'camel', targetVersion: 14, strict: 'yes', from: 'sqlite' },
        typescript: { int8: 'long', columnTypes: { users: 'X' } },
        jobs: [{ input: 'a.sql', ouput: 'a.pg.sql' }, { input: [], output: 'b.sql', dialect: 'mysql' }, 'c.sql', { input: 'd.sql', typescript: { flavor: 'plain' } }],
        extra: 1,
      }),
    ).toEqual([
      'extra: unknown key; allowed keys: options, typescript, jobs',
      'options.from: unknown key (did you mean "dialect"?); allowed keys: dialect, identifiers, nocase, varchar, integers, timestamps, json, structs, like, strict, targetVersion',
      'options.identifiers: expected one of "preserve", "lower", "snake", got "camel"',
      'options.strict: expected true or false, got "yes"',
      'options.targetVersion: expected one of 15, 16, 17, 18, got number 14',
      'typescript.int8: expected one of "string", "number", "bigint", got "long"',
      'typescript.columnTypes["users"]: the key must be table.column (or schema.table.column)',
      'jobs[0].ouput: unknown key (did you mean "output"?); allowed keys: name, input, schema, dialect, output, typescript, options',
      'jobs[0]: has nothing to generate: give it "output" (SQL) and/or "typescript"',
      'jobs[1].input: expected an input file or a non-empty array of files (migrations, in order), got an empty array',
      'jobs[1].dialect: expected one of "sqlite", "duckdb", "auto", got "mysql"',
      'jobs[2]: expected a job object ({ "input": …, "output": … }), got "c.sql"',
      'jobs[3].typescript.output: expected a TypeScript output file (a non-empty string), got nothing',
    ]);
    expect(problems({ jobs: [] })).toEqual(['jobs: expected a non-empty array of jobs, got an empty array']);
    expect(problems([JOB])).toEqual(['expected an object with "jobs", got an array']);
  });
});

describe('resolving jobs', () => {
  it('merges options (job over top level), makes paths absolute against the config folder, names jobs', () => {
    const config = configFromValue(
      {
        options: { dialect: 'sqlite', identifiers: 'lower', targetVersion: 16 },
        typescript: { flavor: 'kysely', columnTypes: { 'a.b': 'A', 'a.c': 'C' } },
        jobs: [
          { input: 'db/a.sql', output: 'out/a.sql', options: { identifiers: 'snake' } },
          { name: 'duck', input: ['db/1.sql', 'db/2.sql'], dialect: 'duckdb', typescript: { output: 'src/db.ts', flavor: 'plain', columnTypes: { 'a.c': 'D' } } },
        ],
      },
      '/repo/config/schema-port.config.json',
    );
    expect(config.root).toBe('/repo/config');
    const [a, duck] = config.jobs;
    expect(a).toMatchObject({ name: 'out/a.sql', inputs: ['/repo/config/db/a.sql'], output: '/repo/config/out/a.sql', typescript: null });
    expect(a?.options).toEqual({ from: 'sqlite', identifiers: 'snake', targetVersion: 16 });
    expect(duck?.name).toBe('duck');
    expect(duck?.options.from).toBe('duckdb');
    expect(duck?.typescript).toEqual({
      output: '/repo/config/src/db.ts',
      options: { flavor: 'plain', columnTypes: { 'a.b': { type: 'A', from: null }, 'a.c': { type: 'D', from: null } } },
    });
  });

  it('rejects two jobs writing one file, and a file that is both input and output', () => {
    expect(() => configFromValue({ jobs: [JOB, { input: 'other.sql', output: 'out/schema.pg.sql' }] }, '/r/c.json')).toThrow('out/schema.pg.sql is also written by jobs[0]');
    expect(() => configFromValue({ jobs: [{ input: 'a.sql', output: 'a.sql' }] }, '/r/c.json')).toThrow('a.sql is both an input and an output');
  });

  it('selects the jobs that files feed', () => {
    const config = configFromValue({ jobs: [{ input: 'a.sql', output: 'a.pg.sql' }, { input: ['b1.sql', 'b2.sql'], typescript: 'b.ts' }] }, '/r/c.json');
    const names = (files: string[], cwd = '/r') => selectJobs(config, files, cwd).map((j) => j.name);
    expect(names([])).toEqual(['a.pg.sql', 'b.ts']);
    expect(names(['b2.sql'])).toEqual(['b.ts']);
    expect(names(['../a.pg.sql'], '/r/sub')).toEqual(['a.pg.sql']);
    expect(names(['zzz.sql'])).toEqual([]);
    expect(names(['c.json'])).toEqual(['a.pg.sql', 'b.ts']);
  });
});

describe('loadConfig', () => {
  const formats: [string, string][] = [
    ['schema-port.config.json', JSON.stringify({ jobs: [JOB] })],
    ['schema-port.config.js', `export default { jobs: [${JSON.stringify(JOB)}] };\n`],
    ['schema-port.config.mjs', `const jobs = [${JSON.stringify(JOB)}];\nexport default { jobs };\n`],
    // Type annotations, an interface and `satisfies`: jiti strips them.
    [
      'schema-port.config.ts',
      `interface Job { input: string; output: string }\nconst job: Job = ${JSON.stringify(JOB)};\nexport default { jobs: [job] } satisfies { jobs: Job[] };\n`,
    ],
    ['package.json', JSON.stringify({ name: 'app', 'schema-port': { jobs: [JOB] } })],
  ];
  for (const [file, content] of formats) {
    it(`loads ${file}, searching upwards from a subfolder`, async () => {
      repo = makeRepo({ [file]: content, 'db/schema.sql': USERS_SQL });
      const config = await loadConfig({ searchFrom: repo.path('db') });
      expect(config.filepath).toBe(repo.path(file));
      expect(config.jobs[0]?.output).toBe(repo.path('out/schema.pg.sql'));
      const explicit = await loadConfig({ configPath: repo.path(file) });
      expect(explicit.jobs).toEqual(config.jobs);
    });
  }

  it('skips a package.json without the key, and reports problems of a found config with its path', async () => {
    repo = makeRepo({ 'package.json': JSON.stringify({ name: 'app' }), 'schema-port.config.json': JSON.stringify({ jobs: [{ input: 'a.sql' }] }) });
    await expect(loadConfig({ searchFrom: repo.dir })).rejects.toMatchObject({
      filepath: repo.path('schema-port.config.json'),
      problems: ['jobs[0]: has nothing to generate: give it "output" (SQL) and/or "typescript"'],
    });
    await expect(loadConfig({ configPath: repo.path('package.json') })).rejects.toThrow('has no "schema-port" key');
  });

  it('reports a config module that throws, or that is not JSON', async () => {
    repo = makeRepo({ 'schema-port.config.mjs': "throw new Error('boom');\n", 'bad.json': '{ jobs: [] }' });
    await expect(loadConfig({ searchFrom: repo.dir })).rejects.toThrow('cannot load: boom');
    await expect(loadConfig({ configPath: repo.path('bad.json') })).rejects.toThrow('not valid JSON');
  });
});

describe('runJob', () => {
  it('concatenates inputs in order and maps diagnostics back to each file', async () => {
    repo = makeRepo({
      'c.json': '{}',
      // The first file ends without a semicolon, the second refers to a table nowhere defined.
      '1.sql': USERS_SQL.trimEnd().replace(/;$/, ''),
      '2.sql': `${POSTS_SQL}\nCREATE TABLE t (\n  x INTEGER REFERENCES nowhere(id)\n);\n`,
    });
    const config = configFromValue({ options: { dialect: 'sqlite' }, jobs: [{ input: ['1.sql', '2.sql'], output: 'out.sql' }] }, repo.path('c.json'));
    const job = config.jobs[0];
    if (!job) throw new Error('no job');
    const run = await runJob(job, { cwd: repo.dir });
    expect(run.status).toBe('ok');
    expect(run.reports.map((r) => r.source.fileName)).toEqual(['1.sql', '2.sql']);
    const sp306 = run.reports[1]?.diagnostics.find((d) => d.code === 'SP306');
    const source = run.reports[1]?.source;
    if (!sp306?.span || !source) throw new Error('SP306 expected in 2.sql');
    expect(source.positionOf(sp306.span.start)).toEqual({ line: 8, column: 24 });
    expect(source.slice(sp306.span)).toBe('nowhere');
    expect(run.outputs[0]?.content).toContain('-- Generated by schema-port from 1.sql, 2.sql');

    const strict = await runJob(job, { cwd: repo.dir, strict: true });
    expect(strict.status).toBe('errors');
    expect(strict.outputs).toEqual([]);
  });
});

describe('docs/workflow.md', () => {
  const doc = readFileSync(join(import.meta.dirname, '../docs/workflow.md'), 'utf8');

  it('its example config is valid', () => {
    const json = /```json\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(json).toBeDefined();
    const config = configFromValue(JSON.parse(json ?? ''), '/repo/schema-port.config.json');
    expect(config.jobs.map((j) => j.name)).toEqual(['app', 'analytics', 'queries']);
  });

  it('lists every translation option with its values, the default first', () => {
    for (const [key, values] of Object.entries(OPTION_CHOICES)) {
      const name = key === 'from' ? 'dialect' : key;
      const row = doc.split('\n').find((l) => l.startsWith(`| \`${name}\``));
      expect(row, name).toBeDefined();
      const listed = [...(row ?? '').split('|')[2]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
      expect([...listed].sort(), name).toEqual([...values].sort());
      expect(listed[0], `${name} default`).toBe(String(DEFAULT_OPTIONS[key as keyof typeof DEFAULT_OPTIONS]));
    }
    for (const [key, values] of Object.entries(TS_OPTION_CHOICES)) {
      for (const v of values) expect(doc, `typescript ${key}`).toContain(`\`${v}\``);
    }
  });
});
