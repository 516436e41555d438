/** Generated SQLite database files for the copy tests (sql.js exports them). */
import { writeFileSync } from 'node:fs';
import initSqlJs from 'sql.js';

/** Runs `script` in a fresh SQLite database and writes it to `file`. */
export async function writeSqliteFile(file: string, script: string, rows?: (db: { run(sql: string, params?: unknown[]): void }) => void): Promise<void> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.exec(script);
  if (rows) {
    db.exec('BEGIN');
    rows({ run: (sql, params) => void db.run(sql, params as never) });
    db.exec('COMMIT');
  }
  writeFileSync(file, db.export());
  db.close();
}
