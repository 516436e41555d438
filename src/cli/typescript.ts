/**
 * The CLI's TypeScript output: `--ts <file>` on the main command and the
 * `types` subcommand. The emitter (and ts-morph) is imported only when
 * TypeScript output is asked for; this module itself is light.
 */
import { Option, type Command } from 'commander';
import type { TranslateResult } from '../translate.js';
import { parseColumnTypeOption, TS_OPTION_CHOICES, type ColumnTypeOverride, type TypeScriptOptions } from '../emit/typescript/options.js';

export interface TsCliOptions {
  ts?: string;
  flavor: TypeScriptOptions['flavor'];
  int8: TypeScriptOptions['int8'];
  numeric: TypeScriptOptions['numeric'];
  date: TypeScriptOptions['date'];
  case: TypeScriptOptions['case'];
  columnType?: string[];
}

/** Options that shape the TypeScript (on the main command, for `--ts`, and on `types`). */
export function addTypeScriptOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--flavor <flavor>', 'TypeScript: plain interfaces, or kysely tables (ColumnType/Generated)').choices([...TS_OPTION_CHOICES.flavor]).default('plain'))
    .addOption(new Option('--int8 <type>', 'TypeScript type of bigint columns (number and bigint register a pg parser)').choices([...TS_OPTION_CHOICES.int8]).default('string'))
    .addOption(new Option('--numeric <type>', 'TypeScript type of numeric columns').choices([...TS_OPTION_CHOICES.numeric]).default('string'))
    .addOption(new Option('--date <type>', 'TypeScript type of date and timestamp columns').choices([...TS_OPTION_CHOICES.date]).default('Date'))
    .addOption(new Option('--case <case>', 'TypeScript property names as the columns are named, or camelCase').choices([...TS_OPTION_CHOICES.case]).default('preserve'))
    .addOption(
      new Option('--column-type <spec>', "a column's TypeScript type: table.column=Type [from module] (repeatable)").argParser(
        (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
      ),
    );
}

/** The TypeScript emitter's options from the command line; throws on a malformed --column-type. */
export function typeScriptOptions(o: TsCliOptions, fileName: string, targetVersion: number, dialect: TranslateResult['dialect']): Partial<TypeScriptOptions> {
  const columnTypes: Record<string, ColumnTypeOverride> = {};
  for (const spec of o.columnType ?? []) {
    const [key, override] = parseColumnTypeOption(spec);
    columnTypes[key] = override;
  }
  return { flavor: o.flavor, int8: o.int8, numeric: o.numeric, date: o.date, case: o.case, columnTypes, fileName, targetVersion, dialect };
}

/** Generates the TypeScript file of a translation that succeeded. */
export async function typesOf(result: TranslateResult, options: Partial<TypeScriptOptions>): Promise<string> {
  if (!result.postgres) throw new Error('no PostgreSQL model to generate types from');
  const { generateTypes } = await import('../emit/typescript/index.js');
  return generateTypes(result.postgres, options);
}

/**
 * The `types` subcommand: every option of the main command except its
 * outputs (the option objects are shared, so new input options apply to both).
 */
export function addTypesCommand(program: Command, action: (files: string[], o: Record<string, unknown>) => Promise<void>): Command {
  const cmd = program
    .command('types')
    .description('print TypeScript types of the translated schema (no database needed)')
    .argument('[files...]', 'one SQL file (- for standard input)')
    .option('-o, --out <file>', 'write the TypeScript to a file (atomically, only without errors)');
  for (const option of program.options) {
    if (option.long !== '--out' && option.long !== '--ts' && option.long !== '--version') cmd.addOption(option);
  }
  cmd.addHelpText(
    'after',
    `
Examples:
  schema-port types app.sqlite.sql > src/db/types.ts
  schema-port types --flavor kysely --int8 number --case camel app.sqlite.sql -o src/db/types.ts
  schema-port types --column-type 'users.settings=Settings from ./settings.js' app.sqlite.sql

A column comment can also choose the type:  settings TEXT -- @type {Settings} from "./settings.js"`,
  );
  return cmd.action((files: string[], o: Record<string, unknown>) => action(files, o));
}
