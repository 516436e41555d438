/**
 * schema-port's browser-safe API (`schema-port/core`): translation, diagnostics,
 * value conversion, TypeScript types and ER diagrams. Nothing here imports a
 * Node built-in (test/core-is-browser-safe.test.ts bundles this file for the
 * browser and checks); the package entry (`schema-port`, src/index.ts) adds
 * the Node-only parts: config files, SARIF and GitHub output.
 */
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
// Mermaid ER diagrams of a translated schema.
export { erDiagram, entityName, type DiagramOptions } from './diagram/index.js';
