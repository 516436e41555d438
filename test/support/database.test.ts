import { afterAll, describe, expect, it } from 'vitest';
import { applyScript, closeDatabases, engineName, pgVersionNum, withSchema, type Db } from './database.js';

afterAll(async () => {
  await closeDatabases();
});

async function schemaExists(schema: string, engine: 'auto' | 'pglite'): Promise<boolean> {
  return withSchema(
    async (db) => {
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = $1', [
        schema,
      ]);
      return rows[0]?.n === 1;
    },
    { engine },
  );
}

/** Checks the search_path, creates a table and checks that it landed in `schema` only. */
async function createAndInspect(db: Db, schema: string): Promise<void> {
  const { rows: path } = await db.query<{ p: string[] }>('SELECT current_schemas(false) AS p');
  expect(path).toEqual([{ p: [schema, 'public'] }]);

  await db.exec('CREATE TABLE widget (id int PRIMARY KEY, name text NOT NULL); INSERT INTO widget VALUES (1, $$a$$);');
  const { rows } = await db.query<{ schemaname: string }>(
    "SELECT schemaname FROM pg_tables WHERE tablename = 'widget' AND schemaname = ANY($1)",
    [[schema, 'public']],
  );
  expect(rows).toEqual([{ schemaname: schema }]);

  const { rows: unqualified } = await db.query<{ n: number }>('SELECT count(*) AS n FROM widget');
  expect(unqualified).toEqual([{ n: 1 }]); // int8 comes back as a number on both engines
  const { rows: publicOnes } = await db.query<{ r: string | null }>("SELECT to_regclass('public.widget')::text AS r");
  expect(publicOnes).toEqual([{ r: null }]);
}

