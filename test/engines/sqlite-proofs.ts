/**
 * The SQLite → PostgreSQL proofs as functions of one generated case, shared by
 * test/proof-sqlite.test.ts (random cases) and test/proof-fixtures.test.ts
 * (the shrunk counterexamples kept in fixtures/proof-*). See the test file for
 * what each property states.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { ConversionError, convertColumn, convertValue, rowConverter } from '../../src/convert/index.js';
import type { DiagnosticCode } from '../../src/diagnostics/codes.js';
import type { PgTable } from '../../src/passes/postgres-model.js';
import { translate, type TranslateResult } from '../../src/translate.js';
import { pgLiteral, type PgOutcome, type PgSession, type SqliteEngine, type SqliteValue } from '../support/engines.js';
import { compareSqliteValue, sqliteOracle, type Oracle } from './equivalence.js';
import {
  columnsArb,
  expectedColumnCodes,
  expectsLooseTypes,
  modelTable,
  proofOptionsArb,
  reportedColumnCodes,
  schemaDdl,
  translateOptions,
  valueContext,
  type ColumnSpec,
  type ProofOptions,
  type TableSpec,
} from './sqlite-schemas.js';
import { valueArb, type Gen } from './sqlite-values.js';
import { cTableDdl, type CColumn, type CTable, type Insert } from './sqlite-constraints.js';
import { defaultColumnArb, type DefaultSpec } from './sqlite-defaults.js';

/** What the runs exercised, by outcome (printed with PROOF_STATS=1). */
export const stats = new Map<string, number>();
const count = (key: string, n = 1) => stats.set(key, (stats.get(key) ?? 0) + n);

// ---------------------------------------------------------------------------
// Shared checks
// ---------------------------------------------------------------------------

function translateOk(ddl: string, options: ProofOptions): TranslateResult {
  const result = translate(ddl, translateOptions(options));
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || result.sql === null || result.postgres === null) {
    throw new Error(`translation failed:\n${ddl}\n${errors.map((d) => `${d.code} ${d.message}`).join('\n')}`);
  }
  return result;
}

function pgTableOf(result: TranslateResult, name: string): PgTable {
  const t = result.postgres?.tables.find((x) => x.sourceName === name);
  if (!t) throw new Error(`no PostgreSQL table for ${name}`);
  return t;
}

/** The divergence codes reported on each column are exactly the predicted ones; SP115 exactly when predicted. */
function checkDiagnosticOracle(result: TranslateResult, tables: TableSpec[], options: ProofOptions): void {
  for (const t of tables) {
    const model = modelTable(result, t.name);
    for (const c of t.columns) {
      const reported = [...reportedColumnCodes(result, model, c.name)].sort();
      const expected = [...expectedColumnCodes(c, options)].sort();
      expect(reported, `divergence diagnostics on ${t.name}.${c.name} ${c.type.declared ?? '(no type)'}`).toEqual(expected);
    }
  }
  expect(result.diagnostics.some((d) => d.code === 'SP115'), 'SP115 reported').toBe(expectsLooseTypes(tables));
}

/** Whether the compiler announced `code` for this column (SP115: for the script). */
function announced(result: TranslateResult, table: string, column: string, code: DiagnosticCode | null): boolean {
  if (code === null) return false;
  // Said once per script, not at each column.
  if (code === 'SP115' || code === 'SP118') return result.diagnostics.some((d) => d.code === code);
  return reportedColumnCodes(result, modelTable(result, table), column).has(code);
}

const quote = (name: string) => `"${name}"`;

// ---------------------------------------------------------------------------
// 1. Round trip
// ---------------------------------------------------------------------------

export interface RoundTripTable {
  spec: TableSpec;
  rows: Gen[][];
}

