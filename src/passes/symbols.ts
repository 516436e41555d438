/**
 * The binder: what each name in the script refers to. Built once over the
 * whole model before lowering, so forward references (a foreign key to a
 * table defined later) resolve; SQLite names are case-insensitive.
 */
import type { Column, ObjectName, SchemaModel, Table } from '../model/schema.js';
import type { ValueType } from './expressions/sql-fragment.js';
import type { PgType } from './postgres-types.js';

export interface ColumnSymbol {
  column: Column;
  /** Output name, unquoted. */
  out: string;
  pgType: PgType;
  valueType: ValueType;
}

export interface TableSymbol {
  table: Table;
  schema: string | null;
  /** Output name, unquoted. */
  out: string;
  columns: Map<string, ColumnSymbol>;
  /** Lower-cased column sets of the primary key, UNIQUE constraints and unique indexes (with the index's name). */
  keys: TableKey[];
}

export interface TableKey {
  columns: string[];
  /** Set when only a CREATE UNIQUE INDEX provides the key: a foreign key to it must wait for the index. */
  index: ObjectName | null;
}

export function relationKey(schema: string | null, name: string): string {
  return `${(schema ?? '').toLowerCase()}.${name.toLowerCase()}`;
}

export function objectKey(name: Pick<ObjectName, 'schema' | 'name'>): string {
  const schema = name.schema && ['main', 'temp'].includes(name.schema.toLowerCase()) ? null : name.schema;
  return relationKey(schema, name.name);
}

export class SymbolTable {
  readonly tables = new Map<string, TableSymbol>();
  readonly views = new Map<string, { out: string; columns: Map<string, { out: string; valueType: ValueType }> }>();

  lookup(name: ObjectName | { schema: string | null; name: string }): TableSymbol | undefined {
    return this.tables.get(objectKey(name));
  }

  /** Collects unique indexes as keys (SQLite accepts them as foreign key targets). */
  static keysOf(model: SchemaModel, table: Table): TableKey[] {
    const keys: TableKey[] = [];
    if (table.primaryKey) keys.push({ columns: table.primaryKey.columns.map((c) => c.toLowerCase()), index: null });
    for (const u of table.uniques) keys.push({ columns: u.columns.map((c) => c.toLowerCase()), index: null });
    for (const e of uniqueIndexesOf(model).get(table.name.name.toLowerCase()) ?? []) {
      if (e.columns.every((c) => c.column)) keys.push({ columns: e.columns.map((c) => (c.column ?? '').toLowerCase()), index: e.name });
    }
    return keys;
  }
}

type IndexElement = Extract<SchemaModel['elements'][number], { kind: 'index' }>;
const uniqueIndexCache = new WeakMap<SchemaModel, { count: number; byTable: Map<string, IndexElement[]> }>();

/** The model's unique, non-partial indexes by lower-cased table name, in source order (one pass, not one per table). */
function uniqueIndexesOf(model: SchemaModel): Map<string, IndexElement[]> {
  const cached = uniqueIndexCache.get(model);
  if (cached && cached.count === model.elements.length) return cached.byTable;
  const byTable = new Map<string, IndexElement[]>();
  for (const e of model.elements) {
    if (e.kind !== 'index' || !e.unique || e.where) continue;
    const key = e.table.toLowerCase();
    const list = byTable.get(key);
    if (list) list.push(e);
    else byTable.set(key, [e]);
  }
  uniqueIndexCache.set(model, { count: model.elements.length, byTable });
  return byTable;
}

export function sameColumnSet(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((c) => set.has(c));
}

/** SQLite's names for the rowid. */
export const ROWID_NAMES: ReadonlySet<string> = new Set(['rowid', 'oid', '_rowid_']);

/** A column by lower-cased name; `rowid`/`oid`/`_rowid_` resolve to the INTEGER PRIMARY KEY column. */
export function columnOrRowid(table: TableSymbol, key: string): ColumnSymbol | undefined {
  const direct = table.columns.get(key);
  if (direct || !ROWID_NAMES.has(key)) return direct;
  for (const c of table.columns.values()) if (c.column.rowid) return c;
  return undefined;
}
