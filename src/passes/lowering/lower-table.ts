/**
 * CREATE TABLE: columns (type, identity, default, generated), keys, checks and
 * foreign keys, each decision reported where it is made.
 */
import { quoteIdent } from '../../emit/postgres/quote.js';
import type { Column, ForeignKey, ObjectName, Table } from '../../model/schema.js';
import type { Expression, Span } from '../../syntax/ast.js';
import { coerceToColumn } from '../expressions/coerce.js';
import { PREC } from '../expressions/sql-fragment.js';
import { ExpressionTranslator } from '../expressions/translate-expression.js';
import type { PgColumn, PgForeignKey, PgTable } from '../postgres-model.js';
import { typeChecks } from '../postgres-types.js';
import { referencedRelations } from '../referenced-relations.js';
import { objectKey, relationKey, sameColumnSet, type ColumnSymbol, type TableSymbol } from '../symbols.js';
import { truncateName, withSuffix } from '../names.js';

/** The name PostgreSQL gives an unnamed key (`t_pkey`, `t_a_key`): the label survives truncation. */
function implicitName(base: string, label: string): string {
  return `${truncateName(base, 62 - label.length)}_${label}`;
}
import { addForeignKeySql } from '../../emit/postgres/emit-sql.js';
import type { Lowering } from './lowering.js';
import { deriveSelectColumns } from './view-columns.js';

