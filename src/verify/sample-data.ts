/**
 * `verify --sample-data N`: N generated rows per table, to exercise the
 * translated constraints and defaults on PostgreSQL.
 *
 * Tables are filled in the order the script creates them, so a foreign key
 * takes its value from a row already inserted into the referenced table (or
 * NULL when that table has none). The first row of each table gives every
 * column that has a default (or an identity) no value, so that the defaults
 * run; every other second row does the same. Values follow the column's
 * PostgreSQL type (its CHECK IN list when it has one) and differ from row to
 * row, so that UNIQUE keys hold.
 *
 * Each insert runs in a savepoint. A row PostgreSQL rejects is tried again
 * with other values (explicit values, short values, NULLs); a default that
 * fails to evaluate (not a constraint violation) is a finding (SP007); a
 * table that gets no row at all is reported (SP008).
 */
import { quoteIdent, quoteQualified } from '../emit/postgres/quote.js';
import type { PgColumn, PgEnum, PgTable } from '../passes/postgres-model.js';
import { pgError, type PgError, type VerifyConnection } from './connection.js';

export interface SampleTableResult {
  table: PgTable;
  inserted: number;
  /** The first error PostgreSQL raised for the table's rows, if any. */
  firstError: PgError | null;
  /** A default PostgreSQL could not evaluate (not a constraint violation). */
  defaultError: PgError | null;
}

type Row = Record<string, unknown>;

function literal(value: string | null): string {
  return value === null ? 'NULL' : `'${value.replace(/'/g, "''")}'`;
}

function relationKey(schema: string | null, name: string): string {
  return `${(schema ?? '').toLowerCase()}.${name.toLowerCase()}`;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Values by attempt: 0 and 1 the plain form, 2 short and small values. */
function valueFor(c: PgColumn, row: number, column: number, attempt: number, enums: PgEnum[]): string | null {
  if (c.allowedValues && c.allowedValues.length > 0) return c.allowedValues[(row + attempt) % c.allowedValues.length] as string;
  const n = attempt === 1 ? row + 1000 : row;
  const t = c.type;
  if (t.arrayDims > 0) return t.cardinality === null ? '{}' : null;
  switch (c.valueType) {
    case 'integer': {
      let v = BigInt((n + 1) * (column + 1));
      if (t.range) {
        const min = BigInt(t.range.min);
        const max = BigInt(t.range.max);
        const span = max - min + 1n;
        v = min + (((v - min) % span) + span) % span;
      }
      return v.toString();
    }
    case 'numeric': {
      const m = /^numeric\((\d+)(?:,\s*(\d+))?\)$/.exec(t.sql);
      const intDigits = m ? Number(m[1]) - Number(m[2] ?? 0) : 18;
      if (intDigits <= 0) return `0.${pad((n % 9) + 1, 1)}`;
      const limit = 10 ** Math.min(intDigits, 15);
      return String(((n + 1) * (column + 1)) % limit);
    }
    case 'float':
      return String((n + 1) * (column + 1) + 0.5);
    case 'text': {
      const length = /^varchar\((\d+)\)$/.exec(t.sql);
      const short = n.toString(36);
      const text = attempt === 2 ? short : `${c.name}-${n}`;
      return length ? text.slice(-Number(length[1])) : text;
    }
    case 'boolean':
      return n % 2 === 1 ? 'true' : 'false';
    case 'bytea':
      return `\\x${(n % 256).toString(16).padStart(2, '0')}`;
    case 'date':
      return new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10);
    case 'timestamptz':
      return `${new Date(Date.UTC(2024, 0, 1, 0, n)).toISOString().replace('T', ' ').replace('Z', '')}+00`;
    case 'timestamp':
      return new Date(Date.UTC(2024, 0, 1, 0, n)).toISOString().replace('T', ' ').replace('Z', '');
    case 'time':
      return `${pad(Math.floor(n / 60) % 24, 2)}:${pad(n % 60, 2)}:00`;
    case 'json':
      return JSON.stringify({ n });
    case 'uuid':
      return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
    case 'interval':
      return `${n} minutes`;
    default: {
      const e = enums.find((x) => quoteQualified(x.schema, x.name) === t.sql || x.name === t.sql);
      if (e && e.values.length > 0) return e.values[n % e.values.length] as string;
      return null;
    }
  }
}

interface Reference {
  columns: string[];
  target: PgTable;
  targetColumns: string[];
}

