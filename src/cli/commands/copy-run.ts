/** What `schema-port copy` does when it runs (imported by the command's action only). */
import { sortDiagnostics, applyStrict } from '../../diagnostics/diagnostic.js';
import { toJson } from '../../diagnostics/format.js';
import type { TranslateOptions } from '../../options.js';
import { SourceText } from '../../source/source-text.js';
import { redact, redactUrl } from '../../verify/connection.js';
import { copy, CopyError } from '../../copy/index.js';
import { Progress } from '../../copy/progress.js';
import { formatSummary } from '../../copy/summary.js';
import type { CopySummary } from '../../copy/types.js';
import { reportDiagnostics } from '../report.js';
import type { CopyCliOptions } from './copy.js';

const EXIT_OK = 0;
const EXIT_FINDINGS = 1;
const EXIT_USAGE = 2;

export async function runCopy(source: string, target: string, o: CopyCliOptions, translate: Partial<TranslateOptions>): Promise<number> {
  const hide = (text: string) => redact(text, target);
  const err = (text: string) => void process.stderr.write(hide(text));
  const out = (text: string) => void process.stdout.write(hide(text));
  const controller = new AbortController();
  let signalled: NodeJS.Signals | null = null;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) process.exit(signal === 'SIGTERM' ? 143 : 130);
    signalled = signal;
    controller.abort();
    err(`\nschema-port copy: ${signal}: rolling back the table in flight (run again with --resume to continue)\n`);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const progress = new Progress(process.stderr, Boolean(process.stderr.isTTY) && !o.quiet && !o.json, Boolean(o.quiet) || Boolean(o.json));
  let summary: CopySummary;
  try {
    summary = await copy({
      source,
      target,
      from: o.source ?? 'auto',
      translate,
      ...(o.tables ? { tables: o.tables.split(',').map((t) => t.trim()).filter((t) => t !== '') } : {}),
      dryRun: Boolean(o.dryRun),
      ifExists: o.ifExists ?? 'fail',
      resume: Boolean(o.resume),
      ...(o.maxRejects !== undefined ? { maxRejects: o.maxRejects } : {}),
      ...(o.rejects ? { rejectFile: o.rejects } : {}),
      ...(o.targetSchema ? { targetSchema: o.targetSchema } : {}),
      verify: o.verify !== false,
      signal: controller.signal,
      onProgress: (event) => progress.update(event),
    });
  } catch (error) {
    progress.clear();
    const known = error instanceof CopyError || !(error instanceof Error) || !/^(TypeError|ReferenceError|RangeError)$/.test(error.name);
    err(`schema-port copy: ${known ? (error as Error).message : ((error as Error).stack ?? String(error))}\n`);
    return signalled ? (signalled === 'SIGTERM' ? 143 : 130) : EXIT_USAGE;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  progress.clear();
  const schemaSource = new SourceText(`${source} (schema)`, summary.schemaSql);
  const diagnostics = sortDiagnostics(applyStrict(summary.diagnostics, Boolean(o.strict)));
  const translationFailed = summary.diagnostics.some((d) => d.severity === 'error' && d.code !== 'SP010');
  if (o.json) {
    out(`${JSON.stringify({ ...summary, target: redactUrl(summary.target), schemaSql: undefined, diagnostics: diagnostics.map((d) => toJson(d, schemaSource)) }, null, 2)}\n`);
  } else {
    reportDiagnostics([{ diagnostics, source: schemaSource }], { format: o.format ?? 'pretty', quiet: Boolean(o.quiet), verbose: Boolean(o.verbose), write: err, annotate: err });
    if (!translationFailed && !o.quiet) out(formatSummary({ ...summary, target: redactUrl(summary.target) }));
  }
  if (summary.status === 'interrupted') return signalled === 'SIGTERM' ? 143 : 130;
  if (translationFailed || summary.status !== 'ok') return EXIT_FINDINGS;
  return diagnostics.some((d) => d.severity === 'error') ? EXIT_FINDINGS : EXIT_OK;
}
