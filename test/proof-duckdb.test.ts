/**
 * Proof against live engines, DuckDB → PostgreSQL: same rows in, same rows out.
 *
 * Real DuckDB (@duckdb/node-api, in memory, TimeZone UTC) and real PostgreSQL
 * (the DATABASE_URL server, else PGlite) side by side, on random tables over
 * the DuckDB types in test/engines/duckdb-kinds.ts:
 *
 *  1. Round trip: rows DuckDB accepts are read back as node-api values,
 *     converted with the library's `rowConverter` (dialect duckdb), inserted
 *     into PostgreSQL, and each engine's rendering of the value compared
 *     (integers and decimals exact, FLOAT as 4-byte floats, DOUBLE bit-exact,
 *     instants in microseconds, intervals as months/days/µs, nested values as
 *     JSON). TIMESTAMP_NS loses its nanoseconds, as SP603 says.
 *  2. Constraint agreement: NULL in NOT NULL, duplicate keys, CHECK failures,
 *     dangling foreign keys, values out of range for DuckDB's unsigned and
 *     small types, invalid dates and enum labels: DuckDB accepts ⇔ PostgreSQL
 *     accepts.
 *  3. Defaults agreement: a row of defaults holds equivalent values (time-based
 *     ones within a tolerance, uuid ones valid and distinct).
 *
 * Runs: see test/engines/runs.ts (≥ 300 per property with CI set).
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { rowConverter } from '../src/convert/index.js';
import type { Table } from '../src/model/schema.js';
import { translate, type TranslateResult } from '../src/translate.js';
import { closeDatabases } from './support/database.js';
import { openDuckdb, pgLiteral, withPostgres, type DuckdbEngine, type PgOutcome, type PgSession } from './support/engines.js';
import { DUCK_KIND, DUCK_KINDS, type DuckKind } from './engines/duckdb-kinds.js';
import { ENGINE, proofParameters, proofRuns, proofTimeout } from './engines/runs.js';

/** A time zone far from UTC with a 45-minute offset: a value read in the wrong zone cannot pass for right. */
const FAR_ZONE = 'Pacific/Chatham';

afterAll(async () => {
  await closeDatabases();
});

const stats = new Map<string, number>();
const count = (key: string) => stats.set(key, (stats.get(key) ?? 0) + 1);
afterAll(() => {
  if (process.env.PROOF_STATS === '1') console.log(`[proof-duckdb ${ENGINE}]`, Object.fromEntries([...stats].sort()));
});

const RUNS = proofRuns({ server: 100, pglite: 40 });

function translateOk(ddl: string): TranslateResult {
  const result = translate(ddl, { from: 'duckdb', fileName: 'proof.sql' });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || !result.sql || !result.postgres) throw new Error(`translation failed:\n${ddl}\n${errors.map((d) => `${d.code} ${d.message}`).join('\n')}`);
  return result;
}

function modelTable(result: TranslateResult, name: string): Table {
  const t = result.model?.elements.find((e): e is Table => e.kind === 'table' && e.name.name === name);
  if (!t) throw new Error(`no model table ${name}`);
  return t;
}

const pgTable = (result: TranslateResult, name: string) => {
  const t = result.postgres?.tables.find((x) => x.sourceName === name);
  if (!t) throw new Error(`no PostgreSQL table ${name}`);
  return t;
};

/**
 * DuckDB runs each case in autocommit mode, then drops what it created: in a
 * DuckDB transaction the first failing INSERT aborts the whole transaction,
 * where SQLite and PostgreSQL undo just the statement.
 */
async function inDuckScratch<T>(duck: DuckdbEngine, fn: () => Promise<T>): Promise<T> {
  const clean = () => duck.exec('DROP TABLE IF EXISTS t2; DROP TABLE IF EXISTS t1; DROP TABLE IF EXISTS t0; DROP SEQUENCE IF EXISTS seq;');
  await clean();
  try {
    return await fn();
  } finally {
    await clean();
  }
}

