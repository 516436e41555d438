/**
 * SARIF 2.1.0 output, validated against the official JSON schema
 * (sarif-2.1.0-rtm.5, as shipped by Microsoft's @microsoft/jest-sarif
 * package: the OASIS schema, draft-04, so ajv-draft-04), and the GitHub
 * Actions annotations.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import AjvDraft04 from 'ajv-draft-04';
import AjvFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { githubAnnotations, escapeData, escapeProperty, annotation } from '../src/diagnostics/github.js';
import { toSarif, type SarifLog } from '../src/diagnostics/sarif.js';
import { SourceText } from '../src/source/source-text.js';
import { translate } from '../src/translate.js';
import { cli, ensureBuilt, makeRepo } from './support/workflow.js';

const require = createRequire(import.meta.url);
const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
// The schema has one pattern that is not valid with the `u` flag (`…{2}]?$`): compile patterns without it.
// CommonJS packages: under NodeNext their `default` is the export.
const Ajv = AjvDraft04.default;
const addFormats = AjvFormats.default;
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function expectValid(log: unknown): void {
  const ok = validate(log);
  expect(ok, JSON.stringify(validate.errors, null, 2)).toBe(true);
}

const SOURCE = `CREATE TABLE users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  price NUMERIC(10, 2),
  email TEXT COLLATE NOCASE,
  org_id INTEGER REFERENCES orgs(id)
);
`;

function items(fileName: string, text: string = SOURCE) {
  const result = translate(text, { from: 'auto', fileName });
  return [{ diagnostics: result.diagnostics, source: new SourceText(fileName, text) }];
}

describe('SARIF', () => {
  it('the schema is the official 2.1.0 one, and it rejects what it should', () => {
    expect(String(schema.title)).toContain('SARIF');
    expect(String(schema.title)).toContain('2.1.0');
    expect(validate({ version: '2.1.0', runs: [] })).toBe(true);
    expect(validate({ version: '2.0.0', runs: [] })).toBe(false);
    expect(validate({ version: '2.1.0', runs: [{ results: [] }] })).toBe(false); // a run needs its tool
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: {}, level: 'fatal' }] }] })).toBe(false);
  });

  it('a log of many diagnostics (with and without spans, every level) is valid', () => {
    const log = toSarif(items('db/schema.sql'), { toolVersion: '1.2.3', baseDir: '/repo' });
    expectValid(log);
    const run = log.runs[0];
    if (!run) throw new Error('no run');
    expect(run.tool.driver).toMatchObject({ name: 'schema-port', version: '1.2.3' });
    const levels = new Set(run.results.map((r) => r.level));
    expect(levels).toContain('warning');
    expect(levels).toContain('note');
    // Every result points at its rule, and every rule is used.
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex]?.id).toBe(r.ruleId);
    expect(new Set(run.results.map((r) => r.ruleId)).size).toBe(run.tool.driver.rules.length);
    const sp306 = run.results.find((r) => r.ruleId === 'SP306');
    expect(sp306?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'db/schema.sql', uriBaseId: '%SRCROOT%' },
      region: { startLine: 5, startColumn: 29, endLine: 5, endColumn: 33 },
    });
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///repo/' } });
  });

  it('errors, empty logs, odd file names and absolute paths are valid too', () => {
    expectValid(toSarif(items('a dir/schéma #1.sql', 'CREATE TABLE (')));
    expectValid(toSarif(items('<stdin>', 'CREATE TABLE t (x INT);')));
    expectValid(toSarif(items('/abs/path/schema.sql')));
    expectValid(toSarif([]));
    const log = toSarif(items('a dir/schéma #1.sql', 'CREATE TABLE ('));
    const error = log.runs[0]?.results.find((r) => r.ruleId === 'SP001');
    expect(error).toMatchObject({ level: 'error' });
    expect(error?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('a%20dir/sch%C3%A9ma%20%231.sql');
  });

  describe('from the CLI', () => {
    beforeAll(() => ensureBuilt(), 300_000);

    it('schema-port --format sarif writes a valid log to stderr', () => {
      const repo = makeRepo({ 'app.sql': SOURCE });
      try {
        const r = cli(['--format', 'sarif', 'app.sql'], repo.dir);
        expect(r.status).toBe(0);
        const log = JSON.parse(r.stderr) as SarifLog;
        expectValid(log);
        expect(log.runs[0]?.results.length).toBeGreaterThan(0);
      } finally {
        repo.remove();
      }
    });
  });
});

describe('GitHub Actions annotations', () => {
  it('escapes messages and properties as the runner expects', () => {
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c')).toBe('a%3Ab%2Cc');
    expect(annotation('error', 'boom', { file: 'x.sql', line: 2, col: 3, title: 'SP001' })).toBe('::error file=x.sql,line=2,col=3,title=SP001::boom\n');
    expect(annotation('notice', 'hi')).toBe('::notice::hi\n');
  });

  it('one line per diagnostic: errors and warnings, notes only when verbose', () => {
    const all = githubAnnotations(items('db/schema.sql'), { verbose: true }, {}).trimEnd().split('\n');
    const plain = githubAnnotations(items('db/schema.sql'), {}, {}).trimEnd().split('\n');
    const quiet = githubAnnotations(items('db/schema.sql'), { quiet: true }, {});
    expect(all.length).toBeGreaterThan(plain.length);
    expect(all.some((l) => l.startsWith('::notice '))).toBe(true);
    expect(plain.every((l) => l.startsWith('::warning ') || l.startsWith('::error '))).toBe(true);
    expect(quiet).toBe('');
    expect(plain).toContain(
      '::warning file=db/schema.sql,line=5,col=29,endLine=5,endColumn=33,title=SP306::Foreign key references orgs, which this input does not define.%0Ahint: PostgreSQL needs the referenced table to exist before this statement runs.',
    );
  });

  it('makes absolute paths relative to GITHUB_WORKSPACE, and leaves standard input without a file', () => {
    const abs = githubAnnotations(items('/home/runner/work/app/db/schema.sql'), {}, { GITHUB_WORKSPACE: '/home/runner/work/app' });
    expect(abs).toContain('file=db/schema.sql,');
    const stdin = githubAnnotations(items('<stdin>'), {}, {});
    expect(stdin).not.toContain('file=');
  });
});
