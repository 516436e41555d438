/**
 * Runtime conformance of the emitted types (property-based): random tables
 * over the PostgreSQL types the compiler emits, applied on a live database;
 * random rows, each value first checked against the emitted Insert type, are
 * inserted and read back with the REAL `pg` driver (default type parsers plus
 * whatever the generated `registerTypeParsers` installs), and every value must
 * belong to the emitted Row type of its column. Once per option set.
 *
 * Engine: the server in DATABASE_URL (a pg.Client of its own, not the test
 * harness's pool, which parses values as PGlite does), else PGlite through
 * `@electric-sql/pglite/node-postgres`, which runs the same pg client code.
 * Each option set has its own schema, dropped at the end.
 * TS_CONFORMANCE_RUNS sets the runs per option set (default 25: 100 in all).
 */
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import pg from 'pg';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteIdent, quoteLiteral } from '../src/emit/postgres/quote.js';
import { renderTable } from '../src/emit/postgres/emit-sql.js';
import { generateTypes, type TypeScriptOptions } from '../src/emit/typescript/index.js';
import type { PgColumn, PgScript, PgTable } from '../src/passes/postgres-model.js';
import type { PgType } from '../src/passes/postgres-types.js';
import { ShapeChecker } from './support/ts-shapes.js';

const RUNS = Number(process.env.TS_CONFORMANCE_RUNS ?? 25);

type Base = (typeof BASES)[number];
const BASES = ['smallint', 'integer', 'bigint', 'numeric', 'double precision', 'real', 'boolean', 'text', 'citext', 'bytea', 'date', 'timestamp', 'timestamptz', 'time', 'interval', 'json', 'jsonb', 'uuid', 'varbit', 'enum', 'composite'] as const;

interface ColumnSpec {
  base: Base;
  array: boolean;
  notNull: boolean;
  /** CHECK (col IN (…)) values, for a scalar text column. */
  allowed: string[] | null;
}

const noNul = (s: string) => !s.includes('\0');
const text = fc.string({ unit: 'grapheme', maxLength: 12 }).filter(noNul);
const jsonOk = (v: unknown) => !JSON.stringify(v).includes('\\u0000'); // jsonb rejects \u0000
const jsonValue = fc.jsonValue({ maxDepth: 2 }).filter(jsonOk);
const date = fc.date({ min: new Date(Date.UTC(1000, 0, 1)), max: new Date(Date.UTC(9999, 0, 1)), noInvalidDate: true });
const isoDate = date.map((d) => d.toISOString().slice(0, 10));
const pad = (n: number) => String(n).padStart(2, '0');

/** Values of the INSERT type of each base type (what the emitted Insert types allow). */
function scalarValue(base: Base, enumValues: string[]): fc.Arbitrary<unknown> {
  switch (base) {
    case 'smallint':
      return fc.integer({ min: -32768, max: 32767 });
    case 'integer':
      return fc.integer();
    case 'bigint': {
      const big = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
      return fc.oneof(big, fc.integer(), big.map(String));
    }
    case 'numeric':
      return fc.oneof(fc.double(), fc.tuple(fc.bigInt(), fc.nat(6)).map(([n, s]) => `${n}.${'7'.repeat(s)}`));
    case 'double precision':
      return fc.double();
    case 'real':
      return fc.float({ min: Math.fround(-1e30), max: Math.fround(1e30), noNaN: true }).filter((x) => x === 0 || Math.abs(x) > 1e-30);
    case 'boolean':
      return fc.boolean();
    case 'text':
    case 'citext':
      return text;
    case 'bytea':
      return fc.uint8Array({ maxLength: 12 }).map((a) => Buffer.from(a));
    case 'date':
      return fc.oneof(date, isoDate);
    case 'timestamp':
    case 'timestamptz':
      return fc.oneof(date, date.map((d) => d.toISOString()));
    case 'time':
      return fc.tuple(fc.nat(23), fc.nat(59), fc.nat(59)).map(([h, m, s]) => `${pad(h)}:${pad(m)}:${pad(s)}`);
    case 'interval':
      return fc.tuple(fc.integer({ min: -999, max: 999 }), fc.nat(23), fc.nat(59)).map(([d, h, m]) => `${d} days ${h} hours ${m} minutes`);
    case 'json':
    case 'jsonb':
      return fc.oneof(fc.dictionary(text, jsonValue, { maxKeys: 3 }).filter(jsonOk), fc.integer(), fc.boolean(), jsonValue.map((v) => JSON.stringify(v)));
    case 'uuid':
      return fc.uuid();
    case 'varbit':
      return fc.array(fc.constantFrom('0', '1'), { maxLength: 10 }).map((b) => b.join(''));
    case 'enum':
      return fc.constantFrom(...enumValues);
    case 'composite': // a row literal: the Insert type of a composite column is its text
      return fc.tuple(fc.integer(), fc.stringMatching(/^[a-z]{0,5}$/)).map(([a, b]) => `(${a},${b})`);
  }
}

