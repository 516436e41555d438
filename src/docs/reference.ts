/**
 * The README's reference sections, generated from the mapping tables and the
 * diagnostic table, so the documentation cannot drift from the code.
 * `npm run docs` writes them into README.md; a test checks they are current.
 */
import { DIAGNOSTICS } from '../diagnostics/codes.js';
import { DiagnosticBag } from '../diagnostics/diagnostic.js';
import { resolveSqliteType } from '../dialects/sqlite/resolve-type.js';
import { SQLITE_TYPES } from '../dialects/sqlite/types.js';
import { resolveDuckdbType } from '../dialects/duckdb/resolve-type.js';
import { DUCKDB_TYPES } from '../dialects/duckdb/types.js';
import { DEFAULT_OPTIONS } from '../options.js';
import { postgresType } from '../passes/postgres-types.js';
import { typeMapMarkdown } from '../emit/typescript/type-map.js';
import { readFileSync } from 'node:fs';
import { SourceText } from '../source/source-text.js';
import { translate } from '../translate.js';

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** SQLite type name → PostgreSQL type, with the reason and the diagnostics it carries. */
export function sqliteTypeTable(): string {
  const rows = ['| SQLite type | PostgreSQL (default options) | why | diagnostics |', '|---|---|---|---|'];
  for (const [name, row] of Object.entries(SQLITE_TYPES)) {
    const bag = new DiagnosticBag();
    const span = { start: 0, end: 0 };
    const typeName = { kind: 'type' as const, words: name.split(' '), params: [], struct: null, map: null, union: null, enumValues: null, arrayDims: [], span };
    // The same resolution a column goes through, so the table shows exactly what translation does.
    const semantic = resolveSqliteType(typeName, 'c', span, DEFAULT_OPTIONS, bag);
    const pg = postgresType(semantic, {
      dialect: 'sqlite',
      options: DEFAULT_OPTIONS,
      bag,
      span,
      column: 'c',
      declaredType: name,
      collation: null,
    });
    const codes = new Set(bag.items.map((d) => d.code));
    rows.push(`| \`${name}\` | \`${pg.sql}\` | ${escapeCell(row.reason)} | ${[...codes].sort().join(', ')} |`);
  }
  return rows.join('\n');
}

/** DuckDB type name → PostgreSQL type, through the same resolution a column goes through. */
export function duckdbTypeTable(): string {
  const rows = ['| DuckDB type | PostgreSQL (default options) | why | diagnostics |', '|---|---|---|---|'];
  for (const [name, row] of Object.entries(DUCKDB_TYPES)) {
    const bag = new DiagnosticBag();
    const span = { start: 0, end: 0 };
    const typeName = { kind: 'type' as const, words: name.split(' '), params: [], struct: null, map: null, union: null, enumValues: null, arrayDims: [], span };
    const semantic = resolveDuckdbType(typeName, 'c', span, DEFAULT_OPTIONS, bag);
    let sql: string;
    try {
      sql = `\`${postgresType(semantic, { dialect: 'duckdb', options: DEFAULT_OPTIONS, bag, span, column: 'c', declaredType: name, collation: null }).sql}\``;
    } catch {
      sql = '(error)';
    }
    const codes = [...new Set(bag.items.map((d) => d.code))].sort().join(', ');
    rows.push(`| \`${name}\` | ${sql} | ${escapeCell(row.reason)} | ${codes} |`);
  }
  return rows.join('\n');
}

export function diagnosticTable(): string {
  const rows = ['| code | severity | message | hint |', '|---|---|---|---|'];
  for (const [code, def] of Object.entries(DIAGNOSTICS)) {
    rows.push(`| ${code} | ${def.severity} | ${escapeCell(def.message)} | ${escapeCell(def.hint)} |`);
  }
  return rows.join('\n');
}

export interface ReferenceSection {
  marker: string;
  content: string;
}

/** The bundled example, translated: the source, the PostgreSQL output and every diagnostic (notes included). */
export function beforeAfterExample(): string {
  const file = 'examples/blog.sqlite.sql';
  const source = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
  const result = translate(source, { fileName: 'blog.sqlite.sql' });
  const text = new SourceText('blog.sqlite.sql', source);
  const rows = result.diagnostics.map((d) => {
    const at = d.span ? `${text.positionOf(d.span.start).line}:${text.positionOf(d.span.start).column}` : '–';
    return `| ${at} | ${d.severity} | ${d.code} | ${d.message.replace(/\|/g, '\\|')} |`;
  });
  return [
    `Before — \`${file}\`, as a team wrote it for SQLite:`,
    '',
    '```sql',
    source.trimEnd(),
    '```',
    '',
    `After — \`npx schema-port ${file}\`:`,
    '',
    '```sql',
    (result.sql ?? '').trimEnd(),
    '```',
    '',
    'And what it decided, and said (`--verbose` prints the notes too):',
    '',
    '| at | severity | code | message |',
    '|---|---|---|---|',
    ...rows,
  ].join('\n');
}

export function referenceSections(): ReferenceSection[] {
  return [
    { marker: 'before-after', content: beforeAfterExample() },
    { marker: 'sqlite-types', content: sqliteTypeTable() },
    { marker: 'duckdb-types', content: duckdbTypeTable() },
    { marker: 'diagnostics', content: diagnosticTable() },
    { marker: 'typescript-types', content: typeMapMarkdown().trimEnd() },
  ];
}

/** Replaces each `<!-- BEGIN marker -->…<!-- END marker -->` block of `readme`. */
export function updateReadme(readme: string, sections: ReferenceSection[] = referenceSections()): string {
  let out = readme;
  for (const s of sections) {
    const begin = `<!-- BEGIN ${s.marker} (generated by npm run docs) -->`;
    const end = `<!-- END ${s.marker} -->`;
    const i = out.indexOf(begin);
    const j = out.indexOf(end);
    if (i === -1 || j === -1 || j < i) continue;
    out = `${out.slice(0, i + begin.length)}\n${s.content}\n${out.slice(j)}`;
  }
  return out;
}
