/**
 * One table's rows: source row → the parameters of an INSERT into the
 * PostgreSQL table the compiler made of it.
 */
import type { DiagnosticCode } from '../diagnostics/codes.js';
import { quoteIdent, quoteQualified } from '../emit/postgres/quote.js';
import type { Column, Dialect, Table } from '../model/schema.js';
import type { PgColumn, PgTable } from '../passes/postgres-model.js';
import { convertValue, type ConvertColumn, type PgText } from './convert-value.js';

/** Converts source rows of one table to parameters of a prepared INSERT into its PostgreSQL table. */
export interface RowConverter {
  /** The PostgreSQL table, quoted and qualified. */
  table: string;
  /** PostgreSQL columns the rows fill (generated columns excluded), unquoted. */
  columns: string[];
  /** The source column of each, as declared. */
  sourceColumns: string[];
  /** The conversion of each column. */
  targets: ConvertColumn[];
  /**
   * Converts a row, given as an object keyed by source column name (matched
   * case-insensitively, as SQLite and DuckDB names are) or as an array in
   * `sourceColumns` order. Throws ConversionError.
   */
  convert(row: Readonly<Record<string, unknown>> | readonly unknown[]): PgText[];
  /** `INSERT INTO t (a, b) VALUES ($1, $2)` */
  insertSql: string;
}

/** The diagnostic that announced that `column` may hold values of another type than declared. */
function looseTypeCode(dialect: Dialect, table: Table, column: Column): DiagnosticCode | null {
  if (dialect !== 'sqlite') return null;
  if (column.type.kind === 'any') return 'SP108';
  if (column.declaredType === null) return 'SP102';
  return table.strict ? null : 'SP115';
}

/** The conversion target of one column. */
export function convertColumn(pg: PgColumn, source: Column | undefined, table: Table | undefined, dialect: Dialect = 'sqlite'): ConvertColumn {
  return {
    name: pg.name,
    type: pg.type,
    valueType: pg.valueType,
    dialect,
    ...(source ? { source: source.type } : {}),
    looseTypeCode: source && table ? looseTypeCode(dialect, table, source) : null,
  };
}

/** Options of `rowConverter`. */
export interface RowConverterOptions {
  dialect?: Dialect;
  /** Date/time columns read integers beyond Unix seconds as Unix milliseconds (see ConvertColumn). */
  unixMilliseconds?: boolean;
}

/** The row converter of one table, by the type decisions of its translation (`pgTable` from `translate().postgres`, `sourceTable` from `translate().model`). */
export function rowConverter(pgTable: PgTable, sourceTable: Table, options: RowConverterOptions = {}): RowConverter {
  const dialect = options.dialect ?? 'sqlite';
  const byName = new Map(sourceTable.columns.map((c) => [c.name.toLowerCase(), c]));
  const columns = pgTable.columns.filter((c) => c.generated === null);
  const sources = columns.map((c) => byName.get(c.sourceName.toLowerCase()));
  const targets = columns.map((c, i) => ({
    ...convertColumn(c, sources[i], sourceTable, dialect),
    ...(options.unixMilliseconds ? { unixMilliseconds: true } : {}),
  }));
  const sourceColumns = columns.map((c, i) => sources[i]?.name ?? c.sourceName);
  const lowerNames = sourceColumns.map((n) => n.toLowerCase());
  return {
    table: quoteQualified(pgTable.schema, pgTable.name),
    columns: columns.map((c) => c.name),
    sourceColumns,
    targets,
    convert(row) {
      if (Array.isArray(row)) return targets.map((t, i) => convertValue(row[i], t));
      const record = row as Readonly<Record<string, unknown>>;
      let lowered: Map<string, unknown> | null = null;
      return targets.map((t, i) => {
        const name = sourceColumns[i] as string;
        if (Object.hasOwn(record, name)) return convertValue(record[name], t);
        lowered ??= new Map(Object.entries(record).map(([k, v]) => [k.toLowerCase(), v]));
        return convertValue(lowered.get(lowerNames[i] as string), t);
      });
    },
    insertSql: `INSERT INTO ${quoteQualified(pgTable.schema, pgTable.name)} (${columns.map((c) => quoteIdent(c.name)).join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
  };
}