export function lowerTable(l: Lowering, t: Table): void {
  const sym = l.symbolOf.get(t);
  if (!sym || l.skipped.has(t)) return;
  const key = relationKey(sym.schema, sym.out);
  l.namespace.claim(sym.schema, sym.out, 'Table', t.name.span, key);

  // Constraint names are unique per table in PostgreSQL; PRIMARY KEY and UNIQUE names are relation names too.
  const explicit = new Set<string>();
  for (const c of t.checks) if (c.name) explicit.add(l.names.apply(c.name, c.span));
  for (const c of t.foreignKeys) if (c.name) explicit.add(l.names.apply(c.name, c.span));
  const assigned = new Set<string>();
  const relationConstraint = (raw: string, span: Span): string => {
    const base = l.names.apply(raw, span);
    let name = base;
    for (let k = 1; assigned.has(name) || (name !== base && explicit.has(name)) || !l.namespace.isFree(sym.schema, name, `${key}#${name}`); k++) {
      name = withSuffix(base, k);
    }
    l.namespace.claim(sym.schema, name, 'Constraint', span, `${key}#${name}`);
    if (name !== base) l.bag.report('SP402', span, 'Constraint', quoteIdent(base), quoteIdent(name));
    assigned.add(name);
    return name;
  };
  const tableConstraint = (raw: string, span: Span): string => {
    const base = l.names.apply(raw, span);
    let name = base;
    for (let k = 1; assigned.has(name); k++) name = withSuffix(base, k);
    if (name !== base) l.bag.report('SP402', span, 'Constraint', quoteIdent(base), quoteIdent(name));
    assigned.add(name);
    return name;
  };

  if (t.withoutRowid) l.bag.report('SP302', t.withoutRowid);
  if (t.strict) l.bag.report('SP303', t.strict);
  if (l.model.dialect === 'sqlite' && !t.strict && !l.looseTypesNoted && t.columns.some((c) => c.declaredType !== null && c.type.kind !== 'any')) {
    l.looseTypesNoted = true;
    l.bag.report('SP115', t.name.span);
  }

  const pgColumns: PgColumn[] = [];
  const constraints: string[] = [];
  const requires: string[] = sym.schema ? [`schema:${sym.schema}`] : [];

  for (const c of t.columns) {
    const cs = sym.columns.get(c.name.toLowerCase());
    if (cs) pgColumns.push(lowerColumn(l, c, cs, sym, t));
    if (cs && !l.nulTextNoted && (cs.valueType === 'text' || cs.valueType === 'json')) {
      l.nulTextNoted = true;
      l.bag.report('SP118', c.nameSpan, l.model.dialect === 'sqlite' ? 'SQLite' : 'DuckDB');
    }
  }

  // Primary key
  const primaryKey: string[] = [];
  if (t.primaryKey) {
    const pk = t.primaryKey;
    conflict(l, pk.onConflict, pk.span);
    if (pk.descending) l.bag.report('SP311', pk.span, quoteIdent(sym.columns.get(pk.columns[0]?.toLowerCase() ?? '')?.out ?? ''));
    const cols = pk.columns.map((c) => sym.columns.get(c.toLowerCase())?.out ?? l.names.apply(c, pk.span));
    primaryKey.push(...cols);
    const nullable = pk.columns.map((c) => sym.columns.get(c.toLowerCase())).filter((c) => c && !c.column.notNull && !c.column.rowid);
    if (l.model.dialect === 'sqlite' && !t.withoutRowid && !t.strict) {
      for (const c of nullable) if (c) l.bag.report('SP305', c.column.nameSpan, quoteIdent(c.out));
    }
    // Unnamed, PostgreSQL calls it <table>_pkey; when this script gives that name to another relation, name it.
    const implicit = implicitName(sym.out, 'pkey');
    const name = pk.name ? relationConstraint(pk.name, pk.span) : l.namespace.isFree(sym.schema, implicit, `${key}#pkey`) ? null : relationConstraint(implicit, pk.span);
    if (!name) l.namespace.reserve(sym.schema, implicit, `${key}#pkey`);
    const only = cols.length === 1 ? pgColumns.find((c) => c.name === cols[0]) : undefined;
    if (pk.inline && only && !name) only.inlineConstraints.unshift('PRIMARY KEY');
    else constraints.push(`${name ? `CONSTRAINT ${quoteIdent(name)} ` : ''}PRIMARY KEY (${cols.map(quoteIdent).join(', ')})`);
  }

  // Unique keys
  for (const u of t.uniques) {
    conflict(l, u.onConflict, u.span);
    const implicitUnique = implicitName(`${sym.out}_${u.columns.map((c) => sym.columns.get(c.toLowerCase())?.out ?? c).join('_')}`, 'key');
    const name = u.name ? relationConstraint(u.name, u.span) : l.namespace.isFree(sym.schema, implicitUnique, `${key}#${u.span.start}`) ? null : relationConstraint(implicitUnique, u.span);
    if (u.expressions.some((e) => e !== null)) {
      // PostgreSQL UNIQUE constraints take columns only: an expression key is a unique index.
      const parts = u.expressions.map((e, i) => (e ? `(${l.translateIn(sym, 'index', e).sql})` : quoteIdent(sym.columns.get(u.columns[i]?.toLowerCase() ?? '')?.out ?? '')));
      const indexName = name ?? l.namespace.claim(sym.schema, l.names.apply(`${sym.out}_key`, null), 'Index', u.span, `${key}#${u.span.start}`);
      l.emit({
        kind: 'index',
        sql: `CREATE UNIQUE INDEX ${quoteIdent(indexName)} ON ${l.qualified(sym.schema, sym.out)} (${parts.join(', ')});`,
        provides: [relationKey(sym.schema, indexName)],
        requires: [key],
        span: u.span,
      });
      continue;
    }
    const cols = u.columns.map((c) => sym.columns.get(c.toLowerCase())?.out ?? l.names.apply(c, u.span));
    if (!name) l.namespace.reserve(sym.schema, implicitUnique, `${key}#${u.span.start}`);
    const only = cols.length === 1 ? pgColumns.find((c) => c.name === cols[0]) : undefined;
    if (u.inline && only && !name) only.inlineConstraints.push('UNIQUE');
    else constraints.push(`${name ? `CONSTRAINT ${quoteIdent(name)} ` : ''}UNIQUE (${cols.map(quoteIdent).join(', ')})`);
  }

  // Checks
  for (const ch of t.checks) {
    conflict(l, ch.onConflict, ch.span);
    const x = new ExpressionTranslator(l.tableContext(sym, 'check'));
    const f = x.truthy(x.translate(unwrap(ch.expr)));
    // The PostgreSQL type already guarantees it (json_valid on a jsonb column).
    if (f.literal?.kind === 'boolean' && f.literal.value) continue;
    const text = `${ch.name ? `CONSTRAINT ${quoteIdent(tableConstraint(ch.name, ch.span))} ` : ''}CHECK (${f.sql})`;
    const target = ch.column && !ch.name ? pgColumns.find((c) => c.sourceName === ch.column) : undefined;
    if (target) {
      target.inlineConstraints.push(text);
      const allowed = allowedStrings(ch.expr, ch.column ?? '');
      if (allowed) target.allowedValues = allowed;
    } else constraints.push(text);
  }

  // Foreign keys
  const foreignKeys: PgForeignKey[] = [];
  for (const fk of t.foreignKeys) {
    const lowered = lowerForeignKey(l, fk, sym);
    if (!lowered) continue;
    if (lowered.name) lowered.name = tableConstraint(lowered.name, fk.span);
    foreignKeys.push(lowered);
  }

  const table: PgTable = {
    schema: sym.schema,
    name: sym.out,
    sourceName: t.name.name,
    temporary: t.temporary,
    ifNotExists: t.ifNotExists,
    columns: pgColumns,
    constraints,
    foreignKeys,
    primaryKey,
    comment: t.comment,
    span: t.span,
  };
  l.addTable(table);

  if (t.orReplace) {
    l.emit({ kind: 'step', sql: `DROP TABLE IF EXISTS ${l.qualified(sym.schema, sym.out)} CASCADE;`, span: t.span, requires });
  }
  // The enum types its columns use (each created before any table is lowered).
  const enumKeys = l.enums.length === 0 ? [] : [...new Set([...sym.columns.values()].flatMap((c) => l.enumKeyOf(c.pgType) ?? []))];
  if (t.asSelect) {
    const { columns, complete } = deriveSelectColumns(l, t.asSelect, t.name.name, []);
    table.asSelect = { columns, complete };
    const select = l.query().select(t.asSelect);
    const head = `CREATE ${t.temporary ? 'TEMPORARY ' : ''}TABLE ${t.ifNotExists ? 'IF NOT EXISTS ' : ''}${l.qualified(sym.schema, sym.out)}`;
    l.emit({
      kind: 'table', sql: `${head} AS ${select};`, leading: t.comment, span: t.span, provides: [key],
      requires: [...requires, ...referencedRelations(t.asSelect).map((n) => keyOf(l, n))],
    });
    return;
  }
  // A key that only a CREATE UNIQUE INDEX provides exists once that index does: add the foreign key after it.
  for (const fk of foreignKeys) {
    if (!fk.requiresIndex) continue;
    fk.deferred = true;
    l.emit({ kind: 'foreign-key', sql: addForeignKeySql(sym.schema, sym.out, fk), span: fk.span, requires: [key, fk.target, fk.requiresIndex] });
  }
  l.emit({
    kind: 'table',
    sql: '',
    leading: t.comment,
    span: t.span,
    provides: [key],
    requires: [...requires, ...enumKeys, ...foreignKeys.filter((f) => !f.deferred).map((f) => f.target).filter((k) => k !== key)],
    table,
  });
}

