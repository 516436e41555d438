/**
 * CREATE VIRTUAL TABLE … USING fts3/fts4/fts5 → PostgreSQL full-text search:
 * a generated tsvector column with a GIN index. External-content tables
 * (content='t') put the column on the content table and keep the FTS name as
 * a view; standalone ones become a table of their own. Other modules are
 * reported (SP502).
 */
import { sourceAsComment } from '../../emit/postgres/comment-out.js';
import { quoteIdent } from '../../emit/postgres/quote.js';
import type { Column, Table, VirtualTable } from '../../model/schema.js';
import { INT64_MAX, INT64_MIN } from '../../model/semantic-type.js';
import type { Span } from '../../syntax/ast.js';
import { objectKey, relationKey, type TableSymbol } from '../symbols.js';
import type { Lowering } from './lowering.js';

export interface FtsTable {
  /** Output name of the FTS relation (a table, or a view over the content table). */
  name: string;
  schema: string | null;
  /** The tsvector column, unquoted. */
  vector: string;
  /** Text search configuration: english (porter stemming) or simple. */
  config: 'english' | 'simple';
  /** Output names of the indexed columns, in order. */
  columns: string[];
  external: boolean;
}

interface FtsSpec {
  columns: { name: string; indexed: boolean }[];
  content: string | null;
  contentRowid: string | null;
  tokenize: string | null;
}

function unquote(v: string): string {
  const t = v.trim();
  if ((t.startsWith("'") && t.endsWith("'")) || (t.startsWith('"') && t.endsWith('"'))) return t.slice(1, -1).replace(/''/g, "'").replace(/""/g, '"');
  if (t.startsWith('[') && t.endsWith(']')) return t.slice(1, -1);
  return t;
}

function parseSpec(v: VirtualTable): FtsSpec {
  const spec: FtsSpec = { columns: [], content: null, contentRowid: null, tokenize: null };
  const notIndexed = new Set<string>();
  for (const arg of v.syntax.args) {
    const eq = /^([A-Za-z_]+)\s*=\s*([\s\S]*)$/.exec(arg.text);
    if (eq) {
      const key = (eq[1] ?? '').toLowerCase();
      const value = unquote(eq[2] ?? '');
      if (key === 'content') spec.content = value;
      else if (key === 'content_rowid') spec.contentRowid = value;
      else if (key === 'tokenize') spec.tokenize = value;
      else if (key === 'notindexed') notIndexed.add(value.toLowerCase());
      continue;
    }
    const words = arg.text.trim().split(/\s+/);
    const name = unquote(words[0] ?? '');
    if (!name) continue;
    spec.columns.push({ name, indexed: !words.slice(1).some((w) => w.toUpperCase() === 'UNINDEXED') });
  }
  for (const c of spec.columns) if (notIndexed.has(c.name.toLowerCase())) c.indexed = false;
  return spec;
}

/** A synthetic model table so queries over the FTS relation resolve its columns. */
function syntheticTable(v: VirtualTable, columns: string[], span: Span): Table {
  const column = (name: string, rowid: boolean): Column => ({
    name,
    nameSpan: span,
    type: rowid ? { kind: 'integer', min: INT64_MIN, max: INT64_MAX } : { kind: 'text', length: null, fixed: false },
    declaredType: null,
    typeSpan: null,
    notNull: rowid,
    notNullConflict: null,
    default: null,
    generated: null,
    rowid: rowid ? { autoincrement: false, span } : null,
    collation: null,
    comment: null,
    span,
  });
  return {
    kind: 'table', name: { schema: v.syntax.name.schema?.name ?? null, name: v.syntax.name.name.name, span: v.syntax.name.span },
    temporary: false, ifNotExists: false, orReplace: false,
    columns: [column('rowid', true), ...columns.map((c) => column(c, false))],
    primaryKey: null, uniques: [], checks: [], foreignKeys: [], withoutRowid: null, strict: null, asSelect: null, comment: null, span,
  };
}

function documentExpression(columns: { sql: string; text: boolean }[], config: string): string {
  const parts = columns.map((c) => `coalesce(${c.sql}${c.text ? '' : '::text'}, '')`);
  return `to_tsvector('${config}'::regconfig, ${parts.length ? parts.join(" || ' ' || ") : "''"})`;
}

