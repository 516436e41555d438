/**
 * Options of the TypeScript emitter, their CLI choices, and the per-column
 * type overrides (`--column-type users.settings=Settings from ./settings.js`,
 * or the SQL comment annotation `-- @type {Settings} from "./settings.js"`).
 */
import type { DateMode, Int8Mode, NumericMode, TypeMapOptions } from './type-map.js';

/** A TypeScript type given for one column (e.g. the shape of a JSON column). */
export interface ColumnTypeOverride {
  /** A TypeScript type expression, e.g. `Settings` or `Settings[]`. */
  type: string;
  /** Module to import the type's leading name from (`import type { Settings } from '…'`). */
  from: string | null;
}

/** Options of the TypeScript emitter (`generateTypes`); the CLI's `--flavor`, `--int8`, `--numeric`, `--date`, `--case`. */
export interface TypeScriptOptions extends TypeMapOptions {
  /** `plain`: Row/Insert/Update interfaces; `kysely`: also `<Name>Table` interfaces with kysely's ColumnType/Generated. */
  flavor: 'plain' | 'kysely';
  int8: Int8Mode;
  numeric: NumericMode;
  date: DateMode;
  /** Property names as the columns are named, or camelCase (as kysely's CamelCasePlugin maps them). */
  case: 'preserve' | 'camel';
  /** Types by `table.column` (or `schema.table.column`), output names. */
  columnTypes: Record<string, ColumnTypeOverride>;
  /** For the header: the source file, its dialect and the PostgreSQL version. */
  fileName: string;
  dialect: 'sqlite' | 'duckdb';
  targetVersion: number;
}

/** The TypeScript emitter's defaults: what the `pg` driver returns with no custom type parsers. */
export const DEFAULT_TS_OPTIONS: TypeScriptOptions = {
  flavor: 'plain',
  int8: 'string',
  numeric: 'string',
  date: 'Date',
  case: 'preserve',
  columnTypes: {},
  fileName: '<input>',
  dialect: 'sqlite',
  targetVersion: 15,
};

/** The values each TypeScript option accepts (the CLI and the playground offer these). */
export const TS_OPTION_CHOICES = {
  flavor: ['plain', 'kysely'],
  int8: ['string', 'number', 'bigint'],
  numeric: ['string', 'number'],
  date: ['Date', 'string'],
  case: ['preserve', 'camel'],
} as const;

export function resolveTsOptions(options: Partial<TypeScriptOptions> = {}): TypeScriptOptions {
  const resolved: TypeScriptOptions = { ...DEFAULT_TS_OPTIONS, columnTypes: {} };
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined) (resolved as unknown as Record<string, unknown>)[key] = value;
  }
  return resolved;
}

const TYPE_AND_MODULE = /^(?<type>.+?)(?:\s+from\s+(?<q>["']?)(?<from>[^"'\s]+)\k<q>)?$/;

/** `Settings from "./settings.js"` or `Settings` → an override; null when empty. */
export function parseTypeSpec(text: string): ColumnTypeOverride | null {
  const m = TYPE_AND_MODULE.exec(text.trim());
  const type = m?.groups?.type?.trim();
  if (!type) return null;
  return { type, from: m?.groups?.from ?? null };
}

/** `users.settings=Settings from ./settings.js` → [key, override]; throws on a malformed spec. */
export function parseColumnTypeOption(spec: string): [string, ColumnTypeOverride] {
  const eq = spec.indexOf('=');
  const key = eq > 0 ? spec.slice(0, eq).trim() : '';
  const override = eq > 0 ? parseTypeSpec(spec.slice(eq + 1)) : null;
  if (!key.includes('.') || !override) throw new Error(`--column-type wants table.column=Type [from module], got '${spec}'`);
  return [key, override];
}

/** `@type {T} [from "m"] [text]` at the start of a comment line → the override and the rest of the line. */
function parseAnnotation(line: string): { override: ColumnTypeOverride; rest: string } | null {
  const m = /^\s*@type\s*\{/.exec(line);
  if (!m) return null;
  let depth = 1;
  let i = m[0].length;
  for (; i < line.length && depth > 0; i++) {
    if (line[i] === '{') depth++;
    else if (line[i] === '}') depth--;
  }
  if (depth !== 0) return null;
  const type = line.slice(m[0].length, i - 1).trim();
  const tail = /^\s*(?:from\s+(?:"(?<dq>[^"]+)"|'(?<sq>[^']+)'|(?<bare>[^\s"']+)))?\s*(?<rest>.*)$/.exec(line.slice(i));
  const from = tail?.groups?.dq ?? tail?.groups?.sq ?? tail?.groups?.bare ?? null;
  return type ? { override: { type, from }, rest: tail?.groups?.rest ?? '' } : null;
}

/**
 * Splits a column comment into its JSDoc text and the first
 * `@type {T} from "m"` annotation line (text after it on the line stays).
 */
export function splitAnnotation(comment: string | null): { text: string | null; override: ColumnTypeOverride | null } {
  if (comment === null) return { text: null, override: null };
  let override: ColumnTypeOverride | null = null;
  const kept: string[] = [];
  for (const line of comment.split('\n')) {
    const a: ReturnType<typeof parseAnnotation> = override === null ? parseAnnotation(line) : null;
    if (a) {
      override = a.override;
      if (a.rest.trim() !== '') kept.push(a.rest.trim());
    } else kept.push(line);
  }
  const text = kept.join('\n').trim();
  return { text: text === '' ? null : text, override };
}
