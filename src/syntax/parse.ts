import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/diagnostic.js';
import type { Dialect } from '../model/schema.js';
import type { Expression, Script } from './ast.js';
import * as generated from './generated/sql-parser.js';

interface PeggyExpectation {
  type: string;
  description?: string;
  text?: string;
}

interface PeggySyntaxError extends Error {
  expected: PeggyExpectation[] | null;
  found: string | null;
  location: { start: { offset: number }; end: { offset: number } };
}

const parser = generated as unknown as {
  parse(text: string, options: { dialect: Dialect; startRule?: string }): unknown;
};

export type ParseResult<T> = { ok: true; value: T } | { ok: false; diagnostic: Diagnostic };

function describeExpected(expected: PeggyExpectation[] | null): string {
  if (!expected || expected.length === 0) return 'unexpected input';
  const names = new Set<string>();
  for (const e of expected) {
    if (e.type === 'literal' && e.text !== undefined) names.add(/^[a-z_]+$/i.test(e.text) ? e.text.toUpperCase() : `"${e.text}"`);
    else if (e.type === 'end') names.add('end of input');
    else if (e.type === 'other' && e.description && e.description !== 'whitespace' && e.description !== 'comment') names.add(e.description);
  }
  const list = [...names].sort();
  if (list.length === 0) return 'unexpected input';
  const shown = list.length > 8 ? [...list.slice(0, 8), '…'] : list;
  return `expected ${shown.join(', ')}`;
}

function run<T>(text: string, dialect: Dialect, startRule: 'Script' | 'Expr'): ParseResult<T> {
  try {
    return { ok: true, value: parser.parse(text, { dialect, startRule }) as T };
  } catch (error) {
    if (error instanceof RangeError) {
      // Deeply nested input can exhaust the stack of a recursive-descent parser.
      return { ok: false, diagnostic: diagnostic('SP001', { start: 0, end: Math.min(1, text.length) }, 'the input is nested too deeply to parse') };
    }
    const e = error as PeggySyntaxError;
    if (!e || typeof e !== 'object' || !('location' in e)) throw error;
    const start = e.location.start.offset;
    const found = e.found === null ? 'end of input' : JSON.stringify(e.found);
    const end = e.found === null ? start : start + 1;
    return { ok: false, diagnostic: diagnostic('SP001', { start, end }, `${describeExpected(e.expected)}, found ${found}`) };
  }
}

/** Parses a whole script of SQLite or DuckDB statements. */
export function parseScript(text: string, dialect: Dialect): ParseResult<Script> {
  return run<Script>(text, dialect, 'Script');
}

/** Parses a single expression (used by tests and the query translator). */
export function parseExpression(text: string, dialect: Dialect): ParseResult<Expression> {
  return run<Expression>(text, dialect, 'Expr');
}