export const roundTripArb = proofOptionsArb.chain((options) =>
  fc
    .array(
      fc.boolean().chain((strict) =>
        columnsArb(strict, 1, 5).chain((columns) => {
          const spec: TableSpec = { name: '', strict: strict && columns.length > 0, columns, constraints: [] };
          const ctx = valueContext(options, strict);
          const row = fc.tuple(...columns.map((c) => (c.rowid ? fc.option(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), { nil: null }).map((value): Gen => ({ value, expect: null })) : valueArb(c.type, ctx))));
          return fc.array(row, { maxLength: 10 }).map((rows): RoundTripTable => ({ spec, rows }));
        }),
      ),
      { minLength: 1, maxLength: 2 },
    )
    .map((tables) => ({ options, tables: tables.map((t, i) => ({ ...t, spec: { ...t.spec, name: `t${i}` } })) })),
);

interface StoredRow {
  gens: Gen[];
  values: SqliteValue[];
}

function storeInSqlite(sqlite: SqliteEngine, t: RoundTripTable): StoredRow[] {
  const names = t.spec.columns.map((c) => quote(c.name));
  const insert = `INSERT INTO ${t.spec.name} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`;
  const read = `SELECT ${names.join(', ')} FROM ${t.spec.name} WHERE rowid = last_insert_rowid()`;
  const stored: StoredRow[] = [];
  for (const gens of t.rows) {
    const error = sqlite.tryRun(insert, gens.map((g) => g.value));
    if (error !== null) {
      count('sqlite rejected row');
      continue;
    }
    stored.push({ gens, values: sqlite.all(read)[0] ?? [] });
  }
  return stored;
}

const TIME_KINDS = new Set(['timestamptz', 'timestamp', 'date', 'time']);

export async function roundTrip(sqlite: SqliteEngine, pg: PgSession, options: ProofOptions, tables: RoundTripTable[]): Promise<void> {
  const specs = tables.map((t) => t.spec);
  const ddl = schemaDdl(specs);
  const result = translateOk(ddl, options);
  checkDiagnosticOracle(result, specs, options);
  const where = (t: string, c: string, why: string) => `${t}.${c}: ${why}\nschema:\n${ddl}options: ${JSON.stringify(options)}`;

  sqlite.exec('BEGIN');
  let stored: StoredRow[][];
  try {
    sqlite.exec(ddl);
    stored = tables.map((t) => storeInSqlite(sqlite, t));
  } catch (error) {
    sqlite.exec('ROLLBACK');
    throw error;
  }

  // Convert with the library, as a data copy would; a value that cannot be converted must be announced.
  const statements: string[] = [];
  const pending: { table: TableSpec; row: StoredRow; index: number[] }[] = [];
  tables.forEach((t, ti) => {
    const converter = rowConverter(pgTableOf(result, t.spec.name), modelTable(result, t.spec.name));
    const index = converter.sourceColumns.map((name) => t.spec.columns.findIndex((c) => c.name === name));
    for (const row of stored[ti] ?? []) {
      const converted: (string | null)[] = [];
      let convertible = true;
      converter.targets.forEach((target, i) => {
        const ci = index[i] as number;
        const gen = row.gens[ci] as Gen;
        const column = t.spec.columns[ci] as ColumnSpec;
        try {
          converted.push(convertValue(row.values[ci], target));
        } catch (error) {
          if (!(error instanceof ConversionError)) throw error;
          convertible = false;
          count(`conversion refused ${error.code ?? 'null'}`);
          if (gen.expect === null || !announced(result, t.spec.name, column.name, error.code)) {
            throw new Error(where(t.spec.name, column.name, `${error.message}; generated as ${gen.expect ?? 'faithful'}, announced: ${String(announced(result, t.spec.name, column.name, error.code))}`), { cause: error });
          }
        }
      });
      if (!convertible) continue;
      const returning = converter.columns.map((c) => `${quote(c)}::text`).join(', ');
      statements.push(`INSERT INTO ${converter.table} (${converter.columns.map(quote).join(', ')}) VALUES (${converted.map(pgLiteral).join(', ')}) RETURNING json_build_array(${returning})`);
      pending.push({ table: t.spec, row, index });
    }
  });
  // SQLite's own reading of date/time values, while its tables exist.
  const oracles = pending.map((p) => p.row.values.map((v, i): Oracle | null => (TIME_KINDS.has(pgTableOf(result, p.table.name).columns.find((c) => c.sourceName === p.table.columns[i]?.name)?.valueType ?? '') ? sqliteOracle(sqlite.all, v) : null)));
  sqlite.exec('ROLLBACK');

  const outcomes = await pg.inRollback(() => pg.tryAll(statements), result.sql as string);

  outcomes.forEach((outcome, k) => {
    const { table, row, index } = pending[k] as (typeof pending)[number];
    const pgTable = pgTableOf(result, table.name);
    const divergent = row.gens
      .map((g, ci) => ({ g, column: table.columns[ci] as ColumnSpec }))
      .filter(({ g, column }) => g.expect !== null && announced(result, table.name, column.name, g.expect));
    if (!outcome.ok) {
      count(`postgres rejected ${outcome.code}`);
      if (divergent.length === 0) throw new Error(where(table.name, '*', `PostgreSQL rejected a faithful row: ${outcome.message}\nrow: ${String(statements[k])}`));
      return;
    }
    const pgRow = outcome.row ?? [];
    index.forEach((ci, i) => {
      const column = table.columns[ci] as ColumnSpec;
      const pgColumn = pgTable.columns.find((c) => c.sourceName === column.name);
      if (!pgColumn) throw new Error(`no PostgreSQL column for ${column.name}`);
      const gen = row.gens[ci] as Gen;
      const oracle = oracles[k]?.[ci] ?? { second: null, fracSeconds: null, date: null, time: null };
      const cmp = compareSqliteValue(pgColumn.valueType, pgColumn.type.sql, row.values[ci] ?? null, oracle, pgRow[i] ?? null);
      if (cmp.equal) {
        count(`equal ${pgColumn.valueType}`);
        return;
      }
      const permitted = cmp.permittedBy && gen.expect === cmp.permittedBy && announced(result, table.name, column.name, cmp.permittedBy);
      if (!permitted) throw new Error(where(table.name, column.name, `${pgColumn.type.sql} ${cmp.why}; generated as ${gen.expect ?? 'faithful'}`));
      count(`permitted ${cmp.permittedBy ?? ''}`);
    });
  });
}

