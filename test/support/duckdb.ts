/**
 * DuckDB as the oracle: an in-memory engine (@duckdb/node-api), what its
 * catalog says a script declared, and a rendering of schema-port's semantic
 * types in DuckDB's own spelling (`duckdb_columns().data_type`) to compare
 * the two. The rendering is written independently of the front end on
 * purpose: it is what the front end is checked against.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { expect } from 'vitest';
import type { SchemaModel, Table } from '../../src/model/schema.js';
import type { TranslateResult } from '../../src/translate.js';
import type { SemanticType } from '../../src/model/semantic-type.js';

export interface DuckDb {
  /** Runs a script of one or more statements. */
  run(sql: string): Promise<void>;
  all<R = Record<string, unknown>>(sql: string): Promise<R[]>;
  /** Prepares one statement without running it (binds and checks it; parameters stay unbound). */
  prepare(sql: string): Promise<void>;
  close(): void;
}

/** A fresh in-memory DuckDB whose session time zone is UTC. */
export async function openDuckdb(): Promise<DuckDb> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection: DuckDBConnection = await instance.connect();
  const db: DuckDb = {
    async run(sql) {
      await connection.run(sql);
    },
    async all<R>(sql: string) {
      const reader = await connection.runAndReadAll(sql);
      return reader.getRowObjectsJson() as R[];
    },
    async prepare(sql) {
      await connection.prepare(sql);
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
  await db.run("SET TimeZone = 'UTC'");
  return db;
}

export async function withDuckdb<T>(fn: (db: DuckDb) => Promise<T>): Promise<T> {
  const db = await openDuckdb();
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------
// Catalog

export interface DuckColumn {
  table_name: string;
  schema_name: string;
  column_name: string;
  column_index: number;
  data_type: string;
  is_nullable: boolean;
}

export interface DuckConstraint {
  schema_name: string;
  table_name: string;
  constraint_type: 'PRIMARY KEY' | 'UNIQUE' | 'CHECK' | 'FOREIGN KEY' | 'NOT NULL';
  constraint_column_names: string[];
  referenced_table: string | null;
  referenced_column_names: string[] | null;
}

export interface DuckType {
  schema_name: string;
  type_name: string;
  logical_type: string;
  labels: string[] | null;
}

export interface DuckCatalog {
  columns: DuckColumn[];
  constraints: DuckConstraint[];
  types: DuckType[];
  sequences: { sequence_name: string; start_value: string; min_value: string; max_value: string; increment_by: string; cycle: boolean }[];
  macros: { function_name: string; function_type: string; parameters: string[] }[];
  views: { view_name: string }[];
}

/** What DuckDB's catalog holds after a script ran (user objects only). */
export async function readCatalog(db: DuckDb): Promise<DuckCatalog> {
  const user = "NOT internal AND database_name NOT IN ('system')";
  return {
    columns: await db.all<DuckColumn>(`SELECT schema_name, table_name, column_name, column_index, data_type, is_nullable FROM duckdb_columns() WHERE ${user} ORDER BY schema_name, table_name, column_index`),
    constraints: await db.all<DuckConstraint>(`SELECT schema_name, table_name, constraint_type, constraint_column_names, referenced_table, referenced_column_names FROM duckdb_constraints() WHERE database_name NOT IN ('system')`),
    types: await db.all<DuckType>(`SELECT schema_name, type_name, logical_type, labels FROM duckdb_types() WHERE ${user} AND schema_name NOT IN ('pg_catalog', 'information_schema')`),
    sequences: await db.all(`SELECT sequence_name, start_value, min_value, max_value, increment_by, cycle FROM duckdb_sequences()`),
    macros: await db.all(`SELECT function_name, function_type, parameters FROM duckdb_functions() WHERE function_type IN ('macro', 'table_macro') AND NOT internal`),
    views: await db.all(`SELECT view_name FROM duckdb_views() WHERE ${user}`),
  };
}

// ---------------------------------------------------------------------------
// Semantic types in DuckDB's spelling

const INTEGER_NAMES: Record<string, string> = {
  '-128..127': 'TINYINT',
  '-32768..32767': 'SMALLINT',
  '-2147483648..2147483647': 'INTEGER',
  '-9223372036854775808..9223372036854775807': 'BIGINT',
  '-170141183460469231731687303715884105728..170141183460469231731687303715884105727': 'HUGEINT',
  '0..255': 'UTINYINT',
  '0..65535': 'USMALLINT',
  '0..4294967295': 'UINTEGER',
  '0..18446744073709551615': 'UBIGINT',
  '0..340282366920938463463374607431768211455': 'UHUGEINT',
};

/** Named types (CREATE TYPE) of a model, by lower-cased name. */
export function declaredTypes(model: SchemaModel): Map<string, SemanticType> {
  const out = new Map<string, SemanticType>();
  for (const e of model.elements) if (e.kind === 'type') out.set(e.name.name.toLowerCase(), e.type);
  return out;
}

/** `duckdb_columns().data_type` for a semantic type; field names unquoted. */
export function duckdbSpelling(t: SemanticType, named: Map<string, SemanticType>): string {
  const r = (x: SemanticType): string => duckdbSpelling(x, named);
  switch (t.kind) {
    case 'integer':
      return INTEGER_NAMES[`${t.min}..${t.max}`] ?? `?integer ${t.min}..${t.max}`;
    case 'float':
      return t.bits === 32 ? 'FLOAT' : 'DOUBLE';
    case 'decimal':
      return t.precision === null ? 'BIGNUM' : `DECIMAL(${t.precision},${t.scale ?? 0})`;
    case 'text':
      return 'VARCHAR';
    case 'boolean':
      return 'BOOLEAN';
    case 'blob':
      return 'BLOB';
    case 'bit':
      return 'BIT';
    case 'date':
      return 'DATE';
    case 'time':
      return t.tz ? 'TIME WITH TIME ZONE' : 'TIME';
    case 'timestamp':
      if (t.tz) return 'TIMESTAMP WITH TIME ZONE';
      return t.precision === 0 ? 'TIMESTAMP_S' : t.precision === 3 ? 'TIMESTAMP_MS' : t.precision === 9 ? 'TIMESTAMP_NS' : 'TIMESTAMP';
    case 'interval':
      return 'INTERVAL';
    case 'uuid':
      return 'UUID';
    case 'json':
      return 'JSON';
    case 'list':
      return `${r(t.element)}[${t.size ?? ''}]`;
    case 'struct':
      return `STRUCT(${t.fields.map((f) => `${f.name} ${r(f.type)}`).join(', ')})`;
    case 'map':
      return `MAP(${r(t.key)}, ${r(t.value)})`;
    case 'union':
      return `UNION(${t.members.map((m) => `${m.name} ${r(m.type)}`).join(', ')})`;
    case 'enum':
      return `ENUM(${t.values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')})`;
    case 'named': {
      const d = named.get(t.name.toLowerCase());
      return d ? r(d) : `?named ${t.name}`;
    }
    case 'any':
      return '?any';
  }
}

/** DuckDB's data_type with identifier quotes removed (it quotes field names only where needed). */
export function unquoted(dataType: string): string {
  return dataType.replace(/"((?:[^"]|"")*)"/g, (_, name: string) => name.replace(/""/g, '"'));
}