function columnValue(c: ColumnSpec, enumValues: string[]): fc.Arbitrary<unknown> {
  const scalar = c.allowed ? fc.constantFrom(...c.allowed) : scalarValue(c.base, enumValues);
  const value = c.array ? fc.array(scalar, { maxLength: 4 }) : scalar;
  return c.notNull ? value : fc.option(value, { nil: null, freq: 4 });
}

const columnSpec: fc.Arbitrary<ColumnSpec> = fc
  .record({ base: fc.constantFrom(...BASES), array: fc.boolean(), notNull: fc.boolean(), allowed: fc.option(fc.uniqueArray(text.filter((s) => s !== ''), { minLength: 1, maxLength: 3 }), { nil: null }) })
  .map((c) => ({ ...c, allowed: c.base === 'text' && !c.array ? c.allowed : null }));

const scenario = fc.record({
  columns: fc.array(columnSpec, { minLength: 1, maxLength: 8 }),
  enumValues: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }).filter(noNul), { minLength: 1, maxLength: 4 }),
  rowSeeds: fc.array(fc.integer(), { minLength: 1, maxLength: 3 }),
});

function pgType(sql: string, base: string, arrayDims: number): PgType {
  return { sql: arrayDims ? `${sql}[]` : sql, base, arrayDims, range: null, cardinality: null, extensions: [], collation: null };
}

function column(name: string, type: PgType, notNull: boolean, extra: Partial<PgColumn> = {}): PgColumn {
  return {
    name, sourceName: name, type, valueType: 'unknown', notNull, default: null, identity: null, generated: null,
    inlineConstraints: [], allowedValues: null, comment: null, span: { start: 0, end: 0 }, ...extra,
  };
}

/** A table (with an identity key) and its enum type, as the compiler's model has them. */
function schemaOf(run: number, columns: ColumnSpec[], enumValues: string[]): { script: PgScript; table: PgTable } {
  const enumName = `mood_${run}`;
  const compositeName = `pair_${run}`;
  const cols = [column('id', pgType('bigint', 'bigint', 0), true, { identity: 'BY DEFAULT', inlineConstraints: ['PRIMARY KEY'] })];
  columns.forEach((c, i) => {
    const name = `c${i}`;
    const named = c.base === 'enum' ? enumName : c.base === 'composite' ? compositeName : null;
    const type = named ? pgType(quoteIdent(named), quoteIdent(named), c.array ? 1 : 0) : pgType(c.base, c.base, c.array ? 1 : 0);
    const check = c.allowed ? [`CHECK (${name} IN (${c.allowed.map(quoteLiteral).join(', ')}))`] : [];
    cols.push(column(name, type, c.notNull, { allowedValues: c.allowed, inlineConstraints: check }));
  });
  const table: PgTable = {
    schema: null, name: `t_${run}`, sourceName: `t_${run}`, temporary: false, ifNotExists: false, columns: cols,
    constraints: [], foreignKeys: [], primaryKey: ['id'], comment: null, span: { start: 0, end: 0 },
  };
  const enums = columns.some((c) => c.base === 'enum') ? [{ schema: null, name: enumName, values: enumValues }] : [];
  const composites = columns.some((c) => c.base === 'composite') ? [{ name: compositeName, fields: [{ name: 'a', type: pgType('integer', 'integer', 0) }, { name: 'b', type: pgType('text', 'text', 0) }] }] : [];
  return { script: { statements: [], tables: [table], enums, composites, views: [] }, table };
}

/** Runs the generated `registerTypeParsers` (if any) against a registry private to one client. */
function typeParsers(source: string): pg.CustomTypesConfig {
  const local = new Map<number, (value: string) => unknown>();
  const registry = {
    getTypeParser: (oid: number, format: 'text' | 'binary' = 'text') => (format === 'text' ? local.get(oid) : undefined) ?? pg.types.getTypeParser(oid, format),
    setTypeParser: (oid: number, _format: 'text', parse: (value: string) => unknown) => void local.set(oid, parse),
  };
  if (source.includes('export function registerTypeParsers')) {
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
    const mod: { exports: { registerTypeParsers?: (types: typeof registry) => void } } = { exports: {} };
    new Function('exports', 'module', js)(mod.exports, mod);
    mod.exports.registerTypeParsers?.(registry);
  }
  return { getTypeParser: registry.getTypeParser as pg.CustomTypesConfig['getTypeParser'] };
}

let pglite: { close(): Promise<void> } | null = null;
let pgliteConfig: Record<string, unknown> | null = null;

async function connect(types: pg.CustomTypesConfig): Promise<pg.Client> {
  const url = process.env.DATABASE_URL;
  const client = url ? new pg.Client({ connectionString: url, types }) : new pg.Client({ ...(pgliteConfig ?? {}), types });
  await client.connect();
  return client;
}