/** A diagnostic with this code was reported on column `column` of the table. */
function reportedOn(result: TranslateResult, table: Table, column: string, code: string): boolean {
  const c = table.columns.find((x) => x.name === column);
  return Boolean(c && result.diagnostics.some((d) => d.code === code && d.span && d.span.start >= c.span.start && d.span.end <= c.span.end));
}

// ---------------------------------------------------------------------------
// 1. Round trip
// ---------------------------------------------------------------------------

const roundTripArb = fc
  .array(fc.nat(DUCK_KINDS.length - 1), { minLength: 1, maxLength: 4 })
  .chain((kinds) =>
    fc
      .array(fc.tuple(...kinds.map((k) => fc.option((DUCK_KINDS[k] as DuckKind).values, { nil: null, freq: 6 }))), { maxLength: 6 })
      .map((rows) => ({ types: kinds.map((k) => (DUCK_KINDS[k] as DuckKind).ddl), rows })),
  );

async function roundTrip(duck: DuckdbEngine, pg: PgSession, kinds: DuckKind[], rows: (string | null)[][]): Promise<void> {
  const ddl = `CREATE TABLE t0 (${kinds.map((k, i) => `c${i} ${k.ddl}`).join(', ')});\n`;
  const result = translateOk(ddl);
  const names = kinds.map((_, i) => `c${i}`);
  const { values, shown } = await inDuckScratch(duck, async () => {
    await duck.exec(ddl);
    for (const row of rows) {
      const error = await duck.tryRun(`INSERT INTO t0 VALUES (${row.map((v) => v ?? 'NULL').join(', ')})`);
      count(error === null ? 'duckdb stored row' : 'duckdb rejected row');
    }
    return {
      values: await duck.all(`SELECT ${names.join(', ')} FROM t0 ORDER BY rowid`),
      shown: await duck.all(`SELECT ${kinds.map((k, i) => (k.duck ?? ((c: string) => `CAST(${c} AS VARCHAR)`))(`c${i}`)).join(', ')} FROM t0 ORDER BY rowid`),
    };
  });
  const table = pgTable(result, 't0');
  const converter = rowConverter(table, modelTable(result, 't0'), { dialect: 'duckdb' });
  const returning = kinds.map((k, i) => (k.pg ?? ((c: string) => `${c}::text`))(`"${table.columns[i]?.name ?? `c${i}`}"`)).join(', ');
  const statements = values.map((row) => {
    const converted = converter.convert(row);
    return `INSERT INTO ${converter.table} VALUES (${converted.map(pgLiteral).join(', ')}) RETURNING json_build_array(${returning})`;
  });
  const outcomes = await pg.inRollback(() => pg.tryAll(statements), result.sql as string);
  outcomes.forEach((o, r) => {
    if (!o.ok) throw new Error(`PostgreSQL rejected a row DuckDB stored: ${o.message}\n${String(statements[r])}\n${ddl}${String(result.sql)}`);
    kinds.forEach((k, i) => {
      const d = shown[r]?.[i];
      const p = o.row?.[i] ?? null;
      const duckText = d === null || d === undefined ? null : String(d);
      if (duckText === null || p === null) {
        if (duckText !== p) throw new Error(`c${i} ${k.ddl}: ${String(duckText)} vs ${String(p)}\n${String(statements[r])}`);
        return;
      }
      if ((k.same ?? ((a: string, b: string) => a === b))(duckText, p)) {
        count(`equal ${k.ddl}`);
        return;
      }
      if (k.permittedBy && reportedOn(result, modelTable(result, 't0'), `c${i}`, k.permittedBy)) {
        count(`announced ${k.permittedBy}`);
        return;
      }
      throw new Error(`c${i} ${k.ddl}: DuckDB ${duckText} vs PostgreSQL ${p}\n${String(statements[r])}\n${String(result.sql)}`);
    });
  });
}

