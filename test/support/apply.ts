import type { Db } from './database.js';

export type ApplyOutcome = { ok: true } | { ok: false; message: string; position?: number };

/** Runs a script inside a transaction that is always rolled back: nothing is left behind. */
export async function applyAndRollback(db: Db, sql: string, after?: (db: Db) => Promise<void>): Promise<ApplyOutcome> {
  await db.exec('BEGIN');
  try {
    await db.exec(sql);
    if (after) await after(db);
    return { ok: true };
  } catch (error) {
    const e = error as { message: string; position?: string | number };
    return { ok: false, message: e.message, ...(e.position !== undefined ? { position: Number(e.position) } : {}) };
  } finally {
    await db.exec('ROLLBACK');
  }
}
