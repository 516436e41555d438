import type { Span } from '../syntax/ast.js';
import { DIAGNOSTICS, type DiagnosticCode, type Severity } from './codes.js';

/** A finding at a source span: its stable code (SP…), severity, message and hint, from the table in `DIAGNOSTICS`. */
export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  hint: string;
  /** Where in the source; null for whole-input diagnostics. */
  span: Span | null;
}

function fill(template: string, args: readonly string[]): string {
  return template.replace(/\{(\d+)\}/g, (_, i: string) => args[Number(i)] ?? '');
}

/** Builds a diagnostic from its definition in the one table of codes. */
export function diagnostic(code: DiagnosticCode, span: Span | null, ...args: string[]): Diagnostic {
  const def = DIAGNOSTICS[code];
  return { code, severity: def.severity, message: fill(def.message, args), hint: fill(def.hint, args), span };
}

/** Collects the diagnostics of one translation, in report order. */
export class DiagnosticBag {
  readonly items: Diagnostic[] = [];
  readonly #seen = new Set<string>();

  report(code: DiagnosticCode, span: Span | null, ...args: string[]): void {
    this.add(diagnostic(code, span, ...args));
  }

  add(d: Diagnostic): void {
    const key = `${d.code}@${d.span?.start ?? -1}:${d.message}`;
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    this.items.push(d);
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }
}

/** Code-unit order: unlike localeCompare, the same under every locale (LANG=tr_TR orders i and I apart). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders diagnostics by position, then code, so output is deterministic. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) => (a.span?.start ?? -1) - (b.span?.start ?? -1) || compareText(a.code, b.code) || compareText(a.message, b.message),
  );
}

/** `--strict`: every warning becomes an error. */
export function applyStrict(list: readonly Diagnostic[], strict: boolean): Diagnostic[] {
  if (!strict) return [...list];
  return list.map((d) => (d.severity === 'warning' ? { ...d, severity: 'error' } : d));
}
