/**
 * Bind parameters → PostgreSQL's `$n`, numbered as SQLite numbers them: in
 * order of appearance, `?` takes one more than the largest number assigned so
 * far, `?NNN` (and `$NNN`) takes NNN, and each distinct `:name`, `@name` or
 * `$name` takes the next number at its first appearance and keeps it.
 * Numbers are fixed per statement before translation, so rewrites that
 * translate parts out of order still print the right numbers.
 */
import type { Span } from '../syntax/ast.js';
import { findAll } from '../syntax/walk.js';

export interface ParameterInfo {
  /** `$n`'s n. */
  position: number;
  /** As written: `?`, `?3`, `:id`. */
  name: string;
  /** The PostgreSQL type inferred from what the parameter is compared with or assigned to. */
  type: string | null;
}

export class ParameterPlan {
  readonly #byOffset = new Map<number, number>();
  readonly parameters: ParameterInfo[] = [];

  constructor(statement: unknown) {
    const nodes = findAll(statement, 'parameter').sort((a, b) => a.span.start - b.span.start);
    const named = new Map<string, number>();
    let max = 0;
    for (const p of nodes) {
      let n: number;
      if (/^[?$]\d+$/.test(p.text)) n = Number(p.text.slice(1));
      else if (p.text === '?') n = max + 1;
      else n = named.get(p.text) ?? max + 1;
      if (p.text !== '?' && !/^[?$]\d+$/.test(p.text)) named.set(p.text, n);
      max = Math.max(max, n);
      this.#byOffset.set(p.span.start, n);
      if (!this.parameters.some((x) => x.position === n)) this.parameters.push({ position: n, name: p.text, type: null });
    }
    this.parameters.sort((a, b) => a.position - b.position);
  }

  /** Numbers below the largest that no placeholder takes (`?3` alone leaves 1 and 2 unused). */
  gaps(): number[] {
    const used = new Set(this.parameters.map((p) => p.position));
    const max = Math.max(0, ...used);
    return Array.from({ length: max }, (_, i) => i + 1).filter((n) => !used.has(n));
  }

  numberAt(span: Span): number | undefined {
    return this.#byOffset.get(span.start);
  }

  setType(span: Span, type: string): void {
    const n = this.numberAt(span);
    const info = this.parameters.find((p) => p.position === n);
    if (info && info.type === null) info.type = type;
  }
}
