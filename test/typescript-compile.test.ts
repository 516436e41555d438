/**
 * Every generated TypeScript file type-checks: the fixtures' expected.ts, the
 * examples, and the type-level tests, in one TypeScript program with strict
 * options (stricter than the project's: exactOptionalPropertyTypes,
 * noUnusedLocals). For kysely-flavored files, a generated check asserts that
 * kysely's own Selectable/Insertable/Updateable of each `<Name>Table` are the
 * file's `<Name>Row`/`<Name>Insert`/`<Name>Update`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR, loadFixtures } from './support/fixtures.js';

const ROOT = resolve(import.meta.dirname, '..');

const STRICT_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  noImplicitReturns: true,
  noImplicitOverride: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  skipLibCheck: true,
  noEmit: true,
  types: ['node'],
};

/** The kysely check of one generated file, as a virtual module beside it. */
function kyselyCheck(source: string): string | null {
  const stems = [...source.matchAll(/^export interface (\w+)Table \{/gm)].map((m) => m[1]);
  if (stems.length === 0) return null;
  const lines = [
    "import type { Insertable, Selectable, Updateable } from 'kysely';",
    "import type * as T from './expected.js';",
    '',
    '/** Mutual assignability after dropping `undefined` (kysely adds it to optional update keys). */',
    'type Norm<X> = { [K in keyof X]: Exclude<X[K], undefined> };',
    'type Same<A, B> = [Norm<A>] extends [Norm<B>] ? ([Norm<B>] extends [Norm<A>] ? true : false) : false;',
    'export const checks: true[] = [',
    ...stems.flatMap((s) => [
      `  true as Same<Selectable<T.${s}Table>, T.${s}Row>,`,
      `  true as Same<Insertable<T.${s}Table>, T.${s}Insert>,`,
      `  true as Same<Updateable<T.${s}Table>, T.${s}Update>,`,
    ]),
    '];',
    '',
  ];
  return lines.join('\n');
}

function compile(rootNames: string[], virtual: Map<string, string>): ts.Diagnostic[] {
  const host = ts.createCompilerHost(STRICT_OPTIONS);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (f) => virtual.has(resolve(f)) || fileExists.call(host, f);
  host.readFile = (f) => virtual.get(resolve(f)) ?? readFile.call(host, f);
  host.getSourceFile = (f, lang, ...rest) => {
    const text = virtual.get(resolve(f));
    return text !== undefined ? ts.createSourceFile(f, text, lang) : getSourceFile.call(host, f, lang, ...rest);
  };
  const program = ts.createProgram({ rootNames: [...rootNames, ...virtual.keys()], options: STRICT_OPTIONS, host });
  return [...ts.getPreEmitDiagnostics(program)];
}

function describeDiagnostic(d: ts.Diagnostic): string {
  const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
  if (!d.file || d.start === undefined) return text;
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  return `${d.file.fileName.replace(`${ROOT}/`, '')}:${line + 1}:${character + 1}: ${text}`;
}

describe('generated TypeScript compiles', () => {
  const fixtures = loadFixtures().filter((f) => f.expectedTs !== null);
  const examples = readdirSync(join(ROOT, 'examples'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(ROOT, 'examples', f));

  it('has TypeScript fixtures and examples to check', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(8);
    expect(examples.length).toBeGreaterThanOrEqual(2);
  });

  it('type-checks every expected.ts, the examples and the type-level tests with strict options', () => {
    const virtual = new Map<string, string>();
    const roots: string[] = [];
    for (const f of fixtures) {
      const file = join(FIXTURES_DIR, f.name, 'expected.ts');
      roots.push(file);
      const check = kyselyCheck(f.expectedTs ?? '');
      if (check) virtual.set(resolve(dirname(file), '__kysely_check__.ts'), check);
    }
    expect([...virtual.keys()].length, 'kysely-flavored fixtures').toBeGreaterThanOrEqual(2);
    roots.push(...examples, join(ROOT, 'test/typescript-types.test.ts'));
    const diagnostics = compile(roots, virtual).map(describeDiagnostic);
    expect(diagnostics).toEqual([]);
  });

  it('notices a type error (the check can fail)', () => {
    const file = resolve(FIXTURES_DIR, 'ts-basic', '__broken__.ts');
    const broken = "import type { UserInsert } from './expected.js';\nexport const u: UserInsert = { id: 1 };\n";
    const diagnostics = compile([], new Map([[file, broken]])).map(describeDiagnostic);
    expect(diagnostics.join('\n')).toMatch(/email/);
  });

  it('kysely check fails when the encodings disagree', () => {
    const source = readFileSync(join(FIXTURES_DIR, 'ts-kysely', 'expected.ts'), 'utf8');
    const dir = join(FIXTURES_DIR, 'ts-kysely');
    const tampered = source.replace(/(export interface UserInsert \{[^}]*?)\n {2}email: string;/, '$1\n  email?: string;');
    expect(tampered).not.toBe(source);
    const virtual = new Map([
      [resolve(dir, '__tampered__', 'expected.ts'), tampered],
      [resolve(dir, '__tampered__', '__kysely_check__.ts'), kyselyCheck(tampered) ?? ''],
    ]);
    const diagnostics = compile([], virtual).map(describeDiagnostic);
    expect(diagnostics.join('\n')).toMatch(/__kysely_check__/);
  });
});
