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
  /** Lower-cased column sets of the primary key, UNIQUE constraints and unique indexes. */
  keys: string[][];
}

export function relationKey(schema: string | null, name: string): string {
  return `${(schema ?? '').toLowerCase()}.${name.toLowerCase()}`;
}

export function objectKey(name: ObjectName): string {
  const schema = name.schema && ['main', 'temp'].includes(name.schema.toLowerCase()) ? null : name.schema;
  return relationKey(schema, name.name);
}

export class SymbolTable {
  readonly tables = new Map<string, TableSymbol>();
  readonly views = new Map<string, { out: string; columns: Map<string, { out: string; valueType: ValueType }> }>();

  lookup(name: ObjectName | { schema: string | null; name: string }): TableSymbol | undefined {
    return this.tables.get(objectKey({ ...name, span: { start: 0, end: 0 } }));
  }

  /** Collects unique indexes as keys (SQLite accepts them as foreign key targets). */
  static keysOf(model: SchemaModel, table: Table): string[][] {
    const keys: string[][] = [];
    if (table.primaryKey) keys.push(table.primaryKey.columns.map((c) => c.toLowerCase()));
    for (const u of table.uniques) keys.push(u.columns.map((c) => c.toLowerCase()));
    for (const e of model.elements) {
      if (e.kind === 'index' && e.unique && !e.where && e.table.toLowerCase() === table.name.name.toLowerCase() && e.columns.every((c) => c.column)) {
        keys.push(e.columns.map((c) => (c.column ?? '').toLowerCase()));
      }
    }
    return keys;
  }
}

export function sameColumnSet(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((c) => set.has(c));
}
