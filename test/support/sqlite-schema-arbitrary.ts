/**
 * fast-check generator of SQLite schemas from the grammar schema-port covers,
 * with the catalog each engine must end up with.
 *
 * fast-check draws only *choices* (indexes into name and type pools, flags);
 * `buildSchema` turns any choices into a valid schema, so every shrunk
 * counterexample is still a valid schema. Foreign keys pick their target
 * table and key by index, and get new columns typed to match the key.
 *
 * Covered: several tables; columns of every affinity under the common type
 * names, no type, and unknown names; PRIMARY KEY inline and table-level
 * (composite, ASC/DESC), INTEGER PRIMARY KEY [AUTOINCREMENT] (the rowid),
 * INTEGER PRIMARY KEY DESC (not the rowid), WITHOUT ROWID; NOT NULL / NULL;
 * UNIQUE inline and table-level; CHECK with simple comparisons; DEFAULT
 * literals (negative numbers, quotes in strings, blobs, booleans 0/1,
 * CURRENT_TIMESTAMP, (datetime('now')), …); COLLATE NOCASE/BINARY/RTRIM;
 * named constraints; indexes (plain, unique, partial, DESC, COLLATE NOCASE,
 * IF NOT EXISTS, placed after their table or at the end); foreign keys to
 * primary keys, UNIQUE constraints and unique indexes, to earlier tables,
 * later tables and the table itself, composite and with permuted key order,
 * inline or table-level, with actions; identifiers that are reserved words,
 * mixed case, with spaces or quotes, quoted "", [], `` or bare, and
 * referenced in another letter case.
 *
 * `Workarounds` switch off shapes that hit known translator bugs (see
 * test/property-sqlite.test.ts); each is as narrow as the bug.
 */
import fc from 'fast-check';
import { distinctUniques, normalizeCatalog, type Catalog, type CatalogTable } from './catalog.js';

// ---------------------------------------------------------------------------
// Known translator bugs the generator can avoid
// ---------------------------------------------------------------------------

export interface Workarounds {
  /**
   * A text column referencing a COLLATE NOCASE column (citext) stays text, and
   * PostgreSQL rejects text → citext foreign keys. On: a foreign key column
   * copies COLLATE NOCASE from its target column.
   */
  fkCopiesNocase: boolean;
  /**
   * A foreign key whose target key is a unique index (CREATE UNIQUE INDEX) is
   * emitted before that index exists. On: unique indexes are targets only when
   * placed right after their table and referenced from a later table.
   */
  uniqueIndexTargetsBackwardOnly: boolean;
  /**
   * An index or table named like PostgreSQL's implicit constraint index
   * (`<table>_pkey`, `<table>_<col>_key`) of an earlier table collides with
   * it: the translator does not reserve those names. On: no such names.
   */
  noImplicitIndexNames: boolean;
  /**
   * `PRIMARY KEY (id DESC)` as a table constraint on an INTEGER column is the
   * rowid in SQLite, but the translator emits no identity. On: no DESC there.
   */
  noDescTablePkOnRowid: boolean;
  /**
   * SQLite accepts two constraints with the same name in one table;
   * PostgreSQL does not, and the translator keeps both names. Also, when the
   * translator renames a PRIMARY KEY/UNIQUE constraint name taken elsewhere
   * (`ck` → `ck_2`, SP402), it does not check the CHECK and FOREIGN KEY names
   * of the same table. On: constraint names are unique within a table and
   * never end in `_N`.
   */
  uniqueConstraintNamesPerTable: boolean;
  /**
   * A PRIMARY KEY/UNIQUE constraint named like a table declared later takes
   * the name in the translator's relation namespace, and the *table* is
   * renamed (SP402). On: constraint names are never table names.
   */
  constraintNamesAvoidTables: boolean;
  /**
   * json_valid(x) is translated for a CHECK (NULL passes) everywhere: in a
   * partial index WHERE it becomes `true` or `x IS NULL OR …`, so rows SQLite
   * leaves out of the index (x NULL) are in it. On: no json_valid in WHERE.
   */
  noJsonValidInIndexWhere: boolean;
  /**
   * `CREATE TABLE IF NOT EXISTS t` run again with another body: SQLite keeps
   * the first definition, the translator emits the last. On: a repeated
   * CREATE TABLE IF NOT EXISTS repeats the same body.
   */
  repeatedTablesIdentical: boolean;
  /**
   * `CREATE INDEX IF NOT EXISTS uq` run again, where `uq` is also a
   * constraint name: each statement is renamed apart (uq_1, uq_2), so the
   * second is no longer skipped and PostgreSQL gets two indexes. On: indexes
   * named like a constraint are not repeated.
   */
  repeatedIndexesNotConstraintNames: boolean;
}

/** Every known bug is fixed: the generator no longer avoids any shape. */
export const ALL_WORKAROUNDS: Workarounds = {
  fkCopiesNocase: false,
  uniqueIndexTargetsBackwardOnly: false,
  noImplicitIndexNames: false,
  noDescTablePkOnRowid: false,
  uniqueConstraintNamesPerTable: false,
  constraintNamesAvoidTables: false,
  noJsonValidInIndexWhere: false,
  repeatedTablesIdentical: false,
  repeatedIndexesNotConstraintNames: false,
};

