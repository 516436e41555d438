/**
 * `schema-port verify FILE [--db URL] [--sample-data N]`: translates FILE,
 * applies the output to PostgreSQL in a transaction that is always rolled
 * back (also on Ctrl-C), and reports every statement PostgreSQL rejects at the
 * source line and column it was translated from (SP007).
 *
 * Without --db it runs on an embedded PostgreSQL (PGlite, in memory), loaded
 * only by this command. The translation options are the root command's
 * (`schema-port --varchar keep verify app.sql` or `schema-port verify app.sql
 * --varchar keep`). A password in --db is never printed.
 *
 * Exit codes: 0 PostgreSQL accepted everything; 1 it rejected something (or
 * the translation has errors); 2 usage, parse or connection errors; 130/143
 * interrupted by SIGINT/SIGTERM (rolled back).
 */
import { InvalidArgumentError, type Command } from 'commander';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { OPTION_CHOICES, type TranslateOptions } from '../../options.js';
import { SourceText } from '../../source/source-text.js';
import { readInputFile } from '../io.js';
import type { VerifyConnection } from '../../verify/connection.js';
import { reportDiagnostics, type DiagnosticFormat } from '../report.js';

const EXIT_OK = 0;
const EXIT_FINDINGS = 1;
const EXIT_USAGE = 2;
const USAGE_CODES: ReadonlySet<string> = new Set(['SP001', 'SP002']);

export interface VerifyCliOptions {
  db?: string;
  sampleData?: number;
  format?: DiagnosticFormat;
  strict?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  targetVersion?: string;
  [option: string]: unknown;
}

function sampleCount(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n > 100_000) throw new InvalidArgumentError('expected a whole number of rows (0 to 100000)');
  return n;
}

/** The translation options among the (root and local) command options. */
export function translateOptions(o: VerifyCliOptions, fileName: string): Partial<TranslateOptions> {
  const options: Record<string, unknown> = { fileName, strict: Boolean(o.strict) };
  for (const key of Object.keys(OPTION_CHOICES)) {
    if (o[key] !== undefined) options[key] = key === 'targetVersion' ? Number(o[key]) : o[key];
  }
  return options as Partial<TranslateOptions>;
}

/** The CREATE EXTENSION names of a translation (PGlite loads them up front). */
function extensionsOf(statements: { kind: string; sql: string }[]): string[] {
  return statements.filter((s) => s.kind === 'extension').flatMap((s) => /EXTENSION\s+(?:IF\s+NOT\s+EXISTS\s+)?"?([\w-]+)"?/i.exec(s.sql)?.[1] ?? []);
}

