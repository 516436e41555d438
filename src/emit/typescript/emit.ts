/**
 * Prints a `TypesPlan` with ts-morph. This module imports ts-morph (~250 ms
 * to load) and is itself imported only with `import()` when TypeScript output
 * is asked for.
 */
import { IndentationText, NewLineKind, Project, QuoteKind, StructureKind, type CodeBlockWriter, type StatementStructures, type WriterFunction } from 'ts-morph';
import type { PlannedDeclaration, TypesPlan } from './plan.js';

function docs(text: string | null): { docs?: string[] } {
  return text === null ? {} : { docs: [text] };
}

function structure(d: PlannedDeclaration): StatementStructures | string {
  switch (d.kind) {
    case 'alias':
      return { kind: StructureKind.TypeAlias, name: d.name, isExported: true, type: d.type, ...docs(d.docs) };
    case 'interface':
      return {
        kind: StructureKind.Interface,
        name: d.name,
        isExported: true,
        ...docs(d.docs),
        properties: d.properties.map((p) => ({ name: p.key, type: p.type, hasQuestionToken: p.optional, ...docs(p.docs) })),
        indexSignatures: d.indexSignature ? [{ keyName: 'column', keyType: 'string', returnType: d.indexSignature }] : [],
      };
    case 'code':
      return d.text;
  }
}

export function printPlan(plan: TypesPlan): string {
  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: {
      indentationText: IndentationText.TwoSpaces,
      newLineKind: NewLineKind.LineFeed,
      quoteKind: QuoteKind.Single,
    },
  });
  const file = project.createSourceFile('types.ts', '', { overwrite: true });
  const imports: StatementStructures[] = [...plan.imports].map(([module, names]) => ({
    kind: StructureKind.ImportDeclaration,
    isTypeOnly: true,
    moduleSpecifier: module,
    namedImports: [...names],
  }));
  // One blank line after the header, after the imports and between declarations, whatever their kind.
  const blank = (writer: CodeBlockWriter) => writer.blankLineIfLastNot();
  const statements: (StatementStructures | string | WriterFunction)[] = [plan.header.join('\n'), blank, ...imports];
  for (const d of plan.declarations) statements.push(blank, structure(d));
  file.addStatements(statements);
  // The printer lays structures out already; formatText would start a language service (~100 ms) for nothing.
  const text = file.getFullText();
  return text.endsWith('\n') ? text : `${text}\n`;
}
