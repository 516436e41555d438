// Compiles grammars/*.peggy into src/syntax/generated/*.ts (not committed).
// The output is plain JavaScript behind `// @ts-nocheck`; src/syntax/parse.ts gives it types.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import peggy from 'peggy';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'src/syntax/generated');
mkdirSync(outDir, { recursive: true });

const grammarFile = join(root, 'grammars/sql.peggy');
const source = peggy.generate(readFileSync(grammarFile, 'utf8'), {
  output: 'source',
  format: 'es',
  grammarSource: 'grammars/sql.peggy',
  allowedStartRules: ['Script', 'Expr'],
});
writeFileSync(
  join(outDir, 'sql-parser.ts'),
  `// @ts-nocheck\n// Generated from grammars/sql.peggy by scripts/build-grammars.mjs. Do not edit.\n${source}`,
);
console.log('grammar: src/syntax/generated/sql-parser.ts');
