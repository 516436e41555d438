/**
 * Grammar-aware mutations for the fuzz tests: a forgiving SQL tokenizer (it
 * never fails: what it does not know becomes a one-character token) and
 * fast-check arbitraries that damage real schemas the way editors, truncated
 * downloads and hostile inputs do — dropped, duplicated and swapped tokens,
 * truncation, unbalanced parentheses and quotes, NUL bytes, a BOM, CRLF and
 * lone CR line ends, very long lines and 10,000-deep parentheses.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { loadFixtures } from './fixtures.js';

export type TokenKind = 'space' | 'comment' | 'string' | 'quoted' | 'word' | 'number' | 'punct';

export interface Token {
  kind: TokenKind;
  text: string;
}

const TOKEN =
  /(\s+)|(--[^\n]*|\/\*[\s\S]*?(?:\*\/|$))|('(?:''|[^'])*(?:'|$))|("(?:""|[^"])*(?:"|$)|`(?:``|[^`])*(?:`|$)|\[[^\]]*(?:\]|$))|([A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*)|(\d+(?:\.\d*)?(?:[eE][-+]?\d+)?)|([\s\S])/gy;

const KINDS: TokenKind[] = ['space', 'comment', 'string', 'quoted', 'word', 'number', 'punct'];

/** Splits SQL into tokens; joining their texts gives the input back exactly. */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(sql)) !== null) {
    const group = m.findIndex((g, i) => i > 0 && g !== undefined);
    tokens.push({ kind: KINDS[group - 1] ?? 'punct', text: m[0] });
    if (TOKEN.lastIndex >= sql.length) break;
  }
  return tokens;
}

/** Words and symbols the grammar knows, to splice into damaged input. */
export const SQL_WORDS = [
  'CREATE', 'TABLE', 'INDEX', 'UNIQUE', 'VIEW', 'TRIGGER', 'VIRTUAL', 'TEMP', 'IF', 'NOT', 'EXISTS', 'AS', 'SELECT',
  'FROM', 'WHERE', 'GROUP', 'BY', 'ORDER', 'LIMIT', 'OFFSET', 'UNION', 'ALL', 'VALUES', 'INSERT', 'INTO', 'UPDATE',
  'SET', 'DELETE', 'ALTER', 'ADD', 'COLUMN', 'DROP', 'RENAME', 'TO', 'PRIMARY', 'KEY', 'FOREIGN', 'REFERENCES',
  'ON', 'CASCADE', 'DEFAULT', 'CHECK', 'COLLATE', 'NOCASE', 'NULL', 'CONSTRAINT', 'GENERATED', 'ALWAYS', 'STORED',
  'AUTOINCREMENT', 'WITHOUT', 'ROWID', 'STRICT', 'INTEGER', 'TEXT', 'BLOB', 'REAL', 'NUMERIC', 'VARCHAR(10)',
  'BOOLEAN', 'DATETIME', 'JSON', 'STRUCT(a INT)', 'MAP(INT, TEXT)', 'INT[]', 'ENUM(\'a\')', 'CASE', 'WHEN', 'THEN',
  'ELSE', 'END', 'CAST', 'BEGIN', 'COMMIT', 'PRAGMA', 'WITH', 'RECURSIVE', 'JOIN', 'LEFT', 'USING', 'IN', 'IS',
  'BETWEEN', 'LIKE', 'GLOB', 'AND', 'OR', 'SEQUENCE', 'MACRO', 'TYPE', 'SCHEMA', 'COMMENT', 'OVER', 'PARTITION',
  'FILTER', 'RAISE', 'datetime(\'now\')', 'CURRENT_TIMESTAMP', 'x\'00ff\'', '?', ':name', '$1', '::', '->>', '||',
  '(', ')', ',', ';', '.', '*', '=', '<>', '[', ']', '{', '}', "'", '"', '`', '--', '/*', '*/', '$$', '\\', '\u0000',
];

export interface Mutation {
  op:
    | 'drop'
    | 'duplicate'
    | 'swap'
    | 'truncate'
    | 'insert-word'
    | 'open-paren'
    | 'close-paren'
    | 'open-quote'
    | 'nul'
    | 'bom'
    | 'crlf'
    | 'cr'
    | 'long-line'
    | 'deep-parens'
    | 'unicode'
    | 'replace-word';
  /** Token positions (taken modulo the token count). */
  at: number;
  to: number;
  /** Which word, quote or character. */
  pick: number;
}

const QUOTES = ["'", '"', '`', '[', '/*', '--'];
const UNICODE = ['é', 'ß', 'İ', 'ı', 'K', '\u200b', '\u2028', '\ufffd', '😀', '\ud800', '\udfff', '中文', '\u0301', '\u00a0', '\r'];

function longLine(pick: number): string {
  switch (pick % 4) {
    case 0:
      return ` ${'a'.repeat(100_000)} `;
    case 1:
      return ` '${'x'.repeat(100_000)}' `;
    case 2:
      return Array.from({ length: 5_000 }, (_, i) => `c${i} INT`).join(', ');
    default:
      return ` /*${' '.repeat(100_000)}*/ `;
  }
}

