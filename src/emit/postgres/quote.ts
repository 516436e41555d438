import { POSTGRES_NON_UNRESERVED_KEYWORDS } from './keywords.js';

const BARE = /^[a-z_][a-z0-9_$]*$/;

/** Quotes an identifier exactly when PostgreSQL needs it. */
export function quoteIdent(name: string): string {
  if (BARE.test(name) && !POSTGRES_NON_UNRESERVED_KEYWORDS.has(name)) return name;
  return `"${name.replace(/"/g, '""')}"`;
}

export function quoteQualified(schema: string | null, name: string): string {
  return schema ? `${quoteIdent(schema)}.${quoteIdent(name)}` : quoteIdent(name);
}

/** A string literal; E'' form when it holds a backslash is not needed with standard_conforming_strings. */
export function quoteLiteral(value: string): string {
  if (value.includes('\0')) throw new Error('NUL in string literal');
  return `'${value.replace(/'/g, "''")}'`;
}

/** Text safe inside a `--` comment: one line, no way out of it. */
export function commentLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}

const RAW_TOKEN =
  /('(?:''|[^'])*)('?)|("(?:""|[^"])*)("?)|(`(?:``|[^`])*)(`?)|(\[[^\]]*)(\]?)|(--[^\n]*|\/\*[\s\S]*?(?:\*\/|$))|([A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*)|(\$[0-9]*)|([\s\S])/gy;

/**
 * Source text passed through to the output (ALTER COLUMN actions, window
 * frames), made safe for PostgreSQL's lexer, which splits some characters
 * differently from SQLite's and DuckDB's: backtick and (SQLite) bracket names
 * become double-quoted names, comments become a space (PostgreSQL nests
 * block comments and ends `--` comments at a CR), a `$` that could open a
 * dollar quote is kept apart from what follows, a string after a lone `E` is
 * kept apart from it (E'…' would read backslash escapes), and an unclosed
 * quote is closed. Nothing in the text can then end its statement or swallow
 * the statements after it.
 */
export function rawSql(text: string, dialect: 'sqlite' | 'duckdb'): string {
  let out = '';
  let previous = '';
  RAW_TOKEN.lastIndex = 0;
  while (RAW_TOKEN.lastIndex < text.length) {
    const start = RAW_TOKEN.lastIndex;
    const m = RAW_TOKEN.exec(text);
    if (!m) break;
    const [token, string, , quoted, , backtick, , bracket, , comment, word, dollar] = m;
    let piece: string;
    if (string !== undefined) piece = `${/^e$/i.test(previous) ? ' ' : ''}${string}'`;
    else if (quoted !== undefined) piece = `${quoted}"`;
    else if (backtick !== undefined) piece = `"${backtick.slice(1).replace(/``/g, '`').replace(/"/g, '""')}"`;
    else if (bracket !== undefined && dialect === 'sqlite') piece = `"${bracket.slice(1).replace(/"/g, '""')}"`;
    else if (bracket !== undefined) {
      piece = '[';
      RAW_TOKEN.lastIndex = start + 1;
    } else if (comment !== undefined) piece = ' ';
    else if (dollar !== undefined) piece = dollar === '$' ? '$ ' : dollar;
    else piece = token;
    out += piece;
    previous = word ?? '';
  }
  return out;
}
