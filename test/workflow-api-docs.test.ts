/**
 * The programmatic API is documented: every export of src/index.ts (and so of
 * the browser entry src/core.ts it re-exports) has TSDoc.
 */
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
/** The modules whose exports must be documented: all of them. */
const CHECKED = [/\/src\//];

describe('API documentation', () => {
  it('every export of the package entry has a TSDoc comment', () => {
    const index = join(ROOT, 'src/index.ts');
    const program = ts.createProgram([index], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, strict: true, noEmit: true, skipLibCheck: true });
    const checker = program.getTypeChecker();
    const source = program.getSourceFile(index);
    const module = source && checker.getSymbolAtLocation(source);
    if (!module) throw new Error('src/index.ts has no module symbol');
    const undocumented: string[] = [];
    let checked = 0;
    for (const exported of checker.getExportsOfModule(module)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const file = symbol.declarations?.[0]?.getSourceFile().fileName ?? '';
      if (!CHECKED.some((re) => re.test(file))) continue;
      checked++;
      if (ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim() === '') undocumented.push(`${exported.name} (${file.slice(ROOT.length + 1)})`);
    }
    expect(checked).toBeGreaterThan(40);
    expect(undocumented).toEqual([]);
  });
});
