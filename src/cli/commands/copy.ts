/**
 * `schema-port copy SOURCE TARGET`: a SQLite or DuckDB database file into
 * PostgreSQL (see src/copy/). This module only declares the command; the
 * copy itself (sql.js, DuckDB, pg) is imported when it runs.
 *
 * Exit codes: 0 copied and verified; 1 rows were rejected, --max-rejects was
 * reached, verification failed or the schema has translation errors; 2 usage,
 * connection or source errors; 130/143 interrupted (the table in flight is
 * rolled back; rerun with --resume).
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { effectiveOptions, SHARED_OPTIONS, translateOptions, type VerifyCliOptions } from './verify.js';

export interface CopyCliOptions extends VerifyCliOptions {
  tables?: string;
  dryRun?: boolean;
  ifExists?: 'fail' | 'drop' | 'truncate';
  resume?: boolean;
  maxRejects?: number;
  rejects?: string;
  targetSchema?: string;
  verify?: boolean;
  json?: boolean;
  source?: 'auto' | 'sqlite' | 'duckdb';
}

function count(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw new InvalidArgumentError('expected a whole number');
  return n;
}

export function registerCopy(program: Command, setExit: (code: number) => void): Command {
  const cmd = program.command('copy');
  for (const option of program.options) {
    if (SHARED_OPTIONS.has(option.attributeName()) && option.attributeName() !== 'json') cmd.addOption(option);
  }
  return cmd
    .description('copy the rows of a SQLite or DuckDB database file into PostgreSQL, converted by the translation (COPY, rejects, resume, verification)')
    .argument('<source>', 'the SQLite or DuckDB database file (opened read-only)')
    .argument('<target>', 'a PostgreSQL URL, e.g. "$DATABASE_URL"')
    .option('--tables <names>', 'only these tables (comma-separated source names)')
    .option('--dry-run', 'translate, plan and count the rows; write nothing')
    .addOption(new Option('--if-exists <action>', 'when a table already exists in the target').choices(['fail', 'drop', 'truncate']).default('fail'))
    .option('--resume', 'continue an interrupted copy: tables it finished are skipped')
    .option('--max-rejects <n>', 'stop once more than N rows were rejected', count)
    .option('--rejects <file>', 'where rejected rows go, as JSON lines (default: SOURCE.rejects.jsonl)')
    .option('--target-schema <name>', 'load into this PostgreSQL schema (created when missing)')
    .option('--no-verify', 'skip the row counts and checksums after the load')
    .option('--json', 'print the summary as JSON on stdout')
    .addOption(new Option('--source <format>', 'the source file format').choices(['auto', 'sqlite', 'duckdb']).default('auto'))
    .addHelpText(
      'after',
      `
The translation options (--varchar, --timestamps, --json, …) are those of schema-port itself;
--json here is the summary format (give the JSON column type before the command: schema-port --json json copy …).

Examples:
  schema-port copy app.db postgres://user@host/app
  schema-port copy analytics.duckdb "$DATABASE_URL" --tables documents,events
  schema-port copy app.db "$DATABASE_URL" --dry-run
  schema-port copy app.db "$DATABASE_URL" --resume          after an interruption

Exit codes: 0 copied and verified; 1 rows rejected, --max-rejects reached, verification failed
or translation errors; 2 usage, source or connection errors; 130/143 interrupted (--resume).`,
    )
    .action(async (source: string, target: string, _o: unknown, self: Command) => {
      const o = effectiveOptions(self) as CopyCliOptions;
      // `--json` of the root is the JSON column type; the command's own --json is the summary format.
      o.json = self.opts<CopyCliOptions>().json;
      const translate = translateOptions(o, source);
      const rootJson = self.parent?.opts<{ json?: string }>().json;
      delete (translate as Record<string, unknown>).json;
      if (rootJson) (translate as Record<string, unknown>).json = rootJson;
      const { runCopy } = await import('./copy-run.js');
      setExit(await runCopy(source, target, o, translate));
    });
}
