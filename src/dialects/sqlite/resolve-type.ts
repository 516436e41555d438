import type { DiagnosticBag } from '../../diagnostics/diagnostic.js';
import type { SemanticType } from '../../model/semantic-type.js';
import type { TranslateOptions } from '../../options.js';
import type { TypeName } from '../../syntax/ast.js';
import { AFFINITY_TYPES, SQLITE_TYPES, declaredInteger, sqliteAffinity } from './types.js';

export function typeNameText(type: TypeName): string {
  const base = type.words.join(' ');
  return type.params.length > 0 ? `${base}(${type.params.join(',')})` : base;
}

/** Resolves a SQLite column's declared type to a semantic type, reporting what needs saying. */
export function resolveSqliteType(
  type: TypeName | null,
  column: string,
  columnSpan: { start: number; end: number },
  options: TranslateOptions,
  bag: DiagnosticBag,
): SemanticType {
  if (!type) {
    const t = AFFINITY_TYPES.TEXT;
    bag.report('SP102', columnSpan, column, 'text');
    return t;
  }
  const key = type.words.join(' ').toUpperCase();
  const params = type.params.map((p) => Number(p.replace(/\s+/g, ''))).filter((n) => Number.isFinite(n));
  if (key === 'ANY') {
    bag.report('SP108', type.span, 'text');
    return { kind: 'any', why: 'any' };
  }
  const row = SQLITE_TYPES[key];
  if (row) {
    if (row.declaredBits !== undefined) {
      if (options.integers === 'declared') return declaredInteger(row.declaredBits);
      if (row.declaredBits < 64 && key !== 'INTEGER') {
        bag.report('SP105', type.span, typeNameText(type), row.declaredBits === 16 ? 'smallint' : 'integer');
      }
    }
    if (key === 'STRING') bag.report('SP114', type.span, 'STRING (NUMERIC affinity in SQLite)', 'text');
    return row.type(params);
  }
  const affinity = sqliteAffinity(key);
  const mapped = AFFINITY_TYPES[affinity];
  const pgName: Record<typeof affinity, string> = { INTEGER: 'bigint', TEXT: 'text', BLOB: 'bytea', REAL: 'double precision', NUMERIC: 'numeric' };
  bag.report('SP101', type.span, typeNameText(type), affinity, pgName[affinity]);
  if (mapped.kind === 'text' && params[0] !== undefined) return { kind: 'text', length: params[0], fixed: false };
  return mapped;
}
