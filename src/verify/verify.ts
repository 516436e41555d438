/**
 * `schema-port verify`: applies a translation to PostgreSQL inside a
 * transaction that is always rolled back, statement by statement (each in a
 * savepoint), and maps every PostgreSQL error back to the source statement it
 * was translated from (SP007), with PostgreSQL's message, detail and hint.
 *
 * The transaction works in a fresh schema first on the search_path, so that
 * objects of the same name already in the database do not get in the way;
 * it is rolled back whatever happens (and a session that ends without
 * COMMIT is rolled back by the server).
 */
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { renderTable } from '../emit/postgres/emit-sql.js';
import type { PgStatement } from '../passes/postgres-model.js';
import type { Span } from '../syntax/ast.js';
import type { TranslateResult } from '../translate.js';
import { pgError, type PgError, type VerifyConnection } from './connection.js';
import { insertSampleData, type SampleTableResult } from './sample-data.js';

export interface VerifyOptions {
  /** Rows per table to generate and insert (0: none). */
  sampleData?: number;
  /** Aborting stops before the next statement or row; the transaction is still rolled back. */
  signal?: AbortSignal;
}

export interface VerifyOutcome {
  /** SP007 (PostgreSQL rejected a statement or a row of defaults) and SP008 (a table got no sample row). */
  diagnostics: Diagnostic[];
  applied: number;
  rejected: number;
  /** Statements not run because a statement they depend on was rejected. */
  skipped: number;
  sample: SampleTableResult[];
  interrupted: boolean;
}

/** The SQL of a statement as the emitter prints it; null for comment-only notes. */
export function statementSql(s: PgStatement): string | null {
  if (s.kind === 'note') return null;
  return s.table ? renderTable(s.table) : s.sql;
}

/** `CREATE TABLE "t"` — the first words of a statement, for messages. */
export function statementLabel(sql: string): string {
  const first = sql.replace(/^\s*(--[^\n]*\n\s*)*/, '').split('\n')[0] ?? '';
  const head = first.replace(/\s*\(.*$/, '').replace(/\s+AS\s*$/i, '').trim();
  return head.length > 80 ? `${head.slice(0, 77)}…` : head || 'a statement';
}

/** PostgreSQL's detail and hint, and where in the translated statement it points. */
function explain(e: PgError, sql: string | null): string {
  const parts: string[] = [];
  if (e.detail) parts.push(`detail: ${e.detail}`);
  if (e.hint) parts.push(`PostgreSQL hint: ${e.hint}`);
  if (sql !== null && e.position !== null && e.position > 0) {
    const before = sql.slice(0, e.position - 1);
    const line = before.split('\n').length;
    const text = sql.split('\n')[line - 1]?.trim() ?? '';
    parts.push(`at line ${line} of the translated statement: ${text.length > 120 ? `${text.slice(0, 117)}…` : text}`);
  }
  if (e.code) parts.push(`SQLSTATE ${e.code}`);
  return parts.length > 0 ? parts.join('; ') : 'Check the translated statement (schema-port FILE prints it).';
}

/**
 * The source position of what PostgreSQL rejected: the column or foreign key
 * of a CREATE TABLE (by the line PostgreSQL's position falls on, or the
 * relation it says is missing), else the whole source statement.
 */
function locate(s: PgStatement, sql: string, e: PgError): Span | null {
  const table = s.table;
  if (!table) return s.span;
  const missing = /relation "([^"]+)" does not exist/.exec(e.message)?.[1];
  if (missing) {
    const fk = table.foreignKeys.find((f) => f.target.split('.').pop() === missing.toLowerCase() || f.references.includes(`REFERENCES ${missing} `) || f.references.includes(`"${missing}"`));
    if (fk) return fk.span;
  }
  if (e.position !== null && e.position > 0) {
    // renderTable prints one column, then one constraint, then one foreign key per line (comment lines aside).
    const lines = sql.slice(0, e.position - 1).split('\n').slice(1).filter((l) => !/^\s*--/.test(l));
    const item = lines.length - 1;
    const foreignKeys = table.foreignKeys.filter((f) => !f.deferred && !(f.inline && f.columns.length === 1 && table.columns.some((c) => c.name === f.columns[0])));
    if (item >= 0 && item < table.columns.length) return table.columns[item]?.span ?? s.span;
    const fkIndex = item - table.columns.length - table.constraints.length;
    if (fkIndex >= 0 && fkIndex < foreignKeys.length) return foreignKeys[fkIndex]?.span ?? s.span;
  }
  return s.span;
}

function newSchemaName(): string {
  return `schema_port_verify_${Date.now().toString(36)}_${Math.floor(Math.random() * 36 ** 6).toString(36)}`;
}

/** Applies `result` (a translation without errors) on `conn`, then rolls everything back. */
export async function verifyTranslation(result: TranslateResult, conn: VerifyConnection, options: VerifyOptions = {}): Promise<VerifyOutcome> {
  const outcome: VerifyOutcome = { diagnostics: [], applied: 0, rejected: 0, skipped: 0, sample: [], interrupted: false };
  const script = result.postgres;
  if (!script) return outcome;
  const stopped = () => {
    if (options.signal?.aborted) outcome.interrupted = true;
    return outcome.interrupted;
  };
  const schema = newSchemaName();
  await conn.exec(`BEGIN;\nCREATE SCHEMA ${schema};\nSET LOCAL search_path TO ${schema}, public;`);
  try {
    const failed = new Set<string>();
    let n = 0;
    for (const s of script.statements) {
      // An embedded PostgreSQL answers in microtasks: give signal handlers (Ctrl-C) a turn of the event loop.
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (stopped()) break;
      const sql = statementSql(s);
      if (sql === null) continue;
      if (s.requires.some((k) => failed.has(k))) {
        outcome.skipped++;
        for (const k of s.provides) failed.add(k);
        continue;
      }
      const sp = `schema_port_statement_${++n}`;
      try {
        await conn.exec(`SAVEPOINT ${sp};\n${sql}\n;RELEASE SAVEPOINT ${sp};`);
        outcome.applied++;
      } catch (error) {
        const e = pgError(error);
        if (!e) throw error;
        await conn.exec(`ROLLBACK TO SAVEPOINT ${sp}`);
        outcome.rejected++;
        for (const k of s.provides) failed.add(k);
        outcome.diagnostics.push(diagnostic('SP007', locate(s, sql, e), statementLabel(sql), e.message, explain(e, sql)));
      }
    }
    const rows = options.sampleData ?? 0;
    if (rows > 0 && outcome.rejected === 0 && !stopped()) {
      const tables = script.statements.filter((s) => s.table && s.kind === 'table').map((s) => s.table as NonNullable<PgStatement['table']>);
      outcome.sample = await insertSampleData(conn, tables, script.enums, rows, stopped);
      for (const t of outcome.sample) {
        const name = t.table.schema ? `${t.table.schema}.${t.table.name}` : t.table.name;
        if (t.defaultError) {
          outcome.diagnostics.push(diagnostic('SP007', t.table.span, `a row of defaults for ${name}`, t.defaultError.message, explain(t.defaultError, null)));
        } else if (t.inserted === 0 && t.firstError) {
          outcome.diagnostics.push(diagnostic('SP008', t.table.span, name, t.firstError.message));
        }
      }
    }
  } finally {
    // Always: nothing is ever committed.
    await conn.exec('ROLLBACK');
  }
  return outcome;
}
