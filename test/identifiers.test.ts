/**
 * Hostile names, comments and string literals: quotes, spaces, dots, `--`,
 * block comment openers and closers, `;`, CR and LF, `$$`, backslashes, backticks, brackets,
 * Unicode and names over 63 bytes. They are handled or diagnosed, and nothing
 * in them breaks out of its token in the output — proven on PostgreSQL: the
 * translated script applies, the catalog holds exactly the expected objects
 * (no table created by an injected statement), and defaults, literals and
 * comments read back equal. (PostgreSQL keywords are test/keywords.test.ts.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { truncateName, utf8Length } from '../src/passes/names.js';
import { SourceText } from '../src/source/source-text.js';
import { translate } from '../src/translate.js';
import { applyAndRollback } from './support/apply.js';
import { withSchema, type Db } from './support/database.js';

const SEED = 7_340_001;

/** Pieces that end tokens somewhere: in SQLite, in DuckDB, in PostgreSQL or in psql. */
const HOSTILE = [
  "'", "''", '"', '""', '--', '/*', '*/', '/* /*', ';', '\n', '\r', '\r\n', '$$', '$a$', '$1', '\\', "\\'", ' ', '.',
  '`', '[', ']', ':x', '\t', 'é', 'ß', 'İ', 'ı', '😀', '中文', '\u200b', '\u2028', 'E\'', "'); DROP TABLE victim; --",
  '"; DROP TABLE victim; --', '*/ DROP TABLE victim; /*', '\r DROP TABLE victim; --', '$$; DROP TABLE victim; $$',
];

const piece = fc.oneof({ arbitrary: fc.constantFrom(...HOSTILE), weight: 3 }, { arbitrary: fc.string({ maxLength: 3 }), weight: 1 });
/** Any text but NUL (which PostgreSQL cannot hold; see the NUL test below). */
const hostileText = fc
  .array(piece, { minLength: 1, maxLength: 10 })
  .map((parts) => parts.join('').split('\u0000').join(''));
/** Sometimes long: names over 63 bytes are truncated (with a warning), never split inside a character. */
const hostileName = fc.oneof(
  { arbitrary: hostileText, weight: 4 },
  { arbitrary: fc.tuple(hostileText, fc.constantFrom('x', 'é', '😀')).map(([t, c]) => `${t}${c.repeat(40)}${t}`), weight: 1 },
);

