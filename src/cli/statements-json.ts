/**
 * `--format json` with `--schema` (query mode): standard output is a JSON
 * array of the translated statements instead of the SQL text, each with its
 * source position and its bind-parameter map, for tools that call the
 * queries. The shape is documented in the README ("Parameter map").
 */
import type { ParameterInfo } from '../passes/parameters.js';
import type { SourceText } from '../source/source-text.js';
import type { TranslateResult } from '../translate.js';

export interface StatementJson {
  file: string;
  /** 1-based position of the source statement; null for statements the translation adds. */
  line: number | null;
  column: number | null;
  /** What the statement is: `step` for a query or data statement, else `table`, `view`, `index`, … */
  kind: string;
  /** The PostgreSQL statement, ending with `;`. */
  sql: string;
  /** `$n` → the placeholder as written and the PostgreSQL type inferred for it (null when unknown). */
  parameters: ParameterInfo[];
}

export function statementsJson(result: TranslateResult, source: SourceText): StatementJson[] {
  return (result.postgres?.statements ?? [])
    .filter((s) => s.kind !== 'note')
    .map((s) => {
      const at = s.span ? source.positionOf(s.span.start) : null;
      return {
        file: source.fileName,
        line: at?.line ?? null,
        column: at?.column ?? null,
        kind: s.kind,
        sql: s.sql,
        parameters: (s.parameters ?? []).map((p) => ({ position: p.position, name: p.name, type: p.type })),
      };
    });
}
