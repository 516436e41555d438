/**
 * Parsing time stays linear: for each input shape, 10× the input costs at
 * most 12× the time. A guard against PEG backtracking blow-ups (a rule that
 * re-parses what an alternative already parsed doubles per nesting level), not
 * a speed target: warmed up, garbage collected between runs, small and large
 * inputs interleaved, the fastest CPU times compared.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { syntheticSchema } from '../scripts/synthetic-schema.mjs';
import type { Dialect } from '../src/model/schema.js';
import { parseScript } from '../src/syntax/parse.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * The target is 10× input ≤ 12× time. On a shared 2-core machine with test
 * files running in parallel, CPU-time ratios still wander by 2×, so the unit
 * suite fails only past 30× — quadratic growth shows as ~100×, exponential
 * backtracking as far more — unless LINEARITY_STRICT=1 asks for the 12× target
 * (a quiet machine; see the fuzz script).
 */
const TARGET = 12;
const RATIO = process.env.LINEARITY_STRICT === '1' ? TARGET : 30;

/** CPU time of one parse in ms: other processes on a loaded machine do not count against it. */
function timeParse(text: string, dialect: Dialect): number {
  gc();
  const started = process.cpuUsage();
  parseScript(text, dialect);
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

/** The least interfered-with sample. */
function fastest(values: number[]): number {
  return Math.min(...values);
}

/** Fastest CPU time of the large input over the fastest of the small one. */
function growth(small: string, large: string, dialect: Dialect, samples: number): { ratio: number; small: number; large: number } {
  timeParse(small, dialect);
  timeParse(large, dialect);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < samples; i++) {
    a.push(timeParse(small, dialect));
    b.push(timeParse(large, dialect));
  }
  const s = fastest(a);
  const l = fastest(b);
  return { ratio: l / Math.max(s, 0.01), small: s, large: l };
}

const repeat = (n: number, make: (i: number) => string, sep = '\n'): string => Array.from({ length: n }, (_, i) => make(i)).join(sep);
const nest = (depth: number, template: string): string => {
  let s = '1';
  for (let i = 0; i < depth; i++) s = template.replace('X', s);
  return s;
};

interface Shape {
  name: string;
  dialect: Dialect;
  /** The input at scale n (n and 10n are compared). */
  make: (n: number) => string;
  n: number;
}

const SHAPES: Shape[] = [
  { name: 'SQLite schema (tables)', dialect: 'sqlite', make: (n) => syntheticSchema('sqlite', n), n: 60 },
  { name: 'DuckDB schema with nested types (tables)', dialect: 'duckdb', make: (n) => syntheticSchema('duckdb', n), n: 25 },
  { name: 'one long line: a CHECK with an IN list', dialect: 'sqlite', make: (n) => `CREATE TABLE t (a INT CHECK (a IN (${repeat(n, (i) => String(i), ', ')})));`, n: 2000 },
  { name: 'syntax error at the very end', dialect: 'sqlite', make: (n) => `${syntheticSchema('sqlite', n)}\nCREATE TABLE broken (a INT,`, n: 25 },
  { name: 'unclosed string at the end', dialect: 'sqlite', make: (n) => `${syntheticSchema('sqlite', n)}\nINSERT INTO t0 VALUES ('${'x'.repeat(n * 20)}`, n: 60 },
  { name: 'a long comment before a failing statement', dialect: 'sqlite', make: (n) => `CREATE /*${' comment'.repeat(n)} */ TABLE t a INT;`, n: 2000 },
  {
    name: 'nesting depth: subqueries with LIMIT',
    dialect: 'sqlite',
    make: (n) => repeat(100, () => `SELECT ${nest(n, '(SELECT 1 LIMIT X OFFSET 1)')};`),
    n: 3,
  },
  { name: 'nesting depth: function calls', dialect: 'sqlite', make: (n) => repeat(100, () => `SELECT ${nest(n, 'f(1, X)')};`), n: 4 },
  { name: 'nesting depth: CASE', dialect: 'sqlite', make: (n) => repeat(100, () => `SELECT ${nest(n, 'CASE WHEN X THEN X END')};`), n: 1 },
  { name: 'nesting depth: CAST and IN (SELECT)', dialect: 'duckdb', make: (n) => repeat(100, () => `SELECT ${nest(n, 'CAST(a IN (SELECT X) AS INT)')};`), n: 4 },
  { name: 'nesting depth: truncated subqueries', dialect: 'sqlite', make: (n) => repeat(100, () => `SELECT ${nest(n, '(SELECT X FROM t WHERE a = 1')}`), n: 4 },
];

describe('parsing time is linear in the input', () => {
  for (const shape of SHAPES) {
    it(`${shape.name}: 10× the input costs ≤ ${RATIO}× the time (target ${TARGET}×)`, () => {
      const small = shape.make(shape.n);
      const large = shape.make(shape.n * 10);
      expect(large.length).toBeGreaterThan(small.length * 5);
      let result = growth(small, large, shape.dialect, 3);
      // A noisy machine (parallel test files) can disturb one round: measure again, longer.
      if (result.ratio > RATIO) result = growth(small, large, shape.dialect, 7);
      expect(result.ratio, `small ${result.small.toFixed(1)} ms (${small.length} chars), large ${result.large.toFixed(1)} ms (${large.length} chars)`).toBeLessThanOrEqual(RATIO);
    }, 60_000);
  }
});