// ---------------------------------------------------------------------------
// 2. Constraint agreement
// ---------------------------------------------------------------------------

const KEYED = DUCK_KINDS.filter((k) => k.pool);

interface CColumn {
  /** The DuckKind's DDL (the counterexample stays readable). */
  type: string;
  notNull: boolean;
  unique: boolean;
  check: string | null;
  references: string | null;
}

interface CTable {
  name: string;
  columns: CColumn[];
  /** Column 0 is the PRIMARY KEY. */
  pk: boolean;
}

const constraintArb = fc
  .array(
    fc.record({
      pk: fc.boolean(),
      columns: fc.array(
        fc.record({ kind: fc.constantFrom(...KEYED), notNull: fc.nat(3).map((n) => n === 0), unique: fc.nat(3).map((n) => n === 0), check: fc.option(fc.nat(5), { nil: null }), fk: fc.option(fc.nat(5), { nil: null, freq: 2 }) }),
        { minLength: 1, maxLength: 3 },
      ),
    }),
    { minLength: 1, maxLength: 3 },
  )
  .map((draws) => {
    const tables: CTable[] = [];
    draws.forEach((d, ti) => {
      const targets = tables.filter((t) => t.pk);
      tables.push({
        name: `t${ti}`,
        pk: d.pk,
        columns: d.columns.map((c, ci) => {
          const target = c.fk !== null && targets.length > 0 && !(d.pk && ci === 0) ? targets[c.fk % targets.length] : undefined;
          const kind = target ? (DUCK_KIND.get((target.columns[0] as CColumn).type) as DuckKind) : c.kind;
          const checks = kind.checks ?? [];
          return {
            type: kind.ddl,
            notNull: c.notNull,
            unique: c.unique && !(d.pk && ci === 0),
            check: c.check !== null && checks.length > 0 ? (checks[c.check % checks.length] as (x: string) => string)(`c${ci}`) : null,
            references: target ? target.name : null,
          };
        }),
      });
    });
    return tables;
  })
  .chain((tables) =>
    fc
      .array(
        fc.nat(tables.length - 1).chain((ti) =>
          fc
            .tuple(
              ...(tables[ti] as CTable).columns.map((c) => {
                const kind = DUCK_KIND.get(c.type) as DuckKind;
                return fc.oneof({ weight: 1, arbitrary: fc.constant('NULL') }, { weight: 6, arbitrary: fc.constantFrom(...(kind.pool as string[])) }, { weight: kind.invalid ? 1 : 0, arbitrary: kind.invalid ?? fc.constant('NULL') });
              }),
            )
            .map((values) => ({ table: ti, values })),
        ),
        { minLength: 1, maxLength: 12 },
      )
      .map((inserts) => ({ tables, inserts })),
  );

function cDdl(tables: CTable[]): string {
  return tables
    .map((t) => {
      const cols = t.columns.map((c, i) =>
        [`c${i} ${c.type}`, t.pk && i === 0 ? 'PRIMARY KEY' : '', c.notNull ? 'NOT NULL' : '', c.unique ? 'UNIQUE' : '', c.check ? `CHECK (${c.check})` : '', c.references ? `REFERENCES ${c.references} (c0)` : '']
          .filter(Boolean)
          .join(' '),
      );
      return `CREATE TABLE ${t.name} (${cols.join(', ')});`;
    })
    .join('\n');
}

/** A DuckDB literal as PostgreSQL reads it: BLOB casts become bytea, everything else is the same text. */
function pgValue(duckLiteral: string): string {
  return duckLiteral.replace(/'((?:\\x[0-9a-f]{2})*)'::BLOB/gi, (_, hex: string) => `'\\x${hex.replace(/\\x/g, '')}'::bytea`);
}

