/**
 * The pipeline, as one pure function: source text → PostgreSQL DDL,
 * diagnostics and the models in between. No I/O; the CLI and the API call it.
 */
import { DiagnosticBag, applyStrict, diagnostic, sortDiagnostics, type Diagnostic } from './diagnostics/diagnostic.js';
import { emitSql } from './emit/postgres/emit-sql.js';
import { ModelBuilder, buildModel, type FrontEnd } from './frontends/build-model.js';
import { detectDialect } from './frontends/detect-dialect.js';
import { DUCKDB_FRONT_END } from './frontends/duckdb.js';
import { SQLITE_FRONT_END } from './frontends/sqlite.js';
import type { Dialect, SchemaModel } from './model/schema.js';
import { resolveOptions, type TranslateOptions } from './options.js';
import { lowerToPostgres, type SchemaContext } from './passes/lower-to-postgres.js';
import { orderStatements } from './passes/order-statements.js';
import type { PgScript } from './passes/postgres-model.js';
import { anchorShapes } from './passes/shape-anchors.js';
import { deepestSpan, isStackOverflow, parseScript, readScript } from './syntax/parse.js';

/** What `translate` returns: the PostgreSQL script (null when there are errors), every diagnostic, and the models it was printed from. */
export interface TranslateResult {
  /** The PostgreSQL script; null when there are errors. */
  sql: string | null;
  diagnostics: Diagnostic[];
  dialect: Dialect;
  /** The dialect-neutral schema model; null when the input did not parse. */
  model: SchemaModel | null;
  /** The PostgreSQL model the SQL was printed from (the TypeScript emitter reads it). */
  postgres: PgScript | null;
}

const FRONT_ENDS: Partial<Record<Dialect, FrontEnd>> = { sqlite: SQLITE_FRONT_END, duckdb: DUCKDB_FRONT_END };

/** Parses the `--schema` text; its own diagnostics are not the input's, but a syntax error in it is. */
function schemaContext(text: string, dialect: Dialect, frontEnd: FrontEnd, opts: TranslateOptions, bag: DiagnosticBag): SchemaContext | undefined {
  const parsed = parseScript(text, dialect);
  if (!parsed.ok) {
    bag.report('SP005', null, parsed.diagnostic.message);
    return undefined;
  }
  return { model: buildModel(parsed.value, text, frontEnd, opts, new DiagnosticBag()), source: text };
}

/**
 * Translates SQLite or DuckDB source text (DDL, and queries with `options.schema`) to PostgreSQL.
 * Pure: no I/O, the same input and options give byte-identical output. Never throws on bad input;
 * syntax errors and unportable constructs come back as diagnostics (and `sql` is then null).
 */
export function translate(source: string, options: Partial<TranslateOptions> = {}): TranslateResult {
  anchorShapes(FRONT_ENDS);
  const opts = resolveOptions(options);
  const bag = new DiagnosticBag();
  const text = source.charCodeAt(0) === 0xfeff ? ` ${source.slice(1)}` : source;

  let dialect: Dialect;
  if (opts.from === 'auto') {
    const detected = detectDialect(text);
    dialect = detected.dialect;
    bag.report('SP003', null, dialect === 'sqlite' ? 'SQLite' : 'DuckDB', detected.reason);
  } else {
    dialect = opts.from;
  }
  const finish = (sql: string | null, model: SchemaModel | null, postgres: PgScript | null): TranslateResult => {
    const diagnostics = sortDiagnostics(applyStrict(bag.items, opts.strict));
    const failed = diagnostics.some((d) => d.severity === 'error');
    return { sql: failed ? null : sql, diagnostics, dialect, model, postgres };
  };

  const frontEnd = FRONT_ENDS[dialect];
  if (!frontEnd) {
    bag.report('SP002', null, `The ${dialect} front end is not supported yet.`);
    return finish(null, null, null);
  }
  try {
    // The model is built as the script is read, statement by statement: each statement's tree goes
    // while it is young. Its diagnostics are kept apart until the script has parsed: a syntax error is
    // then the only finding, as when the script was parsed whole first.
    let modelBag = new DiagnosticBag();
    const builder = new ModelBuilder(text, frontEnd, opts, modelBag);
    const read = readScript(text, dialect, (statement, comments) => {
      builder.addComments(comments);
      if (statement) builder.add(statement);
    });
    if (read.ok === false) {
      bag.add(read.diagnostic);
      return finish(null, null, null);
    }
    let model: SchemaModel;
    if (read.ok === 'whole') {
      modelBag = new DiagnosticBag();
      model = buildModel(read.script, text, frontEnd, opts, modelBag);
    } else {
      model = builder.finish();
    }
    if ((read.ok === true ? read.statements : read.script.statements.length) === 0) bag.report('SP004', null);
    for (const d of modelBag.items) bag.add(d);
    const context = opts.schema === null ? undefined : schemaContext(opts.schema, dialect, frontEnd, opts, bag);
    const postgres = lowerToPostgres(model, text, frontEnd, opts, bag, context);
    postgres.statements = orderStatements(postgres.statements, bag);
    const sql = emitSql(postgres.statements, { fileName: opts.fileName, dialect, targetVersion: opts.targetVersion });
    return finish(sql, model, postgres);
  } catch (error) {
    // A long operator chain parses in a loop but is walked recursively: too deep a tree exhausts the stack.
    if (!isStackOverflow(error)) throw error;
    const parsed = parseScript(text, dialect);
    const at = (parsed.ok ? deepestSpan(parsed.value) : null) ?? { start: 0, end: Math.min(1, text.length) };
    bag.add(diagnostic('SP001', at, 'the input is nested too deeply to translate'));
    return finish(null, null, null);
  }
}
