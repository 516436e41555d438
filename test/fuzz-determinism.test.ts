/**
 * Idempotence and determinism: the same input gives byte-identical output
 * across runs, line endings and environments.
 *
 * Line endings, decided: a line break between tokens or inside a comment is
 * layout, so CRLF (or lone CR) input gives byte-for-byte the same output,
 * always with LF, and the same diagnostics at the same line:col as LF input.
 * Inside a string literal or a quoted name a line break is data and is kept
 * as written.
 *
 * Environment: translate reads no clock, locale or time zone — run in a child
 * process under TZ=Asia/Tokyo and LANG=tr_TR.UTF-8 (where "I".toLowerCase()
 * and locale-aware sorting differ), it gives the same bytes.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { syntheticSchema } from '../scripts/synthetic-schema.mjs';
import type { Dialect } from '../src/model/schema.js';
import type { TranslateOptions } from '../src/options.js';
import type { Comment, Statement } from '../src/syntax/ast.js';
import { parseScript, readScript } from '../src/syntax/parse.js';
import { translate } from '../src/translate.js';
import { diagnosticLines } from './support/fixtures.js';
import { mutatedSeedArbitrary, seedFiles } from './support/mutate.js';

const seeds = [
  ...seedFiles(),
  { name: 'synthetic/sqlite-50', text: syntheticSchema('sqlite', 50) },
  { name: 'synthetic/duckdb-50', text: syntheticSchema('duckdb', 50) },
];

interface Outcome {
  sql: string | null;
  diagnostics: string;
}

function run(text: string, options: Partial<TranslateOptions> = {}): Outcome {
  const result = translate(text, { fileName: 'input.sql', ...options });
  return { sql: result.sql, diagnostics: diagnosticLines(result.diagnostics, text) };
}

/** No string literal or quoted name in `text` holds a line break. */
function breaksOnlyBetweenTokens(text: string): boolean {
  return !/'(?:''|[^'])*[\r\n](?:''|[^'])*'|"(?:""|[^"])*[\r\n](?:""|[^"])*"|`[^`]*[\r\n][^`]*`/.test(text.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, ''));
}

