/** Data and migration steps (INSERT, UPDATE, DELETE, ALTER, DROP), run in source order. */
import { sourceAsComment } from '../../emit/postgres/comment-out.js';
import { quoteIdent, rawSql } from '../../emit/postgres/quote.js';
import type { ObjectName, ScriptStep } from '../../model/schema.js';
import type { QualifiedName } from '../../syntax/ast.js';
import { ExpressionTranslator } from '../expressions/translate-expression.js';
import type { Lowering } from './lowering.js';
import { objectKey } from '../symbols.js';
import { columnDefinition, lowerColumn, lowerForeignKey } from './lower-table.js';
import { noteAddedColumn, schemaChange } from './schema-changes.js';

export function lowerStep(l: Lowering, step: ScriptStep): void {
  const s = step.syntax;
  const plan = l.resetParameters(s);
  warnUnknownTarget(l, step);
  let sql: string;
  switch (s.kind) {
    case 'insert':
      if (!l.queryMode) l.bag.report('SP504', s.span, 'INSERT');
      sql = l.query().insert(s);
      break;
    case 'update':
      if (!l.queryMode) l.bag.report('SP504', s.span, 'UPDATE');
      sql = l.query().update(s);
      break;
    case 'delete':
      if (!l.queryMode) l.bag.report('SP504', s.span, 'DELETE');
      sql = l.query().delete(s);
      break;
    case 'select':
      if (!l.queryMode) l.bag.report('SP504', s.span, 'SELECT');
      sql = l.query().select(s);
      break;
    case 'alter-table':
      sql = lowerAlter(l, step);
      break;
    case 'drop': {
      const what = s.objectType === 'MACRO' ? 'FUNCTION' : s.objectType;
      if (what === 'TRIGGER') {
        l.emit({ kind: 'note', sql: sourceAsComment(`DROP TRIGGER ${s.name.name.name}`), span: s.span });
        return;
      }
      const sym = what === 'TABLE' ? l.symbols.lookup(objectName(s.name)) : undefined;
      const target = sym ? l.qualified(sym.schema, sym.out) : l.relationSql(s.name);
      if (what !== 'SCHEMA') l.namespace.release(sym?.schema ?? null, sym?.out ?? l.names.apply(s.name.name.name, null));
      if (what === 'INDEX') l.indexesCreated.delete(objectKey(objectName(s.name)));
      sql = `DROP ${what} ${s.ifExists ? 'IF EXISTS ' : ''}${target}${s.cascade ? ' CASCADE' : ''}`;
      break;
    }
  }
  const gaps = plan.gaps();
  if (gaps.length) l.bag.report('SP520', s.span, gaps.map((n) => `$${n}`).join(', '));
  l.emit({ kind: 'step', sql: `${sql};`, span: s.span, barrier: true, ...(plan.parameters.length ? { parameters: plan.parameters } : {}), ...schemaChange(l, step) });
}

/**
 * A data or migration step on a table this input never defines (a migration
 * that assumes earlier ones) cannot run on its own: say so, as SP306 does for
 * foreign keys. Renamed tables count as defined.
 */
function warnUnknownTarget(l: Lowering, step: ScriptStep): void {
  if (l.queryMode) return;
  const s = step.syntax;
  const target =
    s.kind === 'insert' || s.kind === 'update' || s.kind === 'delete' ? s.table
    : s.kind === 'alter-table' && !s.ifExists ? s.name
    : s.kind === 'drop' && s.objectType === 'TABLE' && !s.ifExists ? s.name
    : null;
  if (s.kind === 'alter-table' && s.action.kind === 'rename-table') l.renamedTo.add(objectKey({ schema: s.name.schema?.name ?? null, name: s.action.to.name }));
  if (!target) return;
  const name = objectName(target);
  const key = objectKey(name);
  if (l.symbols.lookup(name) || l.symbols.views.has(key) || l.renamedTo.has(key)) return;
  l.bag.report('SP515', target.span, l.relationSql(target));
}

export function lowerAlter(l: Lowering, step: ScriptStep): string {
  const s = step.syntax;
  if (s.kind !== 'alter-table') return '';
  const sym = l.symbols.lookup(objectName(s.name));
  const target = sym ? l.qualified(sym.schema, sym.out) : l.relationSql(s.name);
  const head = `ALTER TABLE ${s.ifExists ? 'IF EXISTS ' : ''}${target}`;
  const a = s.action;
  switch (a.kind) {
    case 'add-column': {
      const added = step.added;
      const c = added?.columns[0];
      const cs = c && sym ? sym.columns.get(c.name.toLowerCase()) : c && added ? l.bindColumn(c, added) : undefined;
      if (!c || !cs || !added) return `${head} ADD COLUMN ${l.ident(a.column.name)}`;
      const col = lowerColumn(l, c, cs, sym ?? { table: added, schema: null, out: target, columns: new Map([[c.name.toLowerCase(), cs]]), keys: [] }, added);
      noteAddedColumn(step, col);
      const scope = sym ?? { table: added, schema: null, out: target, columns: new Map([[c.name.toLowerCase(), cs]]), keys: [] };
      for (const ch of added.checks) {
        const x = new ExpressionTranslator(l.tableContext(scope, 'check'));
        col.inlineConstraints.push(`CHECK (${x.truthy(x.translate(ch.expr)).sql})`);
      }
      for (const fk of added.foreignKeys) {
        const lowered = lowerForeignKey(l, fk, scope);
        if (lowered) col.inlineConstraints.push(lowered.references);
      }
      return `${head} ADD COLUMN ${a.ifNotExists ? 'IF NOT EXISTS ' : ''}${columnDefinition(col)}`;
    }
    case 'rename-table': {
      const to = l.names.apply(a.to.name, a.to.span);
      return `${head} RENAME TO ${quoteIdent(to)}`;
    }
    case 'rename-column':
      return `${head} RENAME COLUMN ${l.ident(a.from)} TO ${l.names.quote(a.to.name, a.to.span)}`;
    case 'drop-column':
      return `${head} DROP COLUMN ${a.ifExists ? 'IF EXISTS ' : ''}${l.ident(a.column)}`;
    case 'alter-column':
      l.bag.report('SP504', a.span, 'ALTER COLUMN');
      return `${head} ALTER COLUMN ${l.ident(a.column)} ${rawSql(a.text, l.model.dialect)}`;
    case 'add-constraint':
      l.bag.report('SP505', a.span, 'ALTER TABLE … ADD CONSTRAINT', 'neither SQLite nor DuckDB supports it', 'Declare the constraint in CREATE TABLE.');
      return `${head} -- ADD CONSTRAINT not translated`;
  }
}


export function objectName(q: QualifiedName): ObjectName {
  return { schema: q.schema?.name ?? null, name: q.name.name, span: q.span };
}