/** SQLite and DuckDB quoting. */
const q = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const lit = (value: string): string => `'${value.replace(/'/g, "''")}'`;
/** A `--` comment ends at LF in SQLite; a block comment at its first closer. */
const lineComment = (text: string): string => text.replace(/\n/g, ' ');
const blockComment = (text: string): string => text.replace(/\*\//g, '* /');

interface Case {
  /** Distinct by their first characters, so truncation to 63 bytes keeps them apart. */
  table: string;
  columns: [string, string];
  defaults: [string, string];
  index: string;
  view: string;
  alias: string;
  literal: string;
  comments: [string, string, string];
}

const caseArbitrary: fc.Arbitrary<Case> = fc
  .record({
    table: hostileName,
    columns: fc.tuple(hostileName, hostileName),
    defaults: fc.tuple(hostileText, hostileText),
    index: hostileName,
    view: hostileName,
    alias: hostileName,
    literal: hostileText,
    comments: fc.tuple(hostileText, hostileText, hostileText),
  })
  .map((c) => ({
    ...c,
    table: `t ${c.table}`,
    columns: [`a ${c.columns[0]}`, `b ${c.columns[1]}`],
    index: `i ${c.index}`,
    view: `v ${c.view}`,
    alias: `x ${c.alias}`,
  }));

function sqliteSource(c: Case): string {
  return [
    `/* ${blockComment(c.comments[0])} */`,
    `CREATE TABLE ${q(c.table)} (`,
    `  ${q(c.columns[0])} TEXT DEFAULT ${lit(c.defaults[0])}, -- ${lineComment(c.comments[1])}`,
    `  ${q(c.columns[1])} TEXT DEFAULT ${lit(c.defaults[1])} CHECK (${q(c.columns[1])} <> ${lit(`${c.defaults[1]}!`)}) /* ${blockComment(c.comments[2])} */`,
    ');',
    `CREATE INDEX ${q(c.index)} ON ${q(c.table)} (${q(c.columns[0])});`,
    `CREATE VIEW ${q(c.view)} AS SELECT ${q(c.columns[0])} AS ${q(c.alias)}, ${lit(c.literal)} AS lit FROM ${q(c.table)};`,
    '',
  ].join('\n');
}

function duckdbSource(c: Case): string {
  return [
    `CREATE TABLE ${q(c.table)} (${q(c.columns[0])} VARCHAR DEFAULT ${lit(c.defaults[0])}, ${q(c.columns[1])} VARCHAR DEFAULT ${lit(c.defaults[1])});`,
    `CREATE INDEX ${q(c.index)} ON ${q(c.table)} (${q(c.columns[0])});`,
    `CREATE VIEW ${q(c.view)} AS SELECT ${q(c.columns[0])} AS ${q(c.alias)}, ${lit(c.literal)} AS lit FROM ${q(c.table)};`,
    `COMMENT ON TABLE ${q(c.table)} IS ${lit(c.comments[0])};`,
    `COMMENT ON COLUMN ${q(c.table)}.${q(c.columns[1])} IS ${lit(c.comments[1])};`,
    '',
  ].join('\n');
}

/** The name PostgreSQL holds: truncated to 63 bytes (preserve policy). */
const pgName = (name: string): string => truncateName(name);

function translateCase(c: Case, from: 'sqlite' | 'duckdb'): string {
  const source = from === 'sqlite' ? sqliteSource(c) : duckdbSource(c);
  const result = translate(source, { from });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  expect(errors, source).toEqual([]);
  // Every name over 63 bytes is diagnosed where it is written.
  const long = [c.table, ...c.columns, c.index, c.view].filter((n) => utf8Length(n) > 63);
  const text = new SourceText('input.sql', source);
  for (const name of long) {
    const said = result.diagnostics.some((d) => d.code === 'SP401' && d.span && text.slice(d.span).includes(q(name)));
    expect(said, `SP401 for ${JSON.stringify(name)}`).toBe(true);
  }
  expect(result.sql).not.toBeNull();
  return result.sql ?? '';
}

async function relations(db: Db): Promise<string[]> {
  const { rows } = await db.query<{ relname: string; relkind: string }>(
    `SELECT c.relname, c.relkind::text AS relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'v', 'i', 'S', 'm', 'f', 'p', 'c')`,
  );
  return rows.map((r) => `${r.relkind}:${r.relname}`).sort();
}

async function columnsOf(db: Db, relation: string): Promise<string[]> {
  const { rows } = await db.query<{ attname: string }>(
    `SELECT a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relname = $1 AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
    [relation],
  );
  return rows.map((r) => r.attname);
}

/** Applies the script and checks the catalog; `extra` runs more checks inside the same transaction. */
async function applyAndInspect(sql: string, c: Case, extra?: (db: Db) => Promise<void>): Promise<void> {
  const table = pgName(c.table);
  const view = pgName(c.view);
  const columns = c.columns.map(pgName);
  const outcome = await withSchema((db) =>
    applyAndRollback(db, sql, async (db) => {
      // Exactly these relations: an injected statement would add one (or the script would not apply).
      expect(await relations(db)).toEqual([`i:${pgName(c.index)}`, `r:${table}`, `v:${view}`].sort());
      expect(await columnsOf(db, table)).toEqual(columns);
      expect(await columnsOf(db, view)).toEqual([pgName(c.alias), 'lit']);
      const { rows: [none] } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = current_schema()`,
      );
      expect(none?.n).toBe(0);
      // Defaults and literals read back exactly.
      await db.exec(`INSERT INTO ${q(table)} DEFAULT VALUES`);
      const { rows } = await db.query<Record<string, string>>(`SELECT * FROM ${q(table)}`);
      expect(rows).toEqual([{ [columns[0] as string]: c.defaults[0], [columns[1] as string]: c.defaults[1] }]);
      const { rows: viewRows } = await db.query<Record<string, string>>(`SELECT * FROM ${q(view)}`);
      expect(viewRows).toEqual([{ [pgName(c.alias)]: c.defaults[0], lit: c.literal }]);
      if (extra) await extra(db);
    }),
  );
  expect(outcome).toEqual({ ok: true });
}