describe('determinism', () => {
  it('the same input twice gives byte-identical output', () => {
    // (Each fixture is checked in test/fixtures.test.ts.)
    for (const seed of seeds.filter((s) => !s.name.startsWith('fixtures/'))) expect(run(seed.text), seed.name).toEqual(run(seed.text));
  });

  it('CRLF and lone-CR input give the same output and diagnostics as LF input', () => {
    let compared = 0;
    for (const seed of seeds) {
      if (!breaksOnlyBetweenTokens(seed.text)) continue;
      const lf = seed.text.replace(/\r\n?/g, '\n');
      const expected = run(lf);
      expect(run(lf.replace(/\n/g, '\r\n')), `${seed.name} (CRLF)`).toEqual(expected);
      if (expected.sql !== null) expect(expected.sql.includes('\r'), seed.name).toBe(false);
      compared++;
    }
    expect(compared).toBeGreaterThan(seeds.length / 2);
  });

  it('damaged input is deterministic too', () => {
    fc.assert(
      fc.property(mutatedSeedArbitrary(seeds), ({ source }) => {
        expect(run(source)).toEqual(run(source));
      }),
      { numRuns: 100, seed: 424_242 },
    );
  });

  it('nothing carries over from one parse to the next (the parser is made once per process)', () => {
    // scripts/build-grammars.mjs makes the parser's closures once and resets its state per parse:
    // a parse that fails, ends in a comment or reads the other dialect must not change the next one
    // (its syntax tree, comments included, and its translation).
    fc.assert(
      fc.property(mutatedSeedArbitrary(seeds), mutatedSeedArbitrary(seeds), fc.constantFrom<Dialect>('sqlite', 'duckdb'), (first, second, dialect) => {
        const tree = parseScript(second.source, dialect);
        const alone = run(second.source, { from: dialect });
        parseScript(`${first.source}\n-- a comment at the end`, dialect === 'sqlite' ? 'duckdb' : 'sqlite');
        run(first.source);
        expect(parseScript(second.source, dialect)).toEqual(tree);
        expect(run(second.source, { from: dialect })).toEqual(alone);
      }),
      { numRuns: 60, seed: 515_151 },
    );
  });

  it('a script read item by item gives the statements, comments and errors of the whole-script parse', () => {
    // translate() reads scripts statement by statement (src/syntax/parse.ts readScript); Script stays the definition.
    const readAll = (text: string, dialect: Dialect) => {
      const statements: Statement[] = [];
      const comments: Comment[] = [];
      const result = readScript(text, dialect, (statement, read) => {
        if (statement) statements.push(statement);
        comments.push(...read);
      });
      return { result, statements, comments: comments.sort((a, b) => a.span.start - b.span.start) };
    };
    const agree = (text: string, dialect: Dialect) => {
      const whole = parseScript(text, dialect);
      const items = readAll(text, dialect);
      expect(items.result.ok, 'never falls back to the whole parse on a script that parses').not.toBe('whole');
      if (whole.ok) {
        expect(items.result).toEqual({ ok: true, statements: whole.value.statements.length });
        expect(items.statements).toEqual(whole.value.statements);
        expect(items.comments).toEqual(whole.value.comments);
      } else {
        expect(items.result).toEqual(whole);
      }
    };
    for (const seed of seeds) for (const dialect of ['sqlite', 'duckdb'] as const) agree(seed.text, dialect);
    for (const text of ['', ';', ';;', '-- only a comment', 'CREATE TABLE a (b INT); -- after\n', 'CREATE TABLE a (b INT)\n/* end */', 'CREATE TABLE a (b INT) CREATE TABLE c (d INT);']) {
      agree(text, 'sqlite');
    }
    fc.assert(
      fc.property(mutatedSeedArbitrary(seeds), fc.constantFrom<Dialect>('sqlite', 'duckdb'), ({ source }, dialect) => agree(source, dialect)),
      { numRuns: 300, seed: 616_161 },
    );
  });

  it('under TZ=Asia/Tokyo and LANG=tr_TR.UTF-8 in a child process: the same bytes', () => {
    const cases = seeds.filter((_, i) => i % 2 === 0).map((s) => ({ name: s.name, text: s.text }));
    // The child loads the TypeScript sources through jiti (a dependency), so no build is needed.
    const child = `
      import { createJiti } from 'jiti';
      const jiti = createJiti(${JSON.stringify(join(import.meta.dirname, 'x.ts'))});
      const { translate } = await jiti.import('../src/translate.ts');
      const { diagnosticLines } = await jiti.import('./support/fixtures.ts');
      let input = '';
      for await (const chunk of process.stdin) input += chunk;
      const out = JSON.parse(input).map(({ text }) => {
        const result = translate(text, { fileName: 'input.sql' });
        return { sql: result.sql, diagnostics: diagnosticLines(result.diagnostics, text) };
      });
      const env = { offset: new Date(2024, 0, 1).getTimezoneOffset(), locale: new Intl.Collator().resolvedOptions().locale };
      process.stdout.write(JSON.stringify({ env, out }));
    `;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', child], {
      cwd: join(import.meta.dirname, '..'),
      input: JSON.stringify(cases),
      env: { ...process.env, TZ: 'Asia/Tokyo', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' },
      maxBuffer: 256 * 1024 * 1024,
      encoding: 'utf8',
    });
    expect(result.status, result.stderr).toBe(0);
    const { env, out } = JSON.parse(result.stdout) as { env: { offset: number; locale: string }; out: Outcome[] };
    // The environment did take effect in the child.
    expect(env.offset).toBe(-540);
    expect(env.locale).toMatch(/^tr/);
    cases.forEach((c, i) => expect(out[i], c.name).toEqual(run(c.text)));
  }, 180_000);
});
