/**
 * What a schema looks like from the database's own catalog, in one shape for
 * both engines, so a test can compare what it declared (or what the
 * translator's model says) with what PostgreSQL (`readPgCatalog`) and SQLite
 * (`readSqliteCatalog` in ./sqlite.ts) actually created.
 *
 * Everything is restricted to one schema and sorted, so two catalogs compare
 * with `toEqual`. Names are exactly as stored (no case folding).
 */
import type { Db } from './database.js';

export interface CatalogColumn {
  name: string;
  /** PostgreSQL: `format_type()` (e.g. `numeric(10,2)`, `timestamp with time zone`); SQLite: the declared type, upper-cased. */
  type: string;
  notNull: boolean;
  /** PostgreSQL: an identity column; SQLite: the rowid alias (INTEGER PRIMARY KEY). */
  identity: boolean;
  /** Has a default other than NULL (an identity has none). */
  hasDefault: boolean;
}

export interface CatalogForeignKey {
  columns: string[];
  table: string;
  /** Always resolved: a reference to the primary key lists the key's columns. */
  refColumns: string[];
}

export interface CatalogIndex {
  name: string;
  unique: boolean;
  partial: boolean;
  /** Column names in key order; null for an expression key. */
  keys: (string | null)[];
  descending: boolean[];
}

export interface CatalogTable {
  name: string;
  columns: CatalogColumn[];
  primaryKey: string[] | null;
  /** UNIQUE constraints (not plain unique indexes), each an ordered column list; sorted. */
  uniques: string[][];
  /** Sorted. */
  foreignKeys: CatalogForeignKey[];
  /** Indexes that do not back a PRIMARY KEY or UNIQUE constraint; sorted by name. */
  indexes: CatalogIndex[];
}

export interface Catalog {
  /** Sorted by name. */
  tables: CatalogTable[];
}

const byJson = (a: unknown, b: unknown): number => {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Sorts the parts of a catalog whose order carries no meaning. */
export function normalizeCatalog(catalog: Catalog): Catalog {
  return {
    tables: [...catalog.tables]
      .map((t) => ({
        ...t,
        uniques: [...t.uniques].sort(byJson),
        foreignKeys: [...t.foreignKeys].sort(byJson),
        indexes: [...t.indexes].sort(byName),
      }))
      .sort(byName),
  };
}

/**
 * Unique keys the way both engines keep them: the same ordered column list
 * twice, or once more as the primary key, makes one index, not two.
 */
export function distinctUniques(uniques: string[][], primaryKey: string[] | null): string[][] {
  const seen = new Set<string>(primaryKey ? [JSON.stringify(primaryKey)] : []);
  const out: string[][] = [];
  for (const u of uniques) {
    const key = JSON.stringify(u);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(u);
  }
  return out;
}

/** Table names and their column names, in column order: the part every model must agree on. */
export function tableShapes(catalog: Catalog): { name: string; columns: string[] }[] {
  return catalog.tables.map((t) => ({ name: t.name, columns: t.columns.map((c) => c.name) }));
}

type Row<T> = T & Record<string, unknown>;

/** Reads the catalog of `schema` on PostgreSQL (works inside an open transaction). */
export async function readPgCatalog(db: Db, schema: string): Promise<Catalog> {
  const { rows: tables } = await db.query<Row<{ oid: number; name: string }>>(
    `SELECT c.oid::int AS oid, c.relname AS name
       FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p')`,
    [schema],
  );
  const oids = tables.map((t) => t.oid);
  const { rows: columns } = await db.query<
    Row<{ rel: number; num: number; name: string; type: string; not_null: boolean; identity: boolean; has_default: boolean }>
  >(
    `SELECT a.attrelid::int AS rel, a.attnum::int AS num, a.attname AS name,
            pg_catalog.format_type(a.atttypid, a.atttypmod) AS type,
            a.attnotnull AS not_null, a.attidentity <> '' AS identity,
            -- DEFAULT NULL is stored for a type with a modifier (NULL::numeric): not a default.
            COALESCE(pg_catalog.pg_get_expr(d.adbin, d.adrelid) !~ '^NULL(::[a-z ]+)?$', false) AS has_default
       FROM pg_catalog.pg_attribute a
       LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attrelid, a.attnum`,
    [oids],
  );
  const { rows: constraints } = await db.query<
    Row<{ rel: number; type: string; keys: number[]; ref_rel: number | null; ref_keys: number[] | null }>
  >(
    `SELECT con.conrelid::int AS rel, con.contype::text AS type, con.conkey::int[] AS keys,
            NULLIF(con.confrelid, 0)::int AS ref_rel, con.confkey::int[] AS ref_keys
       FROM pg_catalog.pg_constraint con
      WHERE con.conrelid = ANY($1::oid[]) AND con.contype IN ('p', 'u', 'f')`,
    [oids],
  );
  const { rows: indexes } = await db.query<
    Row<{ rel: number; name: string; unique: boolean; partial: boolean; keys: number[]; options: number[]; nkeys: number }>
  >(
    `SELECT i.indrelid::int AS rel, ic.relname AS name, i.indisunique AS unique, i.indpred IS NOT NULL AS partial,
            i.indkey::int2[]::int[] AS keys, i.indoption::int2[]::int[] AS options, i.indnkeyatts::int AS nkeys
       FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
      WHERE i.indrelid = ANY($1::oid[])
        AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con
                         WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x'))`,
    [oids],
  );

  const tableName = new Map(tables.map((t) => [t.oid, t.name]));
  const attName = new Map<string, string>();
  for (const c of columns) attName.set(`${c.rel}:${c.num}`, c.name);
  const name = (rel: number, num: number): string => {
    const n = attName.get(`${rel}:${num}`);
    if (n === undefined) throw new Error(`catalog: no attribute ${num} in relation ${rel}`);
    return n;
  };

  return normalizeCatalog({
    tables: tables.map((t) => {
      const own = constraints.filter((c) => c.rel === t.oid);
      const pk = own.find((c) => c.type === 'p');
      return {
        name: t.name,
        columns: columns
          .filter((c) => c.rel === t.oid)
          .map((c) => ({ name: c.name, type: c.type, notNull: c.not_null, identity: c.identity, hasDefault: c.has_default })),
        primaryKey: pk ? pk.keys.map((k) => name(t.oid, k)) : null,
        uniques: own.filter((c) => c.type === 'u').map((c) => c.keys.map((k) => name(t.oid, k))),
        foreignKeys: own
          .filter((c) => c.type === 'f')
          .map((c) => {
            const ref = c.ref_rel ?? 0;
            const refTable = tableName.get(ref);
            if (refTable === undefined) throw new Error(`catalog: foreign key of ${t.name} references a relation outside the schema`);
            return {
              columns: c.keys.map((k) => name(t.oid, k)),
              table: refTable,
              refColumns: (c.ref_keys ?? []).map((k) => name(ref, k)),
            };
          }),
        indexes: indexes
          .filter((i) => i.rel === t.oid)
          .map((i) => ({
            name: i.name,
            unique: i.unique,
            partial: i.partial,
            keys: i.keys.slice(0, i.nkeys).map((k) => (k === 0 ? null : name(t.oid, k))),
            // indoption bit 0: DESC.
            descending: i.options.slice(0, i.nkeys).map((o) => (o & 1) === 1),
          })),
      };
    }),
  });
}
