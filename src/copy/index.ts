/** `schema-port copy` as a library (Node only: it reads files and connects to PostgreSQL). */
export { copy, CopyError } from './copy.js';
export type { CopyOptions, CopyStatus, CopySummary, IfExists, ProgressEvent, TableSummary } from './types.js';
