/**
 * The plan of a copy: the source schema translated by the compiler (same
 * options, same diagnostics), split into what runs before the rows
 * (extensions, types, sequences, tables) and after them (indexes, foreign
 * keys, views, functions, comments), and one row converter per table.
 */
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { rowConverter, type RowConverter } from '../convert/index.js';
import { addForeignKeySql, renderTable } from '../emit/postgres/emit-sql.js';
import { quoteQualified } from '../emit/postgres/quote.js';
import type { Table } from '../model/schema.js';
import type { TranslateOptions } from '../options.js';
import type { PgStatementKind, PgTable } from '../passes/postgres-model.js';
import { translate, type TranslateResult } from '../translate.js';
import type { CopySource, SourceTableName } from './source.js';

export interface TablePlan {
  pg: PgTable;
  model: Table;
  source: SourceTableName;
  /** Quoted, qualified PostgreSQL name. */
  target: string;
  /** The relation key the statements use (`schema.name`, lower case). */
  key: string;
  converter: RowConverter;
  /** Positions (in converter.columns) of the primary key, for reject lines; empty: the row number. */
  keyColumns: number[];
}

export interface CopyPlan {
  result: TranslateResult;
  schemaSql: string;
  /** Before the rows: schemas, extensions, collations, types, sequences, tables. */
  pre: string[];
  /** After the rows: indexes, foreign keys, views, functions, comments. */
  post: string[];
  tables: TablePlan[];
  /** SP119. */
  diagnostics: Diagnostic[];
  /** With --tables: foreign keys to tables outside the selection (added when those exist in the target). */
  outsideForeignKeys: { sql: string; references: string }[];
  /** --if-exists drop: the views, types and sequences the schema creates (its tables are dropped by name). */
  dropFirst: string[];
}

const PRE: ReadonlySet<PgStatementKind> = new Set(['schema', 'extension', 'collation', 'type', 'sequence', 'table']);
const POST: ReadonlySet<PgStatementKind> = new Set(['index', 'foreign-key', 'view', 'function', 'comment']);
const DATETIME = new Set(['timestamptz', 'timestamp', 'date']);

export class PlanError extends Error {}

function relationKey(schema: string | null, name: string): string {
  return `${(schema ?? '').toLowerCase()}.${name.toLowerCase()}`;
}