// ---------------------------------------------------------------------------
// 2. Constraint agreement
// ---------------------------------------------------------------------------

/**
 * The PostgreSQL session runs these DDL in a time zone far from UTC, so that a
 * date/time literal in a CHECK or DEFAULT that the compiler did not pin to UTC
 * shows up. Values themselves are always sent with their zone (+00).
 */
const FAR_ZONE = "SET LOCAL TimeZone = 'Pacific/Chatham';";

const CONSTRAINT_OPTIONS: ProofOptions = { varchar: 'text', integers: 'faithful', timestamps: 'timestamptz', json: 'jsonb' };

function columnDiagnostics(result: TranslateResult, tableName: string, column: string): Set<DiagnosticCode> {
  const table = modelTable(result, tableName);
  const c = table.columns.find((x) => x.name === column);
  if (!c) return new Set();
  return new Set(result.diagnostics.filter((d) => d.span && d.span.start >= c.span.start && d.span.end <= c.span.end).map((d) => d.code));
}

function tableDiagnostics(result: TranslateResult, tableName: string): Set<DiagnosticCode> {
  const table = modelTable(result, tableName);
  return new Set(result.diagnostics.filter((d) => d.span && d.span.start >= table.span.start && d.span.end <= table.span.end).map((d) => d.code));
}

/** The table's expressions call upper() or lower(), and the compiler said that they fold more than ASCII. */
function foldsCase(result: TranslateResult, tableName: string): boolean {
  const table = modelTable(result, tableName);
  return result.diagnostics.some((d) => d.code === 'SP202' && /^(upper|lower)\(\)/.test(d.message) && d.span && d.span.start >= table.span.start && d.span.end <= table.span.end);
}