function referencesOf(table: PgTable, byKey: Map<string, PgTable>): Reference[] {
  const refs: Reference[] = [];
  for (const fk of table.foreignKeys) {
    const target = byKey.get(fk.target);
    if (!target) continue;
    const m = /^REFERENCES\s+\S+(?:\s+\(([^)]*)\))?/.exec(fk.references);
    const listed = m?.[1]?.split(',').map((s) => s.trim().replace(/^"(.*)"$/, '$1').replace(/""/g, '"')) ?? [];
    const targetColumns = listed.length > 0 ? listed : target.primaryKey;
    if (targetColumns.length !== fk.columns.length) continue;
    refs.push({ columns: fk.columns, target, targetColumns });
  }
  return refs;
}

/** Inserts sample rows into every table; `stop()` ends early (Ctrl-C). Runs inside the caller's transaction. */
export async function insertSampleData(
  conn: VerifyConnection,
  tables: PgTable[],
  enums: PgEnum[],
  rowsPerTable: number,
  stop: () => boolean,
): Promise<SampleTableResult[]> {
  const byKey = new Map(tables.map((t) => [relationKey(t.schema, t.name), t]));
  const inserted = new Map<PgTable, Row[]>();
  const results: SampleTableResult[] = [];
  let savepoint = 0;
  for (const table of tables) {
    if (stop()) break;
    const rows: Row[] = [];
    inserted.set(table, rows);
    const result: SampleTableResult = { table, inserted: 0, firstError: null, defaultError: null };
    results.push(result);
    const refs = referencesOf(table, byKey);
    const refColumns = new Set(refs.flatMap((r) => r.columns));
    const target = quoteQualified(table.schema, table.name);
    for (let i = 0; i < rowsPerTable && !stop(); i++) {
      // An embedded PostgreSQL answers in microtasks: give signal handlers (Ctrl-C) a turn of the event loop.
      if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 0));
      let defaultsFailed: PgError | null = null;
      for (let attempt = 0; attempt < 4; attempt++) {
        const names: string[] = [];
        const values: string[] = [];
        const useDefaults = attempt === 0 && i % 2 === 0;
        let impossible = false;
        table.columns.forEach((c, ci) => {
          if (c.generated || c.identity === 'ALWAYS' || refColumns.has(c.name)) return;
          if (useDefaults && (c.default !== null || c.identity !== null)) return;
          if (c.identity !== null && attempt > 0) return;
          const v = attempt === 3 && !c.notNull ? null : valueFor(c, i, ci, attempt, enums);
          if (v === null && c.notNull && c.default === null) impossible = true;
          if (v === null && c.default !== null) return;
          names.push(quoteIdent(c.name));
          values.push(literal(v));
        });
        for (const ref of refs) {
          const parents = inserted.get(ref.target) ?? [];
          const parent = parents.length > 0 ? parents[(i + attempt) % parents.length] : undefined;
          ref.columns.forEach((col, k) => {
            const c = table.columns.find((x) => x.name === col);
            const v = parent ? parent[ref.targetColumns[k] as string] : null;
            if ((v === null || v === undefined) && c?.notNull) impossible = true;
            names.push(quoteIdent(col));
            values.push(v === null || v === undefined ? 'NULL' : literal(typeof v === 'string' ? v : JSON.stringify(v)));
          });
        }
        if (impossible && attempt < 3) continue;
        const sp = `schema_port_row_${++savepoint}`;
        const body = names.length > 0 ? `(${names.join(', ')}) VALUES (${values.join(', ')})` : 'DEFAULT VALUES';
        try {
          await conn.exec(`SAVEPOINT ${sp}`);
          const returned = await conn.rows<{ r: string | Row }>(`INSERT INTO ${target} AS t ${body} RETURNING row_to_json(t)::text AS r`);
          await conn.exec(`RELEASE SAVEPOINT ${sp}`);
          const r = returned[0]?.r;
          rows.push(typeof r === 'string' ? (JSON.parse(r) as Row) : (r ?? {}));
          result.inserted++;
          // The same row with explicit values went in: the defaults were what PostgreSQL could not evaluate.
          if (defaultsFailed) result.defaultError ??= defaultsFailed;
          break;
        } catch (error) {
          const e = pgError(error);
          if (!e) throw error;
          await conn.exec(`ROLLBACK TO SAVEPOINT ${sp}`);
          result.firstError ??= e;
          // A row of defaults that fails other than on a constraint: maybe a default PostgreSQL cannot evaluate.
          if (useDefaults && !e.code?.startsWith('23')) defaultsFailed = e;
        }
      }
    }
  }
  return results;
}
