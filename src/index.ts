/** schema-port's programmatic API. */
export { translate, type TranslateResult } from './translate.js';
export { DEFAULT_OPTIONS, OPTION_CHOICES, resolveOptions, type TranslateOptions } from './options.js';
export type { Diagnostic } from './diagnostics/diagnostic.js';
export { DIAGNOSTICS, type DiagnosticCode, type Severity } from './diagnostics/codes.js';
export { formatPretty, toJson, type JsonDiagnostic } from './diagnostics/format.js';
export { SourceText } from './source/source-text.js';
export type { SchemaModel, Dialect } from './model/schema.js';
export type { SemanticType } from './model/semantic-type.js';
export type { PgScript, PgTable, PgColumn } from './passes/postgres-model.js';
// Source values → PostgreSQL values by the compiler's type decisions (for data copies).
export {
  ConversionError,
  convertColumn,
  convertValue,
  rowConverter,
  tryConvertValue,
  type ConvertColumn,
  type PgText,
  type RowConverter,
} from './convert/index.js';
// TypeScript types of a translated schema; generateTypes loads ts-morph when called.
export {
  generateTypes,
  DEFAULT_TS_OPTIONS,
  TS_OPTION_CHOICES,
  TYPE_MAP,
  typeMapMarkdown,
  type ColumnTypeOverride,
  type TypeMapRow,
  type TypeScriptOptions,
} from './emit/typescript/index.js';
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