export const NO_WORKAROUNDS: Workarounds = {
  fkCopiesNocase: false,
  uniqueIndexTargetsBackwardOnly: false,
  noImplicitIndexNames: false,
  noDescTablePkOnRowid: false,
  uniqueConstraintNamesPerTable: false,
  constraintNamesAvoidTables: false,
  noJsonValidInIndexWhere: false,
  repeatedTablesIdentical: false,
  repeatedIndexesNotConstraintNames: false,
};

// ---------------------------------------------------------------------------
// Pools
// ---------------------------------------------------------------------------

type Family = 'int' | 'float' | 'numeric' | 'text' | 'bool' | 'date' | 'timestamp' | 'blob' | 'json';

interface TypeDef {
  /** Declared type; `{n}`, `{p}`, `{s}` are filled from the choices. null: no type. */
  sql: string | null;
  family: Family;
  /** format_type() of the PostgreSQL column (citext for NOCASE text is decided later). */
  pg: string;
}

/** Every affinity, the common declared names, no type, and unknown names (mapped by affinity). */
export const TYPES: readonly TypeDef[] = [
  { sql: 'INTEGER', family: 'int', pg: 'bigint' },
  { sql: 'INT', family: 'int', pg: 'bigint' },
  { sql: 'BIGINT', family: 'int', pg: 'bigint' },
  { sql: 'TINYINT', family: 'int', pg: 'bigint' },
  { sql: 'UNSIGNED BIG INT', family: 'int', pg: 'bigint' },
  { sql: 'TEXT', family: 'text', pg: 'text' },
  { sql: 'VARCHAR({n})', family: 'text', pg: 'text' },
  { sql: 'CHAR({n})', family: 'text', pg: 'text' },
  { sql: 'NVARCHAR({n})', family: 'text', pg: 'text' },
  { sql: 'CLOB', family: 'text', pg: 'text' },
  { sql: null, family: 'text', pg: 'text' },
  { sql: 'REAL', family: 'float', pg: 'double precision' },
  { sql: 'DOUBLE', family: 'float', pg: 'double precision' },
  { sql: 'DOUBLE PRECISION', family: 'float', pg: 'double precision' },
  { sql: 'FLOAT', family: 'float', pg: 'double precision' },
  { sql: 'NUMERIC', family: 'numeric', pg: 'numeric' },
  { sql: 'DECIMAL({p},{s})', family: 'numeric', pg: 'numeric({p},{s})' },
  { sql: 'BOOLEAN', family: 'bool', pg: 'boolean' },
  { sql: 'DATE', family: 'date', pg: 'date' },
  { sql: 'DATETIME', family: 'timestamp', pg: 'timestamp with time zone' },
  { sql: 'TIMESTAMP', family: 'timestamp', pg: 'timestamp with time zone' },
  { sql: 'BLOB', family: 'blob', pg: 'bytea' },
  { sql: 'JSON', family: 'json', pg: 'jsonb' },
  // Unknown names: SQLite's affinity rules decide (contains INT, CHAR, BLOB, REAL/FLOA/DOUB, else NUMERIC).
  { sql: 'WHATEVER', family: 'numeric', pg: 'numeric' },
  { sql: 'MONEYBAGS', family: 'numeric', pg: 'numeric' },
  { sql: 'FLOATING POINT', family: 'int', pg: 'bigint' },
  { sql: 'SHORTCHAR({n})', family: 'text', pg: 'text' },
  { sql: 'BIGBLOB', family: 'blob', pg: 'bytea' },
  { sql: 'DOUBLY', family: 'float', pg: 'double precision' },
];

const TABLE_NAMES = [
  'users', 'user', 'order', 'group', 'select', 'Orders', 'LineItem', 'account', 'Account Data', 'posts', 'Tag',
  'from', 'table', 'comments', 'authorization', 'CamelCase', 'check', 'offset', 'Mixed_Case', 'weird "name"',
];
const COLUMN_NAMES = [
  'id', 'name', 'user', 'order', 'group', 'select', 'Email', 'createdAt', 'value', 'type', 'key', 'check',
  'default', 'Weird Col', 'limit', 'desc', 'column', 'primary', 'references', 'all', 'both', 'analyse', 'Total',
  'is_active', 'data', 'when', 'to', 'end', 'date', 'text', 'timestamp', 'json', 'naïve', 'a"b', 'UPPER',
];
const INDEX_NAMES = ['idx', 'user', 'order', 'Index', 'by name', 'ix_mixedCase', 'select', 'unique', 'primary', 'where', 'uq', 'pk'];
const CONSTRAINT_NAMES = ['pk', 'uq', 'ck', 'fk', 'Key', 'check', 'c1'];

