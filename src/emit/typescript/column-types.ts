/**
 * One column's TypeScript types (SELECT and INSERT/UPDATE), from its
 * PostgreSQL type through the type map. No ts-morph here: plain strings.
 */
import { valueTypeOf } from '../../passes/postgres-types.js';
import type { ValueType } from '../../passes/expressions/sql-fragment.js';
import type { PgType } from '../../passes/postgres-types.js';
import { rowOfBase, rowOfKind, selectType, TYPE_MAP, type TypeMapOptions, type TypeMapRow } from './type-map.js';

export interface ColumnTs {
  /** Without `| null`. */
  select: string;
  input: string;
  /** Said in the property's JSDoc. */
  note: string | null;
}

/** Looks up user-declared types (enums, composites) by PostgreSQL name → TypeScript name. */
export interface DeclaredTypes {
  enums: ReadonlyMap<string, string>;
  composites: ReadonlyMap<string, string>;
}

/** `"My Type"` → `My Type`; `status` → `status`. */
export function unquote(name: string): string {
  return name.startsWith('"') && name.endsWith('"') ? name.slice(1, -1).replace(/""/g, '"') : name;
}

export function stringLiteral(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}

/** A union of string literals, in the order declared, without duplicates. */
export function literalUnion(values: readonly string[]): string {
  const unique = [...new Set(values)];
  return unique.length ? unique.map(stringLiteral).join(' | ') : 'never';
}

function arrayOf(type: string, dims: number): string {
  const element = /[|&]/.test(type) ? `(${type})` : type;
  return element + '[]'.repeat(dims);
}

const RAW_ARRAY = 'pg returns this array as its PostgreSQL literal text (`{a,b}`): it has no parser for the element type.';

/** The types of a column of PostgreSQL type `t` (CHECK IN values narrow a scalar text column). */
export function columnTs(t: PgType, allowed: readonly string[] | null, declared: DeclaredTypes, options: TypeMapOptions): ColumnTs {
  const base = unquote(t.base);
  const enumName = declared.enums.get(base);
  const compositeName = declared.composites.get(base);
  if (enumName !== undefined || compositeName !== undefined) {
    const row = rowOfKind(enumName !== undefined ? 'enum' : 'composite');
    const scalar = enumName ?? 'string';
    if (t.arrayDims === 0) {
      const note = compositeName ? `pg returns a composite value as its row literal text \`(a,b)\`; select \`to_jsonb(column)\` to read a \`${compositeName}\`.` : null;
      return { select: scalar, input: scalar, note };
    }
    if (row.array === 'text') return { select: 'string', input: `string | ${arrayOf(scalar, t.arrayDims)}`, note: RAW_ARRAY };
    return { select: arrayOf(scalar, t.arrayDims), input: arrayOf(scalar, t.arrayDims), note: null };
  }
  const row = rowOfBase(base);
  const select = selectType(row, options);
  if (t.arrayDims === 0) {
    if (allowed && select === 'string') return { select: literalUnion(allowed), input: literalUnion(allowed), note: null };
    return { select, input: row.input, note: null };
  }
  if (row.array === 'text') return { select: 'string', input: `string | ${arrayOf(row.input, t.arrayDims)}`, note: RAW_ARRAY };
  const element = row.array === 'parsed' ? select : row.array.element;
  return { select: arrayOf(element, t.arrayDims), input: arrayOf(row.input, t.arrayDims), note: null };
}

/**
 * A derived view column's SELECT type from the kind of value it holds: the
 * union over every base type of that kind (an integer expression may be int4
 * or int8); `unknown` where the kind says nothing.
 */
export function valueTypeTs(valueType: ValueType, options: TypeMapOptions): string {
  if (valueType === 'array' || valueType === 'unknown' || valueType === 'null') return 'unknown';
  const rows: TypeMapRow[] = TYPE_MAP.filter((r) => r.kind === 'base' && r.pg.some((pg) => valueTypeOf({ sql: pg, base: pg, arrayDims: 0, range: null, cardinality: null, extensions: [], collation: null }) === valueType));
  const types = [...new Set(rows.map((r) => selectType(r, options)))];
  return types.length ? types.join(' | ') : 'unknown';
}