/** Applies one mutation to a token list (in place) and returns it. */
export function applyMutation(tokens: Token[], m: Mutation): Token[] {
  const n = tokens.length;
  const at = n === 0 ? 0 : m.at % n;
  const to = n === 0 ? 0 : m.to % n;
  const word = (text: string): Token => ({ kind: 'punct', text });
  switch (m.op) {
    case 'drop':
      tokens.splice(at, 1 + (m.pick % 3));
      break;
    case 'duplicate':
      if (n) tokens.splice(at, 0, ...tokens.slice(at, at + 1 + (m.pick % 5)));
      break;
    case 'swap': {
      const a = tokens[at];
      const b = tokens[to];
      if (a && b) {
        tokens[at] = b;
        tokens[to] = a;
      }
      break;
    }
    case 'truncate':
      tokens.length = at;
      break;
    case 'insert-word':
      tokens.splice(at, 0, word(` ${SQL_WORDS[m.pick % SQL_WORDS.length] ?? ''} `));
      break;
    case 'replace-word': {
      const index = tokens.findIndex((t, i) => i >= at && t.kind === 'word');
      if (index >= 0) tokens[index] = word(SQL_WORDS[m.pick % SQL_WORDS.length] ?? '');
      break;
    }
    case 'open-paren':
      tokens.splice(at, 0, word('('.repeat(1 + (m.pick % 4))));
      break;
    case 'close-paren':
      tokens.splice(at, 0, word(')'.repeat(1 + (m.pick % 4))));
      break;
    case 'open-quote':
      tokens.splice(at, 0, word(QUOTES[m.pick % QUOTES.length] ?? "'"));
      break;
    case 'nul':
      tokens.splice(at, 0, word('\u0000'));
      break;
    case 'bom':
      tokens.unshift(word('\ufeff'));
      break;
    case 'crlf':
      for (const t of tokens) t.text = t.text.replace(/\r?\n/g, '\r\n');
      break;
    case 'cr':
      for (const t of tokens) t.text = t.text.replace(/\r?\n/g, m.pick % 2 ? '\r' : '\n\r');
      break;
    case 'long-line':
      tokens.splice(at, 0, word(longLine(m.pick)));
      break;
    case 'deep-parens': {
      const depth = m.pick % 2 ? 10_000 : 100 + (m.pick % 900);
      tokens.splice(at, 0, word(`${'('.repeat(depth)}1${m.pick % 3 ? ')'.repeat(depth) : ''}`));
      break;
    }
    case 'unicode':
      tokens.splice(at, 0, word(UNICODE[m.pick % UNICODE.length] ?? ''));
      break;
  }
  return tokens;
}

export function mutate(source: string, mutations: readonly Mutation[]): string {
  let tokens = tokenize(source);
  for (const m of mutations) tokens = applyMutation(tokens, m);
  return tokens.map((t) => t.text).join('');
}

const OPS: Mutation['op'][] = [
  'drop', 'duplicate', 'swap', 'truncate', 'insert-word', 'replace-word', 'open-paren', 'close-paren', 'open-quote',
  'nul', 'bom', 'crlf', 'cr', 'long-line', 'deep-parens', 'unicode',
];
/** How often each operation is drawn: the expensive ones (long lines, deep nesting) rarely. */
const WEIGHTS: Record<Mutation['op'], number> = {
  drop: 8, duplicate: 6, swap: 6, truncate: 5, 'insert-word': 8, 'replace-word': 6, 'open-paren': 4, 'close-paren': 4,
  'open-quote': 4, nul: 1, bom: 1, crlf: 1, cr: 1, 'long-line': 1, 'deep-parens': 1, unicode: 3,
};

export const mutationArbitrary: fc.Arbitrary<Mutation> = fc.record({
  op: fc.oneof(...OPS.map((op) => ({ arbitrary: fc.constant(op), weight: WEIGHTS[op] }))),
  at: fc.nat(),
  to: fc.nat(),
  pick: fc.nat(),
});

export interface SeedFile {
  name: string;
  text: string;
}

export const CORPUS_DIR = join(import.meta.dirname, '../../../shared/corpus');

/** Every fixture input and every corpus file (the corpus is read in place, never copied). */
export function seedFiles(): SeedFile[] {
  const seeds: SeedFile[] = loadFixtures().map((f) => ({ name: `fixtures/${f.name}`, text: f.input }));
  const walk = (dir: string): void => {
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith('.sql')) seeds.push({ name: `corpus/${path.slice(CORPUS_DIR.length + 1)}`, text: readFileSync(path, 'utf8') });
    }
  };
  walk(CORPUS_DIR);
  return seeds;
}

/** A seed file with one to four mutations applied. */
export function mutatedSeedArbitrary(seeds: readonly SeedFile[]): fc.Arbitrary<{ seed: string; mutations: Mutation[]; source: string }> {
  return fc
    .record({ index: fc.nat({ max: seeds.length - 1 }), mutations: fc.array(mutationArbitrary, { minLength: 1, maxLength: 4 }) })
    .map(({ index, mutations }) => {
      const seed = seeds[index] as SeedFile;
      return { seed: seed.name, mutations, source: mutate(seed.text, mutations) };
    });
}

/** Any UTF-16 code unit, lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

/** Random text: raw bytes read as UTF-8 and as Latin-1, any code points, and SQL-token soup. */
export const randomTextArbitrary: fc.Arbitrary<string> = fc.oneof(
  fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b).toString('utf8')),
  fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b).toString('latin1')),
  fc.string({ unit: 'binary', maxLength: 500 }),
  fc.string({ unit: codeUnit, maxLength: 500 }),
  fc.array(fc.constantFrom(...SQL_WORDS, ' ', '\n', 'a', 'b', '1', "'s'", '"q"'), { maxLength: 200 }).map((w) => w.join(' ')),
  fc.array(fc.constantFrom(...SQL_WORDS, 'a', 'b', '1', "'s'"), { maxLength: 200 }).map((w) => w.join('')),
);