describe(`withSchema (default engine: ${engineName()})`, () => {
  it('creates tables only in its own schema and drops the schema afterwards', async () => {
    const schema = await withSchema(async (db, schema) => {
      expect(schema).toMatch(/^t_\d+_\d+_[0-9a-f]{8}$/);
      await createAndInspect(db, schema);
      return schema;
    });
    expect(await schemaExists(schema, 'auto')).toBe(false);
  });

  it('drops the schema even when the callback throws, and the Db is unusable afterwards', async () => {
    let seen = '';
    let leaked: Db | undefined;
    await expect(
      withSchema(async (db, schema) => {
        seen = schema;
        leaked = db;
        await db.exec('CREATE TABLE doomed (x int)');
        await db.exec('BEGIN; INSERT INTO doomed VALUES (1)'); // leaves a transaction open
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(seen).not.toBe('');
    expect(await schemaExists(seen, 'auto')).toBe(false);
    await expect(leaked!.query('SELECT 1')).rejects.toThrow(/after its withSchema/);
  });

  it('has citext (case-insensitive comparison) and reports the server version', async () => {
    await withSchema(async (db) => {
      const { rows } = await db.query<{ eq: boolean }>("SELECT 'A'::citext = 'a'::citext AS eq");
      expect(rows).toEqual([{ eq: true }]);
      await db.exec('CREATE TABLE person (email citext UNIQUE)');
      await db.query('INSERT INTO person VALUES ($1)', ['Bob@Example.com']);
      await expect(db.query('INSERT INTO person VALUES ($1)', ['bob@example.COM'])).rejects.toThrow(/duplicate key/);
      expect(await pgVersionNum(db)).toBeGreaterThanOrEqual(150000);
    });
  });

  it('has pgcrypto when the engine offers it', async () => {
    await withSchema(async (db) => {
      const { rows } = await db.query<{ available: boolean; installed: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pgcrypto') AS available,
                EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pgcrypto') AS installed`,
      );
      expect(rows[0]?.installed).toBe(rows[0]?.available);
      if (rows[0]?.installed) {
        const { rows: digest } = await db.query<{ h: string }>("SELECT encode(digest('abc', 'sha256'), 'hex') AS h");
        expect(digest[0]?.h).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
      }
    });
  });

  it('returns the same JS value types on both engines', async () => {
    await withSchema(async (db) => {
      const { rows } = await db.query(
        `SELECT count(*) AS n, 9007199254740993::int8 AS big, 1.50::numeric AS num, '1 day'::interval AS iv,
                '{a,b}'::name[] AS names, '{A,b}'::citext[] AS ci, '{1,NULL}'::int8[] AS ints, '\\x0102'::bytea AS bytes,
                '2020-01-02 03:04:05+00'::timestamptz AS ts, '{"k":[1]}'::jsonb AS doc`,
      );
      expect(rows).toEqual([
        {
          n: 1,
          big: 9007199254740993n,
          num: '1.50',
          iv: '1 day',
          names: ['a', 'b'],
          ci: ['A', 'b'],
          ints: [1, null],
          bytes: new Uint8Array([1, 2]),
          ts: new Date('2020-01-02T03:04:05Z'),
          doc: { k: [1] },
        },
      ]);
    });
  });

  it('applyScript commits a good script and reports message and position for a bad one', async () => {
    await withSchema(async (db) => {
      expect(await applyScript(db, 'CREATE TABLE a (x int);\nINSERT INTO a VALUES (1);')).toEqual({ ok: true });

      const script = 'CREATE TABLE b (x int);\nCREATE TABLE c (y intt);\n';
      const result = await applyScript(db, script);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.message).toBe('type "intt" does not exist');
      expect(result.code).toBe('42704');
      expect(result.position).toBe(script.indexOf('intt') + 1); // 1-based, relative to the script

      const syntax = await applyScript(db, 'CREATE TABLE d (x int,);');
      expect(syntax).toMatchObject({ ok: false, code: '42601', position: 'CREATE TABLE d (x int,'.length + 1 });
      expect(syntax.ok === false && syntax.message).toMatch(/syntax error at or near "\)"/);

      const constraint = await applyScript(db, 'CREATE TABLE e (x int UNIQUE); INSERT INTO e VALUES (1), (1);');
      expect(constraint).toMatchObject({ ok: false, code: '23505', detail: 'Key (x)=(1) already exists.' });

      // The failed scripts were rolled back as a whole; the good one was committed.
      const { rows } = await db.query<{ name: string }>(
        "SELECT c.relname AS name FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' ORDER BY 1",
      );
      expect(rows.map((r) => r.name)).toEqual(['a']);
      // ...and the connection is usable again (no aborted transaction left over).
      expect((await db.query('SELECT x FROM a')).rows).toEqual([{ x: 1 }]);
    });
  });

  it('runs concurrent withSchema calls without interference', async () => {
    const events: string[] = [];
    const worker = (label: string) =>
      withSchema(async (db, schema) => {
        events.push(`start ${label}`);
        await db.exec('CREATE TABLE item (label text)');
        await db.query('INSERT INTO item VALUES ($1)', [label]);
        await new Promise((resolve) => setTimeout(resolve, 50)); // let the other call interleave if it can
        await db.query('INSERT INTO item VALUES ($1)', [label]);
        const { rows } = await db.query<{ label: string }>('SELECT label FROM item');
        const { rows: path } = await db.query<{ s: string }>('SELECT current_schema() AS s');
        events.push(`end ${label}`);
        return { schema, current: path[0]?.s, labels: rows.map((r) => r.label) };
      });
    const [a, b] = await Promise.all([worker('a'), worker('b')]);
    expect(a.schema).not.toBe(b.schema);
    expect(a).toEqual({ schema: a.schema, current: a.schema, labels: ['a', 'a'] });
    expect(b).toEqual({ schema: b.schema, current: b.schema, labels: ['b', 'b'] });
    // Separate connections on the server (the calls overlap); a queue on PGlite.
    if (engineName() === 'postgres-server') expect(events.slice(0, 2).sort()).toEqual(['start a', 'start b']);
    else expect(events).toEqual(['start a', 'end a', 'start b', 'end b']);
  });
});

describe('withSchema on PGlite explicitly', () => {
  it('always uses PGlite, even when DATABASE_URL is set', async () => {
    expect(engineName('pglite')).toBe('pglite');
    const schema = await withSchema(
      async (db, schema) => {
        const { rows } = await db.query<{ v: string }>('SELECT version() AS v');
        expect(rows[0]?.v).toMatch(/PGlite/);
        await createAndInspect(db, schema);
        const { rows: eq } = await db.query<{ eq: boolean }>("SELECT 'A'::citext = 'a'::citext AS eq");
        expect(eq).toEqual([{ eq: true }]);
        return schema;
      },
      { engine: 'pglite' },
    );
    expect(await schemaExists(schema, 'pglite')).toBe(false);
  });

  it('queues concurrent calls (single connection) and rejects nesting', async () => {
    const order: string[] = [];
    const worker = (label: string) =>
      withSchema(
        async (db) => {
          order.push(`start ${label}`);
          await new Promise((resolve) => setTimeout(resolve, 20));
          const { rows } = await db.query<{ s: string }>('SELECT current_schema() AS s');
          order.push(`end ${label}`);
          return rows[0]?.s;
        },
        { engine: 'pglite' },
      );
    const [a, b] = await Promise.all([worker('a'), worker('b')]);
    expect(a).not.toBe(b);
    expect(order).toEqual(['start a', 'end a', 'start b', 'end b']);

    await expect(withSchema(() => withSchema(async () => 1, { engine: 'pglite' }), { engine: 'pglite' })).rejects.toThrow(
      /cannot be nested/,
    );
  });
});
