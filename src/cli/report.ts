import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatPretty, toJson } from '../diagnostics/format.js';
import type { SourceText } from '../source/source-text.js';

export type DiagnosticFormat = 'pretty' | 'json';

export interface ReportOptions {
  format: DiagnosticFormat;
  quiet: boolean;
  verbose: boolean;
}

/** Writes diagnostics to stderr in the chosen format. */
export function reportDiagnostics(items: { diagnostics: Diagnostic[]; source: SourceText }[], options: ReportOptions): void {
  if (options.format === 'json') {
    const all = items.flatMap(({ diagnostics, source }) => diagnostics.map((d) => toJson(d, source)));
    process.stderr.write(`${JSON.stringify(all, null, 2)}\n`);
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
      if (show) process.stderr.write(`${formatPretty(d, source)}\n\n`);
    }
  }
  if (options.quiet && errors === 0) return;
  const parts = [`${errors} error${errors === 1 ? '' : 's'}`, `${warnings} warning${warnings === 1 ? '' : 's'}`, `${notes} note${notes === 1 ? '' : 's'}`];
  const more = notes > 0 && !options.verbose ? ' (--verbose shows the notes)' : '';
  process.stderr.write(`schema-port: ${parts.join(', ')}${more}\n`);
}
