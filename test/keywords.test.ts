/**
 * PostgreSQL keywords as names. The emitter quotes a name when PostgreSQL
 * needs it, using its own keyword list (src/emit/postgres/keywords.ts); this
 * checks that list against pg_get_keywords() of the live database, and then
 * pushes every keyword of every category through the whole pipeline as a
 * table, column and index name, and applies the result.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { POSTGRES_NON_UNRESERVED_KEYWORDS } from '../src/emit/postgres/keywords.js';
import { translate } from '../src/translate.js';
import { applyAndRollback } from './support/apply.js';
import { readPgCatalog, type Catalog } from './support/catalog.js';
import { closeDatabases, engineName, pgVersionNum, withSchema } from './support/database.js';
import { withSqlite } from './support/sqlite.js';

afterAll(async () => {
  await closeDatabases();
});

interface Keyword {
  word: string;
  catcode: 'U' | 'C' | 'T' | 'R';
}

async function liveKeywords(engine: 'auto' | 'pglite'): Promise<{ version: number; keywords: Keyword[] }> {
  return withSchema(
    async (db) => ({
      version: await pgVersionNum(db),
      keywords: (await db.query<Keyword>('SELECT word, catcode::text AS catcode FROM pg_get_keywords() ORDER BY word')).rows,
    }),
    { engine },
  );
}

function missingFromList(keywords: Keyword[]): string[] {
  return keywords.filter((k) => k.catcode !== 'U' && !POSTGRES_NON_UNRESERVED_KEYWORDS.has(k.word)).map((k) => `${k.word} (${k.catcode})`);
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * One table per keyword, named by it, whose key column is named by it too, with
 * a CHECK, a DEFAULT, a foreign key to the previous keyword's table (a column
 * named by that keyword), a composite UNIQUE and a partial DESC index on them.
 */
function tablesScript(words: string[]): string {
  return words
    .map((kw, i) => {
      const prev = words[i - 1];
      const columns = [`  ${q(kw)} TEXT NOT NULL PRIMARY KEY CHECK (${q(kw)} <> '')`, `  note TEXT DEFAULT 'it''s ${kw}'`];
      if (prev) columns.push(`  ${q(prev)} TEXT REFERENCES ${q(prev)} (${q(prev)})`, `  UNIQUE (${q(kw)}, ${q(prev)})`);
      return `CREATE TABLE ${q(kw)} (\n${columns.join(',\n')}\n);\nCREATE INDEX ${q(`${kw}_ix`)} ON ${q(kw)} (${q(kw)} DESC) WHERE ${q(kw)} IS NOT NULL;`;
    })
    .join('\n');
}

/** One index per keyword, named by it. */
function indexesScript(words: string[]): string {
  return [
    'CREATE TABLE host (v TEXT, w INTEGER);',
    ...words.map((kw, i) => `CREATE ${i % 2 ? 'UNIQUE ' : ''}INDEX ${q(kw)} ON host (${i % 3 ? 'v' : 'w DESC, v'});`),
  ].join('\n');
}

/** Translates a script SQLite accepts, applies it on PostgreSQL and returns the catalog. */
async function port(source: string): Promise<Catalog> {
  await withSqlite((db) => db.exec(source));
  const result = translate(source, { from: 'sqlite', identifiers: 'preserve', fileName: 'keywords.sql' });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  let catalog: Catalog | undefined;
  const outcome = await withSchema((db, schema) =>
    applyAndRollback(db, result.sql ?? '', async (tx) => {
      catalog = await readPgCatalog(tx, schema);
    }),
  );
  expect(outcome, `PostgreSQL rejects the translation:\n${result.sql}`).toEqual({ ok: true });
  return catalog as Catalog;
}

const chunk = <T>(list: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

describe(`PostgreSQL keywords (${engineName()})`, () => {
  it('src/emit/postgres/keywords.ts lists every keyword that is not unreserved in the live database', async () => {
    const { version, keywords } = await liveKeywords('auto');
    expect(keywords.length).toBeGreaterThan(400);
    expect(missingFromList(keywords), `PostgreSQL ${version}`).toEqual([]);
  });

  it.skipIf(engineName() !== 'postgres-server')('…and in PGlite (PostgreSQL 18) as well', async () => {
    const { version, keywords } = await liveKeywords('pglite');
    expect(version).toBeGreaterThanOrEqual(180000);
    expect(missingFromList(keywords), `PGlite ${version}`).toEqual([]);
  });

  it('every keyword works as a table, column and index name through the whole pipeline', async () => {
    const { keywords } = await liveKeywords('auto');
    const words = keywords.map((k) => k.word);
    // A few scripts rather than one per keyword, each one transaction; concurrent on the server.
    const batches = chunk(words, 120);
    const catalogs = await Promise.all([...batches.map((batch) => port(tablesScript(batch))), port(indexesScript(words))]);
    for (const [b, batch] of batches.entries()) {
      const catalog = catalogs[b] as Catalog;
      expect(catalog.tables.map((t) => t.name).sort()).toEqual([...batch].sort());
      for (const [i, kw] of batch.entries()) {
        const table = catalog.tables.find((t) => t.name === kw);
        const prev = batch[i - 1];
        expect(table?.columns.map((c) => c.name)).toEqual(prev ? [kw, 'note', prev] : [kw, 'note']);
        expect(table?.primaryKey).toEqual([kw]);
        expect(table?.indexes.map((x) => x.name)).toEqual([`${kw}_ix`]);
        expect(table?.foreignKeys).toEqual(prev ? [{ columns: [prev], table: prev, refColumns: [prev] }] : []);
      }
    }
    const indexes = catalogs[batches.length] as Catalog;
    expect(indexes.tables[0]?.indexes.map((x) => x.name).sort()).toEqual([...words].sort());
  }, 120_000);
});
