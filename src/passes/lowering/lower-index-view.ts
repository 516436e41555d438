/** CREATE INDEX and CREATE VIEW. */
import { quoteIdent } from '../../emit/postgres/quote.js';
import type { Expression } from '../../syntax/ast.js';
import type { Index, View } from '../../model/schema.js';
import { ExpressionTranslator } from '../expressions/translate-expression.js';
import { referencedRelations } from '../referenced-relations.js';
import { objectKey, relationKey } from '../symbols.js';
import type { Lowering } from './lowering.js';
import { keyOf } from './lower-table.js';
import { deriveViewColumns } from './view-columns.js';

export function lowerIndex(l: Lowering, ix: Index): void {
  // CREATE INDEX IF NOT EXISTS repeating an index this script already made does nothing in SQLite.
  const sourceKey = objectKey(ix.name);
  if (ix.ifNotExists && l.indexesCreated.has(sourceKey)) return;
  l.indexesCreated.add(sourceKey);
  const sym = l.symbols.lookup({ schema: ix.name.schema, name: ix.table });
  const schema = sym?.schema ?? l.schemaOf(ix.name.schema, ix.name.span);
  const tableKey = sym ? relationKey(sym.schema, sym.out) : relationKey(schema, l.names.apply(ix.table, ix.tableSpan));
  const name = l.namespace.claim(schema, l.names.apply(ix.name.name, ix.name.span), 'Index', ix.name.span, relationKey(schema, ix.name.name) + '#index');
  const parts = ix.columns.map((col) => {
    const cs = col.column ? sym?.columns.get(col.column.toLowerCase()) : undefined;
    let text: string;
    if (cs) {
      text = quoteIdent(cs.out);
      const collation = col.collation?.name.toLowerCase();
      if (collation === 'nocase' && cs.pgType.base !== 'citext' && cs.pgType.collation !== 'nocase') {
        if (l.options.nocase === 'citext') {
          l.requireExtension('citext');
          text = `(${text}::citext)`;
        } else {
          l.requireNocaseCollation();
          text += ' COLLATE nocase';
        }
      } else if (collation === 'binary') text += ' COLLATE "C"';
      else if (collation && collation !== 'nocase') l.bag.report('SP113', col.collation?.span ?? col.span, collation.toUpperCase());
    } else {
      const expr = col.collation ? ({ kind: 'collate', operand: col.expr, collation: { kind: 'identifier', name: col.collation.name, quote: 'none', span: col.collation.span }, span: col.span } as Expression) : col.expr;
      const f = l.translateIn(sym, 'index', expr);
      if (f.volatility !== 'immutable') l.bag.report('SP204', col.span, 'this index expression', 'PostgreSQL requires index expressions to be immutable');
      text = `(${f.sql})`;
    }
    if (col.direction) text += ` ${col.direction}`;
    return text;
  });
  let sql = `CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX ${ix.ifNotExists ? 'IF NOT EXISTS ' : ''}${quoteIdent(name)} ON ${sym ? l.qualified(sym.schema, sym.out) : l.qualified(schema, l.names.apply(ix.table, ix.tableSpan))} (${parts.join(', ')})`;
  if (ix.where) {
    const x = new ExpressionTranslator(l.tableContext(sym, 'index'));
    sql += ` WHERE ${x.truthy(x.translate(ix.where)).sql}`;
  }
  l.emit({ kind: 'index', sql: `${sql};`, leading: ix.comment, span: ix.span, provides: [relationKey(schema, name), `index:${sourceKey}`], requires: [tableKey] });
}

export function lowerView(l: Lowering, v: View): void {
  const schema = l.schemaOf(v.name.schema, v.name.span);
  const name = l.namespace.claim(schema, l.names.apply(v.name.name, v.name.span), 'View', v.name.span, objectKey(v.name) + '#view');
  const select = l.query().select(v.select);
  const cols = v.columns.length ? ` (${v.columns.map((c) => l.names.quote(c, v.span)).join(', ')})` : '';
  let head = 'CREATE';
  if (v.orReplace || v.ifNotExists) head += ' OR REPLACE';
  if (v.ifNotExists) l.bag.report('SP506', v.span);
  if (v.temporary) head += ' TEMPORARY';
  const { columns, complete, keys } = deriveViewColumns(l, v);
  l.views.push({ name, schema, columns, complete, comment: v.comment });
  // Queries over the view resolve its columns, and a star over it expands, when all are known.
  const symbol = l.symbols.views.get(objectKey(v.name));
  if (symbol && complete) columns.forEach((c, i) => symbol.columns.set(keys[i] ?? c.name.toLowerCase(), { out: c.name, valueType: c.valueType }));
  l.emit({
    kind: 'view',
    sql: `${head} VIEW ${l.qualified(schema, name)}${cols} AS\n  ${select};`,
    leading: v.comment,
    span: v.span,
    provides: [relationKey(schema, name)],
    requires: referencedRelations(v.select).map((n) => keyOf(l, n)),
  });
}