/** SQLite keywords (sqlite.org/lang_keywords.html): always quoted here. */
const SQLITE_KEYWORDS = new Set(
  `ABORT ACTION ADD AFTER ALL ALTER ALWAYS ANALYZE AND AS ASC ATTACH AUTOINCREMENT BEFORE BEGIN BETWEEN BY CASCADE
  CASE CAST CHECK COLLATE COLUMN COMMIT CONFLICT CONSTRAINT CREATE CROSS CURRENT CURRENT_DATE CURRENT_TIME
  CURRENT_TIMESTAMP DATABASE DEFAULT DEFERRABLE DEFERRED DELETE DESC DETACH DISTINCT DO DROP EACH ELSE END ESCAPE
  EXCEPT EXCLUDE EXCLUSIVE EXISTS EXPLAIN FAIL FILTER FIRST FOLLOWING FOR FOREIGN FROM FULL GENERATED GLOB GROUP
  GROUPS HAVING IF IGNORE IMMEDIATE IN INDEX INDEXED INITIALLY INNER INSERT INSTEAD INTERSECT INTO IS ISNULL JOIN
  KEY LAST LEFT LIKE LIMIT MATCH MATERIALIZED NATURAL NO NOT NOTHING NOTNULL NULL NULLS OF OFFSET ON OR ORDER
  OTHERS OUTER OVER PARTITION PLAN PRAGMA PRECEDING PRIMARY QUERY RAISE RANGE RECURSIVE REFERENCES REGEXP REINDEX
  RELEASE RENAME REPLACE RESTRICT RETURNING RIGHT ROLLBACK ROW ROWS SAVEPOINT SELECT SET TABLE TEMP TEMPORARY THEN
  TIES TO TRANSACTION TRIGGER UNBOUNDED UNION UNIQUE UPDATE USING VACUUM VALUES VIEW VIRTUAL WHEN WHERE WINDOW WITH
  WITHOUT`.split(/\s+/),
);

/** DEFAULT values per family (all valid SQLite, all meaningful for the family). */
const DEFAULTS: Record<Family, readonly string[]> = {
  int: ['0', '1', '-1', '42', '-9000', '+7', '9223372036854775807', "(strftime('%s', 'now'))", '(unixepoch())'],
  float: ['0.0', '1.5', '-2.25', '1e3', '-0.5', '3'],
  numeric: ['0', '12.5', '-7', '99.99', '-0.01'],
  text: ["''", "'abc'", "'it''s'", `'say "hi"'`, "'-1'", "'NULL'", '0', 'CURRENT_TIMESTAMP', "(datetime('now'))", '(lower(hex(randomblob(16))))'],
  bool: ['0', '1', 'TRUE', 'FALSE'],
  date: ["'2024-01-31'", 'CURRENT_DATE', "(date('now'))"],
  timestamp: ["'2024-01-31 12:34:56'", 'CURRENT_TIMESTAMP', "(datetime('now'))", "'2024-01-31'"],
  blob: ["x'00ff'", "X''", "x'DEADBEEF'"],
  json: ["'{}'", "'[]'", `'{"a": 1}'`, "'null'"],
};

/** Comments inside and before statements (the translator keeps them). */
const COMMENTS = ['-- plain note', `-- it's "quoted"; with a semicolon`, '/* block */', '/* multi\n     line; comment */', '-- trailing --', '/**/'];

const NUMBER_VALUES = ['0', '1', '-1', '100', '2.5', '-3.75'];
const INT_VALUES = ['0', '1', '-1', '100', '-250'];

/** CHECK / partial-index predicates over one column reference `$`. */
function predicates(family: Family): readonly string[] {
  switch (family) {
    case 'int':
    case 'float':
    case 'numeric': {
      const v = family === 'int' ? INT_VALUES : NUMBER_VALUES;
      return [
        `$ > ${v[0]}`, `$ >= ${v[2]}`, `$ < ${v[3]}`, `$ <= ${v[4]}`, `$ <> ${v[1]}`, `$ != ${v[0]}`, `$ = ${v[3]}`,
        `$ BETWEEN ${v[2]} AND ${v[3]}`, `$ IN (${v[0]}, ${v[1]}, ${v[4]})`, `$ NOT IN (${v[2]})`, '$ IS NOT NULL',
      ];
    }
    case 'text':
      return ['length($) > 0', "$ <> ''", "$ IN ('a', 'b', 'it''s')", "$ LIKE 'a%'", '$ IS NOT NULL', "$ >= 'a'", "$ = 'x' OR $ IS NULL"];
    case 'bool':
      return ['$ IN (0, 1)', '$ = 1', '$ <> 0', '$ IS NOT NULL'];
    case 'date':
      return ["$ >= '2000-01-01'", '$ IS NOT NULL'];
    case 'timestamp':
      return ["$ > '2000-01-01 00:00:00'", '$ IS NOT NULL'];
    case 'blob':
      return ['length($) > 0', '$ IS NOT NULL'];
    case 'json':
      return ['json_valid($)', '$ IS NOT NULL'];
  }
}

const FK_ACTIONS = ['', ' ON DELETE CASCADE', ' ON DELETE SET NULL', ' ON UPDATE CASCADE', ' ON DELETE RESTRICT', ' ON DELETE NO ACTION', ' ON DELETE SET DEFAULT ON UPDATE CASCADE', ' DEFERRABLE INITIALLY DEFERRED'];

// ---------------------------------------------------------------------------
// Raw choices (what fast-check draws and shrinks)
// ---------------------------------------------------------------------------

type QuoteStyle = 'bare' | 'double' | 'bracket' | 'backtick';

const chance = (percent: number) => fc.nat({ max: 99 }).map((n) => n < percent);
const quoteStyle = fc.constantFrom<QuoteStyle>('bare', 'double', 'bracket', 'backtick');
const pick = fc.nat({ max: 1000 });

const rawColumn = fc.record({
  name: pick,
  quote: quoteStyle,
  type: fc.nat({ max: TYPES.length - 1 }),
  typeCase: fc.constantFrom('upper', 'lower', 'title'),
  n: fc.integer({ min: 1, max: 255 }),
  p: fc.integer({ min: 5, max: 12 }),
  s: fc.integer({ min: 0, max: 2 }),
  notNull: chance(30),
  explicitNull: chance(5),
  unique: chance(12),
  defaultValue: fc.option(pick, { freq: 3, nil: null }),
  defaultNull: chance(5),
  check: fc.option(pick, { freq: 5, nil: null }),
  collate: fc.constantFrom(null, null, null, null, null, 'NOCASE', 'NOCASE', 'BINARY', 'RTRIM'),
  constraintName: fc.option(pick, { freq: 6, nil: null }),
  order: pick,
  comment: fc.option(pick, { freq: 8, nil: null }),
});