async function constraintAgreement(duck: DuckdbEngine, pg: PgSession, tables: CTable[], inserts: { table: number; values: string[] }[]): Promise<void> {
  const ddl = `${cDdl(tables)}\n`;
  const result = translate(ddl, { from: 'duckdb', fileName: 'proof.sql' });
  const refusal = result.diagnostics.find((d) => d.severity === 'error');
  if (refusal) {
    // The compiler refuses loudly (e.g. SP312: a foreign key between two inline ENUM types).
    count(`schema refused ${refusal.code}`);
    return;
  }
  const sql = inserts.map((ins) => `INSERT INTO ${(tables[ins.table] as CTable).name} VALUES (${ins.values.join(', ')})`);
  const duckOutcomes = await inDuckScratch(duck, async () => {
    await duck.exec(ddl);
    const out: (string | null)[] = [];
    for (const s of sql) out.push(await duck.tryRun(s));
    return out;
  });
  const pgStatements = inserts.map((ins) => {
    const t = pgTable(result, (tables[ins.table] as CTable).name);
    return `INSERT INTO ${t.name} VALUES (${ins.values.map(pgValue).join(', ')}) RETURNING NULL::json`;
  });
  const pgOutcomes = await pg.inRollback(() => pg.tryAll(pgStatements), `SET LOCAL TimeZone = 'UTC';\n${result.sql as string}`);
  inserts.forEach((_, k) => {
    const d = duckOutcomes[k] ?? null;
    const p = pgOutcomes[k] as PgOutcome;
    count(`insert ${d === null ? 'accepted' : 'rejected'}`);
    if ((d === null) !== p.ok) {
      throw new Error(
        `insert #${k}: ${String(sql[k])}\nDuckDB ${d === null ? 'accepted' : `rejected (${d.split('\n')[0]})`}, PostgreSQL ${p.ok ? 'accepted' : `rejected (${p.code} ${p.message})`}\n${ddl}\n${String(result.sql)}`,
      );
    }
  });
}

// ---------------------------------------------------------------------------
// 3. Defaults agreement
// ---------------------------------------------------------------------------

interface DuckDefault {
  ddl: string;
  def: string;
  mode: 'exact' | 'time' | 'random';
}

const TIME_DEFAULTS: DuckDefault[] = [
  { ddl: 'TIMESTAMP', def: 'current_timestamp', mode: 'time' },
  { ddl: 'TIMESTAMPTZ', def: 'now()', mode: 'time' },
  { ddl: 'TIMESTAMP', def: 'now()', mode: 'time' },
  { ddl: 'DATE', def: 'current_date', mode: 'time' },
  { ddl: 'UUID', def: 'uuid()', mode: 'random' },
  { ddl: 'UUID', def: 'gen_random_uuid()', mode: 'random' },
  { ddl: 'BIGINT', def: "nextval('seq')", mode: 'exact' },
  { ddl: 'DOUBLE', def: 'random()', mode: 'random' },
];

const defaultArb: fc.Arbitrary<DuckDefault> = fc.oneof(
  fc
    .constantFrom(...DUCK_KINDS.filter((k) => !k.ddl.startsWith('UNION') && !k.ddl.startsWith('MAP')))
    .chain((kind) => kind.values.map((v): DuckDefault => ({ ddl: kind.ddl, def: v, mode: 'exact' }))),
  fc.constantFrom(...TIME_DEFAULTS),
);

