/**
 * `schema-port check`: for pre-commit and CI. Regenerates every output in
 * memory and compares it with the file on disk; never writes (except a
 * requested --report-file). Exit 0 clean; 1 an output is stale or an input
 * has errors (warnings too under --strict); 2 usage, config or parse errors.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { GeneratedOutput } from '../../config/jobs.js';
import {
  addJobOptions,
  EXIT_FINDINGS,
  EXIT_OK,
  EXIT_USAGE,
  loadConfigOrReport,
  reportRuns,
  shown,
  stderr,
  stdout,
  type JobCommandOptions,
} from './common.js';

/** Lines of a diff printed per stale file; the rest is summarized. */
const MAX_DIFF_LINES = 400;

interface Stale {
  output: GeneratedOutput;
  onDisk: string | null;
  inputs: readonly string[];
}

function readIfExists(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** A unified diff from the file on disk to what would be generated (the `diff` package, imported only when needed). */
async function unifiedDiff(stale: Stale): Promise<string> {
  const { createTwoFilesPatch } = await import('diff');
  const name = shown(stale.output.path);
  const before = (stale.onDisk ?? '').replace(/\r\n/g, '\n');
  const patch = createTwoFilesPatch(stale.onDisk === null ? '/dev/null' : name, name, before, stale.output.content, stale.onDisk === null ? '' : 'on disk', 'generated');
  const lines = patch.replace(/^Index: .*\n=+\n/, '').split('\n');
  if (lines.length <= MAX_DIFF_LINES) return lines.join('\n');
  return `${lines.slice(0, MAX_DIFF_LINES).join('\n')}\n… ${lines.length - MAX_DIFF_LINES} more diff lines (run schema-port generate)\n`;
}

/** Options of `check`: the job options, and whether to print diffs. */
export interface CheckOptions extends JobCommandOptions {
  diff: boolean;
}

/** `schema-port check [files…]`: the exit code (0 clean, 1 stale or errors, 2 usage/config/parse errors). */
export async function check(files: string[], o: CheckOptions): Promise<number> {
  const config = await loadConfigOrReport(o);
  if (!config) {
    reportRuns([], o); // a requested report file still gets written (empty), for upload steps that always run
    return EXIT_USAGE;
  }
  // The translator, imported once a config is loaded (`check --help` does not load it).
  const { runJobs, sameText, selectJobs } = await import('../../config/jobs.js');
  const [{ diagnostic }, { SourceText }] = await Promise.all([import('../../diagnostics/diagnostic.js'), import('../../source/source-text.js')]);
  const jobs = selectJobs(config, files);
  if (jobs.length === 0) {
    if (o.verbose) stderr('schema-port check: no job reads or writes the given files\n');
    return EXIT_OK;
  }
  const runs = await runJobs(jobs, { strict: Boolean(o.strict) });
  const stale: Stale[] = [];
  let upToDate = 0;
  for (const run of runs) {
    for (const output of run.outputs) {
      const onDisk = readIfExists(output.path);
      if (onDisk !== null && sameText(onDisk, output.content)) upToDate++;
      else stale.push({ output, onDisk, inputs: [...run.job.inputs, ...run.job.schema] });
    }
  }
  // A stale output is a finding like the inputs' (SARIF result, JSON item, GitHub annotation), on the output file.
  const staleReports = stale.map((s) => ({
    diagnostics: [diagnostic('SP009', null, shown(s.output.path), s.inputs.map(shown).join(', '))],
    source: new SourceText(shown(s.output.path), s.onDisk ?? ''),
  }));
  let exit = reportRuns(runs, o, staleReports);
  if (o.diff) for (const s of stale) stdout(await unifiedDiff(s));
  const notRun = runs.filter((r) => r.status !== 'ok').length;
  const checked = stale.length + upToDate;
  const parts: string[] = [];
  if (stale.length > 0) {
    const names = stale.map((s) => `${shown(s.output.path)}${s.onDisk === null ? ' (missing)' : ''}`).join(', ');
    parts.push(`${stale.length} of ${checked} output${checked === 1 ? '' : 's'} stale: ${names} — run schema-port generate`);
  } else if (checked > 0) parts.push(`${checked} output${checked === 1 ? '' : 's'} up to date`);
  if (notRun > 0) parts.push(`${notRun} job${notRun === 1 ? '' : 's'} not checked (errors above)`);
  if (!o.quiet || stale.length > 0 || notRun > 0) stderr(`schema-port check: ${parts.join('; ')}\n`);
  if (stale.length > 0 && exit === EXIT_OK) exit = EXIT_FINDINGS;
  return exit;
}

/** Registers `check` on the program. */
export function addCheckCommand(program: Command, setExit: (code: number) => void): Command {
  const cmd = program.command('check').description("for pre-commit and CI: fail when an output is stale or an input has errors (never writes)");
  addJobOptions(cmd)
    .option('--no-diff', 'do not print the diff of stale outputs')
    .addHelpText(
      'after',
      `
Examples:
  schema-port check                          every job of the config
  schema-port check db/schema.sql            only the jobs that file feeds (as pre-commit passes files)
  schema-port check --strict                 warnings in the inputs fail too
  schema-port check --format sarif --report-file schema-port.sarif   for code scanning

Exit codes: 0 every output up to date; 1 an output is stale (a unified diff is printed)
or an input has errors; 2 usage, config or parse errors (file:line:col).`,
    )
    .action(async (files: string[], o: CheckOptions) => setExit(await check(files, o)));
  return cmd;
}