const rawPrimaryKey = fc.oneof(
  { arbitrary: fc.constant({ kind: 'none' as const }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constant('rowid' as const),
      form: fc.constantFrom('inline', 'table'),
      autoincrement: chance(30),
      direction: fc.constantFrom('', '', ' ASC', ' DESC'),
      name: pick,
    }),
    weight: 4,
  },
  { arbitrary: fc.record({ kind: fc.constant('integer-desc' as const), name: pick }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('inline' as const), column: pick, direction: fc.constantFrom('', ' ASC', ' DESC') }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constant('table' as const),
      columns: fc.array(pick, { minLength: 1, maxLength: 3 }),
      directions: fc.array(fc.constantFrom('', ' ASC', ' DESC'), { minLength: 3, maxLength: 3 }),
    }),
    weight: 3,
  },
);

const rawForeignKey = fc.record({
  target: pick,
  key: pick,
  name: pick,
  quote: quoteStyle,
  inline: fc.boolean(),
  implicit: chance(30),
  permute: chance(25),
  otherCase: chance(30),
  notNull: chance(20),
  collate: chance(30),
  spelling: pick,
  action: fc.nat({ max: FK_ACTIONS.length - 1 }),
  constraintName: fc.option(pick, { freq: 6, nil: null }),
});

const rawTable = fc.record({
  name: pick,
  quote: quoteStyle,
  ifNotExists: chance(15),
  columns: fc.array(rawColumn, { minLength: 1, maxLength: 5 }),
  primaryKey: rawPrimaryKey,
  pkName: fc.option(pick, { freq: 6, nil: null }),
  uniques: fc.array(fc.record({ columns: fc.array(pick, { minLength: 1, maxLength: 3 }), name: fc.option(pick, { freq: 5, nil: null }) }), { maxLength: 2 }),
  checks: fc.array(fc.record({ a: pick, b: pick, pa: pick, pb: pick, op: fc.constantFrom('AND', 'OR', null), name: fc.option(pick, { freq: 4, nil: null }) }), { maxLength: 2 }),
  foreignKeys: fc.array(rawForeignKey, { maxLength: 2 }),
  withoutRowid: chance(10),
  order: pick,
  qualified: chance(15),
  comment: fc.option(pick, { freq: 6, nil: null }),
  repeat: chance(8),
  implicitName: chance(5),
});

const rawIndex = fc.record({
  table: pick,
  name: pick,
  quote: quoteStyle,
  implicitName: chance(8),
  unique: chance(35),
  keys: fc.array(fc.record({ column: pick, direction: fc.constantFrom('', '', ' ASC', ' DESC'), nocase: chance(10), otherCase: chance(20) }), { minLength: 1, maxLength: 3 }),
  where: fc.option(fc.record({ column: pick, predicate: pick }), { freq: 3, nil: null }),
  ifNotExists: chance(15),
  atEnd: fc.boolean(),
  qualified: chance(15),
  repeat: chance(8),
});

export const rawSchema = fc.record({
  tables: fc.array(rawTable, { minLength: 1, maxLength: 5 }),
  indexes: fc.array(rawIndex, { maxLength: 5 }),
  keywordCase: fc.constantFrom('upper', 'upper', 'lower', 'title'),
});

export type RawSchema = typeof rawSchema extends fc.Arbitrary<infer T> ? T : never;

// ---------------------------------------------------------------------------
// The built schema
// ---------------------------------------------------------------------------

export interface ColumnSpec {
  name: string;
  /** Declared type as written, or null. */
  declared: string | null;
  family: Family;
  /** format_type() expected on PostgreSQL. */
  pgType: string;
  notNull: boolean;
  rowid: boolean;
  /** DEFAULT as written, or null. */
  defaultSql: string | null;
  collate: string | null;
}

export interface ForeignKeySpec {
  columns: string[];
  table: string;
  /** As resolved (the primary key's columns for a bare REFERENCES t). */
  refColumns: string[];
}

export interface IndexSpec {
  name: string;
  table: string;
  unique: boolean;
  partial: boolean;
  keys: { column: string; desc: boolean; nocase: boolean }[];
}

export interface TableSpec {
  name: string;
  columns: ColumnSpec[];
  primaryKey: string[] | null;
  withoutRowid: boolean;
  uniques: string[][];
  foreignKeys: ForeignKeySpec[];
}

export interface SchemaSpec {
  sql: string;
  tables: TableSpec[];
  indexes: IndexSpec[];
}

const at = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;

function isBare(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !SQLITE_KEYWORDS.has(name.toUpperCase());
}

/** An identifier as SQLite reads it; `otherCase` swaps ASCII case (SQLite compares names case-insensitively). */
export function sqliteIdent(name: string, style: QuoteStyle, otherCase = false): string {
  const text = otherCase ? name.replace(/[A-Za-z]/g, (c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())) : name;
  if (style === 'bare' && isBare(text)) return text;
  if (style === 'bracket' && !text.includes(']')) return `[${text}]`;
  if (style === 'backtick') return `\`${text.replace(/`/g, '``')}\``;
  return `"${text.replace(/"/g, '""')}"`;
}

