/**
 * Validation of a config's content. Every problem names the key path
 * (`jobs[1].options.identifiers`) and, for enumerated values, the allowed
 * ones; all problems are collected, not just the first.
 */
import { parseTypeSpec, TS_OPTION_CHOICES, type ColumnTypeOverride } from '../emit/typescript/options.js';
import { OPTION_CHOICES } from '../options.js';
import type { ConfigOptions, JobConfig, SchemaPortConfig, TypeScriptConfigOptions, TypeScriptJobConfig } from './types.js';

/** A config that cannot be used: where it came from and every problem found in it. */
export class ConfigError extends Error {
  constructor(
    /** The config file (or the path that was asked for); empty when no config was found. */
    readonly filepath: string,
    /** One line per problem, each starting with its key path. */
    readonly problems: readonly string[],
  ) {
    super(filepath === '' ? problems.join('\n') : problems.length === 1 ? `${filepath}: ${problems[0]}` : `${filepath}: ${problems.length} problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Json = unknown;

const ENUM_OPTIONS = {
  dialect: OPTION_CHOICES.from,
  identifiers: OPTION_CHOICES.identifiers,
  nocase: OPTION_CHOICES.nocase,
  varchar: OPTION_CHOICES.varchar,
  integers: OPTION_CHOICES.integers,
  timestamps: OPTION_CHOICES.timestamps,
  json: OPTION_CHOICES.json,
  structs: OPTION_CHOICES.structs,
  like: OPTION_CHOICES.like,
} as const;

const OPTION_KEYS = [...Object.keys(ENUM_OPTIONS), 'strict', 'targetVersion'];
const TS_ENUM_OPTIONS = TS_OPTION_CHOICES;
const TS_KEYS = [...Object.keys(TS_ENUM_OPTIONS), 'columnTypes'];
const JOB_KEYS = ['name', 'input', 'schema', 'dialect', 'output', 'typescript', 'options'];
const TOP_KEYS = ['$schema', 'options', 'typescript', 'jobs'];

/** Keys people reach for that have another name here. */
const RENAMED: Record<string, string> = { from: 'dialect', inputs: 'input', out: 'output', ts: 'typescript', types: 'typescript', 'target-version': 'targetVersion' };

function describe(value: Json): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : 'an array';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0;
      row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] ?? 0;
}

function suggestion(key: string, allowed: readonly string[]): string {
  const renamed = RENAMED[key];
  if (renamed && allowed.includes(renamed)) return ` (did you mean "${renamed}"?)`;
  let best: string | undefined;
  let bestDistance = 3; // suggest only keys within two edits
  for (const k of allowed) {
    const d = distance(k.toLowerCase(), key.toLowerCase());
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best ? ` (did you mean "${best}"?)` : '';
}

class Problems {
  readonly list: string[] = [];
  add(path: string, message: string): void {
    this.list.push(`${path}: ${message}`);
  }
  unknownKeys(value: Record<string, Json>, path: string, allowed: readonly string[]): void {
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) {
        this.add(`${path}${path ? '.' : ''}${key}`, `unknown key${suggestion(key, allowed)}; allowed keys: ${allowed.filter((k) => k !== '$schema').join(', ')}`);
      }
    }
  }
}

function oneOf(problems: Problems, path: string, value: Json, allowed: readonly string[]): string | undefined {
  if (typeof value === 'string' && allowed.includes(value)) return value;
  problems.add(path, `expected one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${describe(value)}`);
  return undefined;
}

function nonEmptyString(problems: Problems, path: string, value: Json, what: string): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value;
  problems.add(path, `expected ${what} (a non-empty string), got ${describe(value)}`);
  return undefined;
}

function validateOptions(problems: Problems, path: string, value: Json): ConfigOptions | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) {
    problems.add(path, `expected an object of options, got ${describe(value)}`);
    return undefined;
  }
  problems.unknownKeys(value, path, OPTION_KEYS);
  const out: Record<string, unknown> = {};
  for (const [key, allowed] of Object.entries(ENUM_OPTIONS)) {
    if (value[key] !== undefined) out[key] = oneOf(problems, `${path}.${key}`, value[key], allowed);
  }
  if (value.strict !== undefined) {
    if (typeof value.strict === 'boolean') out.strict = value.strict;
    else problems.add(`${path}.strict`, `expected true or false, got ${describe(value.strict)}`);
  }
  if (value.targetVersion !== undefined) {
    const v = value.targetVersion;
    const text = typeof v === 'number' || typeof v === 'string' ? String(v) : '';
    if ((OPTION_CHOICES.targetVersion as readonly string[]).includes(text)) out.targetVersion = Number(text);
    else problems.add(`${path}.targetVersion`, `expected one of ${OPTION_CHOICES.targetVersion.join(', ')}, got ${describe(v)}`);
  }
  return out as ConfigOptions;
}

function validateColumnTypes(problems: Problems, path: string, value: Json): Record<string, ColumnTypeOverride> | undefined {
  if (!isObject(value)) {
    problems.add(path, `expected an object of "table.column": "Type [from module]", got ${describe(value)}`);
    return undefined;
  }
  const out: Record<string, ColumnTypeOverride> = {};
  for (const [key, spec] of Object.entries(value)) {
    const at = `${path}[${JSON.stringify(key)}]`;
    if (!key.includes('.')) problems.add(at, 'the key must be table.column (or schema.table.column)');
    if (typeof spec === 'string') {
      const parsed = parseTypeSpec(spec);
      if (parsed) out[key] = parsed;
      else problems.add(at, `expected "Type" or "Type from ./module.js", got ${describe(spec)}`);
    } else if (isObject(spec) && typeof spec.type === 'string' && spec.type.trim() !== '' && (spec.from === undefined || spec.from === null || typeof spec.from === 'string')) {
      problems.unknownKeys(spec, at, ['type', 'from']);
      out[key] = { type: spec.type.trim(), from: typeof spec.from === 'string' ? spec.from : null };
    } else {
      problems.add(at, `expected "Type [from module]" or { "type": "…", "from": "…" }, got ${describe(spec)}`);
    }
  }
  return out;
}

function validateTypeScriptOptions(problems: Problems, path: string, value: Record<string, Json>, extraKeys: readonly string[]): TypeScriptConfigOptions {
  problems.unknownKeys(value, path, [...extraKeys, ...TS_KEYS]);
  const out: Record<string, unknown> = {};
  for (const [key, allowed] of Object.entries(TS_ENUM_OPTIONS)) {
    if (value[key] !== undefined) out[key] = oneOf(problems, `${path}.${key}`, value[key], allowed);
  }
  if (value.columnTypes !== undefined) out.columnTypes = validateColumnTypes(problems, `${path}.columnTypes`, value.columnTypes);
  return out as TypeScriptConfigOptions;
}

function validateInputs(problems: Problems, path: string, value: Json, what = 'an input file'): string[] | undefined {
  if (typeof value === 'string') return nonEmptyString(problems, path, value, what) === undefined ? undefined : [value];
  if (Array.isArray(value) && value.length > 0) {
    const files = value.map((v, i) => nonEmptyString(problems, `${path}[${i}]`, v, what));
    return files.every((f) => f !== undefined) ? (files as string[]) : undefined;
  }
  problems.add(path, `expected ${what} or a non-empty array of files (migrations, in order), got ${describe(value)}`);
  return undefined;
}

function validateJob(problems: Problems, path: string, value: Json): JobConfig | undefined {
  if (!isObject(value)) {
    problems.add(path, `expected a job object ({ "input": …, "output": … }), got ${describe(value)}`);
    return undefined;
  }
  problems.unknownKeys(value, path, JOB_KEYS);
  const job: JobConfig = { input: validateInputs(problems, `${path}.input`, value.input) ?? [] };
  if (value.name !== undefined) job.name = nonEmptyString(problems, `${path}.name`, value.name, 'a name');
  if (value.schema !== undefined) job.schema = validateInputs(problems, `${path}.schema`, value.schema, 'a schema file');
  if (value.dialect !== undefined) job.dialect = oneOf(problems, `${path}.dialect`, value.dialect, OPTION_CHOICES.from) as JobConfig['dialect'];
  if (value.output !== undefined) job.output = nonEmptyString(problems, `${path}.output`, value.output, 'an output file');
  if (value.typescript !== undefined) {
    const ts = value.typescript;
    if (typeof ts === 'string') job.typescript = nonEmptyString(problems, `${path}.typescript`, ts, 'a TypeScript output file');
    else if (isObject(ts)) {
      const options = validateTypeScriptOptions(problems, `${path}.typescript`, ts, ['output']);
      const output = nonEmptyString(problems, `${path}.typescript.output`, ts.output, 'a TypeScript output file');
      if (output !== undefined) job.typescript = { ...options, output } satisfies TypeScriptJobConfig;
    } else problems.add(`${path}.typescript`, `expected a .ts file or { "output": "….ts", …options }, got ${describe(ts)}`);
  }
  if (value.options !== undefined) job.options = validateOptions(problems, `${path}.options`, value.options);
  if (value.output === undefined && value.typescript === undefined) problems.add(path, 'has nothing to generate: give it "output" (SQL) and/or "typescript"');
  return job;
}

/**
 * Checks a config's content and returns it normalized (`targetVersion` as a
 * number, column types as `{ type, from }`); throws a ConfigError listing
 * every problem.
 */
export function validateConfig(value: unknown, filepath: string): SchemaPortConfig {
  const problems = new Problems();
  if (!isObject(value)) throw new ConfigError(filepath, [`expected an object with "jobs", got ${describe(value)}`]);
  problems.unknownKeys(value, '', TOP_KEYS);
  const config: SchemaPortConfig = { jobs: [] };
  const options = validateOptions(problems, 'options', value.options);
  if (options) config.options = options;
  if (value.typescript !== undefined) {
    if (isObject(value.typescript)) config.typescript = validateTypeScriptOptions(problems, 'typescript', value.typescript, []);
    else problems.add('typescript', `expected an object of TypeScript options, got ${describe(value.typescript)}`);
  }
  if (!Array.isArray(value.jobs) || value.jobs.length === 0) {
    problems.add('jobs', `expected a non-empty array of jobs, got ${describe(value.jobs)}`);
  } else {
    value.jobs.forEach((job, i) => {
      const valid = validateJob(problems, `jobs[${i}]`, job);
      if (valid) config.jobs.push(valid);
    });
  }
  if (problems.list.length > 0) throw new ConfigError(filepath, problems.list);
  return config;
}
