/**
 * The Mermaid ER diagram (src/diagram) and the `schema-port diagram` command.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { erDiagram } from '../src/diagram/mermaid.js';
import { translate } from '../src/translate.js';
import { loadFixtures } from './support/fixtures.js';

function diagramOf(sql: string, options: Parameters<typeof translate>[1] = {}): string {
  const result = translate(sql, options);
  if (!result.postgres) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return erDiagram(result.postgres);
}

describe('erDiagram', () => {
  it('draws tables, columns, keys and foreign keys', () => {
    const text = diagramOf(`
      CREATE TABLE authors (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT);
      CREATE TABLE books (
        id INTEGER PRIMARY KEY,
        author_id INTEGER NOT NULL REFERENCES authors (id),
        editor_id INTEGER REFERENCES authors (id),
        price NUMERIC(10, 2) -- list price
      );`);
    expect(text).toBe(
      [
        'erDiagram',
        '  authors {',
        '    bigint id PK',
        '    text email UK "not null"',
        '    text name',
        '  }',
        '  books {',
        '    bigint id PK',
        '    bigint author_id FK "not null"',
        '    bigint editor_id FK',
        '    numeric(10,2) price "list price"',
        '  }',
        '  authors ||..o{ books : "author_id"',
        '  authors |o..o{ books : "editor_id"',
        '',
      ].join('\n'),
    );
  });

  it('marks identifying and one-to-one relationships', () => {
    const text = diagramOf(`
      CREATE TABLE users (id INTEGER PRIMARY KEY);
      CREATE TABLE profiles (user_id INTEGER PRIMARY KEY REFERENCES users (id), bio TEXT);
      CREATE TABLE tags (id INTEGER PRIMARY KEY);
      CREATE TABLE user_tags (
        user_id INTEGER NOT NULL REFERENCES users (id),
        tag_id INTEGER NOT NULL REFERENCES tags (id),
        PRIMARY KEY (user_id, tag_id)
      );`);
    expect(text).toContain('  users ||--o| profiles : "user_id"');
    expect(text).toContain('  users ||--o{ user_tags : "user_id"');
    expect(text).toContain('  tags ||--o{ user_tags : "tag_id"');
    expect(text).toMatch(/user_tags \{\n {4}bigint user_id PK, FK\n {4}bigint tag_id PK, FK\n/);
  });

  it('quotes names Mermaid does not take bare and keeps the real name in the comment', () => {
    const text = diagramOf(`
      CREATE TABLE "Order Lines" ("Line No" INTEGER PRIMARY KEY, "qty%" INTEGER NOT NULL, amount DOUBLE PRECISION);
      CREATE TABLE notes (id INTEGER PRIMARY KEY, line INTEGER REFERENCES "Order Lines");`);
    expect(text).toContain('  "Order Lines" {');
    expect(text).toContain('    bigint Line_No PK "Line No"');
    expect(text).toContain('    bigint qty_ "qty%; not null"');
    expect(text).toContain('    double_precision amount "double precision"');
    expect(text).toContain('  "Order Lines" |o..o{ notes : "line"');
  });

  it('names schema-qualified tables with their schema', () => {
    const text = diagramOf(readFileSync(new URL('../fixtures/duckdb-schemas/input.sql', import.meta.url), 'utf8'), { from: 'duckdb' });
    expect(text).toContain('  "sales.customers" {');
    expect(text).toContain('  "sales.customers" |o..o{ "sales.orders" : "customer_id"');
  });

  it('shows the schema after migration steps', () => {
    const text = diagramOf(`
      CREATE TABLE a (id INTEGER PRIMARY KEY, old TEXT);
      ALTER TABLE a ADD COLUMN added TEXT;
      ALTER TABLE a RENAME COLUMN old TO renamed;
      CREATE TABLE gone (id INTEGER PRIMARY KEY);
      DROP TABLE gone;`);
    expect(text).toContain('    text renamed');
    expect(text).toContain('    text added');
    expect(text).not.toContain('gone');
  });

  it('draws a relationship to a table the schema does not define', () => {
    const result = translate('CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id));');
    expect(result.postgres).not.toBeNull();
    expect(erDiagram(result.postgres!)).toContain('  parent |o..o{ child : "parent_id"');
  });

  it('gives every fixture a diagram in Mermaid syntax', () => {
    const word = String.raw`(?:[A-Za-z0-9_\-\u0080-\uffff]+|"[^"%\r\n\\]+")`;
    const attribute = /^ {4}[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9\-_[\]().,\u00C0-\uFFFF]* [*A-Za-z_\u00C0-\uFFFF][A-Za-z0-9\-_[\]().,\u00C0-\uFFFF*]*(?: (?:PK|FK|UK)(?:, (?:PK|FK|UK))*)?(?: "[^"]*")?$/;
    const entity = new RegExp(`^ {2}${word} \\{$`);
    const relation = new RegExp(`^ {2}${word} (?:\\|\\||\\|o)(?:--|\\.\\.)(?:o\\{|o\\|) ${word} : "[^"]+"$`);
    let checked = 0;
    for (const fixture of loadFixtures()) {
      const result = translate(fixture.input, fixture.options);
      if (!result.postgres) continue;
      const lines = erDiagram(result.postgres).trimEnd().split('\n');
      expect(lines[0]).toBe('erDiagram');
      for (const line of lines.slice(1)) {
        const ok = line === '  }' || line.startsWith('  %% ') || entity.test(line) || attribute.test(line) || relation.test(line);
        expect(ok, `${fixture.name}: ${line}`).toBe(true);
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
  });
});

describe('schema-port diagram', () => {
  let dir: string;
  let main: (argv: string[]) => Promise<number>;
  const out: string[] = [];
  const err: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'schema-port-diagram-'));
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      err.push(String(chunk));
      return true;
    });
    // src/cli/main.ts runs itself on import: give it a harmless command line first.
    const argv = process.argv;
    process.argv = ['node', 'schema-port', 'explain', 'SP304'];
    try {
      ({ main } = await import('../src/cli/main.js'));
      await new Promise((resolve) => setTimeout(resolve, 0));
    } finally {
      process.argv = argv;
      process.exitCode = undefined;
    }
  });

  afterAll(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    out.length = 0;
    err.length = 0;
    const code = await main(['node', 'schema-port', ...args]);
    return { code, stdout: out.join(''), stderr: err.join('') };
  }

  it('prints the erDiagram of a file', async () => {
    const file = join(dir, 'blog.sql');
    writeFileSync(file, readFileSync(new URL('../examples/blog.sqlite.sql', import.meta.url)));
    const { code, stdout } = await run('diagram', file);
    expect(code).toBe(0);
    expect(stdout.startsWith('erDiagram\n')).toBe(true);
    expect(stdout).toContain('  users {');
    expect(stdout).toContain('    citext email UK "not null; login name"');
    expect(stdout).toContain('  users ||..o{ posts : "author_id"');
  });

  it('takes the translation options, --markdown, --no-types and --out', async () => {
    const file = join(dir, 'camel.sql');
    writeFileSync(file, 'CREATE TABLE UserAccounts (Id INTEGER PRIMARY KEY, DisplayName TEXT);\n');
    const target = join(dir, 'out.md');
    const { code, stdout } = await run('diagram', '--identifiers', 'snake', '--markdown', '--no-types', '-o', target, file);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(readFileSync(target, 'utf8')).toBe(['```mermaid', 'erDiagram', '  user_accounts {', '    column id PK', '    column display_name', '  }', '```', ''].join('\n'));
  });

  it('exits 1 with the diagnostics when the translation fails, 2 on a syntax error', async () => {
    const strict = join(dir, 'strict.sql');
    writeFileSync(strict, 'CREATE TABLE t (a INTEGER REFERENCES missing (id));\n');
    const failed = await run('diagram', '--strict', strict);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe('');
    expect(failed.stderr).toMatch(/error\[SP\d+\]/);

    const broken = join(dir, 'broken.sql');
    writeFileSync(broken, 'CREATE TABLE (;\n');
    const syntax = await run('diagram', broken);
    expect(syntax.code).toBe(2);
    expect(syntax.stderr).toContain('broken.sql:1:');
  });
});