export function keyOf(l: Lowering, name: ObjectName): string {
  const sym = l.symbols.lookup(name);
  if (sym) return relationKey(sym.schema, sym.out);
  return objectKey(name);
}

export function conflict(l: Lowering, action: string | null, span: Span): void {
  if (action && action !== 'ABORT') l.bag.report('SP301', span, action);
}

export function lowerColumn(l: Lowering, c: Column, cs: ColumnSymbol, sym: TableSymbol, t: Table): PgColumn {
  const type = cs.pgType;
  for (const ext of type.extensions) l.requireExtension(ext);
  if (type.collation === 'nocase') l.requireNocaseCollation();
  if (c.notNullConflict) conflict(l, c.notNullConflict, c.span);

  let identity: PgColumn['identity'] = null;
  if (c.rowid) {
    identity = 'BY DEFAULT';
    if (c.rowid.autoincrement) l.bag.report('SP310', c.rowid.span);
    else l.bag.report('SP304', c.rowid.span, quoteIdent(cs.out), l.qualified(sym.schema, sym.out).replace(/'/g, "''"), cs.out.replace(/'/g, "''"));
  }

  let defaultSql: string | null = null;
  if (c.default && !identity) {
    const f = l.translateIn(sym, 'default', unwrap(c.default));
    const fitted = coerceToColumn(f, cs, { dialect: l.model.dialect, bag: l.bag, span: c.default.span });
    // DEFAULT takes a restricted expression in PostgreSQL (no AT TIME ZONE, IS, …): parenthesise operators.
    defaultSql = fitted.prec >= PREC.POSTFIX || fitted.literal ? fitted.sql : `(${fitted.sql})`;
  }

  let generated: PgColumn['generated'] = null;
  if (c.generated) {
    const f = l.translateIn(sym, 'generated', unwrap(c.generated.expr));
    if (f.volatility !== 'immutable') {
      l.bag.report('SP207', c.generated.span, quoteIdent(cs.out));
    } else {
      let stored = true;
      if (c.generated.storage === 'VIRTUAL') {
        if (l.options.targetVersion >= 18) stored = false;
        else l.bag.report('SP206', c.generated.span, quoteIdent(cs.out), String(l.options.targetVersion));
      }
      generated = { sql: coerceToColumn(f, cs, { dialect: l.model.dialect, bag: l.bag, span: c.generated.span }).sql, stored };
    }
  }

  const inlineConstraints = typeChecks(type, quoteIdent(cs.out)).map((check) => `CHECK (${check})`);
  void t;
  return {
    name: cs.out,
    sourceName: c.name,
    type,
    valueType: cs.valueType,
    notNull: c.notNull,
    default: defaultSql,
    identity,
    generated,
    inlineConstraints,
    allowedValues: null,
    comment: c.comment,
    span: c.span,
  };
}