async function defaultsAgreement(duck: DuckdbEngine, pg: PgSession, defaults: DuckDefault[]): Promise<void> {
  const ddl = `CREATE SEQUENCE seq;\nCREATE TABLE t0 (${defaults.map((d, i) => `c${i} ${d.ddl} DEFAULT ${d.def}`).join(', ')});\n`;
  const kindOf = (d: DuckDefault) => (d.mode === 'exact' ? DUCK_KIND.get(d.ddl) : undefined);
  const duckShown = (d: DuckDefault, c: string) => (kindOf(d)?.duck ?? (d.mode === 'time' && d.ddl !== 'DATE' ? (x: string) => `CAST(epoch_us(${x}) AS VARCHAR)` : (x: string) => `CAST(${x} AS VARCHAR)`))(c);
  const pgShown = (d: DuckDefault, c: string) => (kindOf(d)?.pg ?? (d.mode === 'time' && d.ddl !== 'DATE' ? (x: string) => `(extract(epoch FROM ${x}) * 1000000)::numeric(30,0)::text` : (x: string) => `${x}::text`))(c);
  // Both engines in a far time zone (the same one): zone-less literals of TIMESTAMP columns must still be UTC
  // (SP602), and those of TIMESTAMPTZ columns read in the session's zone on both sides.
  const duckRows = await inDuckScratch(duck, async () => {
    await duck.exec(`SET TimeZone = '${FAR_ZONE}'`);
    try {
      const error = await duck.tryRun(ddl);
      if (error !== null) return null; // a literal DuckDB itself rejects as a default (e.g. a cast it cannot fold)
      await duck.exec('INSERT INTO t0 DEFAULT VALUES; INSERT INTO t0 DEFAULT VALUES;');
      return await duck.all(`SELECT ${defaults.map((d, i) => duckShown(d, `c${i}`)).join(', ')} FROM t0 ORDER BY rowid`);
    } finally {
      await duck.exec('RESET TimeZone');
    }
  });
  if (duckRows === null) {
    count('default rejected by DuckDB');
    return;
  }
  const result = translate(ddl, { from: 'duckdb', fileName: 'proof.sql' });
  if (result.diagnostics.some((d) => d.severity === 'error')) {
    count('default refused by the compiler');
    return;
  }
  const table = pgTable(result, 't0');
  const returning = `RETURNING json_build_array(${defaults.map((d, i) => pgShown(d, `"${table.columns[i]?.name ?? `c${i}`}"`)).join(', ')})`;
  let outcomes: PgOutcome[];
  try {
    outcomes = await pg.inRollback(
    () => pg.tryAll([`INSERT INTO ${table.name} DEFAULT VALUES ${returning}`, `INSERT INTO ${table.name} DEFAULT VALUES ${returning}`]),
    `SET LOCAL TimeZone = '${FAR_ZONE}';\n${result.sql as string}`,
    );
  } catch (error) {
    // A function passed through untranslated (SP201, a warning) that PostgreSQL does not have.
    if (result.diagnostics.some((d) => d.code === 'SP201') && /function .* does not exist/.test((error as Error).message)) {
      count('default announced by SP201');
      return;
    }
    throw error;
  }
  const pgRows = outcomes.map((o) => {
    if (!o.ok) throw new Error(`PostgreSQL rejected a row of defaults DuckDB accepted: ${o.message}\n${ddl}\n${String(result.sql)}`);
    return o.row ?? [];
  });
  defaults.forEach((d, i) => {
    const duckValues = duckRows.map((r) => (r[i] === null || r[i] === undefined ? null : String(r[i])));
    const pgValues = pgRows.map((r) => r[i] ?? null);
    const where = `c${i} ${d.ddl} DEFAULT ${d.def}: DuckDB ${duckValues.join(', ')} vs PostgreSQL ${pgValues.join(', ')}\n${String(result.sql)}`;
    if (d.mode === 'random') {
      if (duckValues[0] === duckValues[1] || pgValues[0] === pgValues[1] || pgValues.some((v) => v === null)) throw new Error(`random default repeats: ${where}`);
      if (d.ddl === 'UUID' && !pgValues.every((v) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(v ?? ''))) throw new Error(`not a random UUID: ${where}`);
      count('default random agrees');
      return;
    }
    if (d.mode === 'time') {
      const [a, b] = [duckValues[0], pgValues[0]];
      const close = d.ddl === 'DATE' ? Math.abs(Date.parse(a ?? '') - Date.parse(b ?? '')) <= 86_400_000 : Math.abs(Number(a) - Number(b)) <= 120_000_000;
      if (!close && reportedOn(result, modelTable(result, 't0'), `c${i}`, 'SP620')) {
        count('default time announced by SP620');
        return;
      }
      if (!close) throw new Error(`time-based default disagrees: ${where}`);
      count('default time agrees');
      return;
    }
    const same = kindOf(d)?.same ?? ((x: string, y: string) => x === y);
    if (!duckValues.every((v, r) => (v === null ? pgValues[r] === null : pgValues[r] !== null && same(v, pgValues[r] as string)))) {
      const permittedBy = kindOf(d)?.permittedBy;
      if (permittedBy && reportedOn(result, modelTable(result, 't0'), `c${i}`, permittedBy)) {
        count(`default announced by ${permittedBy}`);
        return;
      }
      throw new Error(`default disagrees: ${where}`);
    }
    count('default exact agrees');
  });
}

