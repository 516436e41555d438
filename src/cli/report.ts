import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatPretty, toJson } from '../diagnostics/format.js';
import { githubAnnotations, inGitHubActions } from '../diagnostics/github.js';
import { toSarif } from '../diagnostics/sarif.js';
import type { SourceText } from '../source/source-text.js';

export type DiagnosticFormat = 'pretty' | 'json' | 'sarif';

export interface ReportOptions {
  format: DiagnosticFormat;
  quiet: boolean;
  verbose: boolean;
  /** Where the report goes (default: stderr). */
  write?: (text: string) => void;
  /** Where GitHub Actions annotations go when GITHUB_ACTIONS=true (default: stderr). */
  annotate?: (text: string) => void;
}

/** Writes diagnostics to stderr in the chosen format (and GitHub annotations in GitHub Actions). */
export function reportDiagnostics(items: { diagnostics: Diagnostic[]; source: SourceText }[], options: ReportOptions): void {
  const stderr = (text: string): void => void process.stderr.write(text);
  const write = options.write ?? stderr;
  if (inGitHubActions()) {
    const annotations = githubAnnotations(items, options);
    if (annotations) (options.annotate ?? stderr)(annotations);
  }
  if (options.format === 'sarif') {
    write(`${JSON.stringify(toSarif(items), null, 2)}\n`);
    return;
  }
  if (options.format === 'json') {
    const all = items.flatMap(({ diagnostics, source }) => diagnostics.map((d) => toJson(d, source)));
    write(`${JSON.stringify(all, null, 2)}\n`);
    return;
  }
  let errors = 0;
  let warnings = 0;
  let notes = 0;
  for (const { diagnostics, source } of items) {
    for (const d of diagnostics) {
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
      else notes++;
      const show = d.severity === 'error' || (d.severity === 'warning' && !options.quiet) || (d.severity === 'info' && options.verbose);
      if (show) write(`${formatPretty(d, source)}\n\n`);
    }
  }
  if (options.quiet && errors === 0) return;
  const parts = [`${errors} error${errors === 1 ? '' : 's'}`, `${warnings} warning${warnings === 1 ? '' : 's'}`, `${notes} note${notes === 1 ? '' : 's'}`];
  const more = notes > 0 && !options.verbose ? ' (--verbose shows the notes)' : '';
  write(`schema-port: ${parts.join(', ')}${more}\n`);
}