const nonAscii = (v: SqliteValue) => typeof v === 'string' && [...v].some((ch) => (ch.codePointAt(0) ?? 0) > 0x7f);

/**
 * The diagnostic that announced why SQLite and PostgreSQL disagree on this
 * insert, or null when none did.
 */
function announcedDisagreement(result: TranslateResult, table: CTable, insert: Insert, sqliteError: string | null, pg: PgOutcome): DiagnosticCode | null {
  const has = (column: CColumn, code: DiagnosticCode) => columnDiagnostics(result, table.name, column.name).has(code);
  const value = (column: CColumn) => insert.values[table.columns.indexOf(column)] ?? null;
  if (sqliteError === null && !pg.ok) {
    // SQLite assigns a rowid for an explicit NULL; a PostgreSQL identity column rejects it (SP304's explanation).
    if (pg.code === '23502' && table.columns.some((c) => value(c) === null && has(c, 'SP304'))) return 'SP304';
    // A non-integer PRIMARY KEY may hold NULL in SQLite (SP305).
    if (pg.code === '23502' && table.columns.some((c) => c.pk && value(c) === null && has(c, 'SP305'))) return 'SP305';
    if (pg.code === '23502' && table.constraints.some((k) => k.startsWith('PRIMARY KEY')) && tableDiagnostics(result, table.name).has('SP305')) return 'SP305';
  }
  // citext folds every Unicode letter, NOCASE only ASCII (SP112), in keys and comparisons.
  if (table.columns.some((c) => c.ckind === 'nocase' && nonAscii(value(c)) && has(c, 'SP112'))) return 'SP112';
  if (!pg.ok && pg.code === '23505' && table.columns.some((c) => c.ckind === 'nocase' && has(c, 'SP112'))) {
    return null;
  }
  // LIKE ignores ASCII case in SQLite; the translation says where it does not (SP205).
  if (table.columns.some((c) => c.check?.includes('LIKE') && has(c, 'SP205'))) return 'SP205';
  // upper()/lower() fold ASCII only in SQLite (SP202 on the call).
  if (foldsCase(result, table.name) && insert.values.some(nonAscii)) return 'SP202';
  return null;
}

export async function constraintAgreement(sqlite: SqliteEngine, pg: PgSession, tables: CTable[], inserts: Insert[]): Promise<void> {
  const ddl = `${tables.map(cTableDdl).join('\n')}\n`;
  const result = translateOk(ddl, CONSTRAINT_OPTIONS);

  sqlite.exec('BEGIN');
  let sqliteOutcomes: (string | null)[];
  try {
    sqlite.exec(ddl);
    sqliteOutcomes = inserts.map((ins) => {
      const t = tables[ins.table] as CTable;
      return sqlite.tryRun(`INSERT INTO ${t.name} (${t.columns.map((c) => c.name).join(', ')}) VALUES (${t.columns.map(() => '?').join(', ')})`, ins.values);
    });
  } finally {
    sqlite.exec('ROLLBACK');
  }

  const converters = tables.map((t) => rowConverter(pgTableOf(result, t.name), modelTable(result, t.name)));
  const statements = inserts.map((ins) => {
    const t = tables[ins.table] as CTable;
    const converter = converters[ins.table] as ReturnType<typeof rowConverter>;
    const row = Object.fromEntries(t.columns.map((c, i) => [c.name, ins.values[i]]));
    const values = converter.convert(row);
    return `INSERT INTO ${converter.table} (${converter.columns.map(quote).join(', ')}) VALUES (${values.map(pgLiteral).join(', ')}) RETURNING NULL::json`;
  });
  const pgOutcomes = await pg.inRollback(() => pg.tryAll(statements), `${FAR_ZONE}\n${result.sql as string}`);

  for (let k = 0; k < inserts.length; k++) {
    const sqliteError = sqliteOutcomes[k] ?? null;
    const pgOutcome = pgOutcomes[k] as PgOutcome;
    count(`insert ${sqliteError === null ? 'accepted' : 'rejected'}`);
    if ((sqliteError === null) === pgOutcome.ok) continue;
    const insert = inserts[k] as Insert;
    const table = tables[insert.table] as CTable;
    const code = announcedDisagreement(result, table, insert, sqliteError, pgOutcome);
    if (code !== null) {
      count(`disagreement announced by ${code}`);
      return; // the engines' states differ from here on
    }
    throw new Error(
      `insert #${k} into ${table.name} ${JSON.stringify(insert.values, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v instanceof Uint8Array ? `x'${Buffer.from(v).toString('hex')}'` : v))}: ` +
        `SQLite ${sqliteError === null ? 'accepted' : `rejected (${sqliteError})`}, PostgreSQL ${pgOutcome.ok ? 'accepted' : `rejected (${pgOutcome.code} ${pgOutcome.message})`}\n` +
        `statement: ${String(statements[k])}\nschema:\n${ddl}\nPostgreSQL:\n${String(result.sql)}`,
    );
  }
}