export function lowerVirtualTable(l: Lowering, v: VirtualTable): void {
  const module = v.syntax.module.name.toLowerCase();
  if (!['fts3', 'fts4', 'fts5'].includes(module)) {
    l.bag.report('SP502', v.syntax.module.span, v.syntax.module.name);
    l.emit({ kind: 'note', sql: sourceAsComment(l.sourceText(v.span)), span: v.span });
    return;
  }
  const spec = parseSpec(v);
  const config = spec.tokenize && /porter/i.test(spec.tokenize) ? 'english' : 'simple';
  const schema = l.schemaOf(v.syntax.name.schema?.name ?? null, v.syntax.name.span);
  const name = l.names.apply(v.syntax.name.name.name, v.syntax.name.span);
  const vector = l.names.apply(`${name}_tsv`, null);
  const key = relationKey(schema, name);
  const indexed = spec.columns.filter((c) => c.indexed);
  const contentSym = spec.content ? l.symbols.lookup({ schema: null, name: spec.content }) : undefined;

  if (spec.content && contentSym) {
    lowerExternal(l, v, { spec, config, schema, name, vector, key, contentSym, module });
    return;
  }
  if (spec.content) {
    l.bag.report('SP204', v.span, `the FTS content table ${spec.content}`, 'it is not defined in this input');
  }
  const columns = spec.columns.map((c) => l.names.apply(c.name, v.span));
  const table = syntheticTable(v, spec.columns.map((c) => c.name), v.span);
  l.bindTable(table);
  const qualified = schema ? `${quoteIdent(schema)}.${quoteIdent(name)}` : quoteIdent(name);
  const doc = documentExpression(indexed.map((c) => ({ sql: quoteIdent(l.names.apply(c.name, v.span)), text: true })), config);
  const lines = [
    'rowid bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY',
    ...columns.map((c) => `${quoteIdent(c)} text`),
    `${quoteIdent(vector)} tsvector GENERATED ALWAYS AS (${doc}) STORED`,
  ];
  const index = l.namespace.claim(schema, l.names.apply(`${name}_tsv_idx`, null), 'Index', v.span, `${key}#fts`);
  l.bag.report('SP501', v.syntax.module.span, quoteIdent(name), module, config, '');
  l.ftsTables.set(objectKey(table.name), { name, schema, vector, config, columns, external: false });
  l.namespace.claim(schema, name, 'Table', v.syntax.name.span, key);
  l.emit({
    kind: 'table',
    sql: `CREATE TABLE ${v.syntax.ifNotExists ? 'IF NOT EXISTS ' : ''}${qualified} (\n${lines.map((x) => `  ${x}`).join(',\n')}\n);\n\nCREATE INDEX ${quoteIdent(index)} ON ${qualified} USING gin (${quoteIdent(vector)});`,
    span: v.span,
    provides: [key],
  });
}

interface ExternalPlan {
  spec: FtsSpec;
  config: 'english' | 'simple';
  schema: string | null;
  name: string;
  vector: string;
  key: string;
  contentSym: TableSymbol;
  module: string;
}

function lowerExternal(l: Lowering, v: VirtualTable, p: ExternalPlan): void {
  const cs = p.contentSym;
  const content = cs.schema ? `${quoteIdent(cs.schema)}.${quoteIdent(cs.out)}` : quoteIdent(cs.out);
  const columns: { sql: string; text: boolean; out: string }[] = [];
  for (const c of p.spec.columns) {
    const sym = cs.columns.get(c.name.toLowerCase());
    if (!sym) {
      l.bag.report('SP204', v.span, `the FTS column ${c.name}`, `the content table ${cs.out} has no such column`);
      continue;
    }
    if (c.indexed) {
      // Through the generated-column context: a generated content column is inlined (PostgreSQL forbids referencing it).
      const ref = l.translateIn(cs, 'generated', { kind: 'column', path: [{ kind: 'identifier', name: sym.column.name, quote: 'double', span: v.span }], span: v.span });
      columns.push({ sql: ref.sql, text: sym.valueType === 'text', out: sym.out });
    }
  }
  const rowidColumn = p.spec.contentRowid
    ? cs.columns.get(p.spec.contentRowid.toLowerCase())
    : [...cs.columns.values()].find((c) => c.column.rowid);
  const doc = documentExpression(columns, p.config);
  const contentKey = relationKey(cs.schema, cs.out);
  const index = l.namespace.claim(cs.schema, l.names.apply(`${p.name}_tsv_idx`, null), 'Index', v.span, `${p.key}#fts`);
  l.namespace.claim(p.schema, p.name, 'View', v.syntax.name.span, p.key);
  const selected = [
    rowidColumn ? `${quoteIdent(rowidColumn.out)} AS rowid` : null,
    ...p.spec.columns.map((c) => cs.columns.get(c.name.toLowerCase())).filter((c) => c !== undefined).map((c) => quoteIdent(c.out)),
    quoteIdent(p.vector),
  ].filter((x): x is string => x !== null);
  if (!rowidColumn) l.bag.report('SP514', v.syntax.name.span, quoteIdent(p.name), quoteIdent(cs.out));
  const view = p.schema ? `${quoteIdent(p.schema)}.${quoteIdent(p.name)}` : quoteIdent(p.name);
  l.bag.report('SP501', v.syntax.module.span, quoteIdent(p.name), p.module, p.config, ` on ${content}`);
  const table = syntheticTable(v, p.spec.columns.map((c) => c.name), v.span);
  l.bindTable(table);
  const allColumns = p.spec.columns.map((c) => cs.columns.get(c.name.toLowerCase())?.out ?? c.name);
  l.ftsTables.set(objectKey(table.name), { name: p.name, schema: p.schema, vector: p.vector, config: p.config, columns: allColumns, external: true });
  l.emit({
    kind: 'index',
    sql: [
      `ALTER TABLE ${content} ADD COLUMN ${quoteIdent(p.vector)} tsvector GENERATED ALWAYS AS (${doc}) STORED;`,
      `CREATE INDEX ${quoteIdent(index)} ON ${content} USING gin (${quoteIdent(p.vector)});`,
      `CREATE VIEW ${view} AS\n  SELECT ${selected.join(', ')}\n  FROM ${content};`,
    ].join('\n\n'),
    span: v.span,
    provides: [p.key],
    requires: [contentKey],
  });
}
