/**
 * The main command's work: translate the input files and write the
 * PostgreSQL DDL (or, for `types` and `--ts`, the TypeScript). Imported by
 * src/cli/main.ts only when a translation is asked for, so `--help`,
 * `explain` and the config-driven commands do not load the translator.
 */
import { SourceText } from '../source/source-text.js';
import { translate, type TranslateResult } from '../translate.js';
import type { TranslateOptions } from '../options.js';
import { readInput, readInputFile, writeAtomic } from './io.js';
import { reportDiagnostics, type DiagnosticFormat } from './report.js';
import { statementsJson, type StatementJson } from './statements-json.js';
import { typeScriptOptions, typesOf, type TsCliOptions } from './typescript.js';

const EXIT_OK = 0;
const EXIT_FINDINGS = 1;
const EXIT_USAGE = 2;

export interface CliOptions extends TsCliOptions {
  from: TranslateOptions['from'];
  out?: string;
  strict?: boolean;
  format: DiagnosticFormat;
  targetVersion: string;
  quiet?: boolean;
  verbose?: boolean;
  identifiers: TranslateOptions['identifiers'];
  nocase: TranslateOptions['nocase'];
  varchar: TranslateOptions['varchar'];
  integers: TranslateOptions['integers'];
  timestamps: TranslateOptions['timestamps'];
  json: TranslateOptions['json'];
  structs: TranslateOptions['structs'];
  like: TranslateOptions['like'];
  /** `--schema FILE`: the input is queries against this schema. */
  schema?: string;
}

/** Writes an output file atomically; a failure (a missing folder, no permission) is a usage error, not a crash. */
function writeOutput(file: string, content: string): boolean {
  try {
    writeAtomic(file, content);
    return true;
  } catch (error) {
    process.stderr.write(`schema-port: cannot write ${file}: ${(error as Error).message}\n`);
    return false;
  }
}

function readSchemaFile(file: string): string {
  try {
    return readInput(file);
  } catch (error) {
    process.stderr.write(`schema-port: cannot read the --schema file ${file}: ${(error as Error).message}\n`);
    process.exit(EXIT_USAGE);
  }
}

function translateOptions(o: CliOptions, fileName: string): Partial<TranslateOptions> {
  return {
    from: o.from,
    fileName,
    strict: Boolean(o.strict),
    targetVersion: Number(o.targetVersion) as TranslateOptions['targetVersion'],
    identifiers: o.identifiers,
    nocase: o.nocase,
    varchar: o.varchar,
    integers: o.integers,
    timestamps: o.timestamps,
    json: o.json,
    structs: o.structs,
    like: o.like,
    schema: o.schema ? readSchemaFile(o.schema) : null,
  };
}

/** Parse errors and usage errors exit 2; translation errors exit 1. */
const USAGE_CODES: ReadonlySet<string> = new Set(['SP001', 'SP002']);

export async function run(files: string[], o: CliOptions, mode: 'sql' | 'types' = 'sql'): Promise<number> {
  const inputs = files.length > 0 ? files : ['-'];
  if (o.out && inputs.length > 1) {
    process.stderr.write('schema-port: --out takes one input file\n');
    return EXIT_USAGE;
  }
  if ((o.ts || mode === 'types') && inputs.length > 1) {
    process.stderr.write('schema-port: TypeScript output takes one input file\n');
    return EXIT_USAGE;
  }
  let typed: TranslateResult | null = null;
  const reports: Parameters<typeof reportDiagnostics>[0] = [];
  const outputs: string[] = [];
  // Queries (--schema) with --format json: the statements and their parameter maps, as JSON.
  const statements: StatementJson[] | null = o.format === 'json' && o.schema && mode === 'sql' ? [] : null;
  let exit = EXIT_OK;
  for (const file of inputs) {
    const input = readInputFile(file);
    if (!input) return EXIT_USAGE;
    const { fileName, text } = input;
    const result = translate(text, translateOptions(o, fileName));
    typed = result;
    const source = new SourceText(fileName, text);
    reports.push({ diagnostics: result.diagnostics, source });
    if (statements && result.sql !== null) statements.push(...statementsJson(result, source));
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    if (errors.some((d) => USAGE_CODES.has(d.code))) exit = EXIT_USAGE;
    else if (errors.length > 0 && exit === EXIT_OK) exit = EXIT_FINDINGS;
    if (result.sql !== null) outputs.push(result.sql);
  }
  reportDiagnostics(reports, { format: o.format, quiet: Boolean(o.quiet), verbose: Boolean(o.verbose) });
  if (exit !== EXIT_OK) return exit;
  let types: string | null = null;
  if (typed && (o.ts || mode === 'types')) {
    try {
      types = await typesOf(typed, typeScriptOptions(o, inputs[0] === '-' || inputs[0] === undefined ? '<stdin>' : inputs[0], Number(o.targetVersion), typed.dialect));
    } catch (error) {
      process.stderr.write(`schema-port: ${(error as Error).message}\n`);
      return EXIT_USAGE;
    }
  }
  const output = mode === 'types' ? (types ?? '') : statements ? `${JSON.stringify(statements, null, 2)}\n` : outputs.join('\n');
  if (o.out) {
    if (!writeOutput(o.out, output)) return EXIT_USAGE;
  } else process.stdout.write(output);
  if (o.ts && mode === 'sql' && types !== null && !writeOutput(o.ts, types)) return EXIT_USAGE;
  return EXIT_OK;
}

