/**
 * A SQLite database file as a copy source, through sql.js (SQLite in WASM).
 *
 * The file is read into memory and opened from there: the source is never
 * written to, by construction (no lock, no journal, no WAL checkpoint). A
 * database in WAL mode whose -wal file still holds changes is refused: those
 * rows are not in the main file yet.
 *
 * Values come as SQLite stores them: integers as bigint (exact to 64 bits),
 * reals as numbers, blobs as bytes. Text is read as its bytes and decoded
 * strictly, so a NUL character stays in the string (and is rejected by the
 * conversion) and invalid UTF-8 arrives as `InvalidUtf8` instead of being
 * replaced silently.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { InvalidUtf8, quoteSourceIdent, quoteSourceTable, type CopySource, type SourceTableName } from './source.js';

interface SqlJsStatement {
  step(): boolean;
  get(params: null, config: { useBigInt: boolean }): unknown[];
  getBlob(index: number): Uint8Array;
  free(): void;
}
interface SqlJsDatabase {
  prepare(sql: string): SqlJsStatement;
  close(): void;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Catalog rows of the user's objects: tables, indexes, views and triggers, in creation order. */
const SCHEMA_QUERY = `SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid`;

export async function openSqliteSource(file: string): Promise<CopySource> {
  const bytes = readFileSync(file);
  if (bytes.length < 100 || bytes.subarray(0, 16).toString('latin1') !== 'SQLite format 3\0') throw new Error(`${file} is not a SQLite database`);
  const wal = `${file}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) {
    throw new Error(`${file} has uncommitted WAL changes in ${wal}; checkpoint it first (sqlite3 ${file} "PRAGMA wal_checkpoint(TRUNCATE)") or close the application using it`);
  }
  // A WAL-mode file (read/write versions 2) is read like a rollback-journal one: the copy in memory has no WAL.
  if (bytes[18] === 2) bytes[18] = 1;
  if (bytes[19] === 2) bytes[19] = 1;
  const initSqlJs = (await import('sql.js')).default;
  const SQL = await initSqlJs();
  const db = new SQL.Database(bytes) as unknown as SqlJsDatabase;

  function query(sql: string): unknown[][] {
    const statement = db.prepare(sql);
    try {
      const rows: unknown[][] = [];
      while (statement.step()) rows.push(statement.get(null, { useBigInt: true }));
      return rows;
    } finally {
      statement.free();
    }
  }
  const version = String(query('SELECT sqlite_version()')[0]?.[0]);

  return {
    dialect: 'sqlite',
    description: `${file} (SQLite ${version}, read into memory)`,
    async schemaSql() {
      return query(SCHEMA_QUERY)
        .map((r) => `${String(r[0]).trim()};\n`)
        .join('\n');
    },
    async count(table) {
      return Number(query(`SELECT count(*) FROM ${quoteSourceTable(table)}`)[0]?.[0] ?? 0);
    },
    async *rows(table: SourceTableName, columns: readonly string[], batchSize: number) {
      let statement: SqlJsStatement;
      try {
        statement = db.prepare(`SELECT ${columns.map(quoteSourceIdent).join(', ')} FROM ${quoteSourceTable(table)}`);
      } catch (error) {
        // e.g. an FTS5 table: sql.js is built without FTS5.
        throw new Error(`cannot read ${table.name} from ${file}: ${(error as Error).message}`, { cause: error });
      }
      try {
        let batch: unknown[][] = [];
        while (statement.step()) {
          const row = statement.get(null, { useBigInt: true });
          for (let i = 0; i < row.length; i++) {
            if (typeof row[i] !== 'string') continue;
            const raw = statement.getBlob(i);
            try {
              row[i] = UTF8.decode(raw);
            } catch {
              row[i] = new InvalidUtf8(raw.slice());
            }
          }
          batch.push(row);
          if (batch.length >= batchSize) {
            yield batch;
            batch = [];
          }
        }
        if (batch.length > 0) yield batch;
      } finally {
        statement.free();
      }
    },
    async dateTimeNumberKinds(table, column) {
      const c = quoteSourceIdent(column);
      const [julian, seconds, milliseconds] = query(
        `SELECT count(*) FILTER (WHERE ${c} >= 0 AND ${c} < 5373484.5),
                count(*) FILTER (WHERE (${c} >= -210866760000 AND ${c} < 0) OR (${c} >= 5373484.5 AND ${c} <= 253402300799)),
                count(*) FILTER (WHERE ${c} > 253402300799 OR ${c} < -210866760000)
           FROM ${quoteSourceTable(table)} WHERE typeof(${c}) IN ('integer', 'real')`,
      )[0] ?? [];
      const kinds = new Set<string>();
      if (Number(julian) > 0) kinds.add('julian-day');
      if (Number(seconds) > 0) kinds.add('unix-seconds');
      if (Number(milliseconds) > 0) kinds.add('unix-milliseconds');
      return kinds;
    },
    async close() {
      db.close();
    },
  };
}
