/**
 * Behaviour, not text: each translated trigger and full-text table is applied
 * on PostgreSQL and exercised; where SQLite can run the same (sql.js has no
 * FTS5), the same statements run there too and both engines must agree.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { translate } from '../src/translate.js';
import { withSchema, type Db } from './support/database.js';
import { openSqlite } from './support/sqlite.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures', name, 'input.sql'), 'utf8');

function pgSql(source: string): string {
  const result = translate(source, { from: 'sqlite' });
  if (result.sql === null) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return result.sql;
}

/** Runs `statements` on both engines; returns, per statement, null or the error message. */
async function onBoth(source: string, statements: string[], query: string): Promise<{ sqlite: unknown[]; pg: unknown[]; sqliteErrors: (string | null)[]; pgErrors: (string | null)[] }> {
  const lite = await openSqlite();
  lite.exec(source);
  const sqliteErrors = statements.map((s) => {
    try {
      lite.exec(s);
      return null;
    } catch (e) {
      return (e as Error).message;
    }
  });
  const sqlite = lite.query(query);
  lite.close();
  return withSchema(async (db: Db) => {
    await db.exec(pgSql(source));
    const pgErrors: (string | null)[] = [];
    for (const s of statements) {
      try {
        await db.exec(s);
        pgErrors.push(null);
      } catch (e) {
        pgErrors.push((e as Error).message);
      }
    }
    const pg = (await db.query(query)).rows;
    return { sqlite, pg, sqliteErrors, pgErrors };
  });
}

describe('translated triggers behave as in SQLite', () => {
  it('touch trigger stamps updated_at once, without recursion', async () => {
    await withSchema(async (db) => {
      await db.exec(pgSql(fixture('sqlite-trigger-touch-updated-at')));
      await db.exec("INSERT INTO posts (id, title, updated_at) VALUES (1, 'a', '2000-01-01 00:00:00+00')");
      await db.exec("UPDATE posts SET title = 'b' WHERE id = 1");
      const { rows } = await db.query<{ fresh: boolean }>("SELECT updated_at > '2020-01-01' AS fresh FROM posts");
      expect(rows).toEqual([{ fresh: true }]);
    });
  });

  it('RAISE guards reject, RAISE(IGNORE) skips the row', async () => {
    const source = fixture('sqlite-trigger-raise');
    const statements = [
      "INSERT INTO accounts (id, balance, name) VALUES (1, 10, 'ann')",
      "INSERT INTO accounts (id, balance, name) VALUES (2, 0, '')",
      'UPDATE accounts SET balance = -5 WHERE id = 1',
      'DELETE FROM accounts WHERE id = 1',
      "INSERT INTO accounts (id, balance, name) VALUES (3, 0, 'ann')",
      'UPDATE accounts SET balance = 0 WHERE id = 1',
      'DELETE FROM accounts WHERE id = 1',
    ];
    const r = await onBoth(source, statements, 'SELECT id, balance, name FROM accounts ORDER BY id');
    const rejected = (errors: (string | null)[]) => errors.map((e) => e !== null);
    expect(rejected(r.sqliteErrors)).toEqual([false, false, true, true, true, false, false]);
    expect(rejected(r.pgErrors)).toEqual(rejected(r.sqliteErrors));
    expect(r.pgErrors[2]).toContain('balance would be negative');
    expect(r.pg).toEqual([]);
    expect(r.sqlite).toEqual([]);
  });

  it('audit triggers log changes; INSTEAD OF on a view writes the base table', async () => {
    const source = fixture('sqlite-trigger-audit');
    const statements = [
      "INSERT INTO items (name, price) VALUES ('pen', 2.5)", // explicit ids would not advance the identity (SP304)
      'UPDATE items SET price = 3 WHERE id = 1',
      'UPDATE items SET price = 3 WHERE id = 1',
      "INSERT INTO cheap_items (name, price) VALUES ('cap', 50)",
    ];
    const r = await onBoth(source, statements, 'SELECT item_id, old_price, new_price FROM item_log ORDER BY id');
    expect(r.pgErrors, String(r.pgErrors)).toEqual([null, null, null, null]);
    expect(r.pg).toEqual([{ item_id: 1, old_price: 2.5, new_price: 3 }]);
    expect(r.sqlite).toEqual(r.pg);
    await withSchema(async (db) => {
      await db.exec(pgSql(source));
      await db.exec("INSERT INTO cheap_items (name, price) VALUES ('cap', 50)");
      expect((await db.query('SELECT name, price FROM items')).rows).toEqual([{ name: 'cap', price: 9.99 }]);
    });
  });

  it('a trigger updating its own table fires once, as with recursive_triggers off', async () => {
    const source = fixture('sqlite-trigger-recursive-guard');
    const statements = ['INSERT INTO counters (id) VALUES (1)', 'UPDATE counters SET hits = 5 WHERE id = 1', 'UPDATE counters SET hits = 7 WHERE id = 1'];
    const r = await onBoth(source, statements, 'SELECT hits, total FROM counters');
    expect(r.pgErrors).toEqual([null, null, null]);
    expect(r.pg).toEqual([{ hits: 7, total: 7 }]);
    expect(r.sqlite).toEqual(r.pg);
  });
});

describe('full-text search on PostgreSQL', () => {
  it('external-content FTS5: a search over inserted rows returns the expected rows, best first', async () => {
    await withSchema(async (db) => {
      await db.exec(pgSql(fixture('sqlite-fts5-external-content')));
      await db.exec(`INSERT INTO articles (id, title, body) VALUES
        (1, 'Databases at scale', 'Sharding a database is hard.'),
        (2, 'Gardening', 'Tomatoes need sun.'),
        (3, 'Notes', 'A database, another database, and more databases.')`);
      const { rows } = await db.query<{ id: number; title: string }>('SELECT id, title FROM article_search');
      expect(rows.map((r) => r.id)).toEqual([3, 1]);
      expect(rows.find((r) => r.id === 1)?.title).toBe('<b>Databases</b> at scale');
      // The FTS table's name still answers MATCH-style queries through its view.
      const fts = await db.query<{ rowid: number }>("SELECT rowid FROM articles_fts WHERE articles_fts_tsv @@ websearch_to_tsquery('english', 'tomato') ");
      expect(fts.rows).toEqual([{ rowid: 2 }]);
      // Updates and deletes need no sync triggers.
      await db.exec("UPDATE articles SET body = 'no more tomatoes' WHERE id = 3; DELETE FROM articles WHERE id = 1");
      expect((await db.query('SELECT id FROM article_search')).rows).toEqual([]);
    });
  });

  it('standalone FTS4 tables search their own rows', async () => {
    await withSchema(async (db) => {
      await db.exec(pgSql(fixture('sqlite-fts4-standalone')));
      await db.exec("INSERT INTO event_search (event_id, room_id, sender, key, value) VALUES ('e1', 'r1', 'ann', 'content.body', 'hello there'), ('e2', 'r1', 'bob', 'content.body', 'goodbye')");
      const q = translate("CREATE VIRTUAL TABLE event_search USING fts4 ( event_id, room_id, sender, key, value ); CREATE VIEW found AS SELECT event_id FROM event_search WHERE event_search MATCH 'hello';", { from: 'sqlite' });
      const view = (q.sql ?? '').split('\n\n').find((s) => s.startsWith('CREATE VIEW')) ?? '';
      await db.exec(view);
      expect((await db.query('SELECT event_id FROM found')).rows).toEqual([{ event_id: 'e1' }]);
    });
  });
});
