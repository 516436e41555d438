/**
 * What "Verify" runs: the PostgreSQL script of a translation, statement by
 * statement, each with where it is in the output and in the source, so that
 * PostgreSQL's error can be shown at the source line it came from. Pure: the
 * page bundles it up front; PGlite is loaded only to run the plan (verify.ts).
 */
import { renderTable } from '../../src/emit/postgres/emit-sql.js';
import { quoteIdent } from '../../src/emit/postgres/quote.js';
import type { PgStatement, PgTable } from '../../src/passes/postgres-model.js';
import type { Span } from '../../src/syntax/ast.js';

export interface PlannedStatement {
  /** The statement as the output prints it. */
  sql: string;
  kind: PgStatement['kind'];
  /** Offset of `sql` in the output script. */
  outputStart: number;
  /** The source text it was translated from; null for statements the translation adds (CREATE EXTENSION …). */
  span: Span | null;
  table: PgTable | null;
}

/** The statements of a PgScript in output order, found in the printed script `output`. */
export function planStatements(statements: readonly PgStatement[], output: string): PlannedStatement[] {
  const planned: PlannedStatement[] = [];
  let cursor = 0;
  for (const s of statements) {
    if (s.kind === 'note') continue; // comment lines only
    const sql = s.table ? renderTable(s.table) : s.sql;
    const at = output.indexOf(sql, cursor);
    const outputStart = at >= 0 ? at : cursor;
    if (at >= 0) cursor = at + sql.length;
    planned.push({ sql, kind: s.kind, outputStart, span: s.span, table: s.table ?? null });
  }
  return planned;
}

export interface PostgresError {
  message: string;
  /** 1-based character position in the statement, as PostgreSQL reports it. */
  position?: number | undefined;
  detail?: string | undefined;
  hint?: string | undefined;
  code?: string | undefined;
}

export interface MappedError {
  /** Offsets in the output script: the statement, and the character PostgreSQL points at. */
  outputSpan: Span;
  outputOffset: number;
  /** The source text to mark: the column or foreign key when the error is on its line, else the statement. */
  sourceSpan: Span | null;
}

/** Where a PostgreSQL error on `statement` is, in the output and in the source. */
export function mapError(statement: PlannedStatement, error: PostgresError): MappedError {
  const inStatement = error.position !== undefined && error.position > 0 ? Math.min(error.position - 1, statement.sql.length) : 0;
  const outputSpan = { start: statement.outputStart, end: statement.outputStart + statement.sql.length };
  let sourceSpan = statement.span;
  if (statement.table && error.position !== undefined) {
    const lineStart = statement.sql.lastIndexOf('\n', inStatement - 1) + 1;
    const lineEnd = statement.sql.indexOf('\n', inStatement);
    const line = statement.sql.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
    sourceSpan = partSpan(statement.table, line) ?? sourceSpan;
  }
  return { outputSpan, outputOffset: statement.outputStart + inStatement, sourceSpan };
}

/** The source span of the column or foreign key a line of a rendered CREATE TABLE defines. */
function partSpan(table: PgTable, line: string): Span | null {
  const text = line.trim();
  for (const c of table.columns) {
    if (text.startsWith(`${quoteIdent(c.name)} `)) return c.span;
  }
  const fk = /^(?:CONSTRAINT\s+(?:"(?:[^"]|"")*"|\S+)\s+)?FOREIGN KEY \(([^)]*)\)/.exec(text);
  if (fk?.[1]) {
    const columns = fk[1].split(',').map((c) => c.trim());
    const found = table.foreignKeys.find((k) => k.columns.map(quoteIdent).join(',') === columns.join(','));
    if (found) return found.span;
  }
  return null;
}