function typeCase(sql: string, mode: string): string {
  if (mode === 'lower') return sql.toLowerCase();
  if (mode === 'title') return sql.toLowerCase().replace(/\b[a-z]/g, (c) => c.toUpperCase());
  return sql;
}

/** A name from `pool`, made unique (ASCII case-insensitively) against `taken`. */
function claim(pool: readonly string[] | string, i: number, taken: Set<string>): string {
  const base = typeof pool === 'string' ? pool : at(pool, i);
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}_${n}`;
  taken.add(name.toLowerCase());
  return name;
}

/** A permutation of 0..n-1 drawn from `seed`. */
function permutation(n: number, seed: number): number[] {
  const items = Array.from({ length: n }, (_, i) => i);
  let s = seed + 1;
  for (let i = n - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [items[i], items[j]] = [items[j] as number, items[i] as number];
  }
  return items;
}

interface Key {
  columns: string[];
  /** For unique indexes: the index, to check placement. */
  index?: { placedAfterTable: boolean };
  primary: boolean;
}

interface Building {
  spec: TableSpec;
  raw: RawSchema['tables'][number];
  quote: QuoteStyle;
  columnDefs: { name: string; parts: string[]; order: number; before?: string }[];
  constraints: string[];
  keys: Key[];
  taken: Set<string>;
  constraintNames: Set<string>;
}

/** Builds the schema the choices describe. Total: any choices give a valid SQLite schema. */
export function buildSchema(raw: RawSchema, workarounds: Workarounds = ALL_WORKAROUNDS): SchemaSpec {
  const relations = new Set<string>();
  /** Keywords and function names in the schema's letter case; string literals keep theirs. */
  const K = (text: string): string =>
    text
      .split(/('(?:[^']|'')*')/)
      .map((part, i) => (i % 2 === 1 ? part : typeCase(part, raw.keywordCase)))
      .join('');
  const tables: Building[] = [];

  // Table names first: constraint names may have to avoid them.
  const tableNames: string[] = [];
  for (const [t, rt] of raw.tables.entries()) {
    const previous = tableNames[t - 1];
    const implicit = rt.implicitName && !workarounds.noImplicitIndexNames && previous !== undefined && raw.tables[t - 1]?.primaryKey.kind !== 'none';
    tableNames.push(implicit ? claim(`${previous}_pkey`, 0, relations) : claim(TABLE_NAMES, rt.name, relations));
  }
  const constraintName = (b: Building, i: number | null): string => {
    if (i === null) return '';
    let name = at(CONSTRAINT_NAMES, i);
    if (workarounds.constraintNamesAvoidTables) {
      while (tableNames.some((t) => t.toLowerCase() === name.toLowerCase())) name = `${name}_c`;
    }
    if (workarounds.uniqueConstraintNamesPerTable) {
      // Not `name_2`: the translator's SP402 renames use `_N` and do not see other constraints of the table.
      while (b.constraintNames.has(name.toLowerCase())) name = `${name}x`;
      b.constraintNames.add(name.toLowerCase());
    }
    return `${K('CONSTRAINT')} ${sqliteIdent(name, at(['bare', 'double', 'bracket', 'backtick'] as const, i))} `;
  };

  // 1. Tables, their own columns and keys.
  for (const [t, rt] of raw.tables.entries()) {
    const name = tableNames[t] as string;
    const b: Building = {
      spec: { name, columns: [], primaryKey: null, withoutRowid: false, uniques: [], foreignKeys: [] },
      raw: rt,
      quote: rt.quote,
      columnDefs: [],
      constraints: [],
      keys: [],
      taken: new Set(),
      constraintNames: new Set(),
    };
    const pk = rt.primaryKey;
    const withoutRowid = rt.withoutRowid && pk.kind !== 'none' && !(pk.kind === 'rowid' && pk.autoincrement && pk.form === 'inline');
    b.spec.withoutRowid = withoutRowid;

    // The rowid column (or INTEGER PRIMARY KEY DESC) comes first.
    if (pk.kind === 'rowid' || pk.kind === 'integer-desc') {
      const id = claim(COLUMN_NAMES, pk.name, b.taken);
      const parts: string[] = [typeCase('INTEGER', at(['upper', 'lower', 'title'], pk.name))];
      let rowid = false;
      if (pk.kind === 'integer-desc') {
        parts.push(K('PRIMARY KEY DESC'));
      } else if (pk.form === 'inline') {
        const direction = pk.direction === ' DESC' ? '' : pk.direction; // inline DESC is the other variant
        parts.push(`${constraintName(b, rt.pkName)}${K(`PRIMARY KEY${direction}${pk.autoincrement && !withoutRowid ? ' AUTOINCREMENT' : ''}`)}`);
        rowid = !withoutRowid;
      } else {
        const direction = workarounds.noDescTablePkOnRowid && pk.direction === ' DESC' ? '' : pk.direction;
        b.constraints.push(`${constraintName(b, rt.pkName)}${K('PRIMARY KEY')} (${sqliteIdent(id, rt.quote)}${K(direction)})`);
        rowid = !withoutRowid;
      }
      b.spec.columns.push({ name: id, declared: 'INTEGER', family: 'int', pgType: 'bigint', notNull: false, rowid, defaultSql: null, collate: null });
      b.columnDefs.push({ name: id, parts, order: 0 });
      b.spec.primaryKey = [id];
    }

    for (const rc of rt.columns) {
      const cname = claim(COLUMN_NAMES, rc.name, b.taken);
      const type = at(TYPES, rc.type);
      const declared = type.sql?.replace('{n}', String(rc.n)).replace('{p}', String(rc.p)).replace('{s}', String(rc.s)) ?? null;
      const pgType = type.pg.replace('{p}', String(rc.p)).replace('{s}', String(rc.s));
      const column: ColumnSpec = {
        name: cname,
        declared,
        family: type.family,
        pgType,
        notNull: rc.notNull,
        rowid: false,
        defaultSql: null,
        collate: rc.collate,
      };
      if (rc.collate === 'NOCASE' && type.family === 'text') column.pgType = 'citext';
      const parts: string[] = [];
      if (declared) parts.push(typeCase(declared, rc.typeCase));
      const constraints: string[] = [];
      if (rc.notNull) constraints.push(`${constraintName(b, rc.constraintName)}${K('NOT NULL')}`);
      else if (rc.explicitNull) constraints.push(K('NULL'));
      if (rc.unique) {
        constraints.push(`${constraintName(b, rc.constraintName === null ? null : rc.constraintName + 1)}${K('UNIQUE')}`);
        b.spec.uniques.push([cname]);
        b.keys.push({ columns: [cname], primary: false });
      }
      if (rc.defaultValue !== null || rc.defaultNull) {
        column.defaultSql = rc.defaultNull ? 'NULL' : at(DEFAULTS[type.family], rc.defaultValue ?? 0);
        constraints.push(`${K('DEFAULT')} ${K(column.defaultSql)}`);
      }
      if (rc.check !== null) {
        const predicate = K(at(predicates(type.family), rc.check)).replace(/\$/g, () => sqliteIdent(cname, at(['bare', 'double', 'bracket', 'backtick'] as const, rc.check ?? 0), (rc.check ?? 0) % 3 === 0));
        constraints.push(`${constraintName(b, rc.constraintName === null ? null : rc.constraintName + 2)}${K('CHECK')} (${predicate})`);
      }
      if (rc.collate) constraints.push(`${K('COLLATE')} ${typeCase(rc.collate, rc.typeCase)}`);
      const perm = permutation(constraints.length, rc.order);
      parts.push(...perm.map((i) => constraints[i] as string));
      // A comment after the type, or on the line before the column.
      const comment = rc.comment === null ? null : at(COMMENTS, rc.comment);
      if (comment && comment.startsWith('/*') && parts.length > 0) parts.splice(1, 0, comment);
      b.spec.columns.push(column);
      b.columnDefs.push({ name: cname, parts, order: rc.order, ...(comment?.startsWith('--') ? { before: comment } : {}) });
    }

    // Primary key on the generated columns.
    const own = b.spec.columns.filter((c) => !c.rowid && !(pk.kind === 'integer-desc' && c === b.spec.columns[0]));
    if (pk.kind === 'inline' && own.length > 0) {
      const column = at(own, pk.column);
      const def = b.columnDefs.find((d) => d.name === column.name);
      def?.parts.push(`${constraintName(b, rt.pkName)}${K(`PRIMARY KEY${pk.direction}`)}`);
      column.rowid = !withoutRowid && column.declared?.toUpperCase() === 'INTEGER' && pk.direction !== ' DESC';
      b.spec.primaryKey = [column.name];
    } else if (pk.kind === 'table' && own.length > 0) {
      const names = [...new Set(pk.columns.map((i) => at(own, i).name))];
      const directions = names.map((_, i) => at(pk.directions, i));
      const single = names.length === 1 ? own.find((c) => c.name === names[0]) : undefined;
      const integer = single?.declared?.toUpperCase() === 'INTEGER';
      if (integer && workarounds.noDescTablePkOnRowid) directions[0] = directions[0] === ' DESC' ? '' : (directions[0] ?? '');
      b.constraints.push(
        `${constraintName(b, rt.pkName)}${K('PRIMARY KEY')} (${names.map((n, i) => `${sqliteIdent(n, rt.quote, i % 2 === 1)}${K(directions[i] ?? '')}`).join(', ')})`,
      );
      if (single && integer && !withoutRowid) single.rowid = true;
      b.spec.primaryKey = names;
    } else if (pk.kind === 'inline' || pk.kind === 'table') {
      b.spec.withoutRowid = false;
    }
    if (b.spec.primaryKey === null) b.spec.withoutRowid = false;
    if (b.spec.primaryKey) b.keys.unshift({ columns: b.spec.primaryKey, primary: true });

    // Table-level UNIQUE and CHECK.
    for (const u of rt.uniques) {
      if (own.length === 0) break;
      const names = [...new Set(u.columns.map((i) => at(own, i).name))];
      b.constraints.push(`${constraintName(b, u.name)}${K('UNIQUE')} (${names.map((n, i) => sqliteIdent(n, rt.quote, i === 1)).join(', ')})`);
      b.spec.uniques.push(names);
      b.keys.push({ columns: names, primary: false });
    }
    for (const ch of rt.checks) {
      const all = b.spec.columns;
      const one = (ci: number, pi: number) => {
        const c = at(all, ci);
        return `(${K(at(predicates(c.family), pi)).replace(/\$/g, () => sqliteIdent(c.name, at(['bare', 'double', 'bracket', 'backtick'] as const, pi), pi % 2 === 0))})`;
      };
      const expr = ch.op ? `${one(ch.a, ch.pa)} ${K(ch.op)} ${one(ch.b, ch.pb)}` : one(ch.a, ch.pa);
      b.constraints.push(`${constraintName(b, ch.name)}${K('CHECK')} (${expr})`);
    }
    tables.push(b);
  }

  // 2. Indexes (unique ones may become foreign key targets).
  const indexes: (IndexSpec & { sql: string; atEnd: boolean; tableIndex: number; repeat: boolean })[] = [];
  for (const ri of raw.indexes) {
    const tableIndex = ri.table % tables.length;
    const b = tables[tableIndex] as Building;
    const columns = b.spec.columns;
    const seen = new Set<string>();
    const keys: IndexSpec['keys'] = [];
    const keyText: string[] = [];
    for (const k of ri.keys) {
      const c = at(columns, k.column);
      if (seen.has(c.name)) continue;
      seen.add(c.name);
      const nocase = k.nocase && c.family === 'text';
      keys.push({ column: c.name, desc: k.direction === ' DESC', nocase });
      keyText.push(`${sqliteIdent(c.name, ri.quote, k.otherCase)}${K(`${nocase ? ' COLLATE NOCASE' : ''}${k.direction}`)}`);
    }
    const implicit = ri.implicitName && !workarounds.noImplicitIndexNames;
    const firstKey = keys[0]?.column ?? 'x';
    const name = implicit
      ? claim(b.spec.primaryKey && ri.name % 2 === 0 ? `${b.spec.name}_pkey` : `${b.spec.name}_${firstKey}_key`, 0, relations)
      : claim(INDEX_NAMES, ri.name, relations);
    let where = '';
    if (ri.where) {
      const c = at(columns, ri.where.column);
      const usable = predicates(c.family).filter((p) => !(workarounds.noJsonValidInIndexWhere && p.includes('json_valid')));
      where = ` ${K('WHERE')} ${K(at(usable, ri.where.predicate)).replace(/\$/g, () => sqliteIdent(c.name, ri.quote, ri.where?.predicate === 1))}`;
    }
    const repeat =
      ri.repeat && !(workarounds.repeatedIndexesNotConstraintNames && CONSTRAINT_NAMES.some((c) => name.toLowerCase().startsWith(c.toLowerCase())));
    const ifNotExists = ri.ifNotExists || repeat;
    const head = K(`CREATE ${ri.unique ? 'UNIQUE ' : ''}INDEX ${ifNotExists ? 'IF NOT EXISTS ' : ''}`);
    // SQLite takes the schema on the index name, not on the table.
    const indexName = `${ri.qualified ? `${K('main')}.` : ''}${sqliteIdent(name, ri.quote)}`;
    const sql = `${head}${indexName} ${K('ON')} ${sqliteIdent(b.spec.name, b.quote, ri.name % 3 === 0)} (${keyText.join(', ')})${where};`;
    indexes.push({ name, table: b.spec.name, unique: ri.unique, partial: where !== '', keys, sql, atEnd: ri.atEnd, tableIndex, repeat });
    if (ri.unique && !where && keys.every((k) => !k.nocase)) {
      b.keys.push({ columns: keys.map((k) => k.column), primary: false, index: { placedAfterTable: !ri.atEnd } });
    }
  }

  // 3. Foreign keys: new columns typed like the target key.
  tables.forEach((b, j) => {
    for (const rf of b.raw.foreignKeys) {
      const i = rf.target % tables.length;
      const target = tables[i] as Building;
      const usable = target.keys.filter(
        (k) => !k.index || !workarounds.uniqueIndexTargetsBackwardOnly || (k.index.placedAfterTable && i < j),
      );
      if (usable.length === 0) continue;
      const key = at(usable, rf.key);
      const order = rf.permute ? permutation(key.columns.length, rf.key) : key.columns.map((_, n) => n);
      const refColumns = order.map((n) => key.columns[n] as string);
      const implicit = rf.implicit && key.primary && !rf.permute;
      const fkColumns: string[] = [];
      refColumns.forEach((rc, n) => {
        const targetColumn = target.spec.columns.find((c) => c.name === rc) as ColumnSpec;
        const name = claim(COLUMN_NAMES, rf.name + n, b.taken);
        // Any spelling of the same family: PostgreSQL needs comparable types on both sides.
        const type = at(TYPES.filter((t) => t.family === targetColumn.family), rf.spelling + n);
        const fill = (text: string) => text.replace('{n}', '20').replace('{p}', '10').replace('{s}', '2');
        const declared = type.sql === null ? null : fill(type.sql);
        const nocase = targetColumn.pgType === 'citext' && (workarounds.fkCopiesNocase || rf.collate);
        const column: ColumnSpec = {
          name,
          declared,
          family: targetColumn.family,
          // A text column referencing a citext key becomes citext too (SP117), collated or not.
          pgType: targetColumn.pgType === 'citext' ? 'citext' : fill(type.pg),
          notNull: rf.notNull,
          rowid: false,
          defaultSql: null,
          collate: nocase ? 'NOCASE' : null,
        };
        b.spec.columns.push(column);
        const parts = [declared ?? '', rf.notNull ? K('NOT NULL') : '', nocase ? K('COLLATE NOCASE') : ''].filter(Boolean);
        b.columnDefs.push({ name, parts, order: 0 });
        fkColumns.push(name);
      });
      const targetRef = sqliteIdent(target.spec.name, rf.quote, rf.otherCase);
      const refList = implicit ? '' : ` (${refColumns.map((c, n) => sqliteIdent(c, rf.quote, rf.otherCase && n % 2 === 0)).join(', ')})`;
      const clause = `${constraintName(b, rf.constraintName)}${K('REFERENCES')} ${targetRef}${refList}${K(at(FK_ACTIONS, rf.action))}`;
      if (rf.inline && fkColumns.length === 1) {
        b.columnDefs[b.columnDefs.length - 1]?.parts.push(clause);
      } else {
        const cut = clause.indexOf(K('REFERENCES'));
        const [prefix, rest] = [clause.slice(0, cut), clause.slice(cut)];
        b.constraints.push(`${prefix}${K('FOREIGN KEY')} (${fkColumns.map((c) => sqliteIdent(c, b.quote)).join(', ')}) ${rest}`);
      }
      b.spec.foreignKeys.push({ columns: fkColumns, table: target.spec.name, refColumns: implicit ? (target.spec.primaryKey ?? []) : refColumns });
    }
  });

  // 4. Render.
  const out: string[] = [];
  const repeated: string[] = [];
  tables.forEach((b, j) => {
    const lines = b.columnDefs.map(
      (d) => `${d.before ? `  ${d.before}\n` : ''}  ${sqliteIdent(d.name, b.quote)}${d.parts.length ? ` ${d.parts.join(' ')}` : ''}`,
    );
    const constraints = permutation(b.constraints.length, b.raw.order).map((i) => `  ${b.constraints[i]}`);
    const ifNotExists = b.raw.ifNotExists || b.raw.repeat;
    const name = `${b.raw.qualified ? `${K('main')}.` : ''}${sqliteIdent(b.spec.name, b.quote)}`;
    const head = `${K(`CREATE TABLE ${ifNotExists ? 'IF NOT EXISTS ' : ''}`)}${name}`;
    const comment = b.raw.comment === null ? '' : `${at(COMMENTS, b.raw.comment)}\n`;
    const render = (columns: string[]) =>
      `${comment}${head} (\n${[...columns, ...constraints].join(',\n')}\n)${b.spec.withoutRowid ? K(' WITHOUT ROWID') : ''};`;
    out.push(render(lines));
    // Idempotent scripts run a CREATE … IF NOT EXISTS again: SQLite keeps the first.
    if (b.raw.repeat) {
      const extra = `  ${sqliteIdent(claim(COLUMN_NAMES, b.raw.name, new Set(b.taken)), 'double')} TEXT`;
      repeated.push(render(workarounds.repeatedTablesIdentical ? lines : [...lines, extra]));
    }
    for (const ix of indexes) if (ix.tableIndex === j && !ix.atEnd) out.push(ix.sql);
  });
  for (const ix of indexes) if (ix.atEnd) out.push(ix.sql);
  for (const ix of indexes) if (ix.repeat) repeated.push(ix.sql);
  out.push(...repeated);

  return {
    sql: `${out.join('\n')}\n`,
    tables: tables.map((b) => b.spec),
    indexes: indexes.map(({ name, table, unique, partial, keys }) => ({ name, table, unique, partial, keys })),
  };
}

/** Schemas as fast-check values; a counterexample prints as its SQL. */
export function sqliteSchema(workarounds: Workarounds = ALL_WORKAROUNDS): fc.Arbitrary<SchemaSpec> {
  return rawSchema.map((raw) => {
    const spec = buildSchema(raw, workarounds);
    Object.defineProperty(spec, fc.toStringMethod, { value: () => `\n${spec.sql}`, enumerable: false });
    return spec;
  });
}

// ---------------------------------------------------------------------------
// Expected catalogs
// ---------------------------------------------------------------------------

/**
 * The catalog `engine` must show for `spec`, as ./catalog.ts and ./sqlite.ts
 * read it. PostgreSQL: NOT NULL on every primary key column, an identity for
 * the rowid, an expression key for
 * COLLATE NOCASE on a column that is not citext.
 */
export function expectedCatalog(spec: SchemaSpec, engine: 'sqlite' | 'postgres'): Catalog {
  const pg = engine === 'postgres';
  return normalizeCatalog({
    tables: spec.tables.map((t): CatalogTable => {
      const inKey = new Set(t.primaryKey ?? []);
      return {
        name: t.name,
        columns: t.columns.map((c) => ({
          name: c.name,
          type: pg ? c.pgType : (c.declared ?? '').toUpperCase(),
          notNull: c.notNull || (pg && inKey.has(c.name)) || (!pg && t.withoutRowid && inKey.has(c.name)),
          identity: c.rowid,
          hasDefault: c.defaultSql !== null && c.defaultSql !== 'NULL' && !(pg && c.rowid),
        })),
        primaryKey: t.primaryKey,
        uniques: distinctUniques(t.uniques, t.primaryKey),
        foreignKeys: t.foreignKeys.map((f) => ({ columns: f.columns, table: f.table, refColumns: f.refColumns })),
        indexes: spec.indexes
          .filter((ix) => ix.table === t.name)
          .map((ix) => ({
            name: ix.name,
            unique: ix.unique,
            partial: ix.partial,
            keys: ix.keys.map((k) => {
              const column = t.columns.find((c) => c.name === k.column);
              return pg && k.nocase && column?.pgType !== 'citext' ? null : k.column;
            }),
            descending: ix.keys.map((k) => k.desc),
          })),
      };
    }),
  });
}