// ---------------------------------------------------------------------------
// 3. Defaults agreement
// ---------------------------------------------------------------------------

/** Time-based defaults: both engines read the clock within this many seconds. */
const TOLERANCE_S = 120;

/** Seconds since the epoch of a date/time text (either engine's form), or of a number of seconds. */
function instantSeconds(v: string): number | null {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(v.trim());
  if (!m) return null;
  let zone = m[3] ?? 'Z';
  if (/^[+-]\d{2}$/.test(zone)) zone = `${zone}:00`;
  const ms = Date.parse(`${m[1]}T${m[2] ?? '00:00:00'}${zone}`);
  return Number.isNaN(ms) ? null : ms / 1000;
}

function timeOfDaySeconds(v: string): number | null {
  const m = /^(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?$/.exec(v);
  return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0) : null;
}

const shape = (v: string) => v.replace(/\d/g, '9');

/** Compares the values of a time-based default; null when they agree. */
function compareTimeDefault(valueType: string, sqliteValue: SqliteValue, converted: string, pg: string): string | null {
  if (valueType === 'integer' || valueType === 'float' || valueType === 'numeric') {
    const a = Number(sqliteValue);
    const b = Number(pg);
    const scale = valueType === 'float' && a > 1e6 && a < 1e7 ? 86_400 : 1; // julianday('now') is in days
    return Math.abs(a - b) * scale <= TOLERANCE_S ? null : `${a} vs ${b}`;
  }
  if (valueType === 'time') {
    const a = timeOfDaySeconds(converted.replace(/\.\d+$/, ''));
    const b = timeOfDaySeconds(pg.replace(/\.\d+$/, ''));
    if (a === null || b === null) return `${converted} vs ${pg}`;
    const d = Math.abs(a - b) % 86_400;
    return Math.min(d, 86_400 - d) <= TOLERANCE_S ? null : `${converted} vs ${pg}`;
  }
  if (valueType === 'text' && shape(converted) !== shape(pg)) return `format: ${converted} vs ${pg}`;
  if (valueType === 'text' && /^\d{2}:\d{2}:\d{2}$/.test(pg)) return compareTimeDefault('time', sqliteValue, converted, pg);
  const a = instantSeconds(converted);
  const b = instantSeconds(pg);
  if (a === null || b === null) return `${converted} vs ${pg}`;
  const tolerance = valueType === 'date' || /^\d{4}-\d{2}-\d{2}$/.test(pg) ? 86_400 : TOLERANCE_S;
  return Math.abs(a - b) <= tolerance ? null : `${converted} vs ${pg}`;
}

export interface DefaultsCase {
  columns: DefaultSpec[];
  rowid: boolean;
}

export const defaultsArb: fc.Arbitrary<DefaultsCase> = fc.record({ columns: fc.array(defaultColumnArb, { minLength: 1, maxLength: 6 }), rowid: fc.boolean() });