// ---------------------------------------------------------------------------
// Model against catalog

/** Model types that knowingly differ from DuckDB's, and the diagnostic that must report each. */
const LOSSY: { duckdb: string; model: string; code: string }[] = [
  { duckdb: 'TIME_NS', model: 'TIME', code: 'SP603' },
  { duckdb: 'VARIANT', model: 'JSON', code: 'SP616' },
  { duckdb: 'GEOMETRY', model: '?any', code: 'SP615' },
];

/** The last definition of each table, skipping tables that later steps alter or drop, and CREATE TABLE AS. */
function comparableTables(model: SchemaModel): Table[] {
  const touched = new Set<string>();
  for (const e of model.elements) {
    if (e.kind === 'step' && (e.syntax.kind === 'alter-table' || e.syntax.kind === 'drop')) touched.add(e.syntax.name.name.name.toLowerCase());
  }
  const last = new Map<string, Table>();
  for (const e of model.elements) if (e.kind === 'table') last.set(`${e.name.schema ?? 'main'}.${e.name.name}`.toLowerCase(), e);
  return [...last.values()].filter((t) => !touched.has(t.name.name.toLowerCase()) && !t.asSelect);
}

/** `duckdb_types().logical_type` of a declared type. */
function logicalType(t: SemanticType, named: Map<string, SemanticType>): string {
  switch (t.kind) {
    case 'list':
      return t.size === null ? 'LIST' : 'ARRAY';
    case 'struct':
    case 'map':
    case 'union':
    case 'enum':
      return t.kind.toUpperCase();
    case 'decimal':
      return t.precision === null ? 'BIGNUM' : 'DECIMAL';
    case 'named': {
      const d = named.get(t.name.toLowerCase());
      return d ? logicalType(d, named) : '?';
    }
    default:
      return duckdbSpelling(t, named);
  }
}

