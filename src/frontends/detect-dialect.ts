/**
 * `--from auto`: decides between SQLite and DuckDB from syntax only one of
 * them has, scanning the text with strings and comments blanked out.
 */
import type { Dialect } from '../model/schema.js';

interface Marker {
  dialect: Dialect;
  pattern: RegExp;
  what: string;
}

const MARKERS: readonly Marker[] = [
  { dialect: 'sqlite', pattern: /\bAUTOINCREMENT\b/i, what: 'AUTOINCREMENT' },
  { dialect: 'sqlite', pattern: /\bWITHOUT\s+ROWID\b/i, what: 'WITHOUT ROWID' },
  { dialect: 'sqlite', pattern: /\)\s*STRICT\b/i, what: 'STRICT' },
  { dialect: 'sqlite', pattern: /\bPRAGMA\b/i, what: 'PRAGMA' },
  { dialect: 'sqlite', pattern: /\bCREATE\s+VIRTUAL\s+TABLE\b/i, what: 'CREATE VIRTUAL TABLE' },
  { dialect: 'sqlite', pattern: /\bON\s+CONFLICT\s+(ROLLBACK|ABORT|FAIL|IGNORE|REPLACE)\b/i, what: 'a conflict clause' },
  { dialect: 'sqlite', pattern: /\bINSERT\s+OR\s+(IGNORE|REPLACE|ROLLBACK|ABORT|FAIL)\b/i, what: 'INSERT OR …' },
  { dialect: 'sqlite', pattern: /[(,]\s*\[[A-Za-z_][^\][\n]*\]\s+[A-Za-z]/, what: '[bracketed] names' },
  // Anchored at the first CREATE TRIGGER: a lazy scan from every one of them is quadratic when no BEGIN follows.
  { dialect: 'sqlite', pattern: /^(?:(?!\bCREATE\s+(?:TEMP\s+|TEMPORARY\s+)?TRIGGER\b)[\s\S])*\bCREATE\s+(?:TEMP\s+|TEMPORARY\s+)?TRIGGER\b[\s\S]*\bBEGIN\b/i, what: 'CREATE TRIGGER … BEGIN' },
  { dialect: 'duckdb', pattern: /\bCREATE\s+OR\s+REPLACE\b/i, what: 'CREATE OR REPLACE' },
  { dialect: 'duckdb', pattern: /\bCREATE\s+SCHEMA\b/i, what: 'CREATE SCHEMA' },
  { dialect: 'duckdb', pattern: /\bCOMMENT\s+ON\b/i, what: 'COMMENT ON' },
  { dialect: 'duckdb', pattern: /\bCREATE\s+(OR\s+REPLACE\s+)?(TEMP\s+|TEMPORARY\s+)?SEQUENCE\b/i, what: 'CREATE SEQUENCE' },
  { dialect: 'duckdb', pattern: /\bCREATE\s+(OR\s+REPLACE\s+)?(TEMP\s+|TEMPORARY\s+)?MACRO\b/i, what: 'CREATE MACRO' },
  { dialect: 'duckdb', pattern: /\bCREATE\s+TYPE\b/i, what: 'CREATE TYPE' },
  { dialect: 'duckdb', pattern: /\b(STRUCT|MAP|UNION)\s*\(/i, what: 'STRUCT/MAP/UNION types' },
  { dialect: 'duckdb', pattern: /\b(UTINYINT|USMALLINT|UINTEGER|UBIGINT|HUGEINT|UHUGEINT|VARINT|BIGNUM|INT128|UINT(8|16|32|64|128)|TIMESTAMP_S|TIMESTAMP_MS|TIMESTAMP_NS|TIME_NS)\b/i, what: 'DuckDB integer or timestamp types' },
  { dialect: 'duckdb', pattern: /\b(uuid|gen_random_uuid|today|get_current_timestamp|epoch_ms)\s*\(|\bnow\s*\(\s*\)/i, what: 'DuckDB functions' },
  { dialect: 'duckdb', pattern: /[(,=]\s*\{\s*'[^']*'\s*:|\bMAP\s*\{/i, what: 'struct or map literals' },
  { dialect: 'duckdb', pattern: /\bENUM\s*\(/i, what: 'inline ENUM' },
  { dialect: 'duckdb', pattern: /\b[A-Za-z_]\w*\s*\[\d*\]/, what: 'list types' },
  { dialect: 'duckdb', pattern: /::/, what: ':: casts' },
  { dialect: 'duckdb', pattern: /\bnextval\s*\(/i, what: 'nextval()' },
  { dialect: 'duckdb', pattern: /\b(INSTALL|LOAD)\s+\w+/i, what: 'INSTALL/LOAD' },
];

/** Blanks out strings, quoted names and comments, keeping offsets. */
function code(text: string): string {
  // An unclosed string or comment runs to the end (trying to close it from every later quote is quadratic).
  return text.replace(/'(?:''|[^'])*(?:'|$)|"(?:""|[^"])*(?:"|$)|--[^\n]*|\/\*[\s\S]*?(?:\*\/|$)/g, (m) => (m.startsWith('"') ? '"x"' : m.startsWith("'") ? "''" : ' '));
}

export function detectDialect(text: string): { dialect: Dialect; reason: string } {
  const body = code(text);
  const found: Record<Dialect, string[]> = { sqlite: [], duckdb: [] };
  for (const m of MARKERS) if (m.pattern.test(body)) found[m.dialect].push(m.what);
  if (found.duckdb.length > found.sqlite.length) return { dialect: 'duckdb', reason: `found ${found.duckdb.join(', ')}` };
  if (found.sqlite.length > 0) return { dialect: 'sqlite', reason: `found ${found.sqlite.join(', ')}` };
  return { dialect: 'sqlite', reason: 'no dialect-specific syntax; SQLite is the default' };
}
