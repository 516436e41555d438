import type { DiagnosticBag } from '../../diagnostics/diagnostic.js';
import type { SemanticType } from '../../model/semantic-type.js';
import type { TranslateOptions } from '../../options.js';
import type { Span, TypeName } from '../../syntax/ast.js';
import { DUCKDB_TYPES, DUCKDB_UNSUPPORTED_TYPES } from './types.js';

/** The type as DuckDB users write it, for messages: `DECIMAL(10,2)`, `INTEGER[3]`. */
export function duckdbTypeText(type: TypeName): string {
  let base: string;
  if (type.struct) base = `STRUCT(${type.struct.map((f) => `${f.name.name} ${duckdbTypeText(f.type)}`).join(', ')})`;
  else if (type.union) base = `UNION(${type.union.map((f) => `${f.name.name} ${duckdbTypeText(f.type)}`).join(', ')})`;
  else if (type.map) base = `MAP(${duckdbTypeText(type.map.key)}, ${duckdbTypeText(type.map.value)})`;
  else if (type.enumValues) base = `ENUM(${type.enumValues.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')})`;
  else base = type.params.length > 0 ? `${type.words.join(' ')}(${type.params.join(',')})` : type.words.join(' ');
  return base + type.arrayDims.map((d) => `[${d ?? ''}]`).join('');
}

/**
 * Resolves a DuckDB column type to a semantic type. Names DuckDB does not
 * define are user types (CREATE TYPE), resolved — or reported as unknown —
 * when the script is lowered.
 */
export function resolveDuckdbType(
  type: TypeName | null,
  column: string,
  _columnSpan: Span,
  options: TranslateOptions,
  bag: DiagnosticBag,
): SemanticType {
  // Only a generated column may omit its type; lowering infers it from the expression.
  if (!type) return { kind: 'any', why: 'untyped' };
  return resolve(type, { options, bag, column });
}

interface Scope {
  options: TranslateOptions;
  bag: DiagnosticBag;
  /** The column (or declared type) being resolved, for hints. */
  column: string;
}

function resolve(type: TypeName, scope: Scope): SemanticType {
  let t = resolveBase(type, scope);
  // `[]` is a list, `[n]` a fixed-size array; the outermost dimension is written last.
  for (const d of type.arrayDims) t = { kind: 'list', element: t, size: d === null ? null : Number(d) };
  return t;
}

function resolveBase(type: TypeName, scope: Scope): SemanticType {
  const { options, bag } = scope;
  if (type.struct) return { kind: 'struct', fields: type.struct.map((f) => ({ name: f.name.name, type: resolve(f.type, scope) })) };
  if (type.union) return { kind: 'union', members: type.union.map((f) => ({ name: f.name.name, type: resolve(f.type, scope) })) };
  if (type.map) return { kind: 'map', key: resolve(type.map.key, scope), value: resolve(type.map.value, scope) };
  if (type.enumValues) return { kind: 'enum', values: type.enumValues };

  const key = type.words.join(' ').toUpperCase();
  const params = type.params.map((p) => Number(p.replace(/\s+/g, ''))).filter((n) => Number.isFinite(n));
  const row = Object.hasOwn(DUCKDB_TYPES, key) ? DUCKDB_TYPES[key] : undefined;
  if (row) {
    const resolved = row.type(params);
    const name = duckdbTypeText({ ...type, arrayDims: [] });
    if ((key === 'DECIMAL' || key === 'DEC' || key === 'NUMERIC') && params.length === 0) bag.report('SP604', type.span);
    if (row.note === 'SP605') bag.report('SP605', type.span, name, scope.column || 'value');
    if (row.note === 'SP616') bag.report('SP616', type.span);
    if (row.note === 'SP603' || (resolved.kind === 'timestamp' && resolved.precision !== null && resolved.precision > 6)) {
      const pg = resolved.kind === 'time' ? 'time' : options.timestamps;
      bag.report('SP603', type.span, name, pg);
    }
    return resolved;
  }
  const unsupported = Object.hasOwn(DUCKDB_UNSUPPORTED_TYPES, key) ? DUCKDB_UNSUPPORTED_TYPES[key] : undefined;
  if (unsupported) {
    bag.report('SP615', type.span, key, unsupported.why, unsupported.hint);
    return { kind: 'any', why: 'any' };
  }
  return { kind: 'named', name: type.words.join(' ') };
}
