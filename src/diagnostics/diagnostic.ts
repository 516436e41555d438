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

/** A message template split at its `{n}` placeholders: text, argument index, text, …, text. */
type CompiledTemplate = readonly (string | number)[];
const compiledTemplates = new Map<string, CompiledTemplate>();

function compile(template: string): CompiledTemplate {
  const parts: (string | number)[] = [];
  let last = 0;
  for (const m of template.matchAll(/\{(\d+)\}/g)) {
    parts.push(template.slice(last, m.index), Number(m[1]));
    last = m.index + m[0].length;
  }
  parts.push(template.slice(last));
  return parts;
}

/** The template with `{n}` replaced by `args[n]` (empty when missing). Templates are compiled once: a translation reports thousands. */
function fill(template: string, args: readonly string[]): string {
  let parts = compiledTemplates.get(template);
  if (parts === undefined) {
    parts = compile(template);
    compiledTemplates.set(template, parts);
  }
  if (parts.length === 1) return template;
  let out = '';
  for (const part of parts) out += typeof part === 'number' ? (args[part] ?? '') : part;
  return out;
}

/** Builds a diagnostic from its definition in the one table of codes. */
export function diagnostic(code: DiagnosticCode, span: Span | null, ...args: string[]): Diagnostic {
  const def = DIAGNOSTICS[code];
  return { code, severity: def.severity, message: fill(def.message, args), hint: fill(def.hint, args), span };
}

/** Collects the diagnostics of one translation, in report order. */
export class DiagnosticBag {
  readonly items: Diagnostic[] = [];
  /** Reported diagnostics by start offset (-1: no span): a repeat is the same code and message at the same place. */
  readonly #seen = new Map<number, Diagnostic[]>();

  report(code: DiagnosticCode, span: Span | null, ...args: string[]): void {
    this.add(diagnostic(code, span, ...args));
  }

  add(d: Diagnostic): void {
    const at = d.span?.start ?? -1;
    const here = this.#seen.get(at);
    if (here === undefined) this.#seen.set(at, [d]);
    else if (here.some((s) => s.code === d.code && s.message === d.message)) return;
    else here.push(d);
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
