/**
 * Using the types schema-port generates for blog.sqlite.sql, with pg and with
 * kysely. Compiled (not run) by test/typescript-compile.test.ts; the two
 * generated files are kept current by test/typescript-emit.test.ts:
 *
 *   schema-port types --int8 number blog.sqlite.sql -o blog.types.ts
 *   schema-port types --flavor kysely --case camel blog.sqlite.sql -o blog.kysely.ts
 */
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database as KyselyDatabase } from './blog.kysely.js';
import { registerTypeParsers, type PostInsert, type PostRow, type PublishedPostRow, type UserRow } from './blog.types.js';

// --int8 number: bigint ids are numbers, once pg parses them so.
registerTypeParsers(pg.types);

export async function publishedTitles(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<PublishedPostRow>('SELECT id, title, author FROM published_posts');
  return rows.map((r) => `${r.title} by ${r.author ?? 'anonymous'} (#${r.id.toFixed(0)})`);
}

export async function createPost(client: pg.ClientBase, post: PostInsert): Promise<PostRow> {
  const columns = Object.keys(post) as (keyof PostInsert)[];
  const sql = `INSERT INTO posts (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING *`;
  const { rows } = await client.query<PostRow>(sql, columns.map((c) => post[c]));
  const row = rows[0];
  if (!row) throw new Error('INSERT … RETURNING returned no row');
  return row;
}

export function accountAge(user: UserRow, now: Date): number {
  return now.getTime() - user.created_at.getTime(); // timestamptz: a Date
}

/** kysely, with camelCase properties (CamelCasePlugin maps them to the snake_case columns). */
export function kysely(pool: pg.Pool): Kysely<KyselyDatabase> {
  return new Kysely<KyselyDatabase>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
}

export async function kyselyUsage(db: Kysely<KyselyDatabase>): Promise<void> {
  const user = await db
    .insertInto('users')
    .values({ email: 'ada@example.com', displayName: 'Ada', settings: { theme: 'dark' } })
    .returning(['id', 'createdAt'])
    .executeTakeFirstOrThrow();
  const id: string = user.id; // bigint: pg returns a string
  const created: Date = user.createdAt;
  await db.insertInto('posts').values({ authorId: id, slug: 'hello', title: 'Hello', publishedAt: created }).execute();
  await db.updateTable('posts').set({ status: 'published' }).where('slug', '=', 'hello').execute();
  const titles = await db.selectFrom('publishedPosts').select(['title', 'author']).execute();
  for (const t of titles) {
    const author: string | null = t.author;
    void author;
  }
}