beforeAll(async () => {
  if (process.env.DATABASE_URL) return;
  const [{ PGlite }, { citext }, { createPgConfig }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/contrib/citext'),
    import('@electric-sql/pglite/node-postgres'),
  ]);
  const db = await PGlite.create({ extensions: { citext } });
  pglite = db;
  pgliteConfig = { ...createPgConfig(db) };
});

afterAll(async () => {
  await pglite?.close();
});

const OPTION_SETS: Partial<TypeScriptOptions>[] = [
  {},
  { int8: 'number', numeric: 'number', date: 'string' },
  { int8: 'bigint', date: 'string' },
  { int8: 'bigint', numeric: 'number', flavor: 'kysely' },
];

describe('emitted types hold at runtime (pg driver, live PostgreSQL)', () => {
  for (const options of OPTION_SETS) {
    it(`options ${JSON.stringify(options)}`, async () => {
      const schema = `ts_conformance_${process.pid}_${randomBytes(4).toString('hex')}`;
      // Parsers do not depend on the schema: one client per option set.
      const probe = await generateTypes(schemaOf(0, [{ base: 'bigint', array: false, notNull: true, allowed: null }], ['a']).script, options);
      const client = await connect(typeParsers(probe));
      let run = 0;
      try {
        if (!process.env.DATABASE_URL) await client.query('CREATE EXTENSION IF NOT EXISTS citext');
        await client.query(`CREATE SCHEMA ${schema}`);
        await client.query(`SET search_path TO ${schema}, public`);
        await fc.assert(
          fc.asyncProperty(scenario, async ({ columns, enumValues, rowSeeds }) => {
            run += 1;
            const { script, table } = schemaOf(run, columns, enumValues);
            const source = await generateTypes(script, options);
            const shapes = new ShapeChecker(source);
            const rowType = shapes.databaseEntry(table.name).replace(/Table$/, 'Row');
            const rowProps = shapes.properties(rowType);
            const insertProps = shapes.properties(rowType.replace(/Row$/, 'Insert'));
            for (const e of script.enums) await client.query(`CREATE TYPE ${quoteIdent(e.name)} AS ENUM (${e.values.map(quoteLiteral).join(', ')})`);
            for (const c of script.composites) await client.query(`CREATE TYPE ${quoteIdent(c.name)} AS (${c.fields.map((f) => `${f.name} ${f.type.sql}`).join(', ')})`);
            await client.query(renderTable(table));
            try {
              for (const seed of rowSeeds) {
                const values = columns.map((c) => fc.sample(columnValue(c, enumValues), { seed, numRuns: 1 })[0]);
                values.forEach((v, i) => {
                  const p = insertProps.get(`c${i}`);
                  if (!p || !shapes.conforms(v, p.type)) throw new Error(`c${i}: ${show(v)} is not of the Insert type ${p?.type.getText()}`);
                });
                const names = columns.map((_, i) => `c${i}`);
                await client.query(`INSERT INTO ${table.name} (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})`, values);
              }
              const { rows } = await client.query<Record<string, unknown>>(`SELECT * FROM ${table.name} ORDER BY id`);
              expect(rows.length).toBe(rowSeeds.length);
              for (const row of rows) {
                expect(Object.keys(row).sort()).toEqual([...rowProps.keys()].sort());
                for (const [key, p] of rowProps) {
                  const ok = shapes.conforms(row[key], p.type);
                  if (!ok) throw new Error(`${key} (${table.columns.find((c) => c.name === key)?.type.sql}): pg returned ${show(row[key])}, not ${p.type.getText()}`);
                }
              }
            } finally {
              await client.query(`DROP TABLE ${table.name}`);
              for (const t of [...script.enums, ...script.composites]) await client.query(`DROP TYPE ${quoteIdent(t.name)}`);
            }
          }),
          { numRuns: RUNS },
        );
      } finally {
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
        await client.end();
      }
      expect(run).toBeGreaterThanOrEqual(RUNS);
    });
  }

  it('the checker rejects what the types exclude (the test can fail)', () => {
    const shapes = new ShapeChecker("export type E = 'a' | 'b';\nexport interface R { n: number; s: string | null; d: Date[]; e: E; b: Buffer }\n");
    const props = shapes.properties('R');
    const check = (key: string, v: unknown) => shapes.conforms(v, props.get(key)?.type ?? ts.factory.createKeywordTypeNode(ts.SyntaxKind.NeverKeyword));
    expect([check('n', 1), check('s', null), check('d', [new Date()]), check('e', 'a'), check('b', Buffer.from('x'))]).toEqual([true, true, true, true, true]);
    expect([check('n', '1'), check('s', undefined), check('d', ['2020-01-01']), check('e', 'c'), check('b', 'x')]).toEqual([false, false, false, false, false]);
  });
});

function show(v: unknown): string {
  if (v instanceof Date) return `Date ${v.toISOString()}`;
  if (Buffer.isBuffer(v)) return 'Buffer';
  return `${typeof v} ${JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x))}`;
}