/** Runs the command; returns the exit code. Exported for tests, which may bring their own connection. */
export async function runVerify(file: string, o: VerifyCliOptions, deps: { connect?: (url: string | null, extensions: string[]) => Promise<VerifyConnection> } = {}): Promise<number> {
  const url = o.db ?? null;
  // Imported when verify runs, not when the program registers it.
  const [{ translate }, { sortDiagnostics, applyStrict }] = await Promise.all([import('../../translate.js'), import('../../diagnostics/diagnostic.js')]);
  const { redact, ...module } = await import('../../verify/connection.js');
  const connect = deps.connect ?? module.connect;
  const hide = (text: string) => redact(text, url);
  const out = (text: string) => void process.stdout.write(hide(text));
  const err = (text: string) => void process.stderr.write(hide(text));

  const input = readInputFile(file, 'schema-port verify', err);
  if (!input) return EXIT_USAGE;
  const { fileName, text } = input;
  const result = translate(text, translateOptions(o, fileName));
  const source = new SourceText(fileName, text);
  const report = (diagnostics: Diagnostic[]) =>
    reportDiagnostics([{ diagnostics: sortDiagnostics(diagnostics), source }], {
      format: o.format ?? 'pretty',
      quiet: Boolean(o.quiet),
      verbose: Boolean(o.verbose),
      write: err,
      annotate: err,
    });
  const translationErrors = result.diagnostics.filter((d) => d.severity === 'error');
  if (translationErrors.length > 0 || result.postgres === null) {
    report(result.diagnostics);
    return translationErrors.some((d) => USAGE_CODES.has(d.code)) ? EXIT_USAGE : EXIT_FINDINGS;
  }

  let conn: VerifyConnection;
  try {
    conn = await connect(url, extensionsOf(result.postgres.statements));
  } catch (error) {
    report(result.diagnostics);
    err(`schema-port verify: ${(error as Error).message}\n`);
    return EXIT_USAGE;
  }

  // Ctrl-C (or SIGTERM): stop after the statement in flight, roll back, close. A second signal closes the
  // session at once, which makes the server roll back.
  const controller = new AbortController();
  let signalled: NodeJS.Signals | null = null;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) {
      void conn.close();
      return;
    }
    signalled = signal;
    controller.abort();
    err(`\nschema-port verify: ${signal}: rolling back\n`);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const { verifyTranslation } = await import('../../verify/verify.js');
  if ((o.format ?? 'pretty') === 'pretty' && !o.quiet) err(`schema-port verify: applying ${fileName} on ${conn.description} (rolled back at the end)…\n`);
  let outcome: Awaited<ReturnType<typeof verifyTranslation>>;
  try {
    outcome = await verifyTranslation(result, conn, { sampleData: o.sampleData ?? 0, signal: controller.signal });
  } catch (error) {
    report(result.diagnostics);
    err(`schema-port verify: ${(error as Error).message}\n`);
    return signalled ? exitForSignal(signalled) : EXIT_USAGE;
  } finally {
    await conn.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }

  const found = applyStrict(outcome.diagnostics, Boolean(o.strict));
  report([...result.diagnostics, ...found]);
  if (signalled) {
    err(`schema-port verify: interrupted; nothing was committed\n`);
    return exitForSignal(signalled);
  }
  const parts = [`${outcome.applied} statement${outcome.applied === 1 ? '' : 's'} applied`];
  if (outcome.rejected > 0) parts.push(`${outcome.rejected} rejected`);
  if (outcome.skipped > 0) parts.push(`${outcome.skipped} skipped (they depend on a rejected one)`);
  if ((o.sampleData ?? 0) > 0) {
    const rows = outcome.sample.reduce((sum, t) => sum + t.inserted, 0);
    parts.push(`${rows} sample row${rows === 1 ? '' : 's'} inserted into ${outcome.sample.length} table${outcome.sample.length === 1 ? '' : 's'}`);
  }
  const rejected = found.some((d) => d.severity === 'error');
  if (!o.quiet || rejected) {
    out(`schema-port verify: ${fileName} on ${conn.description}: ${parts.join(', ')}; rolled back.${rejected ? '' : ' PostgreSQL accepts the translation.'}\n`);
  }
  return rejected ? EXIT_FINDINGS : EXIT_OK;
}

function exitForSignal(signal: NodeJS.Signals): number {
  return signal === 'SIGTERM' ? 143 : 130;
}

/** The root options verify takes too: translation options and how diagnostics are printed. */
export const SHARED_OPTIONS: ReadonlySet<string> = new Set([...Object.keys(OPTION_CHOICES), 'strict', 'format', 'quiet', 'verbose']);

/**
 * The options in effect: verify's own, and the root's where they were given before `verify` (the root
 * uses positional options, so options after `verify` belong to it).
 */
export function effectiveOptions(cmd: Command): VerifyCliOptions {
  const local = cmd.opts<VerifyCliOptions>();
  const root = cmd.parent;
  const merged: VerifyCliOptions = { ...local };
  if (root) {
    for (const [key, value] of Object.entries(root.opts())) {
      if (!SHARED_OPTIONS.has(key)) continue;
      const localSource = cmd.getOptionValueSource(key);
      if (localSource === undefined || (localSource === 'default' && root.getOptionValueSource(key) !== 'default')) merged[key] = value;
    }
  }
  return merged;
}

export function registerVerify(program: Command, setExit: (code: number) => void): Command {
  const cmd = program.command('verify');
  for (const option of program.options) {
    if (SHARED_OPTIONS.has(option.attributeName())) cmd.addOption(option);
  }
  return cmd
    .description('apply the translation to PostgreSQL in a transaction that is always rolled back; report rejections at their source line')
    .argument('<file>', 'SQL file to verify (- for standard input)')
    .option('--db <url>', 'a PostgreSQL server, e.g. "$DATABASE_URL" (default: an embedded PostgreSQL, PGlite, in memory)')
    .option('--sample-data <n>', 'also insert N generated rows per table (foreign keys respected) to exercise constraints and defaults', sampleCount)
    .addHelpText(
      'after',
      `
The translation options (--from, --varchar, --timestamps, …) are those of schema-port itself.

Examples:
  schema-port verify app.sqlite.sql                       embedded PostgreSQL (PGlite), no setup
  schema-port verify app.sqlite.sql --db "$DATABASE_URL"  a real server (nothing is committed)
  schema-port verify app.sqlite.sql --sample-data 20      also insert 20 rows per table

Exit codes: 0 PostgreSQL accepts the translation; 1 it rejected a statement or a row of
defaults (file:line:col: error[SP007]), or the translation has errors; 2 usage, parse or
connection errors; 130/143 interrupted (rolled back).`,
    )
    .action(async (file: string, _o: unknown, self: Command) => setExit(await runVerify(file, effectiveOptions(self))));
}
