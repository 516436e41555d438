/**
 * `schema-port diagram in.sql`: the translated schema as a Mermaid
 * `erDiagram` (tables, columns, keys, foreign keys), for READMEs and docs.
 * It takes the main command's input options (dialect, identifiers, …), so the
 * diagram shows the tables exactly as the PostgreSQL output names them.
 */
import type { Command } from 'commander';
import { OPTION_CHOICES, type TranslateOptions } from '../../options.js';
import { SourceText } from '../../source/source-text.js';
import { readInputFile, writeAtomic } from '../io.js';
import type { DiagnosticFormat } from '../report.js';

const EXIT_OK = 0;
const EXIT_FINDINGS = 1;
const EXIT_USAGE = 2;

/** Options of the main command that shape the translation or the diagnostics; the diagram command takes them too. */
const SHARED = new Set<string>([...Object.keys(OPTION_CHOICES), 'strict', 'format', 'quiet', 'verbose']);

interface DiagramCliOptions extends Record<string, unknown> {
  out?: string;
  types: boolean;
  comments: boolean;
  markdown?: boolean;
  format?: DiagnosticFormat;
  quiet?: boolean;
  verbose?: boolean;
  strict?: boolean;
}

function translateOptions(o: DiagramCliOptions, fileName: string): Partial<TranslateOptions> {
  const options: Record<string, unknown> = { fileName, strict: Boolean(o.strict) };
  for (const key of Object.keys(OPTION_CHOICES)) {
    const value = o[key];
    if (value !== undefined) options[key] = key === 'targetVersion' ? Number(value) : value;
  }
  return options as Partial<TranslateOptions>;
}

export async function runDiagram(file: string | undefined, o: DiagramCliOptions): Promise<number> {
  // Imported when the command runs, not when the program registers it.
  const [{ translate }, { erDiagram }, { reportDiagnostics }] = await Promise.all([import('../../translate.js'), import('../../diagram/mermaid.js'), import('../report.js')]);
  const input = readInputFile(file ?? '-');
  if (!input) return EXIT_USAGE;
  const { fileName, text } = input;
  const result = translate(text, translateOptions(o, fileName));
  reportDiagnostics([{ diagnostics: result.diagnostics, source: new SourceText(fileName, text) }], {
    format: o.format ?? 'pretty',
    quiet: Boolean(o.quiet),
    verbose: Boolean(o.verbose),
  });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.some((d) => d.code === 'SP001' || d.code === 'SP002')) return EXIT_USAGE;
  if (errors.length > 0 || !result.postgres) return EXIT_FINDINGS;
  const diagram = erDiagram(result.postgres, { types: o.types, comments: o.comments });
  const output = o.markdown ? `\`\`\`mermaid\n${diagram}\`\`\`\n` : diagram;
  if (o.out) writeAtomic(o.out, output);
  else process.stdout.write(output);
  return EXIT_OK;
}

/** Registers `diagram` on the program; call it after the main command's options are defined. */
export function addDiagramCommand(program: Command, setExit: (code: number) => void): Command {
  const cmd = program
    .command('diagram')
    .description('print a Mermaid ER diagram (erDiagram) of the translated schema')
    .argument('[file]', 'one SQL file (- or nothing for standard input)')
    .option('-o, --out <file>', 'write the diagram to a file (atomically, only without errors)')
    .option('--markdown', 'wrap the diagram in a ```mermaid fence, ready to paste into a README')
    .option('--no-types', 'leave the column types out')
    .option('--no-comments', 'leave the column comments out');
  for (const option of program.options) {
    const name = option.attributeName();
    if (SHARED.has(name)) cmd.addOption(option);
  }
  cmd.addHelpText(
    'after',
    `
Examples:
  schema-port diagram app.sqlite.sql > schema.mmd
  schema-port diagram --markdown --identifiers snake app.sqlite.sql >> README.md`,
  );
  return cmd.action(async (file: string | undefined, o: DiagramCliOptions) => setExit(await runDiagram(file, o)));
}
