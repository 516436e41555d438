/**
 * The parts of `schema-port copy` that need no database: the COPY text
 * format, the canonical forms and checksums of verification, the date/time
 * number ranges, and the command's usage errors.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertValue, dateTimeNumberKind, type ConvertColumn } from '../src/convert/index.js';
import { canonicalDecimal, canonicalizer, canonicalRow, Checksum, parseArrayLiteral, parseRecordLiteral } from '../src/copy/checksum.js';
import { copyLine, parseCopyLine } from '../src/copy/copy-text.js';
import { unwrapViewBody } from '../src/copy/duckdb-source.js';
import { Progress } from '../src/copy/progress.js';
import { CLI, ensureBuilt } from './support/workflow.js';

const column = (sql: string, valueType: ConvertColumn['valueType'], base = sql.replace(/\(.*$/, '').replace(/\[\]$/, '')): ConvertColumn => ({
  name: 'c',
  type: { sql, base, arrayDims: (sql.match(/\[\]/g) ?? []).length, range: null, cardinality: null, extensions: [], collation: null },
  valueType,
});

describe('COPY text format', () => {
  it('round-trips any row of text and NULLs', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.string({ unit: 'binary' }), { nil: null }), { minLength: 1, maxLength: 6 }), (values) => {
        const line = copyLine(values);
        expect(line.endsWith('\n')).toBe(true);
        expect(line.slice(0, -1)).not.toMatch(/[\n\r]/);
        expect(parseCopyLine(line.slice(0, -1))).toEqual(values);
      }),
    );
  });

  it('escapes backslashes, tabs and newlines, and writes NULL as \\N', () => {
    expect(copyLine(['a\tb', 'c\nd\re', '\\x00ff', null, ''])).toBe('a\\tb\tc\\nd\\re\t\\\\x00ff\t\\N\t\n');
    expect(parseCopyLine('\\b\\f\\v\\101\\x41')).toEqual(['\b\f\vAA']);
  });
});

describe('canonical forms (source value as converted = PostgreSQL output)', () => {
  it('numbers', () => {
    expect(canonicalDecimal('12.345', 2)).toBe('12.35');
    expect(canonicalDecimal('-0.005', 2)).toBe('-0.01');
    expect(canonicalDecimal('-0.004', 2)).toBe('0');
    expect(canonicalDecimal('1e+21', null)).toBe('1000000000000000000000');
    expect(canonicalDecimal('9.995', 2)).toBe('10');
    expect(canonicalDecimal('1.50', null)).toBe('1.5');
    expect(canonicalizer(column('real', 'float'))('0.10000000149011612')).toBe(canonicalizer(column('real', 'float'))('0.1'));
    expect(canonicalizer(column('double precision', 'float', 'double precision'))('1e+300')).toBe('1e+300');
  });

  it('shortcuts for values canonical by construction agree with the full form', () => {
    for (const scale of [null, 0, 2, 5]) {
      const numeric = canonicalizer(column(scale === null ? 'numeric' : `numeric(12,${scale})`, 'numeric'));
      fc.assert(
        fc.property(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }).map(String), fc.bigInt().map(String), fc.stringMatching(/^-?\d{1,5}(\.\d{0,7})?$/)), (text) => {
          expect(numeric(text)).toBe(canonicalDecimal(text, scale));
        }),
      );
    }
    const source = canonicalizer(column('double precision', 'float', 'double precision'), new Set(), 'source');
    const target = canonicalizer(column('double precision', 'float', 'double precision'));
    fc.assert(
      fc.property(fc.oneof(fc.double().map((d) => convertValue(d, column('double precision', 'float', 'double precision')) as string), fc.bigInt({ min: -(2n ** 60n), max: 2n ** 60n }).filter((b) => BigInt(Number(b)) === b).map(String)), (text) => {
        expect(source(text)).toBe(target(text));
      }),
    );
  });

  it('date/time fractions, booleans and JSON', () => {
    const ts = canonicalizer(column('timestamptz', 'timestamptz'));
    expect(ts('2024-01-02 03:04:05.120000+00')).toBe('2024-01-02 03:04:05.12+00');
    expect(ts('2024-01-02 03:04:05.000000+00 BC')).toBe('2024-01-02 03:04:05+00 BC');
    expect(ts('2024-01-01 00:00:00.123456789+00')).toBe('2024-01-01 00:00:00.123457+00');
    expect(ts('2024-01-01 00:00:00.1234565+00')).toBe('2024-01-01 00:00:00.123456+00');
    expect(canonicalizer(column('time', 'time'))('12:34:56.500000')).toBe('12:34:56.5');
    const bool = canonicalizer(column('boolean', 'boolean'));
    expect([bool('true'), bool('t'), bool('false')]).toEqual(['t', 't', 'f']);
    const json = canonicalizer(column('jsonb', 'json'));
    expect(json('{"b": 1, "a": [1, 2.50]}')).toBe(json('{"a":[1,2.5],"b":1}'));
  });

  it('arrays and composite values', () => {
    expect(parseArrayLiteral('{x,"y,z",NULL,"q\\"\\\\"}')).toEqual(['x', 'y,z', null, 'q"\\']);
    expect(parseArrayLiteral('{{1,2},{3,NULL}}')).toEqual([['1', '2'], ['3', null]]);
    expect(parseRecordLiteral('(1,"q""r",)')).toEqual(['1', 'q"r', null]);
    const ints = canonicalizer(column('integer[]', 'array', 'integer'));
    expect(ints('{"1",NULL,"3"}')).toBe(ints('{1,NULL,3}'));
  });

  it('checksums ignore row order and see every value', () => {
    const a = new Checksum();
    const b = new Checksum();
    for (const row of ['1\u0001x\u0001', '2\u0001y\u0001', '3\u0001z\u0001']) a.add(row);
    for (const row of ['3\u0001z\u0001', '1\u0001x\u0001', '2\u0001y\u0001']) b.add(row);
    expect(a.hex).toBe(b.hex);
    const d = new Checksum();
    d.addRow(['1', 'x'], [String, String]);
    d.addRow([null, 'y'], [String, String]);
    const e = new Checksum();
    e.add(canonicalRow(['1', 'x'], [String, String]));
    e.add(canonicalRow([null, 'y'], [String, String]));
    expect(d.hex).toBe(e.hex);
    const c = new Checksum();
    for (const row of ['3\u0001z\u0001', '1\u0001x\u0001', '2\u0001Y\u0001']) c.add(row);
    expect(c.hex).not.toBe(a.hex);
  });
});

describe('date/time numbers', () => {
  it('reads each number by its range; Unix milliseconds only when asked', () => {
    expect([dateTimeNumberKind(2460000.5), dateTimeNumberKind(1_700_000_000), dateTimeNumberKind(1_700_000_000_123), dateTimeNumberKind(1_700_000_000_123, true)]).toEqual([
      'julian-day',
      'unix-seconds',
      null,
      'unix-milliseconds',
    ]);
    const ts: ConvertColumn = { ...column('timestamptz', 'timestamptz'), unixMilliseconds: true };
    expect(convertValue(1_700_000_000_123n, ts)).toBe('2023-11-14 22:13:20.123000+00');
    expect(() => convertValue(1_700_000_000_123n, { ...ts, unixMilliseconds: false })).toThrow(/is not a date\/time value/);
  });
});

describe('DuckDB catalog views', () => {
  it('drops the parentheses DuckDB puts around a whole view body, and only those', () => {
    expect(unwrapViewBody('CREATE VIEW m AS (SELECT a FROM t UNION ALL SELECT b FROM u);')).toBe('CREATE VIEW m AS SELECT a FROM t UNION ALL SELECT b FROM u;');
    expect(unwrapViewBody("CREATE VIEW m AS (SELECT ')' FROM t) UNION ALL (SELECT 1);")).toBe("CREATE VIEW m AS (SELECT ')' FROM t) UNION ALL (SELECT 1);");
    expect(unwrapViewBody('CREATE VIEW m AS SELECT (1);')).toBe('CREATE VIEW m AS SELECT (1);');
  });
});

describe('progress', () => {
  it('draws a live line on a TTY and plain lines otherwise', () => {
    let tty = '';
    let plain = '';
    const table = { table: 't', source: 't', read: 10, written: 9, rejected: 1, bytes: 100, seconds: 2, resumed: false, checksum: '', verified: null };
    for (const [out, isTty] of [[(s: string) => void (tty += s), true], [(s: string) => void (plain += s), false]] as const) {
      const p = new Progress({ write: out }, isTty, false);
      p.update({ kind: 'table-start', table: 't', total: 10 });
      p.update({ kind: 'table-done', table });
    }
    expect(tty).toContain('\r\u001b[2Kt: 0/10 rows');
    expect(plain).toBe('t: 10 read, 9 written, 1 rejected in 2.0s (5 rows/s)\n');
  });
});

describe('schema-port copy: usage errors (exit 2, no server needed)', () => {
  let dir = '';
  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'schema-port-copy-usage-'));
    writeFileSync(join(dir, 'not-a-db.db'), 'hello');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) => spawnSync(process.execPath, [CLI, 'copy', ...args], { encoding: 'utf8' });

  it('a file that is no database', () => {
    const r = run(join(dir, 'not-a-db.db'), 'postgres://nobody@127.0.0.1:1/none');
    expect([r.status, r.stderr.trim()]).toEqual([2, `schema-port copy: ${join(dir, 'not-a-db.db')} is neither a SQLite nor a DuckDB database file`]);
  });

  it('a missing file, and a bad option value', () => {
    expect(run(join(dir, 'missing.db'), 'postgres://x@127.0.0.1:1/y').status).toBe(2);
    const r = run('a.db', 'postgres://x@127.0.0.1:1/y', '--if-exists', 'merge');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--if-exists <action>' argument 'merge' is invalid/);
  });
});
