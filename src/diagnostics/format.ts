import type { SourceText } from '../source/source-text.js';
import type { Diagnostic } from './diagnostic.js';

/**
 * `file:line:col: severity[CODE]: message`, the source line, a caret under the
 * span, and `hint: …` — the format users know from compilers and linters.
 */
export function formatPretty(d: Diagnostic, source: SourceText): string {
  if (!d.span) return `${source.fileName}: ${d.severity}[${d.code}]: ${d.message}\n  hint: ${d.hint}`;
  const pos = source.positionOf(d.span.start);
  const lineText = source.lineText(pos.line).replace(/\t/g, ' ');
  const endPos = source.positionOf(d.span.end);
  const width = endPos.line === pos.line ? Math.max(1, endPos.column - pos.column) : Math.max(1, lineText.length - pos.column + 1);
  const gutter = String(pos.line);
  const pad = ' '.repeat(gutter.length);
  return [
    `${source.fileName}:${pos.line}:${pos.column}: ${d.severity}[${d.code}]: ${d.message}`,
    `${gutter} | ${lineText}`,
    `${pad} | ${' '.repeat(pos.column - 1)}${'^'.repeat(Math.min(width, 200))}`,
    `${pad} = hint: ${d.hint}`,
  ].join('\n');
}

/** A diagnostic as `--format json` prints it: 1-based line and column (null for whole-input findings). */
export interface JsonDiagnostic {
  file: string;
  line: number | null;
  column: number | null;
  endLine: number | null;
  endColumn: number | null;
  severity: Diagnostic['severity'];
  code: string;
  message: string;
  hint: string;
}

/** A diagnostic with its span resolved to lines and columns of `source`. */
export function toJson(d: Diagnostic, source: SourceText): JsonDiagnostic {
  const start = d.span ? source.positionOf(d.span.start) : null;
  const end = d.span ? source.positionOf(d.span.end) : null;
  return {
    file: source.fileName,
    line: start?.line ?? null,
    column: start?.column ?? null,
    endLine: end?.line ?? null,
    endColumn: end?.column ?? null,
    severity: d.severity,
    code: d.code,
    message: d.message,
    hint: d.hint,
  };
}
