/**
 * The schema effect of a migration step (ALTER TABLE, DROP), recorded on its
 * statement so an emitter can describe the schema as it is after the whole
 * script (the TypeScript emitter does). Names are output names as they are
 * when the step runs: after a RENAME, later steps name the new table.
 */
import type { ScriptStep } from '../../model/schema.js';
import type { QualifiedName } from '../../syntax/ast.js';
import type { PgColumn, PgSchemaChange } from '../postgres-model.js';
import type { Lowering } from './lowering.js';

const addedColumns = new WeakMap<ScriptStep, PgColumn>();

/** ALTER TABLE … ADD COLUMN: the lowered column, noted when it is built. */
export function noteAddedColumn(step: ScriptStep, column: PgColumn): void {
  addedColumns.set(step, column);
}

function target(l: Lowering, q: QualifiedName): { schema: string | null; name: string } {
  const sym = l.symbols.lookup({ schema: q.schema?.name ?? null, name: q.name.name });
  if (sym) return { schema: sym.schema, name: sym.out };
  const schema = q.schema && !['main', 'temp'].includes(q.schema.name.toLowerCase()) ? l.names.apply(q.schema.name, null) : null;
  return { schema, name: l.names.apply(q.name.name, null) };
}

function columnName(l: Lowering, name: string): string {
  return l.names.apply(l.names.canonicalColumn(name), null);
}

/** `{ change }` for the step's statement, or nothing when the step does not change the schema. */
export function schemaChange(l: Lowering, step: ScriptStep): { change?: PgSchemaChange } {
  const s = step.syntax;
  if (s.kind === 'drop') {
    const what = s.objectType;
    if (what !== 'TABLE' && what !== 'VIEW' && what !== 'TYPE') return {};
    const t = target(l, s.name);
    return { change: { kind: 'drop', what, schema: t.schema, name: t.name } };
  }
  if (s.kind !== 'alter-table') return {};
  const { schema, name: table } = target(l, s.name);
  const a = s.action;
  switch (a.kind) {
    case 'add-column': {
      const column = addedColumns.get(step);
      return column ? { change: { kind: 'add-column', schema, table, column } } : {};
    }
    case 'drop-column':
      return { change: { kind: 'drop-column', schema, table, column: columnName(l, a.column.name) } };
    case 'rename-column':
      return { change: { kind: 'rename-column', schema, table, from: columnName(l, a.from.name), to: l.names.apply(a.to.name, null) } };
    case 'rename-table':
      return { change: { kind: 'rename-table', schema, table, to: l.names.apply(a.to.name, null) } };
    default:
      return {};
  }
}