// ---------------------------------------------------------------------------

describe(`DuckDB → PostgreSQL proofs (${ENGINE})`, () => {
  const withEngines = async (body: (duck: DuckdbEngine, pg: PgSession) => Promise<void>) => {
    const duck = await openDuckdb();
    try {
      await duck.exec("SET TimeZone = 'UTC'");
      await withPostgres((pg) => body(duck, pg));
    } finally {
      duck.close();
    }
  };

  it(
    'round trip: rows DuckDB stores come back from PostgreSQL equal',
    () => withEngines((duck, pg) => fc.assert(fc.asyncProperty(roundTripArb, ({ types, rows }) => roundTrip(duck, pg, types.map((t) => DUCK_KIND.get(t) as DuckKind), rows)), proofParameters(RUNS))),
    proofTimeout(RUNS, { server: 60, pglite: 200 }),
  );

  it(
    'constraint agreement: DuckDB accepts a row ⇔ PostgreSQL accepts it',
    () => withEngines((duck, pg) => fc.assert(fc.asyncProperty(constraintArb, ({ tables, inserts }) => constraintAgreement(duck, pg, tables, inserts)), proofParameters(RUNS))),
    proofTimeout(RUNS, { server: 60, pglite: 200 }),
  );

  it(
    'defaults agreement: a row of defaults holds equivalent values on both engines',
    () =>
      withEngines((duck, pg) =>
        fc.assert(fc.asyncProperty(fc.array(defaultArb, { minLength: 1, maxLength: 5 }), (defaults) => defaultsAgreement(duck, pg, defaults)), proofParameters(RUNS)),
      ),
    proofTimeout(RUNS, { server: 60, pglite: 200 }),
  );

  // Found by the defaults proof: a zone-less TIMESTAMP literal was read in the session's time zone.
  it('reads a TIMESTAMP literal in a DuckDB DEFAULT as UTC (SP602), whatever the session time zone', async () => {
    const result = translateOk("CREATE TABLE t0 (c0 TIMESTAMP DEFAULT TIMESTAMP '2024-01-01 10:00:00');\n");
    await withPostgres((pg) =>
      pg.inRollback(async () => {
        const [o] = await pg.tryAll(['INSERT INTO t0 DEFAULT VALUES RETURNING to_json(extract(epoch FROM c0))']);
        expect(o).toEqual({ ok: true, row: 1704103200 });
      }, `SET LOCAL TimeZone = '${FAR_ZONE}';\n${result.sql as string}`),
    );
  });

  it('has a kind for every family of DuckDB types', () => {
    expect(DUCK_KINDS.map((k) => k.ddl.replace(/\(.*$/, '').replace(/\[.*$/, '[]'))).toEqual(
      expect.arrayContaining(['TINYINT', 'UTINYINT', 'UHUGEINT', 'FLOAT', 'DOUBLE', 'DECIMAL', 'VARCHAR', 'BLOB', 'BOOLEAN', 'DATE', 'TIME', 'TIMESTAMP', 'TIMESTAMP_NS', 'TIMESTAMPTZ', 'INTERVAL', 'UUID', 'JSON', 'ENUM', 'INTEGER[]', 'STRUCT', 'MAP', 'UNION', 'BIT']),
    );
  });
});
