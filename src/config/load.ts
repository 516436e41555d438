/**
 * Finding and loading the config: `schema-port.config.{json,js,mjs,ts}` or a
 * `"schema-port"` key in package.json, searched from a folder upwards
 * (lilconfig). A `.ts` config is loaded with jiti, imported only when such a
 * file is found. Paths in the config are relative to the config file.
 */
import { existsSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Loader } from 'lilconfig';
import type { TypeScriptOptions } from '../emit/typescript/options.js';
import type { TranslateOptions } from '../options.js';
import type { ConfigOptions, LoadedConfig, ResolvedJob, SchemaPortConfig } from './types.js';
import { ConfigError, validateConfig } from './validate.js';

/** The files a config may live in, in the order they are looked for in each folder. */
export const CONFIG_FILES = ['package.json', 'schema-port.config.json', 'schema-port.config.js', 'schema-port.config.mjs', 'schema-port.config.ts'] as const;

function defaultExport(mod: unknown): unknown {
  return typeof mod === 'object' && mod !== null && 'default' in mod ? (mod as { default: unknown }).default : mod;
}

/** ES module configs; a query string defeats the module cache so watch mode sees edits. */
const importLoader: Loader = async (filepath) => defaultExport(await import(`${pathToFileURL(filepath).href}?t=${Date.now()}`));

/** TypeScript configs: jiti, loaded lazily, without its file cache (a check writes nothing). */
const typeScriptLoader: Loader = async (filepath) => {
  const { createJiti } = await import('jiti');
  const jiti = createJiti(import.meta.url, { fsCache: false, moduleCache: false, interopDefault: true });
  return defaultExport(await jiti.import(filepath));
};

const jsonLoader: Loader = (filepath, content) => {
  try {
    return JSON.parse(content.replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    throw new ConfigError(filepath, [`not valid JSON: ${(error as Error).message}`]);
  }
};

/** lilconfig, imported when a config is looked for. */
async function explorer() {
  const { lilconfig } = await import('lilconfig');
  return lilconfig('schema-port', {
    searchPlaces: [...CONFIG_FILES],
    loaders: { '.json': jsonLoader, '.js': importLoader, '.mjs': importLoader, '.ts': typeScriptLoader },
    cache: false,
  });
}

/** `a/b/c.sql` relative to `from`, with forward slashes on every platform. */
export function relativePath(from: string, to: string): string {
  const rel = relative(from, to);
  return (rel === '' ? '.' : rel).split(sep).join('/');
}

function translateOptions(o: ConfigOptions | undefined): Partial<TranslateOptions> {
  if (!o) return {};
  const { dialect, ...rest } = o;
  return dialect === undefined ? rest : { ...rest, from: dialect };
}

/** Merges top-level and job options and makes every path absolute. */
export function resolveJobs(config: SchemaPortConfig, filepath: string): LoadedConfig {
  const root = dirname(filepath);
  const jobs: ResolvedJob[] = config.jobs.map((job, index) => {
    const options: Partial<TranslateOptions> = { ...translateOptions(config.options), ...translateOptions(job.options) };
    if (job.dialect !== undefined) options.from = job.dialect;
    const files = (list: string | string[] | undefined) => (list === undefined ? [] : typeof list === 'string' ? [list] : list).map((f) => resolve(root, f));
    const inputs = files(job.input);
    const schema = files(job.schema);
    const output = job.output === undefined ? null : resolve(root, job.output);
    let typescript: ResolvedJob['typescript'] = null;
    if (job.typescript !== undefined) {
      const own = typeof job.typescript === 'string' ? { output: job.typescript } : job.typescript;
      const { output: tsOutput, columnTypes, ...tsOptions } = own;
      const { columnTypes: sharedColumnTypes, ...shared } = config.typescript ?? {};
      // validateConfig has normalized every column type to { type, from }.
      const merged = { ...sharedColumnTypes, ...columnTypes } as TypeScriptOptions['columnTypes'];
      typescript = { output: resolve(root, tsOutput), options: { ...shared, ...tsOptions, columnTypes: merged } };
    }
    const name = job.name ?? relativePath(root, output ?? typescript?.output ?? inputs[0] ?? root);
    return { name, index, inputs, schema, output, typescript, options, root };
  });
  const problems: string[] = [];
  const writers = new Map<string, number>();
  for (const job of jobs) {
    for (const out of [job.output, job.typescript?.output]) {
      if (out === null || out === undefined) continue;
      const rel = relativePath(root, out);
      const other = writers.get(out);
      if (other !== undefined) problems.push(`jobs[${job.index}]: ${rel} is also written by jobs[${other}]`);
      else writers.set(out, job.index);
      if (job.inputs.includes(out)) problems.push(`jobs[${job.index}]: ${rel} is both an input and an output`);
      if (job.schema.includes(out)) problems.push(`jobs[${job.index}]: ${rel} is both a schema file and an output`);
    }
    if (job.output !== null && job.output === job.typescript?.output) problems.push(`jobs[${job.index}]: output and typescript.output are the same file`);
  }
  if (problems.length > 0) throw new ConfigError(filepath, problems);
  return { filepath, root, jobs };
}

/** Loads and validates a config from content already read (used by tests and the API). */
export function configFromValue(value: unknown, filepath: string): LoadedConfig {
  return resolveJobs(validateConfig(value, filepath), resolve(filepath));
}

async function loaded(result: { config: unknown; filepath: string; isEmpty?: boolean } | null, asked: string): Promise<LoadedConfig> {
  if (!result) throw new ConfigError(asked, ['no config found']);
  if (result.isEmpty || result.config === undefined || result.config === null) throw new ConfigError(result.filepath, ['the config is empty']);
  return configFromValue(result.config, result.filepath);
}

function wrap(error: unknown, filepath: string): never {
  if (error instanceof ConfigError) throw error;
  const message = (error as Error).message ?? String(error);
  throw new ConfigError(filepath, [`cannot load: ${message.split('\n')[0] ?? message}`]);
}

/**
 * Loads the config. With `configPath`, that file (a package.json must have a
 * `"schema-port"` key); otherwise the first config found from `searchFrom`
 * (default: the current folder) upwards. Throws a ConfigError when there is
 * none or it is invalid.
 */
export async function loadConfig(options: { configPath?: string; searchFrom?: string } = {}): Promise<LoadedConfig> {
  if (options.configPath !== undefined) {
    const path = resolve(options.configPath);
    if (!existsSync(path)) throw new ConfigError(options.configPath, ['no such file']);
    if (!/\.(json|js|mjs|ts)$/.test(path)) throw new ConfigError(options.configPath, ['a config file ends in .json, .js, .mjs or .ts']);
    let result;
    try {
      result = await (await explorer()).load(path);
    } catch (error) {
      wrap(error, options.configPath);
    }
    if (result && result.config === null && path.endsWith('package.json')) throw new ConfigError(options.configPath, ['has no "schema-port" key']);
    return loaded(result, options.configPath);
  }
  const from = resolve(options.searchFrom ?? process.cwd());
  let result;
  try {
    result = await (await explorer()).search(from);
  } catch (error) {
    wrap(error, from);
  }
  if (!result) {
    throw new ConfigError('', [`no config found in ${from} or above (looked for ${CONFIG_FILES.slice(1).join(', ')} and a "schema-port" key in package.json)`]);
  }
  return loaded(result, from);
}
