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
