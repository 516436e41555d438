/**
 * What `check`, `generate` and watch mode share: their options, loading the
 * config with readable errors, and reporting the diagnostics of job runs.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { ConfigError } from '../../config/validate.js';
import { loadConfig, relativePath } from '../../config/load.js';
import type { InputReport, JobRun } from '../../config/jobs.js';
import type { LoadedConfig } from '../../config/types.js';
import { annotation, inGitHubActions } from '../../diagnostics/github.js';
import { writeAtomic } from '../io.js';
import { reportDiagnostics, type DiagnosticFormat } from '../report.js';

/** Exit codes of every command: success, findings (stale outputs, translation errors), usage/config/parse errors. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** Options of `check` and `generate` (see `addJobOptions`). */
export interface JobCommandOptions {
  config?: string;
  strict?: boolean;
  format: DiagnosticFormat;
  reportFile?: string;
  quiet?: boolean;
  verbose?: boolean;
}

/** The options every config-driven command has. */
export function addJobOptions(cmd: Command): Command {
  return cmd
    .argument('[files...]', 'only the jobs these files feed (inputs or outputs), as pre-commit and lint-staged pass them; default: every job')
    .option('-c, --config <file>', 'the config file (default: schema-port.config.{json,js,mjs,ts} or "schema-port" in package.json, from here upwards)')
    .option('--strict', 'treat warnings in the inputs as errors')
    .addOption(new Option('--format <format>', 'diagnostics format').choices(['pretty', 'json', 'sarif']).default('pretty'))
    .option('--report-file <file>', 'write the diagnostics report to a file instead of stderr (e.g. --format sarif for code scanning)')
    .option('-q, --quiet', 'print errors only')
    .option('--verbose', 'also print notes (info diagnostics)');
}

/** Writes to standard error. */
export function stderr(text: string): void {
  process.stderr.write(text);
}

/** Writes to standard output. */
export function stdout(text: string): void {
  process.stdout.write(text);
}

/** A path as the user sees it: relative to the current folder. */
export function shown(path: string): string {
  return relativePath(process.cwd(), path);
}

/** Loads the config; on failure prints why (every problem, with its key path) and returns null. */
export async function loadConfigOrReport(o: { config?: string }): Promise<LoadedConfig | null> {
  try {
    return await loadConfig(o.config === undefined ? {} : { configPath: o.config });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    printConfigError(error);
    return null;
  }
}

/** Prints a config's problems (and, in GitHub Actions, an annotation on the config file). */
export function printConfigError(error: ConfigError): void {
  const file = error.filepath === '' ? undefined : shown(error.filepath);
  if (inGitHubActions()) stdout(annotation('error', error.problems.join('\n'), { ...(file === undefined ? {} : { file }), title: 'schema-port config' }));
  if (file === undefined) stderr(`schema-port: ${error.problems.join('\n')}\n`);
  else if (error.problems.length === 1) stderr(`schema-port: ${file}: ${error.problems[0]}\n`);
  else stderr(`schema-port: ${file}: invalid config:\n${error.problems.map((p) => `  - ${p}\n`).join('')}`);
}

/**
 * Reports the diagnostics of the runs (in the chosen format, to stderr or
 * the report file; GitHub annotations to stdout in GitHub Actions) and why a
 * job could not run. `extra`: findings that are not the inputs' (check's
 * stale outputs). Returns the exit code the runs call for.
 */
export function reportRuns(runs: readonly JobRun[], o: JobCommandOptions, extra: readonly InputReport[] = []): number {
  const items = [...runs.flatMap((r) => r.reports), ...extra];
  const any = items.some((i) => i.diagnostics.length > 0);
  let report = '';
  if (any || o.reportFile !== undefined) {
    reportDiagnostics(items, {
      format: o.format,
      quiet: Boolean(o.quiet),
      verbose: Boolean(o.verbose),
      ...(o.reportFile === undefined ? {} : { write: (text: string) => void (report += text) }),
      annotate: stdout,
    });
  }
  // With a report file, an empty report is written too (an empty JSON list, a SARIF log with no results).
  if (o.reportFile !== undefined) {
    mkdirSync(dirname(resolve(o.reportFile)), { recursive: true });
    writeAtomic(o.reportFile, report);
  }
  let exit = EXIT_OK;
  for (const run of runs) {
    if (run.message) {
      stderr(`schema-port: ${run.job.name}: ${run.message}\n`);
      if (run.status === 'unreadable' && inGitHubActions()) stdout(annotation('error', run.message, { title: 'schema-port' }));
    }
    if (run.status === 'unreadable' || run.status === 'parse-error') exit = EXIT_USAGE;
    else if (run.status === 'errors' && exit === EXIT_OK) exit = EXIT_FINDINGS;
  }
  return exit;
}

