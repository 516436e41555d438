/**
 * What waits for the rows: foreign keys (also those the CREATE TABLE
 * statements declared inline) are taken off the loaded tables before the
 * load and put back after it, with indexes, views and the rest; sequences
 * and identities are then set past the largest value loaded.
 */
import type { Target } from './target.js';

/** Drops the foreign keys of `tables` and returns the statements that add them back. */
export async function detachForeignKeys(target: Target, tables: readonly string[]): Promise<string[]> {
  if (tables.length === 0) return [];
  const rows = await target.query<{ tbl: string; name: string; def: string }>(
    `SELECT c.conrelid::regclass::text AS tbl, c.conname AS name, pg_get_constraintdef(c.oid) AS def
       FROM pg_constraint c WHERE c.contype = 'f' AND c.conrelid = ANY($1::regclass[]) ORDER BY c.conrelid, c.conname`,
    [tables],
  );
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
  for (const r of rows) await target.query(`ALTER TABLE ${r.tbl} DROP CONSTRAINT ${quote(r.name)}`);
  return rows.map((r) => `ALTER TABLE ${r.tbl} ADD CONSTRAINT ${quote(r.name)} ${r.def};`);
}

/**
 * Sets every sequence a column of `tables` draws from (identity, serial or a
 * DEFAULT nextval(…)) so that the next value is the largest loaded + 1.
 * Returns the sequences set.
 */
export async function resetSequences(target: Target, tables: readonly string[]): Promise<string[]> {
  if (tables.length === 0) return [];
  const rows = await target.query<{ seq: string; tbl: string; col: string }>(
    `SELECT DISTINCT s.oid::regclass::text AS seq, t.oid::regclass::text AS tbl, quote_ident(a.attname) AS col
       FROM pg_depend d
       JOIN pg_attrdef ad ON d.classid = 'pg_attrdef'::regclass AND ad.oid = d.objid
       JOIN pg_class s ON s.oid = d.refobjid AND s.relkind = 'S'
       JOIN pg_class t ON t.oid = ad.adrelid
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ad.adnum
      WHERE t.oid = ANY($1::regclass[])
     UNION
     SELECT s.oid::regclass::text, t.oid::regclass::text, quote_ident(a.attname)
       FROM pg_depend d
       JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
       JOIN pg_class t ON t.oid = d.refobjid
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
      WHERE d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') AND t.oid = ANY($1::regclass[])
      ORDER BY 1, 2, 3`,
    [tables],
  );
  const bySequence = new Map<string, string[]>();
  for (const r of rows) bySequence.set(r.seq, [...(bySequence.get(r.seq) ?? []), `SELECT max(${r.col})::numeric AS m FROM ${r.tbl}`]);
  for (const [seq, maxes] of bySequence) {
    const m = (await target.query<{ m: string | null }>(`SELECT max(m) AS m FROM (${maxes.join(' UNION ALL ')}) x`))[0]?.m ?? null;
    if (m === null) continue;
    await target.query(`SELECT setval($1::regclass, GREATEST($2::numeric + 1, (SELECT min_value FROM pg_sequences WHERE (quote_ident(schemaname) || '.' || quote_ident(sequencename))::regclass = $1::regclass))::bigint, false)`, [seq, m]);
  }
  return [...bySequence.keys()];
}