function sameSet(a: string[], b: string[]): boolean {
  const norm = (x: string[]) => [...x].map((s) => s.toLowerCase()).sort().join(',');
  return norm(a) === norm(b);
}

function compareTable(t: Table, catalog: DuckCatalog, named: ReturnType<typeof declaredTypes>, codes: Set<string>): void {
  const schema = (t.name.schema ?? 'main').toLowerCase();
  const where = (r: { schema_name: string; table_name: string }) => r.schema_name.toLowerCase() === schema && r.table_name.toLowerCase() === t.name.name.toLowerCase();
  const columns = catalog.columns.filter(where);
  const label = `${schema}.${t.name.name}`;
  expect(columns.map((c) => c.column_name), `${label}: columns`).toEqual(t.columns.map((c) => c.name));

  const pk = new Set((t.primaryKey?.columns ?? []).map((c) => c.toLowerCase()));
  t.columns.forEach((c, i) => {
    const duck = columns[i];
    if (!duck) return;
    expect(duck.is_nullable, `${label}.${c.name}: nullable`).toBe(!(c.notNull || pk.has(c.name.toLowerCase())));
    if (c.declaredType === null) return; // a generated column whose type DuckDB infers
    const ours = duckdbSpelling(c.type, named);
    const theirs = unquoted(duck.data_type);
    if (ours === theirs) return;
    const lossy = LOSSY.find((x) => theirs.includes(x.duckdb) && ours === theirs.replaceAll(x.duckdb, x.model));
    expect(lossy, `${label}.${c.name}: DuckDB ${theirs}, model ${ours}`).toBeDefined();
    expect(codes.has(lossy?.code ?? ''), `${label}.${c.name}: ${lossy?.code} reported`).toBe(true);
  });

  const constraints = catalog.constraints.filter(where);
  const duckPk = constraints.find((c) => c.constraint_type === 'PRIMARY KEY');
  expect(duckPk?.constraint_column_names ?? [], `${label}: primary key`).toEqual(t.primaryKey?.columns ?? []);
  const duckUniques = constraints.filter((c) => c.constraint_type === 'UNIQUE').map((c) => c.constraint_column_names);
  expect(duckUniques.length, `${label}: unique keys`).toBe(t.uniques.length);
  for (const u of t.uniques) expect(duckUniques.some((d) => sameSet(d, u.columns)), `${label}: UNIQUE (${u.columns.join(', ')})`).toBe(true);
  expect(constraints.filter((c) => c.constraint_type === 'CHECK').length, `${label}: checks`).toBe(t.checks.length);
  const duckFks = constraints.filter((c) => c.constraint_type === 'FOREIGN KEY');
  expect(duckFks.length, `${label}: foreign keys`).toBe(t.foreignKeys.length);
  for (const fk of t.foreignKeys) {
    const match = duckFks.find((d) => sameSet(d.constraint_column_names, fk.columns) && d.referenced_table?.toLowerCase() === fk.table.name.toLowerCase());
    expect(match, `${label}: FOREIGN KEY (${fk.columns.join(', ')})`).toBeDefined();
    if (fk.referencedColumns.length) expect(sameSet(match?.referenced_column_names ?? [], fk.referencedColumns)).toBe(true);
  }
}


