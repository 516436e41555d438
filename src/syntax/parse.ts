import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/diagnostic.js';
import type { Dialect } from '../model/schema.js';
import type { Comment, Expression, Script, Span, Statement } from './ast.js';
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
  parse(text: string, options: { dialect: Dialect; startRule?: string; peg$silentFails?: number; peg$currPos?: number; partial?: boolean }): unknown;
};

/** Peggy's syntax error (as opposed to a stack overflow or a bug in an action). */
function isSyntaxError(error: unknown): boolean {
  return error instanceof (generated as unknown as { SyntaxError: new () => Error }).SyntaxError;
}

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

/** A RangeError from exhausting the call stack (not from an oversized string or array). */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

/**
 * The span of the most deeply nested syntax node, found without recursion:
 * where to point when a tree is too deep to walk. Long operator chains are
 * parsed by loops, so the parser accepts trees deeper than the recursive
 * passes after it can walk.
 */
export function deepestSpan(root: unknown): Span | null {
  const nodes: unknown[] = [root];
  const depths: number[] = [0];
  let deepest: Span | null = null;
  let max = -1;
  while (nodes.length > 0) {
    const value = nodes.pop();
    let depth = depths.pop() as number;
    if (value === null || typeof value !== 'object') continue;
    const record = value as Record<string, unknown>;
    if (!Array.isArray(value) && typeof record.kind === 'string') {
      depth++;
      const span = record.span as Span | undefined;
      if (depth > max && span) {
        max = depth;
        deepest = span;
      }
    }
    for (const key in record) {
      if (key === 'span') continue;
      const child = record[key];
      if (child !== null && typeof child === 'object') {
        nodes.push(child);
        depths.push(depth);
      }
    }
  }
  return deepest;
}

function run<T>(text: string, dialect: Dialect, startRule: 'Script' | 'Expr'): ParseResult<T> {
  // PostgreSQL cannot hold U+0000 in a name, a string or a script (libpq ends the text there).
  const nul = text.indexOf('\u0000');
  if (nul !== -1) {
    return { ok: false, diagnostic: diagnostic('SP001', { start: nul, end: nul + 1 }, 'a NUL character (U+0000), which PostgreSQL cannot hold in any text') };
  }
  try {
    // A first pass records no expectations (peg$silentFails > 0): at the furthest position nearly every
    // alternative tried would, and only a failed parse needs them. A failed parse runs again to say why.
    try {
      return { ok: true, value: parser.parse(text, { dialect, startRule, peg$silentFails: 1 }) as T };
    } catch (error) {
      if (!isSyntaxError(error)) throw error;
    }
    parser.parse(text, { dialect, startRule });
    throw new Error('the parser rejected the input only when it was not reporting why');
  } catch (error) {
    if (isStackOverflow(error)) {
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

/** What the grammar's ScriptItem rule returns: a statement (null for an empty one), whether the input ends after it, the comments it read. */
interface ScriptItem {
  statement: Statement | null;
  last: boolean;
  comments: Comment[];
}

/** The script item at `position`; null when none parses there (the whole script is then parsed for the diagnostic). */
function nextItem(text: string, dialect: Dialect, position: number): { value: ScriptItem; end: number } | null {
  try {
    return parser.parse(text, { dialect, startRule: 'ScriptItem', peg$silentFails: 1, peg$currPos: position, partial: true }) as { value: ScriptItem; end: number };
  } catch (error) {
    if (isSyntaxError(error) || isStackOverflow(error)) return null;
    throw error;
  }
}

/**
 * How reading a script item by item ended: every statement visited; a
 * syntax error (the diagnostic `parseScript` gives); or — which the tests
 * say never happens — the items failed where the whole script parses: the
 * caller starts again from `script`.
 */
export type ReadResult = { ok: true; statements: number } | { ok: false; diagnostic: Diagnostic } | { ok: 'whole'; script: Script };

/**
 * Reads a script one statement at a time, handing each to `visit` with the
 * comments read since the previous one (`statement` is null for an empty
 * statement, a lone ";" or the end, whose comments still count), so a caller
 * can turn a statement into its model and let the statement's tree go while
 * it is young: a whole script's tree, alive until the model was built, cost a
 * third of a translation in garbage collection. The statements, comments and
 * positions are Script's; when an item fails, the script is parsed whole for
 * the diagnostic, exactly as `parseScript` reports it (statements visited
 * before it are to be discarded).
 */
export function readScript(text: string, dialect: Dialect, visit: (statement: Statement | null, comments: Comment[]) => void): ReadResult {
  let position = 0;
  let statements = 0;
  for (let item = text.includes('\u0000') ? null : nextItem(text, dialect, position); item !== null; item = nextItem(text, dialect, position)) {
    const { statement, last, comments } = item.value;
    if (statement) statements++;
    if (statement || comments.length > 0) visit(statement, comments);
    if (last) return { ok: true, statements };
    position = item.end;
  }
  const whole = parseScript(text, dialect);
  return whole.ok ? { ok: 'whole', script: whole.value } : whole;
}
