/**
 * The shape of `schema-port.config.{json,js,mjs,ts}` (or the `"schema-port"`
 * key of package.json): jobs that turn SQLite/DuckDB DDL into PostgreSQL DDL
 * and, optionally, TypeScript types. See docs/workflow.md.
 */
import type { ColumnTypeOverride, TypeScriptOptions } from '../emit/typescript/options.js';
import type { TranslateOptions } from '../options.js';

/** Translation options a config may set, shared at the top level and overridden per job. */
export interface ConfigOptions {
  /** Source dialect of the inputs (`auto` detects it). The CLI spells it `--from`. */
  dialect?: TranslateOptions['from'];
  /** Warnings become errors (`check --strict` turns this on for every job). */
  strict?: boolean;
  /** PostgreSQL major version the output targets. */
  targetVersion?: TranslateOptions['targetVersion'];
  identifiers?: TranslateOptions['identifiers'];
  nocase?: TranslateOptions['nocase'];
  varchar?: TranslateOptions['varchar'];
  integers?: TranslateOptions['integers'];
  timestamps?: TranslateOptions['timestamps'];
  json?: TranslateOptions['json'];
  structs?: TranslateOptions['structs'];
  like?: TranslateOptions['like'];
}

/** Options of the TypeScript emitter a config may set (shared at the top level, overridden per job). */
export interface TypeScriptConfigOptions {
  flavor?: TypeScriptOptions['flavor'];
  int8?: TypeScriptOptions['int8'];
  numeric?: TypeScriptOptions['numeric'];
  date?: TypeScriptOptions['date'];
  case?: TypeScriptOptions['case'];
  /** `table.column` → `Type` or `Type from ./module.js` (or `{ type, from }`). */
  columnTypes?: Record<string, string | ColumnTypeOverride>;
}

/** A job's TypeScript output: where it goes, and options over the shared ones. */
export interface TypeScriptJobConfig extends TypeScriptConfigOptions {
  /** The .ts file to write, relative to the config file. */
  output: string;
}

/** One job: inputs in, PostgreSQL DDL and/or TypeScript out. */
export interface JobConfig {
  /** Shown in messages; defaults to the first output's path. */
  name?: string;
  /** One SQL file, or several (migrations, concatenated in order); relative to the config file. */
  input: string | string[];
  /**
   * For a job whose input is queries (DML, views): the schema they run against, as the CLI's `--schema`
   * (column types and keys); one SQL file or several (migrations, in order), relative to the config file.
   */
  schema?: string | string[];
  /** Source dialect; overrides `options.dialect`. */
  dialect?: TranslateOptions['from'];
  /** The PostgreSQL DDL file to write, relative to the config file. */
  output?: string;
  /** The TypeScript file to write (a path, or the path with options). */
  typescript?: string | TypeScriptJobConfig;
  /** Options over the top-level ones. */
  options?: ConfigOptions;
}

/** A whole config file. */
export interface SchemaPortConfig {
  /** Options shared by every job. */
  options?: ConfigOptions;
  /** TypeScript options shared by every job that writes TypeScript. */
  typescript?: TypeScriptConfigOptions;
  jobs: JobConfig[];
}

/** A job with paths made absolute and options merged, ready to run. */
export interface ResolvedJob {
  /** The job's name (`name`, or its first output relative to the config folder). */
  name: string;
  /** Its index in the config's `jobs`. */
  index: number;
  /** Absolute paths of the inputs, in order. */
  inputs: string[];
  /** Absolute paths of the schema files the input queries run against (`schema`), in order; empty for a DDL job. */
  schema: string[];
  /** Absolute path of the PostgreSQL output, or null. */
  output: string | null;
  /** Absolute path and options of the TypeScript output, or null. */
  typescript: { output: string; options: Partial<TypeScriptOptions> } | null;
  /** Translation options (top-level merged with the job's; `fileName` is set when the job runs). */
  options: Partial<TranslateOptions>;
  /** The folder of the config file: paths in outputs' headers are relative to it. */
  root: string;
}

/** A config file found, validated and resolved. */
export interface LoadedConfig {
  /** Absolute path of the file the config came from (package.json for the `"schema-port"` key). */
  filepath: string;
  /** Its folder; every path in the config is relative to it. */
  root: string;
  jobs: ResolvedJob[];
}

/**
 * Identity function that types a config in `schema-port.config.ts`/`.mjs`:
 * `export default defineConfig({ jobs: [...] })`.
 */
export function defineConfig(config: SchemaPortConfig): SchemaPortConfig {
  return config;
}
