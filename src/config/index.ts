/** Config files and jobs: load, validate, run in memory. */
export { CONFIG_FILES, configFromValue, loadConfig, relativePath, resolveJobs } from './load.js';
export { runJob, runJobs, sameText, selectJobs, type GeneratedOutput, type InputReport, type JobRun, type RunJobOptions } from './jobs.js';
export { defineConfig, type ConfigOptions, type JobConfig, type LoadedConfig, type ResolvedJob, type SchemaPortConfig, type TypeScriptConfigOptions, type TypeScriptJobConfig } from './types.js';
export { ConfigError, validateConfig } from './validate.js';