/**
 * Asserts that the schema model schema-port built (`result.model`) declares
 * what DuckDB's catalog holds after running the same script: tables (columns,
 * order, nullability, types, keys, checks, foreign keys), declared types,
 * sequences, macros and views.
 */
export function expectModelMatchesCatalog(result: TranslateResult, catalog: DuckCatalog): void {
  const model = result.model;
  expect(model).not.toBeNull();
  if (!model) return;
  const named = declaredTypes(model);
  const codes = new Set(result.diagnostics.map((d) => d.code));
  const tables = comparableTables(model);
  for (const t of tables) compareTable(t, catalog, named, codes);

  // Declared types: DuckDB lists each with its logical type (and an enum's labels).
  const dropped = new Set(model.elements.flatMap((e) => (e.kind === 'step' && e.syntax.kind === 'drop' ? [e.syntax.name.name.name.toLowerCase()] : [])));
  for (const [name, type] of named) {
    if (dropped.has(name)) continue;
    const duck = catalog.types.find((t) => t.type_name.toLowerCase() === name);
    expect(duck, `type ${name}`).toBeDefined();
    if (type.kind === 'enum') expect(duck?.labels).toEqual(type.values);
    expect(duck?.logical_type, `type ${name}`).toBe(logicalType(type, named));
  }

  // Sequences, macros and views, by name.
  const sequences = model.elements.flatMap((e) => (e.kind === 'sequence' && !dropped.has(e.name.name.toLowerCase()) ? [e] : []));
  expect(catalog.sequences.map((s) => s.sequence_name).sort()).toEqual([...new Set(sequences.map((s) => s.name.name))].sort());
  for (const s of sequences) {
    const duck = catalog.sequences.filter((d) => d.sequence_name === s.name.name).at(-1);
    const opt = (o: string) => s.options.find((x) => x.option === o)?.value?.replace(/\s+/g, '').replace(/^\+/, '');
    if (opt('START') !== undefined) expect(duck?.start_value, `${s.name.name} START`).toBe(opt('START'));
    if (opt('INCREMENT') !== undefined) expect(duck?.increment_by, `${s.name.name} INCREMENT`).toBe(opt('INCREMENT'));
    if (opt('MINVALUE') !== undefined) expect(duck?.min_value, `${s.name.name} MINVALUE`).toBe(opt('MINVALUE'));
    if (opt('MAXVALUE') !== undefined) expect(duck?.max_value, `${s.name.name} MAXVALUE`).toBe(opt('MAXVALUE'));
    if (s.options.some((o) => o.option === 'CYCLE')) expect(duck?.cycle).toBe(true);
  }
  const macros = model.elements.flatMap((e) => (e.kind === 'macro' && !dropped.has(e.syntax.name.name.name.toLowerCase()) ? [e.syntax] : []));
  expect(catalog.macros.map((m) => m.function_name).sort()).toEqual([...new Set(macros.map((m) => m.name.name.name))].sort());
  for (const m of macros) {
    const duck = catalog.macros.find((d) => d.function_name === m.name.name.name);
    expect(duck?.function_type).toBe(m.body.kind === 'table' ? 'table_macro' : 'macro');
    expect(duck?.parameters).toEqual(m.params.map((p) => p.name.name));
  }
  const views = model.elements.flatMap((e) => (e.kind === 'view' && !dropped.has(e.name.name.toLowerCase()) ? [e.name.name] : []));
  expect(catalog.views.map((v) => v.view_name).sort()).toEqual([...new Set(views)].sort());
}
