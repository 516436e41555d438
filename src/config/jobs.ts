/**
 * Running a config's jobs in memory: read the inputs, concatenate them (in
 * order, as migrations apply), translate, and produce the outputs' text.
 * Writing, comparing and reporting are the commands' business.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { DEFAULT_OPTIONS } from '../options.js';
import { SourceText } from '../source/source-text.js';
import { translate, type TranslateResult } from '../translate.js';
import { relativePath } from './load.js';
import type { LoadedConfig, ResolvedJob } from './types.js';

/** One output of a job, generated in memory. */
export interface GeneratedOutput {
  kind: 'sql' | 'typescript';
  /** Absolute path. */
  path: string;
  content: string;
}

/** The diagnostics of one input file, positions relative to that file. */
export interface InputReport {
  diagnostics: Diagnostic[];
  source: SourceText;
}

/**
 * What running a job gave:
 * `ok` — outputs generated; `errors` — translation errors (or warnings under
 * strict); `parse-error` — an input does not parse (or an option is
 * unusable); `unreadable` — an input could not be read.
 */
export interface JobRun {
  job: ResolvedJob;
  status: 'ok' | 'errors' | 'parse-error' | 'unreadable';
  /** Diagnostics per input file (names relative to the current folder). */
  reports: InputReport[];
  /** The outputs; empty unless the status is `ok`. */
  outputs: GeneratedOutput[];
  /** Why the job could not run (unreadable input, TypeScript generation failure). */
  message?: string;
}

/** Options of `runJob` and `runJobs`. */
export interface RunJobOptions {
  /** Every warning becomes an error (on top of the config's own `strict`). */
  strict?: boolean;
  /** Folder that file names in diagnostics are relative to (default: the current folder). */
  cwd?: string;
  /** Reads an input (default: from disk, UTF-8). */
  readFile?: (path: string) => string;
}

/** Codes that mean the input or an option is unusable (exit 2), as on the main command. */
const USAGE_CODES: ReadonlySet<string> = new Set(['SP001', 'SP002']);

/**
 * Between two inputs: a line break ends a trailing `--` comment, and an empty
 * statement ends a last statement written without its semicolon.
 */
const SEPARATOR = '\n;\n';

interface Part {
  source: SourceText;
  start: number;
  end: number;
}

/** Splits the diagnostics of the concatenated text back to the input files they point into. */
function splitDiagnostics(diagnostics: readonly Diagnostic[], parts: readonly Part[]): InputReport[] {
  const reports = parts.map((p) => ({ diagnostics: [] as Diagnostic[], source: p.source }));
  for (const d of diagnostics) {
    if (!d.span) {
      reports[0]?.diagnostics.push(d);
      continue;
    }
    const start = d.span.start;
    let index = parts.findIndex((p) => start >= p.start && start < p.end + SEPARATOR.length);
    if (index < 0) index = parts.length - 1;
    const part = parts[index];
    if (!part) continue;
    const localStart = Math.min(start, part.end) - part.start;
    const localEnd = Math.max(localStart, Math.min(d.span.end, part.end) - part.start);
    reports[index]?.diagnostics.push({ ...d, span: { ...d.span, start: localStart, end: localEnd } });
  }
  return reports;
}

function statusOf(result: TranslateResult): JobRun['status'] {
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.some((d) => USAGE_CODES.has(d.code))) return 'parse-error';
  return errors.length > 0 ? 'errors' : 'ok';
}

/** Runs one job in memory. Never writes; never throws for bad input (see `status`). */
export async function runJob(job: ResolvedJob, options: RunJobOptions = {}): Promise<JobRun> {
  const cwd = options.cwd ?? process.cwd();
  const read = options.readFile ?? ((p: string) => readFileSync(p, 'utf8'));
  const parts: Part[] = [];
  let text = '';
  for (const input of job.inputs) {
    let content: string;
    try {
      content = read(input);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
      return { job, status: 'unreadable', reports: [], outputs: [], message: `cannot read ${relativePath(cwd, input)}: ${reason}` };
    }
    if (parts.length > 0) text += SEPARATOR;
    // A byte order mark becomes a space, as translate does, so offsets stay put.
    const body = content.charCodeAt(0) === 0xfeff ? ` ${content.slice(1)}` : content;
    parts.push({ source: new SourceText(relativePath(cwd, input), content), start: text.length, end: text.length + body.length });
    text += body;
  }
  let schema: string | null = null;
  for (const file of job.schema) {
    try {
      schema = schema === null ? read(file) : `${schema}${SEPARATOR}${read(file)}`;
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
      return { job, status: 'unreadable', reports: [], outputs: [], message: `cannot read the schema ${relativePath(cwd, file)}: ${reason}` };
    }
  }
  const fileName = job.inputs.map((i) => relativePath(job.root, i)).join(', ');
  const strict = Boolean(options.strict) || Boolean(job.options.strict);
  const result = translate(text, { ...job.options, strict, fileName, schema });
  const reports = splitDiagnostics(result.diagnostics, parts);
  const status = statusOf(result);
  if (status !== 'ok' || result.sql === null) return { job, status: status === 'ok' ? 'errors' : status, reports, outputs: [] };
  const outputs: GeneratedOutput[] = [];
  if (job.output !== null) outputs.push({ kind: 'sql', path: job.output, content: result.sql });
  if (job.typescript !== null) {
    const postgres = result.postgres;
    if (!postgres) return { job, status: 'errors', reports, outputs: [], message: 'no PostgreSQL model to generate TypeScript from' };
    try {
      // Imported here: only a job with TypeScript output pays for the emitter (and ts-morph).
      const { generateTypes } = await import('../emit/typescript/index.js');
      const content = await generateTypes(postgres, {
        ...job.typescript.options,
        fileName,
        dialect: result.dialect,
        targetVersion: job.options.targetVersion ?? DEFAULT_OPTIONS.targetVersion,
      });
      outputs.push({ kind: 'typescript', path: job.typescript.output, content });
    } catch (error) {
      return { job, status: 'errors', reports, outputs: [], message: `TypeScript generation failed: ${(error as Error).message}` };
    }
  }
  return { job, status: 'ok', reports, outputs };
}

/** Runs jobs one after another (they share no state; order keeps output stable). */
export async function runJobs(jobs: readonly ResolvedJob[], options: RunJobOptions = {}): Promise<JobRun[]> {
  const runs: JobRun[] = [];
  for (const job of jobs) runs.push(await runJob(job, options));
  return runs;
}

/**
 * The jobs that `files` feed: a job is selected when one of the files is one
 * of its inputs, schema files or outputs; the config file itself selects every
 * job. With no files, every job.
 */
export function selectJobs(config: LoadedConfig, files: readonly string[], cwd: string = process.cwd()): ResolvedJob[] {
  if (files.length === 0) return config.jobs;
  const wanted = new Set(files.map((f) => resolve(cwd, f)));
  if (wanted.has(config.filepath)) return config.jobs;
  return config.jobs.filter((job) => [...job.inputs, ...job.schema, job.output, job.typescript?.output].some((p) => p !== null && p !== undefined && wanted.has(p)));
}


/** Text equality that ignores CRLF versus LF (a Windows checkout with autocrlf is not stale). */
export function sameText(a: string, b: string): boolean {
  return a === b || a.replace(/\r\n/g, '\n') === b.replace(/\r\n/g, '\n');
}