describe('identifiers, comments and literals cannot break out of their tokens', () => {
  it('SQLite: hostile names, defaults, literals and comments apply on PostgreSQL exactly as written', async () => {
    await fc.assert(
      fc.asyncProperty(caseArbitrary, async (c) => {
        const sql = translateCase(c, 'sqlite');
        // Source comments come out as `--` lines: each line of a comment reads back on a line that starts with `--`.
        const commentLines = sql.split('\n').filter((l) => l.trimStart().startsWith('--'));
        for (const comment of [blockComment(c.comments[0]), lineComment(c.comments[1])]) {
          for (const part of comment.split(/\r\n|\r|\n/).map((p) => p.replace(/^\s*\*?/, '').trim())) {
            if (part.length < 4 || /^[-=*#\s]+$/.test(part)) continue;
            expect(commentLines.some((l) => l.includes(part)), JSON.stringify(part)).toBe(true);
          }
        }
        await applyAndInspect(sql, c);
      }),
      { numRuns: 40, seed: SEED, endOnFailure: true },
    );
  }, 300_000);

  it('DuckDB: hostile names, defaults and COMMENT ON text apply and read back', async () => {
    await fc.assert(
      fc.asyncProperty(caseArbitrary, async (c) => {
        const sql = translateCase(c, 'duckdb');
        await applyAndInspect(sql, c, async (db) => {
          const table = pgName(c.table);
          const { rows } = await db.query<{ t: string | null; c: string | null }>(
            `SELECT obj_description(cl.oid, 'pg_class') AS t,
                    col_description(cl.oid, (SELECT attnum FROM pg_attribute WHERE attrelid = cl.oid AND attname = $2)) AS c
               FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace WHERE n.nspname = current_schema() AND cl.relname = $1`,
            [table, pgName(c.columns[1])],
          );
          expect(rows).toEqual([{ t: c.comments[0], c: c.comments[1] }]);
        });
      }),
      { numRuns: 25, seed: SEED + 1, endOnFailure: true },
    );
  }, 300_000);

  it('the classic injections, spelled out', async () => {
    const c: Case = {
      table: "t'); DROP TABLE victim; --",
      columns: ['a"; DROP TABLE victim; --', 'b */ DROP TABLE victim; /*'],
      defaults: ["x'); CREATE TABLE victim (id int); --", '$$; CREATE TABLE victim (id int); $$\\'],
      index: 'i\r CREATE TABLE victim (id int); --',
      view: 'v $$ /* */ ; \\',
      alias: `x ${'é'.repeat(40)}`,
      literal: "\\'; CREATE TABLE victim (id int); --",
      comments: ['*/ CREATE TABLE victim (id int); /*', 'x\r CREATE TABLE victim (id int); --', '/* /* nested'],
    };
    await applyAndInspect(translateCase(c, 'sqlite'), c);
    await applyAndInspect(translateCase(c, 'duckdb'), c);
  });

  it('DuckDB: an enum label or type name holding `$$` stays inside its DO block', async () => {
    const label = "$$; CREATE TABLE victim (id int); SELECT (1 --";
    const sql = translate(`CREATE TYPE IF NOT EXISTS "m$$" AS ENUM ('ok', ${lit(label)});\n`, { from: 'duckdb' }).sql;
    expect(sql).not.toBeNull();
    let labels: string[] | null = null;
    const outcome = await withSchema((db) =>
      applyAndRollback(db, sql ?? '', async (db) => {
        const { rows } = await db.query<{ l: string }>(`SELECT unnest(enum_range(NULL::"m$$"))::text AS l`);
        labels = rows.map((r) => r.l);
        expect(await relations(db)).toEqual([]);
      }),
    );
    expect(outcome).toEqual({ ok: true });
    expect(labels).toEqual(['ok', label]);
  });

  it('a CR in a `--` comment does not end it in the output (PostgreSQL ends comments at CR)', async () => {
    const source = 'CREATE TABLE t (\n  a TEXT -- note\rCREATE TABLE victim (id int);\n);\n';
    const result = translate(source, { from: 'sqlite' });
    expect(result.sql).not.toContain('\r');
    const outcome = await withSchema((db) =>
      applyAndRollback(db, result.sql ?? '', async (db) => {
        expect(await relations(db)).toEqual(['r:t']);
      }),
    );
    expect(outcome).toEqual({ ok: true });
  });

  it('raw passthrough (ALTER COLUMN, window frames) cannot end its statement or open a quote', async () => {
    // Each snippet is followed by bait: a string whose text, read as code after the snippet, creates the victim.
    // (`SELECT (1` takes up the `)` the output puts on the line after the literal.)
    const victim = 'CREATE TABLE victim (id int); SELECT (1 --';
    const cases: [string, string][] = [
      ["ALTER TABLE t ALTER COLUMN a SET DEFAULT 'x' /* /* */;", `'*/; ${victim}'`],
      ['ALTER TABLE t ALTER COLUMN b SET DEFAULT $$;', `'$$; ${victim}'`],
      ["ALTER TABLE t ALTER COLUMN a SET DEFAULT e'\\';", `'; ${victim}'`],
      [`CREATE VIEW v AS SELECT sum(b) OVER (ORDER BY b ROWS \`;${victim}\`) AS s FROM t;`, "'x'"],
      ['CREATE VIEW v AS SELECT sum(b) OVER (ORDER BY b ROWS /* /* */ UNBOUNDED PRECEDING) AS s FROM t;', `'*/; ${victim}'`],
      ['CREATE VIEW v AS SELECT sum(b) OVER (ORDER BY b ROWS $$ UNBOUNDED PRECEDING) AS s FROM t;', `'$$; ${victim}'`],
    ];
    let applied = 0;
    for (const from of ['sqlite', 'duckdb'] as const) {
      for (const [snippet, bait] of cases) {
        const sql = translate(`CREATE TABLE t (a TEXT, b TEXT);\n${snippet}\nCREATE TABLE u (c TEXT DEFAULT ${bait});\n`, { from }).sql;
        if (sql === null) continue;
        let tables: string[] | null = null;
        await withSchema((db) =>
          applyAndRollback(db, sql, async (db) => {
            tables = (await relations(db)).filter((r) => r.startsWith('r:'));
          }),
        );
        // PostgreSQL may reject the snippet (then nothing ran); when the script applies, there is no victim.
        if (tables === null) continue;
        expect(tables, sql).toEqual(['r:t', 'r:u']);
        applied++;
      }
    }
    expect(applied).toBeGreaterThan(0);
  });

  it('NUL cannot be held by PostgreSQL: a syntax error at its position, not a truncated script', () => {
    for (const source of ["CREATE TABLE t (a TEXT DEFAULT 'x\u0000y');", 'CREATE TABLE "t\u0000" (a INT);', 'CREATE TABLE t (a INT); -- \u0000']) {
      const result = translate(source, { from: 'sqlite' });
      expect(result.sql).toBeNull();
      const d = result.diagnostics.find((x) => x.code === 'SP001');
      expect(d?.span?.start).toBe(source.indexOf('\u0000'));
    }
  });

  it('names over 63 bytes are truncated on a character boundary and stay distinct', () => {
    const long = (c: string) => `${c}_${'😀'.repeat(20)}`;
    const source = `CREATE TABLE ${q(long('t'))} (${q(long('a'))} INT, ${q(long('b'))} INT);`;
    const result = translate(source, { from: 'sqlite' });
    expect(result.sql).not.toBeNull();
    for (const name of [long('t'), long('a'), long('b')]) {
      const out = truncateName(name);
      expect(utf8Length(out)).toBeLessThanOrEqual(63);
      expect(out.endsWith('😀')).toBe(true);
      expect(result.sql).toContain(q(out));
    }
    expect(result.diagnostics.filter((d) => d.code === 'SP401')).toHaveLength(3);
  });

  it('every identifier policy copes with hostile names', () => {
    fc.assert(
      fc.property(caseArbitrary, fc.constantFrom('preserve', 'lower', 'snake'), fc.constantFrom('sqlite', 'duckdb'), (c, identifiers, from) => {
        const source = from === 'sqlite' ? sqliteSource(c) : duckdbSource(c);
        const result = translate(source, { from, identifiers });
        expect(result.sql === null).toBe(result.diagnostics.some((d) => d.severity === 'error'));
      }),
      { numRuns: 300, seed: SEED + 2 },
    );
  });
});
