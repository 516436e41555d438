/**
 * The SQLite files of the shared corpus (../shared/corpus, described in its
 * SOURCES.md; referenced by path, never copied): each translates without
 * throwing, and then either applies on PostgreSQL or fails with an error or
 * warning diagnostic that names what failed. Migrations that build on each
 * other are applied in order in one schema (one savepoint per file). Where
 * real SQLite (sql.js) loads the same files, PostgreSQL must end up with the
 * same tables and columns.
 *
 * The expected result of every file is listed below: a file that starts to
 * apply (or stops) fails the test until the list is updated.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { translate, type TranslateResult } from '../src/translate.js';
import { readPgCatalog, tableShapes, type Catalog } from './support/catalog.js';
import { closeDatabases, engineName, withSchema } from './support/database.js';
import { readSqliteCatalog, withSqlite } from './support/sqlite.js';

afterAll(async () => {
  await closeDatabases();
});

const CORPUS = join(import.meta.dirname, '../../shared/corpus');
const LARGEST = 'synapse/main_full_72.sqlite.sql';

/** Files applied in order in one schema: later migrations assume the earlier ones. */
const CHAINS: { name: string; files: RegExp }[] = [
  { name: 'atuin server', files: /^atuin\/server_/ },
  { name: 'atuin client', files: /^atuin\/client_/ },
  { name: 'authelia', files: /^authelia\// },
  { name: 'kratos', files: /^kratos\// },
  { name: 'sqlc ondeck', files: /^sqlc\/ondeck_/ },
  { name: 'sqlx tests', files: /^sqlx\/tests_/ },
];

type Result = 'applies' | 'fails, explained' | 'fails, known gap';

/**
 * Every file not listed applies.
 *
 * kratos 2026…: references `networks`, made by a kratos migration the corpus does not have;
 * SP306 names it.
 *
 * kratos 2022…: rebuilds `identity_verification_tokens` (ALTER TABLE … RENAME, CREATE, copy,
 * DROP), made by a kratos migration the corpus does not have. PostgreSQL: relation
 * "identity_verification_tokens" does not exist. No diagnostic names it: the translator warns
 * about tables the input does not define only for foreign keys (SP306), not for the target of
 * ALTER TABLE, INSERT or DROP. A known gap, reported to the lead; once such a warning exists
 * this file becomes 'fails, explained'.
 */
const EXPECTED: Record<string, Result> = {
  'kratos/20220825134336000001_not_null_constraint_verification_token_flow_id.sqlite.sql': 'fails, known gap',
  'kratos/20260408000000000000_create_pending_traits_changes.sqlite.sql': 'fails, explained',
};

interface Row {
  file: string;
  tables: number;
  ms: number;
  result: Exclude<Result, 'fails, known gap'> | 'unexplained failure' | 'threw';
  why: string;
}

function corpusFiles(): string[] {
  return readdirSync(CORPUS, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join(CORPUS, d.name)).map((f) => `${d.name}/${f}`))
    .filter((p) => /sqlite/i.test(p.split('/')[1] ?? '') || p === 'northwind/northwind.ddl.sql')
    .sort();
}

/** SOURCES.md rows: project | file | … | dialect | tables | … */
function sources(): { path: string; dialect: string; tables: number }[] {
  return readFileSync(join(CORPUS, 'SOURCES.md'), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| project'))
    .map((l) => l.split('|').map((c) => c.trim()))
    .map((c) => ({ path: `${c[1]}/${c[2]}`, dialect: c[7] ?? '', tables: Number(c[8]) }));
}

const loud = (d: Diagnostic) => d.severity === 'error' || d.severity === 'warning';
const show = (d: Diagnostic) => `${d.severity}[${d.code}] ${d.message}`;

/** A PostgreSQL error is explained when a warning or error names what it names. */
function explanation(message: string, diagnostics: Diagnostic[]): Diagnostic | undefined {
  const names = [...message.matchAll(/"([^"]+)"/g)].map((m) => m[1] as string);
  return diagnostics.filter(loud).find((d) => names.some((n) => d.message.includes(n)));
}

/** Groups the files into chains (in file name order, which is migration order) and single files. */
function groups(files: string[]): { name: string; files: string[] }[] {
  const out: { name: string; files: string[] }[] = [];
  for (const chain of CHAINS) out.push({ name: chain.name, files: files.filter((f) => chain.files.test(f)) });
  for (const f of files) if (!CHAINS.some((c) => c.files.test(f))) out.push({ name: f, files: [f] });
  return out;
}

/**
 * The ordinary tables after SQLite (sql.js) loaded the whole group, and the names of its virtual
 * tables (FTS, which the translator ports its own way); null if SQLite rejects the group (sql.js has no FTS5).
 */
function sqliteShapes(texts: string[]): Promise<{ tables: ReturnType<typeof tableShapes>; virtual: Set<string> } | null> {
  return withSqlite((db) => {
    try {
      for (const text of texts) db.exec(text);
    } catch {
      return null;
    }
    const virtual = db.query<{ name: string }>("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'virtual'");
    return { tables: tableShapes(readSqliteCatalog(db)), virtual: new Set(virtual.map((v) => v.name)) };
  });
}

describe.skipIf(!existsSync(CORPUS))(`SQLite corpus → PostgreSQL (${engineName()})`, () => {
  const files = corpusFiles();
  const texts = new Map(files.map((f) => [f, readFileSync(join(CORPUS, f), 'utf8')]));

  it('covers exactly the SQLite files SOURCES.md lists, with its table counts', () => {
    const listed = sources().filter((s) => s.dialect === 'sqlite');
    expect(files).toEqual(listed.map((s) => s.path).sort());
    for (const s of listed) {
      const model = translate(texts.get(s.path) ?? '', { from: 'sqlite' }).model;
      // SOURCES.md counts CREATE [VIRTUAL] TABLE statements.
      const tables = model?.elements.filter((e) => e.kind === 'table' || e.kind === 'virtual-table').length;
      expect(tables, s.path).toBe(s.tables);
    }
  });

  it('every file translates, and applies on PostgreSQL or says why not', async () => {
    const rows: Row[] = [];
    const mismatches: string[] = [];
    let comparedWithSqlite = 0;
    for (const group of groups(files)) {
      const translated = new Map<string, TranslateResult | Error>();
      for (const file of group.files) {
        const started = performance.now();
        try {
          translated.set(file, translate(texts.get(file) ?? '', { from: 'sqlite', fileName: file }));
        } catch (error) {
          translated.set(file, error as Error);
        }
        const result = translated.get(file);
        const tables = result instanceof Error ? 0 : (result?.model?.elements.filter((e) => e.kind === 'table').length ?? 0);
        rows.push({ file, tables, ms: performance.now() - started, result: 'applies', why: '' });
      }
      const row = (file: string) => rows.find((r) => r.file === file) as Row;
      let catalog: Catalog | null = null;
      await withSchema(async (db, schema) => {
        await db.exec('BEGIN');
        try {
          for (const file of group.files) {
            const result = translated.get(file);
            const r = row(file);
            if (result instanceof Error || result === undefined) {
              Object.assign(r, { result: 'threw', why: String(result?.stack ?? result) });
              continue;
            }
            if (result.sql === null) {
              const errors = result.diagnostics.filter((d) => d.severity === 'error');
              // Every error points at its construct (a span: file:line:col and a caret).
              const named = errors.length > 0 && errors.every((d) => d.span !== null);
              Object.assign(r, { result: named ? 'fails, explained' : 'unexplained failure', why: errors.slice(0, 2).map(show).join(' | ') });
              continue;
            }
            await db.exec('SAVEPOINT corpus_file');
            try {
              await db.exec(result.sql);
              await db.exec('RELEASE SAVEPOINT corpus_file');
            } catch (error) {
              await db.exec('ROLLBACK TO SAVEPOINT corpus_file');
              const message = (error as Error).message;
              const because = explanation(message, result.diagnostics);
              Object.assign(r, {
                result: because ? 'fails, explained' : 'unexplained failure',
                why: `PostgreSQL: ${message}${because ? ` ← ${show(because)}` : ''}`,
              });
            }
          }
          catalog = await readPgCatalog(db, schema);
        } finally {
          await db.exec('ROLLBACK');
        }
      });
      // Where SQLite loads the whole group and PostgreSQL took every file, the tables and columns agree.
      if (group.files.every((f) => row(f).result === 'applies') && catalog) {
        const inSqlite = await sqliteShapes(group.files.map((f) => texts.get(f) ?? ''));
        if (inSqlite) {
          comparedWithSqlite++;
          const pg = tableShapes(catalog).filter((t) => !inSqlite.virtual.has(t.name));
          if (JSON.stringify(inSqlite.tables) !== JSON.stringify(pg)) {
            mismatches.push(`${group.name}: SQLite ${JSON.stringify(inSqlite.tables)}\n  PostgreSQL ${JSON.stringify(pg)}`);
          }
        }
      }
    }

    const width = Math.max(...rows.map((r) => r.file.length));
    console.log(
      [
        `${'file'.padEnd(width)}  tables  ${'result'.padEnd(20)}  ms`,
        ...rows.map((r) => `${r.file.padEnd(width)}  ${String(r.tables).padStart(6)}  ${r.result.padEnd(20)}  ${r.ms.toFixed(1).padStart(6)}${r.why ? `\n${' '.repeat(width + 2)}${r.why}` : ''}`),
      ].join('\n'),
    );
    const count = (result: Row['result']) => rows.filter((r) => r.result === result).length;
    console.log(
      `corpus: ${rows.length} files, ${count('applies')} apply, ${count('fails, explained')} fail with a diagnostic saying why, ` +
        `${count('unexplained failure')} fail without one, ${count('threw')} threw; ` +
        `${comparedWithSqlite} groups have the same tables and columns as in SQLite (sql.js)`,
    );

    const known = (f: string) => EXPECTED[f] === 'fails, known gap';
    expect(rows.filter((r) => r.result === 'threw' || (r.result === 'unexplained failure' && !known(r.file)))).toEqual([]);
    expect(mismatches).toEqual([]);
    expect(Object.fromEntries(rows.map((r) => [r.file, r.result]))).toEqual(
      Object.fromEntries(files.map((f) => [f, known(f) ? 'unexplained failure' : (EXPECTED[f] ?? 'applies')])),
    );
    expect(rows).toHaveLength(38);
    expect(count('applies')).toBe(36);
    expect(count('fails, explained')).toBe(1);
    expect(count('unexplained failure')).toBe(1); // the known gap above
    expect(comparedWithSqlite).toBeGreaterThanOrEqual(20);
  }, 180_000);

  it(`translates the largest file (${LARGEST}) quickly`, () => {
    const text = texts.get(LARGEST) ?? '';
    translate(text, { from: 'sqlite' }); // warm up
    const times = Array.from({ length: 5 }, () => {
      const started = performance.now();
      translate(text, { from: 'sqlite' });
      return performance.now() - started;
    }).sort((a, b) => a - b);
    const median = times[2] ?? 0;
    console.log(`${LARGEST}: ${(text.length / 1024).toFixed(1)} KiB, median of 5 translations ${median.toFixed(0)} ms (min ${times[0]?.toFixed(0)} ms)`);
    expect(median).toBeLessThan(2_000);
  });
});
