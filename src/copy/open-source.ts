/** Opens a database file as a copy source, by what its header says it is (or --from). */
import { openSync, readSync, closeSync } from 'node:fs';
import type { CopySource } from './source.js';

export type SourceKind = 'sqlite' | 'duckdb';

/** SQLite's 16-byte magic, or DuckDB's "DUCK" at offset 8; null for anything else. */
export function detectSourceKind(file: string): SourceKind | null {
  const fd = openSync(file, 'r');
  try {
    const header = Buffer.alloc(16);
    const n = readSync(fd, header, 0, 16, 0);
    if (n >= 16 && header.toString('latin1') === 'SQLite format 3\0') return 'sqlite';
    if (n >= 12 && header.subarray(8, 12).toString('latin1') === 'DUCK') return 'duckdb';
    return null;
  } finally {
    closeSync(fd);
  }
}

export async function openSource(file: string, from: 'auto' | SourceKind = 'auto'): Promise<CopySource> {
  const kind = from === 'auto' ? detectSourceKind(file) : from;
  if (kind === null) throw new Error(`${file} is neither a SQLite nor a DuckDB database file`);
  if (kind === 'sqlite') return (await import('./sqlite-source.js')).openSqliteSource(file);
  return (await import('./duckdb-source.js')).openDuckdbSource(file);
}
