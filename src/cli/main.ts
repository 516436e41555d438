#!/usr/bin/env node
/**
 * The `schema-port` command: a thin shell over `translate`. Every command is
 * registered here (its options and help), but what it runs is imported only
 * when it runs: `--help` and `explain` load no translator, the main command
 * no config loader, and only the commands that need them load ts-morph,
 * PGlite, chokidar or the diff printer.
 */
import { Command, Option } from 'commander';
import { OPTION_CHOICES } from '../options.js';
import { addDiagramCommand } from './commands/diagram.js';
import { addCheckCommand } from './commands/check.js';
import { addGenerateCommand } from './commands/generate.js';
import { registerVerify } from './commands/verify.js';
import { registerCopy } from './commands/copy.js';
import { addTypeScriptOptions, addTypesCommand } from './typescript.js';
import type { CliOptions } from './translate-files.js';

const EXIT_OK = 0;
const EXIT_USAGE = 2;

/** The main command's translation (src/cli/translate-files.ts), imported when it runs. */
async function run(files: string[], o: CliOptions, mode: 'sql' | 'types' = 'sql'): Promise<number> {
  return (await import('./translate-files.js')).run(files, o, mode);
}

async function explain(code: string): Promise<number> {
  const { DIAGNOSTICS } = await import('../diagnostics/codes.js');
  const key = code.toUpperCase() as keyof typeof DIAGNOSTICS;
  const def = Object.hasOwn(DIAGNOSTICS, key) ? DIAGNOSTICS[key] : undefined;
  if (!def) {
    process.stderr.write(`schema-port: unknown diagnostic code ${code}\n`);
    return EXIT_USAGE;
  }
  process.stdout.write(`${key} (${def.severity})\n\n${def.explanation}\n\nhint: ${def.hint}\n`);
  return EXIT_OK;
}

export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command();
  program
    .name('schema-port')
    .description('Port SQLite and DuckDB schemas to PostgreSQL: faithful, or loud about it.')
    .argument('[files...]', 'SQL files to translate (- for standard input)')
    .addOption(new Option('--from <dialect>', 'source dialect').choices([...OPTION_CHOICES.from]).default('auto'))
    .option('-o, --out <file>', 'write the PostgreSQL DDL to a file (atomically, only without errors)')
    .option('--strict', 'treat warnings as errors')
    .addOption(new Option('--format <format>', 'diagnostics format on stderr (json with --schema: also the statements and their parameter maps on stdout)').choices(['pretty', 'json', 'sarif']).default('pretty'))
    .addOption(new Option('--target-version <n>', 'PostgreSQL major version').choices([...OPTION_CHOICES.targetVersion]).default('15'))
    .addOption(new Option('--identifiers <policy>', 'names as written, lower case or snake_case').choices([...OPTION_CHOICES.identifiers]).default('preserve'))
    .addOption(new Option('--nocase <strategy>', 'COLLATE NOCASE as citext or an ICU collation').choices([...OPTION_CHOICES.nocase]).default('citext'))
    .addOption(new Option('--varchar <policy>', 'VARCHAR(n) as text (never enforced by the source) or keep the length').choices([...OPTION_CHOICES.varchar]).default('text'))
    .addOption(new Option('--integers <policy>', 'SQLite integers as 64-bit (faithful) or the declared width').choices([...OPTION_CHOICES.integers]).default('faithful'))
    .addOption(new Option('--timestamps <type>', 'DATETIME/TIMESTAMP as timestamptz, timestamp or text').choices([...OPTION_CHOICES.timestamps]).default('timestamptz'))
    .addOption(new Option('--json <type>', 'JSON as jsonb or json').choices([...OPTION_CHOICES.json]).default('jsonb'))
    .addOption(new Option('--structs <type>', 'DuckDB STRUCT as a composite type or jsonb').choices([...OPTION_CHOICES.structs]).default('composite'))
    .addOption(new Option('--like <op>', "SQLite's case-insensitive LIKE as LIKE (with a warning) or ILIKE").choices([...OPTION_CHOICES.like]).default('like'))
    .option('--schema <file>', 'translate the input as queries against this schema (its objects are not emitted)')
    .option('-q, --quiet', 'print errors only')
    .option('--verbose', 'also print notes (info diagnostics)')
    .addHelpText(
      'after',
      `
Examples:
  schema-port app.sqlite.sql > app.pg.sql
  schema-port -o app.pg.sql app.sqlite.sql
  schema-port app.sqlite.sql -o app.pg.sql --ts src/db/types.ts
  schema-port types app.sqlite.sql > src/db/types.ts
  cat app.sqlite.sql | schema-port --from sqlite --strict -
  schema-port explain SP304
  schema-port generate              run the jobs of schema-port.config.json (see docs/workflow.md)
  schema-port check                 pre-commit/CI: exit 1 with a diff when an output is stale
  schema-port --watch               regenerate on every change (generate --watch)

Exit codes: 0 success (warnings allowed), 1 translation errors, 2 usage or parse errors.`,
    )
    .action(async (files: string[], o: CliOptions & { watch?: boolean }) =>
      setExit(o.watch ? await (await import('./watch.js')).watchRoot(files, o, () => run(files, o)) : await run(files, o)),
    );

  program.option('--ts <file>', 'also write TypeScript types of the schema to a file (see the types command)');
  addTypeScriptOptions(program);
  program.enablePositionalOptions(); // options after `types` belong to it
  addTypesCommand(program, async (files, o) => setExit(await run(files, o as unknown as CliOptions, 'types')));
  addDiagramCommand(program, setExit);
  program.option('-w, --watch', 'translate again whenever an input changes (without files: generate --watch on the config)');
  addCheckCommand(program, setExit);
  addGenerateCommand(program, setExit);
  registerVerify(program, setExit);
  registerCopy(program, setExit);

  program
    .command('explain')
    .description('print the long explanation of a diagnostic code')
    .argument('<code>', 'e.g. SP304')
    .addHelpText('after', '\nExamples:\n  schema-port explain SP304\n  schema-port explain sp201   (codes are case-insensitive)')
    .action(async (code: string) => setExit(await explain(code)));

  // Usage errors (an unknown option, a missing argument) of every command exit 2 through main().
  program.exitOverride();
  for (const command of program.commands) command.exitOverride();
  return program;
}

export async function main(argv: string[]): Promise<number> {
  let exit = EXIT_OK;
  const program = buildProgram((code) => {
    exit = code;
  });
  try {
    await program.parseAsync(argv);
  } catch (error) {
    const e = error as { code?: string; exitCode?: number };
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return EXIT_OK;
    if (typeof e.exitCode === 'number') return EXIT_USAGE;
    process.stderr.write(`schema-port: internal error: ${(error as Error).stack ?? String(error)}\n`);
    return EXIT_USAGE;
  }
  return exit;
}

// `schema-port … | head` closes stdout early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`schema-port: internal error: ${String(error)}\n`);
    process.exitCode = EXIT_USAGE;
  },
);
