/**
 * COLLATE NOCASE keeps its meaning on PostgreSQL: a UNIQUE email column
 * rejects the same address in another letter case, and equality finds it,
 * exactly as SQLite (checked on sql.js with the same statements).
 *
 * --nocase citext (default) runs on every engine. --nocase icu needs the
 * PostgreSQL server: PGlite creates ICU collations, but they do not compare
 * case-insensitively there.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { TranslateOptions } from '../src/options.js';
import { translate } from '../src/translate.js';
import { closeDatabases, engineName, withSchema, type Db } from './support/database.js';
import { withSqlite } from './support/sqlite.js';

afterAll(async () => {
  await closeDatabases();
});

const SOURCE = `CREATE TABLE person (
  id INTEGER PRIMARY KEY,
  email TEXT UNIQUE COLLATE NOCASE
);
`;

interface Behaviour {
  /** Inserting 'a@X.COM' after 'A@x.com'. */
  secondInsert: 'accepted' | 'unique violation';
  /** Rows `WHERE email = 'A@X.COM'` finds. */
  found: string[];
  /** Rows `WHERE email IN ('a@x.com')` finds. */
  foundIn: string[];
}

function sqliteBehaviour(): Promise<Behaviour> {
  return withSqlite((db) => {
    db.exec(SOURCE);
    db.exec("INSERT INTO person (email) VALUES ('A@x.com')");
    let secondInsert: Behaviour['secondInsert'] = 'accepted';
    try {
      db.exec("INSERT INTO person (email) VALUES ('a@X.COM')");
    } catch (error) {
      expect((error as Error).message).toMatch(/UNIQUE constraint failed: person\.email/);
      secondInsert = 'unique violation';
    }
    return {
      secondInsert,
      found: db.query<{ email: string }>("SELECT email FROM person WHERE email = 'A@X.COM'").map((r) => r.email),
      foundIn: db.query<{ email: string }>("SELECT email FROM person WHERE email IN ('a@x.com')").map((r) => r.email),
    };
  });
}

async function postgresBehaviour(db: Db, options: Partial<TranslateOptions>): Promise<Behaviour> {
  const result = translate(SOURCE, { from: 'sqlite', ...options });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(result.diagnostics.map((d) => d.code)).toContain('SP112');
  // Autocommit: the statements after a failed INSERT must still run; withSchema drops everything.
  await db.exec(result.sql ?? '');
  await db.query("INSERT INTO person (email) VALUES ('A@x.com')");
  let secondInsert: Behaviour['secondInsert'] = 'accepted';
  try {
    await db.query("INSERT INTO person (email) VALUES ('a@X.COM')");
  } catch (error) {
    expect((error as { code?: string }).code).toBe('23505');
    secondInsert = 'unique violation';
  }
  const found = await db.query<{ email: string }>("SELECT email FROM person WHERE email = 'A@X.COM'");
  const foundIn = await db.query<{ email: string }>("SELECT email FROM person WHERE email IN ('a@x.com')");
  return { secondInsert, found: found.rows.map((r) => r.email), foundIn: foundIn.rows.map((r) => r.email) };
}

const EXPECTED: Behaviour = { secondInsert: 'unique violation', found: ['A@x.com'], foundIn: ['A@x.com'] };

describe(`COLLATE NOCASE on a live database (${engineName()})`, () => {
  it('SQLite: a NOCASE UNIQUE column rejects another letter case and = finds it', async () => {
    expect(await sqliteBehaviour()).toEqual(EXPECTED);
  });

  it('--nocase citext (default): PostgreSQL behaves as SQLite', async () => {
    const behaviour = await withSchema((db) => postgresBehaviour(db, {}));
    expect(behaviour).toEqual(await sqliteBehaviour());
  });

  it.skipIf(engineName() !== 'postgres-server')(
    '--nocase icu: PostgreSQL behaves as SQLite (PostgreSQL server only: PGlite ICU collations do not compare case-insensitively)',
    async (ctx) => {
      await withSchema(async (db) => {
        const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_collation WHERE collprovider = 'i'");
        if ((rows[0]?.n ?? 0) === 0) ctx.skip('this PostgreSQL server was built without ICU');
        expect(await postgresBehaviour(db, { nocase: 'icu' })).toEqual(await sqliteBehaviour());
      });
    },
  );

  it('documented difference (SP112): citext also folds non-ASCII letters, SQLite NOCASE only ASCII', async () => {
    const rows = "INSERT INTO person (email) VALUES ('É@x.com'); INSERT INTO person (email) VALUES ('é@x.com');";
    const inSqlite = await withSqlite((db) => {
      db.exec(SOURCE + rows);
      return db.query<{ n: number }>('SELECT count(*) AS n FROM person')[0]?.n;
    });
    expect(inSqlite).toBe(2);
    const result = translate(SOURCE, { from: 'sqlite' });
    expect(result.diagnostics.find((d) => d.code === 'SP112')?.hint).toMatch(/citext/);
    const outcome = await withSchema(async (db) => {
      await db.exec(result.sql ?? '');
      return db.exec(rows).then(
        () => 'accepted',
        (error: { code?: string }) => error.code,
      );
    });
    expect(outcome).toBe('23505');
  });
});
