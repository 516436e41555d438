/**
 * Every diagnostic schema-port can report, defined once: its stable code, its
 * default severity, the message template ({0}, {1}, … are filled in where it
 * is reported), a hint, and the long explanation `schema-port explain CODE`
 * prints. The README's diagnostic reference is generated from this table.
 *
 * Ranges: SP0xx input and usage, SP1xx types, SP2xx expressions and defaults,
 * SP3xx keys and constraints, SP4xx names, SP5xx statements, SP6xx DuckDB
 * types and statements.
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

/** Every diagnostic schema-port reports, defined once: code → severity, message and hint templates, and the long explanation `schema-port explain` prints. */
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
  SP005: {
    severity: 'error',
    message: 'The schema given with --schema does not parse: {0}',
    hint: 'Run schema-port on the schema file itself to see where.',
    explanation: 'Queries are translated against the schema; it must parse.',
  },
  SP004: {
    severity: 'info',
    message: 'The input contains no statements.',
    hint: 'An empty input produces only the header.',
    explanation: 'Nothing to translate.',
  },
  SP007: {
    severity: 'error',
    message: 'PostgreSQL rejected {0}: {1}',
    hint: '{2}',
    explanation:
      '`schema-port verify` applied the translated schema to PostgreSQL (in a transaction that is always rolled back) and PostgreSQL raised this error for the statement translated from this source position, or while inserting generated rows (--sample-data). The message, detail and hint are PostgreSQL’s.',
  },
  SP008: {
    severity: 'warning',
    message: 'Sample data: no generated row could be inserted into {0}: {1}',
    hint: 'The table’s constraints reject the generated values; the table was not exercised with data.',
    explanation:
      '`schema-port verify --sample-data N` generates values from each column’s type (and its CHECK IN list), respecting foreign keys. A CHECK constraint it cannot satisfy by chance, or a foreign key to a table that got no rows, leaves the table empty. This is not an error in the schema.',
  },
  SP009: {
    severity: 'error',
    message: '{0} is out of date: it is not what schema-port generates from {1}.',
    hint: 'Run schema-port generate and commit the result.',
    explanation:
      '`schema-port check` regenerated this output in memory from the job’s inputs and options and found that the file on disk differs (or is missing). Line endings aside (CRLF and LF compare equal), the file must be byte-identical to what `schema-port generate` writes.',
  },
  SP010: {
    severity: 'error',
    message: 'Copy verification failed for {0}: {1}',
    hint: 'The table in PostgreSQL does not hold what was read from the source; copy it again (--if-exists drop) and report the case if it persists.',
    explanation:
      'After loading, `schema-port copy` counts the rows of each table and computes a checksum of its values as PostgreSQL gives them back, and compares both with what it computed from the converted source values. An order-independent sum of per-row hashes over a canonical text of each value is used, so the order of the rows does not matter but every value does.',
  },
  SP011: {
    severity: 'warning',
    message: 'Copy: {0} of {1} rows of {2} were rejected; they are in {3}.',
    hint: 'Each line of the reject file names the table, the primary key, the column and the reason; fix the rows in the source and copy that table again, or load them by hand.',
    explanation:
      '`schema-port copy` converts every value by the decisions the translation made for its column. A value PostgreSQL cannot hold as the source meant it (text in an INTEGER column of a table that is not STRICT, invalid JSON, a NUL character, invalid UTF-8, a value longer than a kept VARCHAR(n), a row PostgreSQL refuses) does not stop the copy: the row goes to the reject file and the copy goes on, up to --max-rejects rows.',
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
    explanation:
      'jsonb is the JSON type PostgreSQL can index and query efficiently; json keeps the text as written. A SQLite JSON column holds any text: values that are not valid JSON (and, for jsonb, strings with \\u0000) cannot be loaded, and values that differ only in spelling (whitespace, key order) become equal, which matters to UNIQUE.',
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
  SP115: {
    severity: 'info',
    message: 'Tables that are not STRICT keep a value that does not fit a column’s type as it is (text in an INTEGER column, a blob in a TEXT column); PostgreSQL rejects such values.',
    hint: "Check the source, e.g. SELECT typeof(col), count(*) FROM t GROUP BY 1; rows with such values cannot be loaded.",
    explanation:
      'A SQLite column type is only an affinity: a value that cannot be converted to it (text that is not a number in an INTEGER column, a blob anywhere) is stored with its own storage class, unless the table is STRICT. A PostgreSQL column holds values of its type only. Said once per script, at the first table that is not STRICT; schema-port’s value conversion names this code for each such value.',
  },
  SP116: {
    severity: 'warning',
    message: '{0} emitted as {1} (--integers declared): SQLite stores any 64-bit integer in it, and PostgreSQL rejects larger values.',
    hint: 'Check the largest value in the source, or use --integers faithful (bigint).',
    explanation: 'SQLite integers are 64-bit whatever the declared name; --integers declared follows the name instead, which narrows the range.',
  },

  SP117: {
    severity: 'info',
    message: 'Column {0} references the case-insensitive key {1}: emitted as citext so PostgreSQL can enforce the foreign key.',
    hint: 'Values now compare case-insensitively in this column too, as the key does.',
    explanation: 'PostgreSQL requires a foreign key column to be comparable with the key it references; citext and text are not.',
  },
  SP118: {
    severity: 'info',
    message: '{0} text can hold the NUL character (U+0000); PostgreSQL text, varchar and jsonb cannot.',
    hint: "Check the source, e.g. SELECT count(*) FROM t WHERE instr(col, char(0)) > 0; such values must be cleaned before they load.",
    explanation:
      'SQLite and DuckDB store strings with their length, so a NUL character is an ordinary character there. PostgreSQL ends strings at NUL and rejects it in text, varchar, char, json and jsonb values (jsonb also rejects the \\u0000 escape). Said once per script, at the first text column; schema-port’s value conversion names this code for each such value.',
  },
  SP119: {
    severity: 'warning',
    message: 'Column {0} holds date/time numbers of more than one kind ({1}); each value is read by its range.',
    hint: 'Check a few converted values: a small Unix timestamp reads as a Julian day number. Normalise the column in the source to one representation if the reading is wrong.',
    explanation:
      "SQLite stores date/time values as ISO text, Julian day numbers (REAL) or Unix time (INTEGER). `schema-port copy` reads each number by its range, as SQLite's 'auto' modifier does: below 5373484.5 a Julian day, up to 253402300799 Unix seconds, and beyond that (integers up to 253402300799999) Unix milliseconds. When one column holds numbers from more than one range, some of them may have been meant otherwise; the copy says so instead of guessing silently.",
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
    severity: 'warning',
    message: 'LIKE ignores ASCII case in SQLite but not in PostgreSQL: this pattern now matches case-sensitively.',
    hint: 'Use --like ilike to emit ILIKE (which also folds non-ASCII letters), or lower() both sides.',
    explanation: 'SQLite’s LIKE ignores ASCII case by default (PRAGMA case_sensitive_like is off); PostgreSQL’s LIKE does not.',
  },
  SP209: {
    severity: 'warning',
    message: 'Arithmetic on text: SQLite reads the numeric prefix of the text (0 when there is none); emitted as the same conversion.',
    hint: 'If this was meant as string concatenation, use || in the source.',
    explanation: 'SQLite converts text operands of + - * / % to numbers; PostgreSQL has no arithmetic on text.',
  },
  SP210: {
    severity: 'warning',
    message: 'json_valid() on text outside a CHECK: PostgreSQL 15 cannot test JSON without raising on invalid input; emitted as IS NOT NULL.',
    hint: 'Use --target-version 16 for IS JSON, or store the column as JSON.',
    explanation: 'IS JSON arrived in PostgreSQL 16; a cast to jsonb raises instead of returning false.',
  },
  SP211: {
    severity: 'info',
    message: 'Division by zero yields ±Infinity or NaN in DuckDB and an error in PostgreSQL; the divisor is emitted as nullif(…, 0), so the quotient is NULL there.',
    hint: 'Guard the divisor in the source (CASE WHEN d = 0 THEN … END) where the Infinity matters.',
    explanation:
      'DuckDB’s / divides as DOUBLE and follows IEEE 754 for a zero divisor (1/0 = Infinity, 0/0 = NaN); PostgreSQL raises "division by zero" even for double precision. SQLite’s / and %, and DuckDB’s // and %, yield NULL for a zero divisor, which NULLIF(divisor, 0) reproduces exactly; for DuckDB’s / the NULL is the closest value that does not abort the statement.',
  },
  SP208: {
    severity: 'info',
    message: 'LIKE emitted as ILIKE (--like ilike): case-insensitive as in SQLite.',
    hint: 'ILIKE also folds non-ASCII letters, which SQLite’s LIKE does not.',
    explanation: 'With --like ilike every SQLite LIKE becomes ILIKE.',
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

  SP312: {
    severity: 'error',
    message: 'Foreign key column {0} ({1}) cannot reference {2} ({3}): PostgreSQL requires comparable types.',
    hint: 'Declare both columns with the same type in the source.',
    explanation: 'SQLite accepts a foreign key between columns of any types; PostgreSQL rejects one whose types have no common equality operator.',
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
    message: '{0} {1} collides with another name PostgreSQL keeps in the same namespace; renamed to {2}.',
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
    severity: 'info',
    message: 'Full-text table {0} ({1}) emitted as a tsvector column ({2} configuration) with a GIN index{3}.',
    hint: 'MATCH queries become @@ websearch_to_tsquery(…); bm25()/rank become ts_rank().',
    explanation:
      "FTS3/4/5 tables have no PostgreSQL counterpart; PostgreSQL's full-text search keeps a tsvector per row. External-content tables (content='t') add a generated tsvector column and a GIN index to the content table and a view under the FTS table's name; standalone FTS tables become a table with the columns, a rowid and the generated tsvector. tokenize='porter …' uses the english configuration, anything else simple.",
  },
  SP502: {
    severity: 'error',
    message: 'Virtual table module {0} has no PostgreSQL translation.',
    hint: 'R-tree tables map to PostGIS or a GiST index on box/point columns; port them by hand.',
    explanation: 'Virtual tables are SQLite modules; schema-port translates FTS3/4/5 and reports the others.',
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
  SP507: {
    severity: 'info',
    message: 'Trigger {0} only stamps {1} on the updated row; emitted as a BEFORE UPDATE trigger assigning NEW.',
    hint: 'An UPDATE of the same table inside a PostgreSQL trigger would fire the trigger again.',
    explanation:
      'The SQLite idiom AFTER UPDATE … BEGIN UPDATE t SET updated_at = … WHERE id = NEW.id; END relies on recursive triggers being off. In PostgreSQL the same effect, without a second UPDATE, is a BEFORE UPDATE trigger that sets NEW.updated_at.',
  },
  SP508: {
    severity: 'info',
    message: 'Trigger {0} writes to its own table; guarded with pg_trigger_depth() < 1, as SQLite does not fire triggers recursively by default.',
    hint: 'Remove the guard if the trigger should fire for its own changes (PRAGMA recursive_triggers = ON).',
    explanation: 'SQLite’s recursive_triggers pragma is off by default; PostgreSQL triggers always fire for statements run by other triggers.',
  },
  SP509: {
    severity: 'info',
    message: 'Trigger {0} keeps the full-text table {1} in sync; dropped, as the generated tsvector column does it.',
    hint: 'Nothing to do.',
    explanation: 'External-content FTS tables need triggers in SQLite; a generated column needs none.',
  },
  SP510: {
    severity: 'info',
    message: 'RAISE({0}, …) emitted as RAISE EXCEPTION, which rolls back the whole statement.',
    hint: 'FAIL keeps earlier changes of the statement in SQLite and ROLLBACK ends the transaction; PostgreSQL aborts the statement (and the transaction until ROLLBACK).',
    explanation: 'PostgreSQL has one way to raise an error from a trigger.',
  },
  SP511: {
    severity: 'info',
    message: 'MATCH uses FTS query syntax; emitted as websearch_to_tsquery, which reads quotes, OR and - but not NEAR, column filters or prefix *.',
    hint: 'Check queries that use FTS5 operators.',
    explanation: 'FTS5 and PostgreSQL full-text search parse query strings differently.',
  },
  SP512: {
    severity: 'warning',
    message: '{0} emitted as INSERT … ON CONFLICT ({1}) DO UPDATE.',
    hint: 'SQLite deletes every row that conflicts on any unique key and inserts anew (omitted columns get their defaults, delete triggers fire); ON CONFLICT updates the row that conflicts on this key in place.',
    explanation: 'PostgreSQL has no REPLACE; an upsert on the primary key is the closest statement.',
  },
  SP513: {
    severity: 'info',
    message: 'INSERT OR IGNORE emitted as ON CONFLICT DO NOTHING, which skips unique conflicts only.',
    hint: 'SQLite’s OR IGNORE also skips rows that violate NOT NULL or CHECK; PostgreSQL raises for those.',
    explanation: 'ON CONFLICT handles unique and exclusion constraints only.',
  },
  SP514: {
    severity: 'warning',
    message: 'Full-text table {0} reads {1}, which has no INTEGER PRIMARY KEY: its view has no rowid column.',
    hint: 'SQLite used the hidden rowid; name a key column with content_rowid=… or join on the table’s primary key.',
    explanation: 'PostgreSQL tables have no rowid, so the FTS view cannot expose one unless the content table has an integer key.',
  },
  SP515: {
    severity: 'warning',
    message: 'This statement works on {0}, which this input does not define.',
    hint: 'Run it after the script that creates the table (a migration usually assumes earlier ones).',
    explanation: 'A data or migration step needs its table to exist when PostgreSQL runs it.',
  },
  SP516: {
    severity: 'error',
    message: 'Cannot expand {0}: the columns of {1} are not known.',
    hint: 'Translate the query with --schema naming the schema that defines {1}, or list the columns instead of the star.',
    explanation:
      'PostgreSQL has no SELECT * EXCLUDE/REPLACE, and QUALIFY is rewritten as a subquery whose columns must be named: schema-port writes the star out as the explicit column list, which needs every column of the relations it covers (tables and views of the schema, subqueries and CTEs whose columns can be derived). A star over a USING or NATURAL join, a table function or an unknown table cannot be written out.',
  },
  SP517: {
    severity: 'error',
    message: '{0} names {1}, which is not a column under the star.',
    hint: 'Check the spelling; DuckDB rejects this query too.',
    explanation: 'Every column named in EXCLUDE or REPLACE must be one of the columns the star selects.',
  },
  SP518: {
    severity: 'info',
    message: '{0} written out as the column list of {1} as the schema defines it now.',
    hint: 'Translate the query again after the table changes: columns added later are not in the list.',
    explanation:
      'PostgreSQL has no SELECT * EXCLUDE/REPLACE. The translation lists the columns the star selects, minus the excluded ones and with the replacements in place, so the result is the same as long as the schema is.',
  },
  SP519: {
    severity: 'warning',
    message: 'USING SAMPLE emitted as {0}: the sample is drawn differently by PostgreSQL{1}.',
    hint: 'Samples are random in both engines; do not rely on a query returning the same rows after the port.',
    explanation:
      'A percentage with the system or bernoulli method becomes TABLESAMPLE SYSTEM|BERNOULLI on a single table (PostgreSQL samples pages where DuckDB samples vectors) or a random() filter over a join; reservoir percentages become BERNOULLI (approximately, not exactly, the percentage); row counts become ORDER BY random() LIMIT n in a subquery. A REPEATABLE seed is kept for TABLESAMPLE but selects other rows than in DuckDB, and is dropped for the random() forms.',
  },
  SP520: {
    severity: 'warning',
    message: 'Parameter {0} is not used by this statement: PostgreSQL cannot infer its type, and PREPARE fails unless the client declares it.',
    hint: 'Number the placeholders without gaps (?NNN keeps its number, as SQLite does).',
    explanation:
      'SQLite lets ?3 stand alone (parameters 1 and 2 are simply never bound); the translation keeps the numbers so the same values bind in the same places, and PostgreSQL infers each $n from where it is used, which an unused one is not.',
  },
  SP506: {
    severity: 'info',
    message: 'CREATE VIEW IF NOT EXISTS emitted as CREATE OR REPLACE VIEW.',
    hint: 'PostgreSQL has no IF NOT EXISTS for views; OR REPLACE redefines an existing view instead of keeping it.',
    explanation: 'PostgreSQL supports CREATE OR REPLACE VIEW but not CREATE VIEW IF NOT EXISTS.',
  },

  // ---- SP6xx: DuckDB ----------------------------------------------------
  SP601: {
    severity: 'warning',
    message: 'CREATE OR REPLACE {0} emitted as DROP {0} IF EXISTS … CASCADE followed by CREATE {0}.',
    hint: 'CASCADE also drops the views, foreign keys and defaults that depend on the old {1}; recreate them after it if the script does not.',
    explanation:
      'PostgreSQL has no CREATE OR REPLACE TABLE (or SEQUENCE, TYPE). DuckDB replaces the object and keeps views, which it binds late; PostgreSQL binds views, defaults and foreign keys to the object, so replacing it means dropping them with it.',
  },
  SP602: {
    severity: 'info',
    message: '{0} has no time zone in DuckDB; emitted as {1}, reading stored values as UTC.',
    hint: 'Use --timestamps timestamp to keep timestamp without time zone.',
    explanation:
      'A DuckDB TIMESTAMP is a wall-clock value without a time zone; DuckDB’s own now() and current_timestamp are instants, which a TIMESTAMP column stores in the session’s zone (SP620). timestamptz keeps the instant; the values must be loaded with the session time zone set to UTC (SET TIME ZONE \'UTC\') to read as DuckDB wrote them. PostgreSQL dates and timestamps start at 4713 BC, DuckDB’s much earlier.',
  },
  SP603: {
    severity: 'warning',
    message: '{0} keeps nanoseconds; PostgreSQL {1} rounds them to microseconds.',
    hint: 'Values that differ only below a microsecond become equal (and may collide in a unique key).',
    explanation: 'PostgreSQL date/time types have microsecond resolution; DuckDB TIMESTAMP_NS and TIME_NS have nanosecond resolution.',
  },
  SP604: {
    severity: 'info',
    message: 'DECIMAL without precision is DECIMAL(18,3) in DuckDB; emitted as numeric(18,3).',
    hint: 'Declare DECIMAL(p,s) in the source to make the precision explicit.',
    explanation: 'A bare numeric in PostgreSQL has unlimited precision and scale; DuckDB’s bare DECIMAL rounds to 3 decimal places and rejects more than 15 integer digits.',
  },
  SP605: {
    severity: 'warning',
    message: '{0} emitted as numeric, which also stores fractional values (DuckDB truncates them to integers).',
    hint: 'Insert only integers, or add CHECK ({1} = trunc({1})).',
    explanation: 'BIGNUM (VARINT) is DuckDB’s arbitrary-precision integer. PostgreSQL’s numeric without modifiers holds every such value, and fractions too.',
  },
  SP606: {
    severity: 'warning',
    message: '{0} emitted as jsonb: keys become JSON object keys (text), key order is not kept and value types are not checked.',
    hint: 'Use a separate table with (key, value) columns if the key type or order matters.',
    explanation: 'PostgreSQL has no map type. A JSON object holds the entries; MAP values given as literals are translated to JSON objects.',
  },
  SP607: {
    severity: 'warning',
    message: '{0} emitted as jsonb {"tag": member, "value": value}: PostgreSQL does not check the member types.',
    hint: 'Use one nullable column per member and a CHECK that exactly one is set, if the types matter.',
    explanation: 'PostgreSQL has no tagged union type. Literal values are translated to the {tag, value} object of the member whose type they match.',
  },
  SP608: {
    severity: 'warning',
    message: 'A list of lists ({0} elements) emitted as jsonb: PostgreSQL arrays are rectangular and cannot hold lists of different lengths or NULL inner lists.',
    hint: 'If every inner list has the same length and none is NULL, a PostgreSQL multidimensional array (T[][]) can hold the values; change the column by hand.',
    explanation: 'A DuckDB list of lists may be ragged; a PostgreSQL T[][] value must be a full rectangle. jsonb keeps every value DuckDB keeps, but PostgreSQL does not check the element type.',
  },
  SP609: {
    severity: 'info',
    message: 'STRUCT emitted as the composite type {0}.',
    hint: 'Use --structs jsonb to store structs as jsonb instead.',
    explanation:
      'Each STRUCT column gets a composite type named after its table and column (nested structs after their field). In PostgreSQL `col IS NULL` is also true for a struct whose fields are all NULL, which DuckDB tells apart from a NULL struct.',
  },
  SP610: {
    severity: 'warning',
    message: 'STRUCT emitted as {0} (--structs jsonb): PostgreSQL does not check field names or types.',
    hint: 'Use --structs composite (the default) for a composite type that checks them.',
    explanation: 'With --structs jsonb, struct values are stored as JSON objects.',
  },
  SP611: {
    severity: 'info',
    message: 'CREATE TYPE {0} emitted as {1}.',
    hint: 'A DuckDB type alias becomes a PostgreSQL domain; ENUM and STRUCT types become enum and composite types.',
    explanation: 'PostgreSQL domains name a type with its constraints, which is what a DuckDB type alias does.',
  },
  SP612: {
    severity: 'info',
    message: 'Macro {0} emitted as a SQL function {1}.',
    hint: 'Untyped macro parameters become anycompatible: the arguments of a call must share a common type. Declare a typed function by hand where one type is meant.',
    explanation:
      'DuckDB macros are expanded at the call site and take arguments of any type. A PostgreSQL SQL function with anycompatible parameters accepts any arguments that resolve to one common type, and is inlined by the planner like a macro. Parameters are referred to as $1, $2, … because DuckDB gives macro parameters precedence over column names. The function is IMMUTABLE or STABLE when its body is; calls in DEFAULT, CHECK and views keep the macro’s name.',
  },
  SP613: {
    severity: 'error',
    message: 'Macro {0} cannot be translated: {1}.',
    hint: 'Write the function by hand with RETURNS TABLE (…), or select columns of tables the script defines.',
    explanation: 'A macro becomes a SQL function, which needs a return type: for a table macro, the type of every result column.',
  },
  SP614: {
    severity: 'error',
    message: 'Unknown DuckDB type {0}.',
    hint: 'Declare it with CREATE TYPE before it is used, or check the spelling.',
    explanation: 'DuckDB rejects a column whose type it does not know; schema-port cannot guess it either.',
  },
  SP615: {
    severity: 'error',
    message: 'Type {0} has no PostgreSQL translation: {1}.',
    hint: '{2}',
    explanation: 'A DuckDB type that needs an extension or has no counterpart in PostgreSQL.',
  },
  SP616: {
    severity: 'warning',
    message: 'VARIANT emitted as jsonb: values keep their JSON form, not their DuckDB type.',
    hint: 'Use a column of the type the values actually have, if there is one.',
    explanation: 'DuckDB VARIANT holds a value of any type; jsonb holds numbers, strings, booleans, lists and objects.',
  },
  SP617: {
    severity: 'info',
    message: '{0} has no PostgreSQL counterpart; emitted as {1} with a CHECK that keeps DuckDB’s range.',
    hint: 'The CHECK rejects the values DuckDB rejects; drop it if PostgreSQL’s wider range is wanted.',
    explanation:
      'DuckDB has 8-bit, unsigned and 128-bit integers. schema-port picks the smallest PostgreSQL type that holds every value (smallint, integer, bigint, else numeric) and adds a CHECK (BETWEEN min AND max) for DuckDB’s range; inside a STRUCT the field type is a domain with the same CHECK.',
  },
  SP618: {
    severity: 'warning',
    message: '{0} emitted as text (--timestamps text): PostgreSQL accepts any text in the column.',
    hint: 'Use --timestamps timestamptz (the default) or timestamp to keep a date/time type.',
    explanation: 'DuckDB checks TIMESTAMP values; a text column does not.',
  },
  SP619: {
    severity: 'warning',
    message: 'Type {0} has the name of a built-in PostgreSQL type, which would take precedence; renamed to {1}.',
    hint: 'Give the type another name in the source, or keep the rename.',
    explanation:
      'PostgreSQL searches pg_catalog before every schema on the search path, so a user type named point, path, name, money or text is shadowed by the built-in one wherever it is referred to without a schema.',
  },
  SP620: {
    severity: 'warning',
    message: 'DuckDB stores {0} in a TIMESTAMP column as the wall-clock time of its TimeZone setting; PostgreSQL stores the instant (read as UTC).',
    hint: 'The values agree only where DuckDB ran with TimeZone UTC; otherwise declare the column TIMESTAMPTZ in the source, or convert existing values from the local zone when copying.',
    explanation:
      'now(), current_timestamp and get_current_timestamp() are TIMESTAMPTZ instants in DuckDB. Written to a TIMESTAMP (no time zone) column they are cast to the local wall-clock time of the session’s TimeZone setting (the machine’s zone by default), not UTC. schema-port reads DuckDB TIMESTAMP values as UTC (SP602) and emits the default as CURRENT_TIMESTAMP, the instant — the same value when DuckDB ran in UTC, shifted by the zone offset otherwise.',
  },
} as const satisfies Record<string, DiagnosticDefinition>;

/** A diagnostic code, e.g. `SP304`. */
export type DiagnosticCode = keyof typeof DIAGNOSTICS;
