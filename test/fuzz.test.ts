/**
 * Bad input never crashes or hangs: random bytes, random Unicode, SQL-token
 * soup and grammar-aware mutations of every fixture and corpus file all end
 * in output or in diagnostics with a valid position — never an exception, a
 * stack overflow or a hang.
 *
 * A few thousand cases here (CI); `npm run fuzz` runs the same properties with
 * FUZZ_RUNS cases each (≥ 100,000 in all) and a random seed.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DIAGNOSTICS } from '../src/diagnostics/codes.js';
import { formatPretty, toJson } from '../src/diagnostics/format.js';
import type { TranslateOptions } from '../src/options.js';
import { SourceText } from '../src/source/source-text.js';
import { translate } from '../src/translate.js';
import { mutate, mutatedSeedArbitrary, randomTextArbitrary, seedFiles } from './support/mutate.js';

/** Cases per property: FUZZ_RUNS (npm run fuzz) or the CI default. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 0) || undefined;
const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : RUNS ? undefined : 20260101;
/** One translation slower than this counts as a hang. */
const CASE_BUDGET_MS = Number(process.env.FUZZ_CASE_BUDGET_MS ?? 10_000);
const TIMEOUT = RUNS ? 24 * 3600_000 : 120_000;

function params(ciRuns: number): fc.Parameters<unknown> {
  return { numRuns: RUNS ?? ciRuns, ...(SEED !== undefined ? { seed: SEED } : {}), endOnFailure: true };
}

const optionsArbitrary: fc.Arbitrary<Partial<TranslateOptions>> = fc.record(
  {
    from: fc.constantFrom('auto', 'sqlite', 'duckdb'),
    identifiers: fc.constantFrom('preserve', 'lower', 'snake'),
    nocase: fc.constantFrom('citext', 'icu'),
    varchar: fc.constantFrom('text', 'keep'),
    targetVersion: fc.constantFrom(15, 16, 17, 18),
    strict: fc.boolean(),
  },
  { requiredKeys: ['from'] },
);

/** Counts what the cases ended in, for the fuzz report. */
export const outcomes = { output: 0, errors: 0 };

/** Translates and checks every invariant; throws (with the input) when one fails. */
export function checkInput(source: string, options: Partial<TranslateOptions> = {}): void {
  const started = performance.now();
  let result: ReturnType<typeof translate>;
  try {
    result = translate(source, options);
  } catch (error) {
    throw new Error(`translate threw ${String(error)}`, { cause: error });
  }
  const elapsed = performance.now() - started;
  if (elapsed > CASE_BUDGET_MS) throw new Error(`translate took ${elapsed.toFixed(0)} ms on ${source.length} characters`);

  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  // Output, or errors that say why not: never neither, never both.
  expect(result.sql === null).toBe(errors.length > 0);
  if (result.sql !== null) {
    outcomes.output++;
    expect(result.sql.endsWith('\n')).toBe(true);
    expect(result.sql.includes('\u0000')).toBe(false);
  } else {
    outcomes.errors++;
  }

  const text = new SourceText('input.sql', source);
  const lines = source.split('\n');
  for (const d of result.diagnostics) {
    expect(Object.hasOwn(DIAGNOSTICS, d.code)).toBe(true);
    expect(d.message.length).toBeGreaterThan(0);
    if (d.span === null) continue;
    const { start, end } = d.span;
    expect(Number.isInteger(start) && Number.isInteger(end)).toBe(true);
    expect(0 <= start && start <= end && end <= source.length).toBe(true);
    for (const offset of [start, end]) {
      const { line, column } = text.positionOf(offset);
      expect(line >= 1 && line <= lines.length).toBe(true);
      expect(column >= 1 && column <= (lines[line - 1]?.length ?? 0) + 1).toBe(true);
    }
    // The reporters the CLI uses must cope with every position too.
    expect(formatPretty(d, text)).toContain(`input.sql:${text.positionOf(start).line}:`);
    expect(toJson(d, text).line).toBe(text.positionOf(start).line);
  }
}

const seeds = seedFiles();

