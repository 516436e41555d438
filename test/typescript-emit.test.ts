/**
 * The TypeScript emitter's parts: names, annotations, the type map, lazy
 * loading of ts-morph, the CLI options, and the examples being current.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import fc from 'fast-check';
import { CamelCasePlugin } from 'kysely';
import { describe, expect, it } from 'vitest';
import { addTypeScriptOptions, addTypesCommand, typeScriptOptions, type TsCliOptions } from '../src/cli/typescript.js';
import { generateTypes } from '../src/emit/typescript/index.js';
import { camelCase, pascalCase, propertyKey, singular, TypeNames } from '../src/emit/typescript/names.js';
import { parseColumnTypeOption, parseTypeSpec, splitAnnotation } from '../src/emit/typescript/options.js';
import { TYPE_MAP, rowOfBase, selectType, typeMapMarkdown } from '../src/emit/typescript/type-map.js';
import type { PgColumn, PgTable } from '../src/passes/postgres-model.js';
import { translate } from '../src/translate.js';

const ROOT = resolve(import.meta.dirname, '..');

describe('names', () => {
  it('singularizes common plurals and leaves the rest', () => {
    const cases: Record<string, string> = {
      users: 'user', categories: 'category', people: 'person', addresses: 'address', boxes: 'box', batches: 'batch',
      statuses: 'status', buses: 'bus', houses: 'house', news: 'news', status: 'status', data: 'data', class: 'class',
      analysis: 'analysis', days: 'day', user: 'user', PEOPLE: 'PERSON',
    };
    for (const [plural, one] of Object.entries(cases)) expect(singular(plural), plural).toBe(one);
  });

  it('PascalCase type names are identifiers', () => {
    expect(pascalCase('user_accounts', true)).toBe('UserAccount');
    expect(pascalCase('Order Items', true)).toBe('OrderItem');
    expect(pascalCase('2fa_codes', true)).toBe('T2faCode');
    expect(pascalCase('HTTPRequests', true)).toBe('HttpRequest');
    expect(pascalCase('—', false)).toBe('Unnamed');
    fc.assert(fc.property(fc.string(), fc.boolean(), (s, one) => /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(pascalCase(s, one))));
  });

  it('camelCase maps names exactly as kysely’s CamelCasePlugin does', () => {
    const plugin = new CamelCasePlugin() as unknown as { camelCase(s: string): string };
    expect(camelCase('created_at')).toBe('createdAt');
    fc.assert(fc.property(fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,12}$/), (s) => camelCase(s) === plugin.camelCase(s)), { numRuns: 300 });
  });

  it('quotes property keys that are not identifiers', () => {
    expect(propertyKey('id')).toBe('id');
    expect(propertyKey('full name')).toBe("'full name'");
    expect(propertyKey("it's")).toBe("'it\\'s'");
  });

  it('hands out unique names, with a suffix then a number', () => {
    const names = new TypeNames(['Json']);
    expect(names.claim(['User'], ['Row', 'Insert'])).toBe('User');
    expect(names.claim(['User'], ['Row'])).toBe('User2');
    expect(names.claim(['Json', 'JsonEnum'])).toBe('JsonEnum');
  });
});

describe('column type overrides', () => {
  it('parses --column-type and @type annotations', () => {
    expect(parseTypeSpec('Settings from "./settings.js"')).toEqual({ type: 'Settings', from: './settings.js' });
    expect(parseTypeSpec('Record<string, number>')).toEqual({ type: 'Record<string, number>', from: null });
    expect(parseColumnTypeOption('users.settings=Settings from ./settings.js')).toEqual(['users.settings', { type: 'Settings', from: './settings.js' }]);
    expect(() => parseColumnTypeOption('settings=Settings')).toThrow(/table\.column/);
    expect(splitAnnotation('The settings.\n@type {Settings} from "./s.js"')).toEqual({ text: 'The settings.', override: { type: 'Settings', from: './s.js' } });
    expect(splitAnnotation("@type {{ a: number }} from './x.js' note")).toEqual({ text: 'note', override: { type: '{ a: number }', from: './x.js' } });
    expect(splitAnnotation('no annotation @type {X}')).toEqual({ text: 'no annotation @type {X}', override: null });
  });
});

describe('type map', () => {
  it('is one table: every PostgreSQL type the compiler emits has a row', () => {
    for (const base of ['smallint', 'integer', 'bigint', 'numeric', 'real', 'double precision', 'boolean', 'text', 'varchar', 'citext', 'bytea', 'date', 'timestamp', 'timestamptz', 'time', 'timetz', 'interval', 'json', 'jsonb', 'uuid', 'varbit']) {
      expect(rowOfBase(base).kind, base).toBe('base');
    }
    expect(rowOfBase('tsvector').kind).toBe('fallback');
    const pgNames = TYPE_MAP.flatMap((r) => r.pg);
    expect(new Set(pgNames).size).toBe(pgNames.length);
  });

  it('follows pg 8.x defaults and the options', () => {
    const defaults = { int8: 'string', numeric: 'string', date: 'Date' } as const;
    expect(selectType(rowOfBase('bigint'), defaults)).toBe('string');
    expect(selectType(rowOfBase('bigint'), { ...defaults, int8: 'bigint' })).toBe('bigint');
    expect(selectType(rowOfBase('numeric'), defaults)).toBe('string');
    expect(selectType(rowOfBase('date'), { ...defaults, date: 'string' })).toBe('string');
    expect(selectType(rowOfBase('bytea'), defaults)).toBe('Buffer');
  });

  it('renders the README section from the table', () => {
    const md = typeMapMarkdown();
    const rows = md.split('\n').filter((l) => l.startsWith('| '));
    expect(rows.length).toBe(TYPE_MAP.length + 2); // + header and separator
    for (const r of rows) expect(r.split(/(?<!\\)\|/).length, r).toBe(7);
    expect(md).toContain('`bigint` (`--int8 bigint`)');
  });
});

describe('lazy loading', () => {
  it('imports ts-morph only from emit.ts, and emit.ts only with import()', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts')) files.push(p);
      }
    };
    walk(join(ROOT, 'src'));
    const staticImport = (text: string, what: RegExp) => text.split('\n').some((l) => /^\s*(import|export)\b(?!\s+type\b)/.test(l) && what.test(l));
    const importers = files.filter((f) => staticImport(readFileSync(f, 'utf8'), /from 'ts-morph'/));
    expect(importers.map((f) => f.slice(ROOT.length + 1))).toEqual(['src/emit/typescript/emit.ts']);
    const emitImporters = files.filter((f) => staticImport(readFileSync(f, 'utf8'), /emit\.js'|typescript\/index\.js'/));
    expect(emitImporters.map((f) => f.slice(ROOT.length + 1)).filter((f) => f !== 'src/index.ts' && f !== 'src/core.ts')).toEqual([]);
  });
});

describe('CLI options', () => {
  function program(seen: { files?: string[]; o?: Record<string, unknown> }): Command {
    const p = new Command().exitOverride().configureOutput({ writeErr: () => undefined }).option('--from <dialect>', 'dialect', 'auto').option('-o, --out <file>', 'out').option('--ts <file>', 'ts');
    addTypeScriptOptions(p);
    p.enablePositionalOptions();
    addTypesCommand(p, async (files, o) => {
      seen.files = files;
      seen.o = o;
    });
    return p;
  }

  it('types takes the main command’s input options and its own output', async () => {
    const seen: { files?: string[]; o?: Record<string, unknown> } = {};
    await program(seen).parseAsync(['types', '--from', 'sqlite', '--int8', 'bigint', '--column-type', 'a.b=X', '--column-type', 'a.c=Y from ./y.js', '-o', 't.ts', 'app.sql'], { from: 'user' });
    expect(seen.files).toEqual(['app.sql']);
    expect(seen.o).toMatchObject({ from: 'sqlite', int8: 'bigint', out: 't.ts', flavor: 'plain', case: 'preserve' });
    const ts = typeScriptOptions(seen.o as unknown as TsCliOptions, 'app.sql', 15, 'sqlite');
    expect(ts.columnTypes).toEqual({ 'a.b': { type: 'X', from: null }, 'a.c': { type: 'Y', from: './y.js' } });
  });

  it('rejects a value outside the choices', async () => {
    await expect(program({}).parseAsync(['types', '--int8', 'float'], { from: 'user' })).rejects.toThrow(/int8/);
  });
});

describe('model features without a SQLite spelling', () => {
  it('GENERATED ALWAYS identity is read-only; BY DEFAULT identity is optional on INSERT', async () => {
    const int8 = { sql: 'bigint', base: 'bigint', arrayDims: 0, range: null, cardinality: null, extensions: [], collation: null };
    const col = (name: string, extra: Partial<PgColumn>): PgColumn => ({
      name, sourceName: name, type: int8, valueType: 'integer', notNull: false, default: null, identity: null, generated: null,
      inlineConstraints: [], allowedValues: null, comment: null, span: { start: 0, end: 0 }, ...extra,
    });
    const table: PgTable = {
      schema: 'app', name: 'events', sourceName: 'events', temporary: false, ifNotExists: false, constraints: [], foreignKeys: [], primaryKey: ['id'], comment: null, span: { start: 0, end: 0 },
      columns: [col('id', { identity: 'ALWAYS' }), col('seq', { identity: 'BY DEFAULT' }), col('n', { notNull: true })],
    };
    const ts = await generateTypes({ statements: [], tables: [table], enums: [], composites: [], views: [] }, { flavor: 'kysely' });
    expect(ts).toContain('export interface AppEventRow {\n  id: string;\n  seq: string;\n  n: string;\n}');
    expect(ts).toContain('export interface AppEventInsert {\n  seq?: string | number | bigint;\n  n: string | number | bigint;\n}');
    expect(ts).toContain('  id: GeneratedAlways<string>;');
    expect(ts).toContain("  'app.events': AppEventTable;");
  });
});

describe('examples', () => {
  const source = readFileSync(join(ROOT, 'examples/blog.sqlite.sql'), 'utf8');
  const result = translate(source, { fileName: 'blog.sqlite.sql' });
  const cases = [
    { file: 'blog.types.ts', options: { int8: 'number' } },
    { file: 'blog.kysely.ts', options: { flavor: 'kysely', case: 'camel' } },
  ] as const;
  for (const c of cases) {
    it(`${c.file} is what the generator prints now`, async () => {
      expect(result.postgres).not.toBeNull();
      if (!result.postgres) return;
      const ts = await generateTypes(result.postgres, { fileName: 'blog.sqlite.sql', dialect: result.dialect, ...c.options });
      expect(ts).toBe(readFileSync(join(ROOT, 'examples', c.file), 'utf8'));
    });
  }
});
