/**
 * `schema-port generate`: runs the config's jobs and writes their outputs
 * atomically (temporary file + rename), only the ones whose content changed;
 * prints `wrote x` / `unchanged y`. A job whose inputs have errors writes
 * nothing. `--watch` keeps regenerating on change.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import type { JobRun } from '../../config/jobs.js';
import type { ResolvedJob } from '../../config/types.js';
import { writeAtomic } from '../io.js';
import { addJobOptions, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, loadConfigOrReport, reportRuns, shown, stderr, stdout, type JobCommandOptions } from './common.js';

/** Options of `generate`: the job options, and watch mode. */
export interface GenerateOptions extends JobCommandOptions {
  watch?: boolean;
  debounce: string;
}

/** The outputs `writeOutputs` wrote and those it left unchanged (paths as shown). */
export interface WriteSummary {
  wrote: string[];
  unchanged: string[];
}

function readIfExists(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** Writes the outputs of the runs that succeeded, and says what changed. */
export async function writeOutputs(runs: readonly JobRun[], o: { quiet?: boolean }): Promise<WriteSummary> {
  const { sameText } = await import('../../config/jobs.js');
  const summary: WriteSummary = { wrote: [], unchanged: [] };
  for (const run of runs) {
    for (const output of run.outputs) {
      const name = shown(output.path);
      const existing = readIfExists(output.path);
      if (existing !== null && sameText(existing, output.content)) {
        summary.unchanged.push(name);
        if (!o.quiet) stdout(`unchanged ${name}\n`);
        continue;
      }
      mkdirSync(dirname(output.path), { recursive: true });
      writeAtomic(output.path, output.content);
      summary.wrote.push(name);
      stdout(`wrote ${name}\n`);
    }
  }
  return summary;
}

/** Runs the jobs, reports, writes; the exit code. */
export async function generateJobs(jobs: readonly ResolvedJob[], o: JobCommandOptions): Promise<number> {
  // The translator, imported when jobs run (`generate --help` does not load it).
  const { runJobs } = await import('../../config/jobs.js');
  const runs = await runJobs(jobs, { strict: Boolean(o.strict) });
  const exit = reportRuns(runs, o);
  try {
    await writeOutputs(runs, o);
  } catch (error) {
    stderr(`schema-port: cannot write: ${(error as Error).message}\n`);
    return EXIT_USAGE;
  }
  return exit;
}

/** `schema-port generate [files…]`: the exit code (0 written or unchanged, 1 translation errors, 2 usage/config/parse errors). */
export async function generate(files: string[], o: GenerateOptions): Promise<number> {
  if (o.watch) {
    const { watchJobs } = await import('../watch.js');
    return watchJobs(files, o);
  }
  const config = await loadConfigOrReport(o);
  if (!config) {
    reportRuns([], o); // a requested report file still gets written (empty), for upload steps that always run
    return EXIT_USAGE;
  }
  const { selectJobs } = await import('../../config/jobs.js');
  const jobs = selectJobs(config, files);
  if (jobs.length === 0) {
    if (o.verbose) stderr('schema-port generate: no job reads or writes the given files\n');
    return EXIT_OK;
  }
  return generateJobs(jobs, o);
}

/** Registers `generate` on the program. */
export function addGenerateCommand(program: Command, setExit: (code: number) => void): Command {
  const cmd = program.command('generate').description("run the config's jobs: write their PostgreSQL and TypeScript outputs (atomically, only when changed)");
  addJobOptions(cmd)
    .option('-w, --watch', 'regenerate when an input or the config changes (Ctrl-C to stop)')
    .option('--debounce <ms>', 'with --watch: wait this long after the last change', '100')
    .addHelpText(
      'after',
      `
Examples:
  schema-port generate                       every job of the config
  schema-port generate db/schema.sql         only the jobs that file feeds
  schema-port generate --watch               regenerate on every change

Exit codes: 0 written (or unchanged); ${EXIT_FINDINGS} a job's inputs have errors (its outputs are
not written); 2 usage, config or parse errors.`,
    )
    .action(async (files: string[], o: GenerateOptions) => setExit(await generate(files, o)));
  return cmd;
}