export function defaultsTable(columns: DefaultSpec[], rowid: boolean): TableSpec {
  return {
    name: 't0',
    strict: false,
    columns: [
      ...(rowid ? [{ name: 'id', type: { kind: 'int', declared: 'INTEGER', bits: 32 } as const, rowid: true, notNull: false, extra: '' }] : []),
      ...columns.map((c, i): ColumnSpec => ({ name: `c${i}`, type: c.type, rowid: false, notNull: false, extra: `DEFAULT ${c.def.sql}` })),
    ],
    constraints: [],
  };
}

export async function defaultsAgreement(sqlite: SqliteEngine, pg: PgSession, c: DefaultsCase): Promise<void> {
  // Columns whose default the compiler refuses (an error diagnostic) are reported, and left out.
  let table = defaultsTable(c.columns, c.rowid);
  let result = translate(schemaDdl([table]), translateOptions(CONSTRAINT_OPTIONS));
  const refused = new Set<number>();
  for (const d of result.diagnostics.filter((x) => x.severity === 'error')) {
    const model = result.model ? modelTable(result, 't0') : null;
    const index = model?.columns.findIndex((col) => d.span && d.span.start >= col.span.start && d.span.end <= col.span.end) ?? -1;
    const spec = table.columns[index];
    if (!spec || spec.rowid) throw new Error(`translation error outside a default: ${d.code} ${d.message}\n${schemaDdl([table])}`);
    count(`default refused ${d.code}`);
    refused.add(c.columns.findIndex((_, i) => `c${i}` === spec.name));
  }
  const kept = c.columns.filter((_, i) => !refused.has(i));
  if (kept.length === 0) return;
  table = defaultsTable(kept, c.rowid);
  const ddl = schemaDdl([table]);
  result = translateOk(ddl, CONSTRAINT_OPTIONS);

  const names = table.columns.map((col) => col.name);
  sqlite.exec('BEGIN');
  let rows: SqliteValue[][];
  try {
    sqlite.exec(ddl);
    const error = sqlite.tryRun('INSERT INTO t0 DEFAULT VALUES') ?? sqlite.tryRun('INSERT INTO t0 DEFAULT VALUES');
    if (error !== null) throw new Error(`SQLite rejected a row of defaults: ${error}\n${ddl}`);
    rows = sqlite.all(`SELECT ${names.join(', ')} FROM t0 ORDER BY rowid`);
  } finally {
    sqlite.exec('ROLLBACK');
  }
  const pgTable = pgTableOf(result, 't0');
  // Inserted in a far time zone (so that defaults depending on the session's zone show); instants read back in UTC.
  const asText = (col: (typeof pgTable.columns)[number]) =>
    col.valueType === 'timestamptz' ? `to_char(${quote(col.name)} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00'` : `${quote(col.name)}::text`;
  const returning = `RETURNING json_build_array(${pgTable.columns.map(asText).join(', ')})`;
  const outcomes = await pg.inRollback(
    () => pg.tryAll([`INSERT INTO ${quote(pgTable.name)} DEFAULT VALUES ${returning}`, `INSERT INTO ${quote(pgTable.name)} DEFAULT VALUES ${returning}`]),
    `${FAR_ZONE}\n${result.sql as string}`,
  );
  const failed = outcomes.find((o): o is Extract<PgOutcome, { ok: false }> => !o.ok);
  if (failed) throw new Error(`PostgreSQL rejected a row of defaults that SQLite accepted: ${failed.message}\n${ddl}\n${String(result.sql)}`);
  const model = modelTable(result, 't0');
  const pgRows = outcomes.map((o) => (o.ok ? (o.row ?? []) : []));

  table.columns.forEach((col, ci) => {
    if (col.rowid) return;
    const spec = kept[c.rowid ? ci - 1 : ci] as DefaultSpec;
    const pgColumn = pgTable.columns.find((x) => x.sourceName === col.name);
    const source = model.columns.find((x) => x.name === col.name);
    if (!pgColumn || !source) throw new Error(`no column ${col.name}`);
    const target = convertColumn(pgColumn, source, model);
    // Defaults are known when the schema is translated: SP115 (a value of another type at load time) does not excuse them.
    const codes = columnDiagnostics(result, 't0', col.name);
    const where = `${col.name} ${col.type.declared ?? '(no type)'} DEFAULT ${spec.def.sql}`;
    const values = rows.map((row) => row[ci] ?? null);
    const pgValues = pgRows.map((row) => row[table.columns.indexOf(col)] ?? null);
    const converted: (string | null)[] = [];
    for (const v of values) {
      try {
        converted.push(convertValue(v, target));
      } catch (error) {
        if (!(error instanceof ConversionError)) throw error;
        if (error.code === null || error.code === 'SP115' || !codes.has(error.code)) {
          throw new Error(`${where}: SQLite's default ${String(v)} cannot be loaded (${error.message}), and the compiler did not say so on the column; PostgreSQL's default gives ${String(pgValues[0])}\n${String(result.sql)}`, { cause: error });
        }
        count(`default divergence announced by ${error.code}`);
        return;
      }
    }
    if (spec.def.mode === 'random') {
      const distinct = (xs: (string | null)[]) => xs[0] !== xs[1];
      if (!distinct(converted) || !distinct(pgValues)) throw new Error(`${where}: random defaults repeat (${converted.join(', ')} / ${pgValues.join(', ')})`);
      const numeric = ['integer', 'float', 'numeric'].includes(pgColumn.valueType);
      if (pgValues.some((v, i) => v === null || (numeric ? Number.isNaN(Number(v)) : v.length !== (converted[i] as string).length))) {
        throw new Error(`${where}: random defaults differ in form: SQLite ${converted.join(', ')} vs PostgreSQL ${pgValues.join(', ')}`);
      }
      if (pgColumn.valueType === 'text' && pgValues.some((v, i) => !/^[0-9a-f]*$/i.test(v ?? '') !== !/^[0-9a-f]*$/i.test(converted[i] ?? '') || (/[a-f]/.test(v ?? '') && /[A-F]/.test(converted[i] ?? '')) || (/[A-F]/.test(v ?? '') && /[a-f]/.test(converted[i] ?? '')))) {
        throw new Error(`${where}: random defaults differ in form: SQLite ${converted.join(', ')} vs PostgreSQL ${pgValues.join(', ')}`);
      }
      count('default random agrees');
      return;
    }
    if (spec.def.mode === 'time') {
      const why = compareTimeDefault(pgColumn.valueType, values[0] ?? null, converted[0] as string, pgValues[0] as string);
      if (why !== null) throw new Error(`${where}: time-based default disagrees: ${why}\n${String(result.sql)}`);
      count('default time agrees');
      return;
    }
    const cmp = compareSqliteValue(pgColumn.valueType, pgColumn.type.sql, values[0] ?? null, { second: null, fracSeconds: null, date: null, time: null }, pgValues[0] ?? null);
    const oracle = TIME_KINDS.has(pgColumn.valueType) ? sqliteOracle(sqlite.all, values[0] ?? null) : null;
    const cmp2 = oracle ? compareSqliteValue(pgColumn.valueType, pgColumn.type.sql, values[0] ?? null, oracle, pgValues[0] ?? null) : cmp;
    if (cmp2.equal) {
      count('default exact agrees');
      return;
    }
    const foldNote = result.diagnostics.some((d) => d.code === 'SP202' && /^(upper|lower)\(\)/.test(d.message) && d.span && d.span.start >= source.span.start && d.span.end <= source.span.end);
    if (foldNote) {
      count('default divergence announced by SP202');
      return;
    }
    if (cmp2.permittedBy && codes.has(cmp2.permittedBy)) {
      count(`default divergence announced by ${cmp2.permittedBy}`);
      return;
    }
    throw new Error(`${where}: SQLite stores ${String(values[0])}, PostgreSQL ${String(pgValues[0])} (${cmp2.why})\n${String(result.sql)}`);
  });
}

// ---------------------------------------------------------------------------
