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
