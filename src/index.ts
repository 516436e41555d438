/**
 * schema-port's programmatic API for Node: everything of the browser-safe
 * core (src/core.ts, also published as `schema-port/core`) plus the Node-only
 * parts — config files and jobs, SARIF and GitHub Actions output.
 */
export * from './core.js';
export { toSarif, type SarifLog, type SarifOptions } from './diagnostics/sarif.js';
export { githubAnnotations } from './diagnostics/github.js';
export {
  ConfigError,
  defineConfig,
  loadConfig,
  runJob,
  runJobs,
  selectJobs,
  validateConfig,
  type ConfigOptions,
  type GeneratedOutput,
  type JobConfig,
  type JobRun,
  type LoadedConfig,
  type ResolvedJob,
  type SchemaPortConfig,
  type TypeScriptConfigOptions,
  type TypeScriptJobConfig,
} from './config/index.js';
