/**
 * A real SQLite engine for tests: sql.js (SQLite compiled to WASM, no FTS5).
 * The module is loaded once per process; every `openSqlite()` is a fresh
 * in-memory database. `readSqliteCatalog` reads what SQLite made of a schema
 * in the same shape as `readPgCatalog` (./catalog.ts), so a test can check a
 * generated schema against the engine it claims to be valid for.
 */
import initSqlJs, { type Database, type SqlJsStatic, type SqlValue } from 'sql.js';
import { normalizeCatalog, distinctUniques, type Catalog, type CatalogTable } from './catalog.js';

let engine: Promise<SqlJsStatic> | undefined;

function load(): Promise<SqlJsStatic> {
  engine ??= initSqlJs();
  return engine;
}

export type SqliteRow = Record<string, SqlValue>;

export class SqliteDb {
  constructor(readonly raw: Database) {}

  /** Runs a (multi-statement) script; throws SQLite's error message. */
  exec(sql: string): void {
    this.raw.exec(sql);
  }

  query<R extends SqliteRow = SqliteRow>(sql: string, params: SqlValue[] = []): R[] {
    const statement = this.raw.prepare(sql);
    try {
      statement.bind(params);
      const rows: R[] = [];
      while (statement.step()) rows.push(statement.getAsObject() as R);
      return rows;
    } finally {
      statement.free();
    }
  }

  close(): void {
    this.raw.close();
  }
}

/** A fresh in-memory SQLite database with foreign keys enforced. */
export async function openSqlite(): Promise<SqliteDb> {
  const SQL = await load();
  const db = new SqliteDb(new SQL.Database());
  db.exec('PRAGMA foreign_keys = ON');
  return db;
}

/** Runs `fn` on a fresh database and closes it afterwards. */
export async function withSqlite<T>(fn: (db: SqliteDb) => T | Promise<T>): Promise<T> {
  const db = await openSqlite();
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

/** The SQLite version sql.js runs, e.g. '3.54.1'. */
export async function sqliteVersion(): Promise<string> {
  return withSqlite((db) => String(db.query<{ v: string }>('SELECT sqlite_version() AS v')[0]?.v));
}

/**
 * Foreign keys SQLite cannot use ("foreign key mismatch": the parent key is
 * neither the primary key nor a unique index with the column's collation).
 * SQLite accepts them at CREATE TABLE and fails only when they are used;
 * PRAGMA foreign_key_check finds them up front. Returns the error, or null.
 */
export function foreignKeyMismatch(db: SqliteDb): string | null {
  try {
    db.query('PRAGMA foreign_key_check');
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * What SQLite made of the schema, in the catalog shape of ./catalog.ts:
 * `identity` is the rowid alias, `type` the declared type (upper-cased),
 * foreign keys are resolved to the declared spelling of the parent table and
 * its key columns (SQLite keeps them as written in REFERENCES).
 */
export function readSqliteCatalog(db: SqliteDb): Catalog {
  const tables = db.query<{ name: string; wr: number }>(
    "SELECT name, wr FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
  );
  const declared = new Map(tables.map((t) => [t.name.toLowerCase(), t.name]));
  const info = new Map(
    tables.map((t) => [
      t.name.toLowerCase(),
      db.query<{ name: string; type: string; notnull: number; dflt_value: string | null; pk: number }>(
        'SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid',
        [t.name],
      ),
    ]),
  );
  const columnIn = (table: string, column: string): string =>
    info.get(table.toLowerCase())?.find((c) => c.name.toLowerCase() === column.toLowerCase())?.name ?? column;
  const primaryKeyOf = (table: string): string[] | null => {
    const pk = (info.get(table.toLowerCase()) ?? []).filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
    return pk.length ? pk.map((c) => c.name) : null;
  };

  return normalizeCatalog({
    tables: tables.map((t): CatalogTable => {
      const columns = info.get(t.name.toLowerCase()) ?? [];
      const primaryKey = primaryKeyOf(t.name);
      const indexList = db.query<{ name: string; unique: number; origin: string; partial: number }>(
        'SELECT name, "unique", origin, partial FROM pragma_index_list(?)',
        [t.name],
      );
      const keysOf = (index: string) =>
        db.query<{ name: string | null; desc: number }>(
          'SELECT name, "desc" FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno',
          [index],
        );
      // The rowid alias has no index of its own; any other primary key has one (origin 'pk').
      const rowidAlias = t.wr === 0 && primaryKey?.length === 1 && !indexList.some((i) => i.origin === 'pk');
      const fkRows = db.query<{ id: number; seq: number; table: string; from: string; to: string | null }>(
        'SELECT id, seq, "table", "from", "to" FROM pragma_foreign_key_list(?) ORDER BY id, seq',
        [t.name],
      );
      const fkIds = [...new Set(fkRows.map((r) => r.id))];
      return {
        name: t.name,
        columns: columns.map((c) => ({
          name: c.name,
          type: c.type.toUpperCase(),
          notNull: c.notnull === 1,
          identity: rowidAlias && c.pk === 1,
          hasDefault: c.dflt_value !== null && c.dflt_value.toUpperCase() !== 'NULL',
        })),
        primaryKey,
        uniques: distinctUniques(
          indexList.filter((i) => i.origin === 'u').map((i) => keysOf(i.name).map((k) => String(k.name))),
          primaryKey,
        ),
        foreignKeys: fkIds.map((id) => {
          const parts = fkRows.filter((r) => r.id === id);
          const parent = declared.get(String(parts[0]?.table).toLowerCase()) ?? String(parts[0]?.table);
          const implicit = parts.some((p) => p.to === null);
          return {
            columns: parts.map((p) => columnIn(t.name, p.from)),
            table: parent,
            refColumns: implicit ? (primaryKeyOf(parent) ?? []) : parts.map((p) => columnIn(parent, String(p.to))),
          };
        }),
        indexes: indexList
          .filter((i) => i.origin === 'c')
          .map((i) => {
            const keys = keysOf(i.name);
            return {
              name: i.name,
              unique: i.unique === 1,
              partial: i.partial === 1,
              keys: keys.map((k) => k.name),
              descending: keys.map((k) => k.desc === 1),
            };
          }),
      };
    }),
  });
}
