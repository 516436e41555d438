/**
 * A DuckDB database file as a copy source, through @duckdb/node-api (an
 * optional dependency, loaded only here), opened with access_mode READ_ONLY.
 *
 * The schema is rebuilt as DDL from the catalog: user ENUM types
 * (duckdb_types), sequences, tables, views and indexes (their `sql`), in
 * that order. Values come as @duckdb/node-api gives them (DuckDB*Value
 * objects for DECIMAL, timestamps, LIST, STRUCT, …), which the conversion
 * recognises.
 */
import { quoteSourceIdent, quoteSourceTable, type CopySource, type SourceTableName } from './source.js';

type DuckDBModule = typeof import('@duckdb/node-api');

async function loadDuckdb(): Promise<DuckDBModule> {
  try {
    return await import('@duckdb/node-api');
  } catch (error) {
    throw new Error(`reading a DuckDB file needs the optional dependency @duckdb/node-api (npm install @duckdb/node-api@1.5.5-r.5): ${(error as Error).message}`, { cause: error });
  }
}

const quoteLiteral = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * DuckDB prints some views as `CREATE VIEW v AS (SELECT … UNION ALL …);`: the
 * outer parentheses are dropped (when they enclose the whole body) so the
 * compiler reads the view as it reads one written by hand.
 */
export function unwrapViewBody(sql: string): string {
  const m = /^(CREATE\s+(?:OR\s+REPLACE\s+)?VIEW\s+[\s\S]*?\s+AS\s+)\(([\s\S]*)\);?$/i.exec(sql);
  if (!m) return sql;
  const body = m[2] as string;
  let depth = 0;
  let quote: string | null = null;
  for (const ch of body) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) return sql;
  }
  return depth === 0 && quote === null ? `${m[1] as string}${body};` : sql;
}

export async function openDuckdbSource(file: string): Promise<CopySource> {
  const { DuckDBInstance } = await loadDuckdb();
  const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  await connection.run("SET TimeZone = 'UTC'");
  const all = async (sql: string) => (await connection.runAndReadAll(sql)).getRows();
  const version = String((await all('SELECT version()'))[0]?.[0] ?? '?');
  const catalog = `database_name = current_database()`;

  return {
    dialect: 'duckdb',
    description: `${file} (DuckDB ${version}, read-only)`,
    async schemaSql() {
      const parts: string[] = [];
      const enums = await all(`SELECT schema_name, type_name, labels FROM duckdb_types() WHERE ${catalog} AND NOT internal AND logical_type = 'ENUM' ORDER BY type_oid`);
      for (const [schema, name, labels] of enums) {
        const items = (labels as { items: unknown[] } | null)?.items ?? [];
        const qualified = schema && schema !== 'main' ? `${quoteSourceIdent(String(schema))}.${quoteSourceIdent(String(name))}` : quoteSourceIdent(String(name));
        parts.push(`CREATE TYPE ${qualified} AS ENUM (${items.map((l) => quoteLiteral(String(l))).join(', ')});`);
      }
      for (const source of ['duckdb_sequences()', 'duckdb_tables()', 'duckdb_views()', 'duckdb_indexes()']) {
        const internal = source === 'duckdb_tables()' || source === 'duckdb_views()' ? ' AND NOT internal' : '';
        const rows = await all(`SELECT sql FROM ${source} WHERE ${catalog}${internal} AND sql IS NOT NULL`);
        for (const [sql] of rows) parts.push(unwrapViewBody(String(sql).trim()).replace(/;?$/, ';'));
      }
      return parts.map((p) => `${p}\n`).join('\n');
    },
    async count(table) {
      return Number((await all(`SELECT count(*) FROM ${quoteSourceTable(table)}`))[0]?.[0] ?? 0);
    },
    async *rows(table: SourceTableName, columns: readonly string[], batchSize: number) {
      const result = await connection.stream(`SELECT ${columns.map(quoteSourceIdent).join(', ')} FROM ${quoteSourceTable(table)}`);
      let batch: unknown[][] = [];
      for await (const rows of result.yieldRows()) {
        for (const row of rows) batch.push(row);
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    },
    async dateTimeNumberKinds() {
      return new Set<string>();
    },
    async close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
