/**
 * Every diagnostic schema-port can report, defined once: its stable code, its
 * default severity, the message template ({0}, {1}, … are filled in where it
 * is reported), a hint, and the long explanation `schema-port explain CODE`
 * prints. The README's diagnostic reference is generated from this table.
 *
 * Ranges: SP0xx input and usage, SP1xx types, SP2xx expressions and defaults,
 * SP3xx keys and constraints, SP4xx names, SP5xx statements.
 *
 * Severity policy: `error` — PostgreSQL would reject the output, or we cannot
 * translate; `warning` — the output can behave differently from the source
 * (it may reject rows the source accepted, or accept rows it rejected);
 * `info` — an opinionated but faithful decision worth knowing about.
 */

export type Severity = 'error' | 'warning' | 'info';

export interface DiagnosticDefinition {
  severity: Severity;
  message: string;
  hint: string;
  explanation: string;
}

export const DIAGNOSTICS = {
  // ---- SP0xx: input and usage -------------------------------------------
  SP001: {
    severity: 'error',
    message: 'Syntax error: {0}',
    hint: 'Check the statement near this position; schema-port reads SQLite and DuckDB DDL.',
    explanation: 'The input could not be parsed. Nothing is written for an input with a syntax error.',
  },
  SP002: {
    severity: 'error',
    message: '{0}',
    hint: 'Run `schema-port --help` for the supported options.',
    explanation: 'An option or its value is not supported.',
  },
  SP003: {
    severity: 'info',
    message: 'Detected the {0} dialect ({1}).',
    hint: 'Pass --from sqlite or --from duckdb to choose explicitly.',
    explanation:
      'With --from auto (the default) schema-port looks for syntax only one dialect has (AUTOINCREMENT, WITHOUT ROWID, [bracketed] names for SQLite; STRUCT, MAP, :: casts, CREATE SEQUENCE for DuckDB) and says what it chose.',
  },
  SP004: {
    severity: 'info',
    message: 'The input contains no statements.',
    hint: 'An empty input produces only the header.',
    explanation: 'Nothing to translate.',
  },

  // ---- SP1xx: types -----------------------------------------------------
  SP101: {
    severity: 'warning',
    message: 'Unknown type name {0}: mapped by SQLite affinity ({1}) to {2}.',
    hint: 'Use a standard type name, or check that {2} is what the column holds.',
    explanation:
      'SQLite accepts any type name and derives a storage affinity from it (contains INT → INTEGER; CHAR, CLOB or TEXT → TEXT; BLOB → BLOB; REAL, FLOA or DOUB → REAL; otherwise NUMERIC). schema-port applies the same rules to names it does not know.',
  },
  SP102: {
    severity: 'warning',
    message: 'Column {0} has no type: SQLite stores any value as given; mapped to {1}.',
    hint: 'Declare a type on the column to choose the PostgreSQL type.',
    explanation:
      'A column without a declared type has BLOB affinity in SQLite and keeps each value with its own storage class. PostgreSQL needs one type; text holds the text form of every value, but numbers and blobs come back as text.',
  },
  SP103: {
    severity: 'info',
    message: 'Length {0} of {1} is not enforced by {2}; emitted as text.',
    hint: 'Use --varchar keep to emit varchar(n) and enforce the length in PostgreSQL.',
    explanation:
      'SQLite and DuckDB never enforce VARCHAR(n)/CHAR(n) lengths, so a faithful port has no limit. CHAR(n) is not padded by either engine, so it is text too.',
  },
  SP104: {
    severity: 'warning',
    message: 'Length {0} of {1} is now enforced: rows the source accepted with longer values will be rejected.',
    hint: 'Check the longest value in the source, or use --varchar text.',
    explanation:
      'With --varchar keep, declared lengths become varchar(n) and PostgreSQL rejects longer values, which the source engine stored without complaint.',
  },
  SP105: {
    severity: 'info',
    message: '{0} is a 64-bit integer in SQLite; emitted as bigint.',
    hint: 'Use --integers declared to follow the declared width ({1}).',
    explanation:
      'Every SQLite integer column holds 64-bit values whatever its declared name (TINYINT, INT, …). bigint keeps every value; --integers declared emits the width the name suggests and PostgreSQL then rejects larger values.',
  },
  SP106: {
    severity: 'info',
    message: '{0} is stored as text, a number or a Julian day in SQLite; emitted as {1}, reading values as UTC.',
    hint: 'Use --timestamps timestamp for timestamp without time zone, or --timestamps text to keep the text.',
    explanation:
      "SQLite has no date/time storage class. CURRENT_TIMESTAMP and datetime('now') produce UTC text, so timestamptz with UTC is the faithful reading. Values loaded into a timestamp column must be valid date/time text.",
  },
  SP107: {
    severity: 'info',
    message: 'BOOLEAN is an integer in SQLite; emitted as boolean (0/1 defaults and comparisons become false/true).',
    hint: 'A value other than 0 or 1 in the source cannot be loaded into a boolean column.',
    explanation: 'SQLite stores TRUE and FALSE as 1 and 0 and accepts any value in a BOOLEAN column.',
  },
  SP108: {
    severity: 'warning',
    message: 'Column type ANY holds values of any type; emitted as {0}.',
    hint: 'Declare the column with the type it actually holds.',
    explanation: 'A STRICT table column of type ANY keeps every value with its own storage class, which PostgreSQL cannot express.',
  },
  SP109: {
    severity: 'info',
    message: '{0} is stored as JSON text in {1}; emitted as {2}.',
    hint: 'jsonb normalises whitespace, key order and duplicate keys; use --json json to keep the text exactly.',
    explanation: 'jsonb is the JSON type PostgreSQL can index and query efficiently; json keeps the text as written.',
  },
  SP110: {
    severity: 'warning',
    message: '{0}: precision and scale are not enforced by SQLite; PostgreSQL rounds to {2} decimal places and rejects more than {1} digits.',
    hint: 'Check that the source values fit numeric({1},{2}).',
    explanation:
      'In SQLite a DECIMAL(p,s) column has NUMERIC affinity: values are stored as integers or 8-byte floats, and p and s are ignored.',
  },
  SP111: {
    severity: 'warning',
    message: '{0} values must be valid in PostgreSQL: SQLite stores them as text.',
    hint: 'Rows whose value is not a valid {1} will be rejected when loaded.',
    explanation: 'SQLite has no {1} type: the column holds any text. PostgreSQL validates it.',
  },
  SP112: {
    severity: 'info',
    message: 'COLLATE NOCASE emitted as {0}.',
    hint: 'Use --nocase icu for a nondeterministic ICU collation, --nocase citext for the citext extension.',
    explanation:
      "NOCASE makes comparisons, uniqueness and ordering ignore ASCII case. citext (default) does the same in PostgreSQL for every engine, including PGlite, and folds all Unicode letters, not only ASCII. --nocase icu emits a nondeterministic ICU collation 'und-u-ks-level2' instead (it does not support LIKE in PostgreSQL < 18).",
  },
  SP113: {
    severity: 'warning',
    message: 'Collation {0} has no PostgreSQL equivalent and was dropped.',
    hint: 'RTRIM ignores trailing spaces in comparisons; compare rtrim(x) explicitly where it matters.',
    explanation: 'PostgreSQL has no collation that ignores trailing spaces, and unknown collations cannot be created.',
  },
  SP114: {
    severity: 'info',
    message: 'Type {0} is mapped to {1}.',
    hint: 'See the mapping table in the README.',
    explanation: 'A type mapping that changes the name but keeps every value.',
  },

  // ---- SP2xx: expressions and defaults -----------------------------------
  SP201: {
    severity: 'warning',
    message: 'Function {0}() has no known PostgreSQL translation; emitted unchanged.',
    hint: 'Check that PostgreSQL has a function {0} with the same meaning, or rewrite the expression.',
    explanation: 'schema-port translates the SQLite and DuckDB functions in its mapping tables; others are passed through and may fail or differ.',
  },
  SP202: {
    severity: 'info',
    message: '{0} translated as {1}.',
    hint: '{2}',
    explanation: 'A function whose PostgreSQL translation differs in a detail worth knowing.',
  },
  SP203: {
    severity: 'warning',
    message: 'Double-quoted {0} names no column; SQLite reads it as the string {1}.',
    hint: "Use single quotes for strings: '{0}'.",
    explanation:
      'For compatibility, SQLite treats a double-quoted identifier that matches no column as a string literal. PostgreSQL does not, so schema-port emits the string.',
  },
  SP204: {
    severity: 'error',
    message: 'Cannot translate {0}: {1}.',
    hint: 'Rewrite the expression in a form both engines understand.',
    explanation: 'The expression uses a construct with no PostgreSQL equivalent.',
  },
  SP205: {
    severity: 'info',
    message: 'LIKE is case-insensitive for ASCII in SQLite; emitted as ILIKE.',
    hint: 'ILIKE also folds non-ASCII letters.',
    explanation: 'SQLite’s LIKE ignores ASCII case by default (PRAGMA case_sensitive_like is off); PostgreSQL’s LIKE does not.',
  },
  SP206: {
    severity: 'warning',
    message: 'Generated column {0} is VIRTUAL in the source; PostgreSQL {1} supports only STORED, so it is computed on write.',
    hint: 'Use --target-version 18 to keep VIRTUAL.',
    explanation: 'Before PostgreSQL 18 every generated column is stored. Values are the same; storage and write cost differ.',
  },
  SP207: {
    severity: 'warning',
    message: 'Generated column {0} depends on the time, the session or randomness, which PostgreSQL does not accept in a generation expression; emitted as a plain column.',
    hint: 'Compute the value in the application or a trigger.',
    explanation: 'PostgreSQL requires generation expressions to be immutable.',
  },

  // ---- SP3xx: keys and constraints ---------------------------------------
  SP301: {
    severity: 'warning',
    message: 'ON CONFLICT {0} on this constraint has no PostgreSQL equivalent and was dropped.',
    hint: 'Conflicts now raise an error; use INSERT … ON CONFLICT in the statements that relied on {0}.',
    explanation:
      'SQLite lets a constraint choose how a violating INSERT or UPDATE resolves (REPLACE deletes the old row, IGNORE skips the new one, FAIL/ROLLBACK change the transaction). PostgreSQL constraints always raise an error; the choice moves to each INSERT … ON CONFLICT.',
  },
  SP302: {
    severity: 'info',
    message: 'WITHOUT ROWID dropped: PostgreSQL tables have no rowid.',
    hint: 'Nothing to do: the primary key is enforced the same way.',
    explanation: 'WITHOUT ROWID changes SQLite’s storage layout only.',
  },
  SP303: {
    severity: 'info',
    message: 'STRICT dropped: PostgreSQL always enforces column types.',
    hint: 'Nothing to do.',
    explanation: 'A STRICT table rejects values of the wrong type; PostgreSQL columns always do.',
  },
  SP304: {
    severity: 'info',
    message: '{0} is SQLite’s rowid; emitted as bigint GENERATED BY DEFAULT AS IDENTITY.',
    hint: 'After loading rows with explicit ids, advance the sequence: SELECT setval(pg_get_serial_sequence(\'{1}\', \'{2}\'), max({2})) FROM {1}.',
    explanation:
      'An INTEGER PRIMARY KEY column is the rowid: SQLite assigns max(rowid)+1 when no value is given (and may reuse the id of a deleted last row unless AUTOINCREMENT is set). An identity column draws from a sequence, never reuses ids, and does not see ids inserted explicitly. Inserting NULL explicitly assigns an id in SQLite but is rejected by PostgreSQL.',
  },
  SP305: {
    severity: 'info',
    message: 'PRIMARY KEY column {0} may hold NULL in SQLite (a legacy quirk); PostgreSQL primary keys are NOT NULL.',
    hint: 'Rows with a NULL key cannot be loaded; declare the column NOT NULL in the source to make this explicit.',
    explanation: 'SQLite allows NULL in a non-integer PRIMARY KEY of an ordinary rowid table unless the column says NOT NULL.',
  },
  SP306: {
    severity: 'warning',
    message: 'Foreign key references {0}, which this input does not define.',
    hint: 'PostgreSQL needs the referenced table to exist before this statement runs.',
    explanation: 'SQLite resolves foreign keys lazily; PostgreSQL checks them when the constraint is created.',
  },
  SP307: {
    severity: 'error',
    message: 'Foreign key on {0} references {1}({2}), which is neither its primary key nor a unique key.',
    hint: 'Add a UNIQUE constraint on the referenced columns in the source, or reference the primary key.',
    explanation:
      'SQLite accepts the declaration and fails with “foreign key mismatch” only when the key is used; PostgreSQL rejects it at CREATE TABLE.',
  },
  SP308: {
    severity: 'info',
    message: 'Foreign keys are enforced by PostgreSQL; SQLite enforces them only with PRAGMA foreign_keys = ON.',
    hint: 'Rows with dangling references cannot be loaded; clean them up or load in dependency order.',
    explanation: 'SQLite ignores foreign keys unless the connection enables them.',
  },
  SP309: {
    severity: 'info',
    message: 'Foreign key {0} is added after {1} is created (forward reference or cycle).',
    hint: 'Nothing to do: the constraint is the same.',
    explanation: 'PostgreSQL needs the referenced table to exist, so a reference to a table defined later becomes ALTER TABLE … ADD CONSTRAINT.',
  },
  SP310: {
    severity: 'info',
    message: 'AUTOINCREMENT emitted as an identity column: ids are never reused, as in SQLite.',
    hint: 'Advance the sequence after loading data (schema-port copy does it).',
    explanation: 'AUTOINCREMENT keeps its counter in sqlite_sequence; PostgreSQL identity sequences never reuse values either.',
  },
  SP311: {
    severity: 'info',
    message: 'PRIMARY KEY {0} ordering dropped: PostgreSQL primary keys are ascending.',
    hint: 'Create a separate DESC index if the order matters for scans.',
    explanation: 'A PRIMARY KEY DESC column in SQLite only changes the index order.',
  },

  // ---- SP4xx: names ------------------------------------------------------
  SP401: {
    severity: 'warning',
    message: 'Name {0} is {1} bytes long; PostgreSQL truncates names to 63 bytes ({2}).',
    hint: 'Shorten the name in the source.',
    explanation: 'PostgreSQL identifiers are at most 63 bytes (NAMEDATALEN − 1); longer names are truncated and can collide.',
  },
  SP402: {
    severity: 'warning',
    message: '{0} {1} collides with another relation name in PostgreSQL; renamed to {2}.',
    hint: 'Give it a unique name in the source.',
    explanation:
      'In PostgreSQL, tables, views, sequences, indexes and the indexes behind PRIMARY KEY and UNIQUE constraints share one namespace per schema.',
  },
  SP403: {
    severity: 'info',
    message: 'Schema {0} is created for the attached database of the same name.',
    hint: 'PostgreSQL has one database per connection; attached databases become schemas.',
    explanation: 'A name qualified with an attached database (aux.t) becomes a PostgreSQL schema-qualified name.',
  },

  // ---- SP5xx: statements -------------------------------------------------
  SP501: {
    severity: 'warning',
    message: 'CREATE TRIGGER is not translated yet; emitted as a comment.',
    hint: 'Port the trigger by hand as a PL/pgSQL function and CREATE TRIGGER.',
    explanation: 'Trigger translation arrives in a later version.',
  },
  SP502: {
    severity: 'warning',
    message: 'Virtual table module {0} is not translated yet; emitted as a comment.',
    hint: 'FTS tables become tsvector columns with GIN indexes in PostgreSQL.',
    explanation: 'Virtual tables are SQLite modules (FTS, R-tree, …) with no direct PostgreSQL counterpart.',
  },
  SP503: {
    severity: 'info',
    message: '{0} has no PostgreSQL counterpart; emitted as a comment.',
    hint: 'PRAGMA, VACUUM, ATTACH and transaction statements configure the source engine only.',
    explanation: 'Statements that configure SQLite or DuckDB are kept as comments for the record.',
  },
  SP504: {
    severity: 'warning',
    message: '{0} is a data or migration statement; translated as written and run in order.',
    hint: 'Check that it does what you expect on PostgreSQL.',
    explanation: 'Schema files sometimes carry seed data or migration steps; they are translated but not folded into the schema.',
  },
  SP505: {
    severity: 'error',
    message: '{0} is not supported: {1}.',
    hint: '{2}',
    explanation: 'A statement or clause schema-port cannot translate.',
  },
  SP506: {
    severity: 'info',
    message: 'CREATE VIEW IF NOT EXISTS emitted as CREATE OR REPLACE VIEW.',
    hint: 'PostgreSQL has no IF NOT EXISTS for views; OR REPLACE redefines an existing view instead of keeping it.',
    explanation: 'PostgreSQL supports CREATE OR REPLACE VIEW but not CREATE VIEW IF NOT EXISTS.',
  },
} as const satisfies Record<string, DiagnosticDefinition>;

export type DiagnosticCode = keyof typeof DIAGNOSTICS;