export function lowerForeignKey(l: Lowering, fk: ForeignKey, sym: TableSymbol): PgForeignKey | null {
  const target = l.symbols.lookup(fk.table);
  const columns = fk.columns.map((c) => sym.columns.get(c.toLowerCase())?.out ?? l.names.apply(c, fk.span));
  let refColumns: string[];
  let targetKey: string;
  let requiresIndex: string | undefined;
  if (!target) {
    l.bag.report('SP306', fk.table.span, l.relationSql(fk.table));
    refColumns = fk.referencedColumns.map((c) => l.names.apply(l.names.canonicalColumn(c), fk.span));
    targetKey = objectKey(fk.table);
  } else {
    targetKey = relationKey(target.schema, target.out);
    const wanted = fk.referencedColumns.length ? fk.referencedColumns.map((c) => c.toLowerCase()) : (target.table.primaryKey?.columns.map((c) => c.toLowerCase()) ?? []);
    const matching = target.keys.filter((k) => sameColumnSet(k.columns, wanted));
    const isKey = wanted.length > 0 && matching.length > 0;
    const viaIndex = matching.length > 0 && matching.every((k) => k.index !== null) ? matching[0]?.index : null;
    // By the index's source name: the emitted one may be renamed (SP402).
    if (viaIndex) requiresIndex = `index:${objectKey(viaIndex)}`;
    if (!isKey) {
      l.bag.report('SP307', fk.span, quoteIdent(sym.out), quoteIdent(target.out), wanted.join(', ') || 'its primary key');
    }
    refColumns = fk.referencedColumns.map((c) => target.columns.get(c.toLowerCase())?.out ?? l.names.apply(c, fk.span));
  }
  if (l.model.dialect === 'sqlite' && !l.fkNoted) {
    l.fkNoted = true;
    l.bag.report('SP308', fk.span);
  }
  let references = `REFERENCES ${target ? l.qualified(target.schema, target.out) : l.relationSql(fk.table)}`;
  if (refColumns.length) references += ` (${refColumns.map(quoteIdent).join(', ')})`;
  if (fk.onDelete && fk.onDelete !== 'NO ACTION') references += ` ON DELETE ${fk.onDelete}`;
  if (fk.onUpdate && fk.onUpdate !== 'NO ACTION') references += ` ON UPDATE ${fk.onUpdate}`;
  if (fk.deferrable) {
    references += fk.deferrable.not ? ' NOT DEFERRABLE' : ' DEFERRABLE';
    if (fk.deferrable.initially) references += ` INITIALLY ${fk.deferrable.initially}`;
  }
  return {
    name: fk.name ? l.names.apply(fk.name, fk.span) : null,
    columns,
    references,
    target: targetKey,
    inline: fk.inline && columns.length === 1 && !fk.name,
    deferred: false,
    ...(requiresIndex ? { requiresIndex } : {}),
    span: fk.span,
  };
}

// ---- indexes, views, steps ----------------------------------------------


/** Drops redundant outer parentheses: DEFAULT (x) and CHECK ((x)) print as x. */
export function unwrap(e: Expression): Expression {
  return e.kind === 'paren' ? unwrap(e.expr) : e;
}

/** `CHECK (col IN ('a', 'b'))` → ['a', 'b'], for TypeScript literal unions. */
function allowedStrings(e: Expression, column: string): string[] | null {
  const inner = e.kind === 'paren' ? e.expr : e;
  if (inner.kind !== 'in' || inner.not || !inner.list) return null;
  const op = inner.operand;
  if (op.kind !== 'column' || op.path[op.path.length - 1]?.name.toLowerCase() !== column.toLowerCase()) return null;
  const values: string[] = [];
  for (const item of inner.list) {
    if (item.kind !== 'string') return null;
    values.push(item.value);
  }
  return values;
}

/** One column as it appears in CREATE TABLE and ALTER TABLE … ADD COLUMN. */
export function columnDefinition(c: PgColumn): string {
  const parts = [quoteIdent(c.name), c.type.sql];
  if (c.type.collation) parts.push(`COLLATE ${quoteIdent(c.type.collation)}`);
  if (c.identity) parts.push(`GENERATED ${c.identity} AS IDENTITY`);
  if (c.generated) parts.push(`GENERATED ALWAYS AS (${c.generated.sql})${c.generated.stored ? ' STORED' : ' VIRTUAL'}`);
  if (c.notNull && !c.inlineConstraints.includes('PRIMARY KEY')) parts.push('NOT NULL');
  if (c.default !== null) parts.push(`DEFAULT ${c.default}`);
  parts.push(...c.inlineConstraints);
  return parts.join(' ');
}