describe('fuzz: no input crashes or hangs translate', () => {
  it('has fixtures and corpus files to mutate', () => {
    expect(seeds.filter((s) => s.name.startsWith('fixtures/')).length).toBeGreaterThanOrEqual(40);
    expect(seeds.filter((s) => s.name.startsWith('corpus/')).length).toBeGreaterThanOrEqual(1);
  });

  it('every fixture and corpus file, unmutated', () => {
    for (const seed of seeds) checkInput(seed.text, { from: 'auto' });
  });

  it(
    'random bytes, random Unicode and SQL-token soup',
    () => {
      fc.assert(
        fc.property(randomTextArbitrary, optionsArbitrary, (source, options) => checkInput(source, options)),
        params(2000),
      );
    },
    TIMEOUT,
  );

  it(
    'grammar-aware mutations of every fixture and corpus file',
    () => {
      fc.assert(
        fc.property(mutatedSeedArbitrary(seeds), optionsArbitrary, ({ source }, options) => checkInput(source, options)),
        params(1000),
      );
    },
    TIMEOUT,
  );

  it('structural extremes: deep nesting, long lines, NUL, BOM, CR', () => {
    const table = 'CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT DEFAULT \'x\' CHECK (b <> \'\'));\n';
    const cases = [
      '',
      '\ufeff',
      '\u0000',
      ';;;;',
      `${'('.repeat(10_000)}`,
      `${')'.repeat(10_000)}`,
      `SELECT ${'('.repeat(10_000)}1${')'.repeat(10_000)};`,
      `CREATE TABLE t (a INT DEFAULT ${'('.repeat(10_000)}1${')'.repeat(10_000)});`,
      `CREATE TABLE t (a INT CHECK (${'NOT '.repeat(10_000)}a));`,
      `CREATE TABLE t (a INT CHECK (${Array.from({ length: 5_000 }, () => 'a').join(' AND ')}));`,
      `CREATE TABLE t (a INT CHECK (a${'::int'.repeat(5_000)} > 0));`,
      `CREATE VIEW v AS ${Array.from({ length: 5_000 }, () => 'SELECT 1').join(' UNION ')};`,
      `CREATE VIEW v AS SELECT 1 FROM ${Array.from({ length: 5_000 }, (_, i) => `t${i}`).join(', ')};`,
      `CREATE VIEW v AS SELECT ${'CASE WHEN 1 THEN '.repeat(2_000)}1${' END'.repeat(2_000)};`,
      `SELECT 1 ${'LIMIT (SELECT 1 '.repeat(40)}${')'.repeat(40)};`,
      `CREATE TABLE t (${Array.from({ length: 5_000 }, (_, i) => `c${i} INT`).join(', ')});`,
      `CREATE TABLE "${'x'.repeat(100_000)}" (a INT);`,
      `CREATE TABLE t (a TEXT DEFAULT '${"'".repeat(50_001)});`,
      `/*${' /*'.repeat(20_000)}`,
      `${'CREATE TRIGGER '.repeat(20_000)}`,
      `${'([a'.repeat(20_000)}`,
      `${"'".repeat(20_001)}`,
      `CREATE TABLE t (a TEXT DEFAULT 'a\u0000b');`,
      `CREATE TABLE "t\u0000" (a INT);`,
      `CREATE TABLE t (a INT); -- comment\u0000`,
      table.replace(/\n/g, '\r\n'),
      table.replace(/\n/g, '\r'),
      `CREATE TABLE t (\r\n  a TEXT -- x\rDROP TABLE t;\r\n);`,
      `\ufeff${table}`,
      mutate(table.repeat(50), [{ op: 'deep-parens', at: 7, to: 0, pick: 1 }]),
    ];
    for (const source of cases) checkInput(source, { from: 'auto' });
    for (const source of cases.filter((c) => c.length < 1000)) {
      for (const from of ['sqlite', 'duckdb'] as const) checkInput(source, { from });
    }
  });

  afterAll(() => {
    if (RUNS) console.log(`fuzz: ${outcomes.output + outcomes.errors} inputs, ${outcomes.output} translated, ${outcomes.errors} ended in error diagnostics, none threw or hung`);
  });
});
