/** Options of one translation. Every option has a default; see `resolveOptions`. */
export interface TranslateOptions {
  /** Source dialect; 'auto' detects it and says so (SP003). */
  from: 'sqlite' | 'duckdb' | 'auto';
  /** Shown in diagnostics and in the output header. */
  fileName: string;
  /** Warnings become errors. */
  strict: boolean;
  /** PostgreSQL major version the output targets (15–18). */
  targetVersion: 15 | 16 | 17 | 18;
  /** Keep names as written, fold them to lower case, or to snake_case. */
  identifiers: 'preserve' | 'lower' | 'snake';
  /** How COLLATE NOCASE keeps its meaning. */
  nocase: 'citext' | 'icu';
  /** VARCHAR(n)/CHAR(n), never enforced by the sources: text, or keep the length. */
  varchar: 'text' | 'keep';
  /** SQLite integers: 64-bit as stored (faithful), or the width the name suggests. */
  integers: 'faithful' | 'declared';
  /** SQLite DATETIME/TIMESTAMP and DuckDB TIMESTAMP. */
  timestamps: 'timestamptz' | 'timestamp' | 'text';
  json: 'jsonb' | 'json';
  /** SQLite's LIKE ignores ASCII case: keep LIKE (case-sensitive in PostgreSQL, with a warning) or emit ILIKE. */
  like: 'like' | 'ilike';
  /**
   * Source text of a schema the input's queries run against (`--schema`): its
   * objects give names and types but are not emitted.
   */
  schema: string | null;
  /** DuckDB STRUCT columns: a composite type per struct, or jsonb. */
  structs: 'composite' | 'jsonb';
}

/** The options `translate` uses for every option not given (the CLI's defaults). */
export const DEFAULT_OPTIONS: TranslateOptions = {
  from: 'auto',
  fileName: '<input>',
  strict: false,
  targetVersion: 15,
  identifiers: 'preserve',
  nocase: 'citext',
  varchar: 'text',
  integers: 'faithful',
  timestamps: 'timestamptz',
  json: 'jsonb',
  structs: 'composite',
  like: 'like',
  schema: null,
};

/** Fills in `DEFAULT_OPTIONS` for the options not given. */
export function resolveOptions(options: Partial<TranslateOptions> = {}): TranslateOptions {
  const resolved = { ...DEFAULT_OPTIONS };
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined) (resolved as Record<string, unknown>)[key] = value;
  }
  return resolved;
}

/** The allowed values of each enumerated option, for the CLI and config validation. */
export const OPTION_CHOICES = {
  from: ['sqlite', 'duckdb', 'auto'],
  targetVersion: ['15', '16', '17', '18'],
  identifiers: ['preserve', 'lower', 'snake'],
  nocase: ['citext', 'icu'],
  varchar: ['text', 'keep'],
  integers: ['faithful', 'declared'],
  timestamps: ['timestamptz', 'timestamp', 'text'],
  json: ['jsonb', 'json'],
  structs: ['composite', 'jsonb'],
  like: ['like', 'ilike'],
} as const;