export async function planCopy(source: CopySource, options: Partial<TranslateOptions>, fileName: string, only?: readonly string[]): Promise<CopyPlan> {
  const schemaSql = await source.schemaSql();
  const result = translate(schemaSql, { ...options, from: source.dialect, fileName: `${fileName} (schema)` });
  const plan: CopyPlan = { result, schemaSql, pre: [], post: [], tables: [], diagnostics: [], outsideForeignKeys: [], dropFirst: [] };
  if (result.postgres === null || result.model === null || result.sql === null) return plan;

  const modelTables = result.model.elements.filter((e): e is Table => e.kind === 'table');
  const wanted = only ? new Set(only.map((t) => t.toLowerCase())) : null;
  const matched = new Set<string>();
  const allTableKeys = new Set<string>();
  const selected = new Set<string>();
  for (const statement of result.postgres.statements) {
    const pg = statement.table;
    if (statement.kind !== 'table' || !pg || pg.temporary || pg.asSelect) continue;
    const key = relationKey(pg.schema, pg.name);
    allTableKeys.add(key);
    const model = modelTables.find((t) => t.name.name === pg.sourceName && (pg.schema === null || t.name.schema === null || t.name.schema.toLowerCase() === pg.schema.toLowerCase()));
    if (!model) continue;
    const names = [model.name.name.toLowerCase(), pg.name.toLowerCase(), model.name.schema ? `${model.name.schema}.${model.name.name}`.toLowerCase() : ''];
    const hit = wanted ? names.find((n) => wanted.has(n)) : undefined;
    if (wanted && hit === undefined) continue;
    if (hit !== undefined) matched.add(hit);
    selected.add(key);
    const converter = rowConverter(pg, model, { dialect: source.dialect, unixMilliseconds: source.dialect === 'sqlite' });
    plan.tables.push({
      pg,
      model,
      source: { schema: model.name.schema, name: model.name.name },
      target: quoteQualified(pg.schema, pg.name),
      key,
      converter,
      keyColumns: pg.primaryKey.map((k) => converter.columns.indexOf(k)).filter((i) => i >= 0),
    });
  }
  if (wanted) {
    const missing = [...wanted].filter((w) => !matched.has(w));
    if (missing.length > 0) throw new PlanError(`no such table in the source: ${missing.join(', ')}`);
  }

  const foreignKeys: string[] = [];
  // A referenced table the source schema does not have: its name as the key holds it (lower case).
  const referencedName = (key: string) => {
    const t = result.postgres?.tables.find((x) => relationKey(x.schema, x.name) === key);
    const dot = key.indexOf('.');
    return t ? quoteQualified(t.schema, t.name) : quoteQualified(dot > 0 ? key.slice(0, dot) : null, key.slice(dot + 1));
  };
  for (const statement of result.postgres.statements) {
    const needsOther = statement.requires.some((k) => allTableKeys.has(k) && !selected.has(k));
    if (statement.kind === 'table') {
      // Tables without their foreign keys: those are added after the rows (any load order works).
      const pg = statement.table;
      if (!pg || !selected.has(relationKey(pg.schema, pg.name))) continue;
      plan.pre.push(renderTable({ ...pg, foreignKeys: [] }));
      for (const fk of pg.foreignKeys) {
        if (fk.deferred) continue;
        if (selected.has(fk.target)) foreignKeys.push(addForeignKeySql(pg.schema, pg.name, fk));
        else plan.outsideForeignKeys.push({ sql: addForeignKeySql(pg.schema, pg.name, fk), references: referencedName(fk.target) });
      }
    } else if (PRE.has(statement.kind)) {
      plan.pre.push(statement.sql);
      const sequence = statement.kind === 'sequence' ? /^CREATE\s+SEQUENCE\s+(?:IF\s+NOT\s+EXISTS\s+)?((?:"(?:[^"]|"")*"|[\w$]+)(?:\.(?:"(?:[^"]|"")*"|[\w$]+))?)/i.exec(statement.sql) : null;
      if (sequence) plan.dropFirst.push(`DROP SEQUENCE IF EXISTS ${sequence[1]}`);
    } else if (statement.kind === 'foreign-key' && needsOther) {
      const missing = statement.requires.find((k) => allTableKeys.has(k) && !selected.has(k)) as string;
      plan.outsideForeignKeys.push({ sql: statement.sql, references: referencedName(missing) });
    } else if (POST.has(statement.kind) && !needsOther) {
      // A trigger function of an earlier copy (--if-exists drop/truncate) is replaced, not an error.
      plan.post.push(statement.kind === 'function' ? statement.sql.replace(/^CREATE FUNCTION /, 'CREATE OR REPLACE FUNCTION ') : statement.sql);
    }
  }

  plan.post.push(...foreignKeys);
  // Without CASCADE: what other tables still use stays (and is reused, see copy.ts).
  if (!wanted) for (const v of result.postgres.views) plan.dropFirst.unshift(`DROP VIEW IF EXISTS ${quoteQualified(v.schema, v.name)}`);
  for (const t of [...result.postgres.enums, ...result.postgres.composites]) {
    plan.dropFirst.push(`DROP TYPE IF EXISTS ${'schema' in t ? quoteQualified(t.schema, t.name) : quoteQualified(null, t.name)}`);
  }

  // Date/time numbers of more than one kind in a column (SQLite): said, not guessed silently (SP119).
  for (const t of plan.tables) {
    for (const [i, target] of t.converter.targets.entries()) {
      if (!DATETIME.has(target.valueType)) continue;
      const kinds = await source.dateTimeNumberKinds(t.source, t.converter.sourceColumns[i] as string);
      if (kinds.size > 1) {
        const span = t.model.columns.find((c) => c.name === t.converter.sourceColumns[i])?.span ?? null;
        plan.diagnostics.push(diagnostic('SP119', span, `${t.model.name.name}.${t.converter.sourceColumns[i]}`, [...kinds].sort().join(', ')));
      }
    }
  }
  return plan;
}
