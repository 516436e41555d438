/**
 * Random SQLite schemas with constraints (NOT NULL, PRIMARY KEY, UNIQUE,
 * CHECK, foreign keys), and random sequences of inserts drawn from small pools
 * of values per type, so that duplicates, NULLs, CHECK failures and dangling
 * references are common. Values are each type's canonical spelling, so that
 * every difference in acceptance comes from the constraints.
 */
import fc from 'fast-check';
import type { SqliteValue } from '../support/engines.js';
import type { ColumnSpec, TableSpec } from './sqlite-schemas.js';
import type { TypeChoice } from './sqlite-values.js';

export type ConstraintKind = 'int' | 'real' | 'numeric' | 'text' | 'nocase' | 'bool' | 'datetime' | 'date' | 'uuid' | 'blob';

interface KindInfo {
  types: TypeChoice[];
  /** STRICT tables allow this kind. */
  strict: boolean;
  pool: SqliteValue[];
  checks: ((c: string) => string)[];
}

const u = (n: number) => `0000000${n}-1111-4222-8333-44444444444${n}`;

export const KINDS: Record<ConstraintKind, KindInfo> = {
  int: {
    types: [{ kind: 'int', declared: 'INTEGER', bits: 32 }, { kind: 'int', declared: 'INT', bits: 32 }, { kind: 'int', declared: 'BIGINT', bits: 64 }],
    strict: true,
    pool: [-3n, -1n, 0n, 1n, 2n, 3n, 5n, 9007199254740993n],
    checks: [
      (c) => `${c} > 0`,
      (c) => `${c} >= -1`,
      (c) => `${c} BETWEEN -2 AND 3`,
      (c) => `${c} IN (0, 1, 2)`,
      (c) => `${c} <> 3`,
      (c) => `abs(${c}) < 3`,
      (c) => `${c} % 2 = 0`,
      // Division by zero is NULL in SQLite, so the CHECK passes; the translation must not raise.
      (c) => `10 / ${c} > 1`,
      (c) => `7 % ${c} <> 1`,
      (c) => `typeof(${c}) = 'integer'`,
      (c) => `${c} IS NOT NULL`,
    ],
  },
  real: {
    types: [{ kind: 'real', declared: 'REAL' }, { kind: 'real', declared: 'DOUBLE' }],
    strict: true,
    pool: [0, 0.5, -1.5, 2, 1e300, 3.25],
    checks: [(c) => `${c} >= 0`, (c) => `${c} < 100`, (c) => `${c} <> 0.5`, (c) => `${c} * 2 < 7`, (c) => `1 / ${c} < 1`, (c) => `${c} * 1.0 / 2 < 1.2`, (c) => `${c} % 2 = 0`],
  },
  numeric: {
    types: [{ kind: 'numeric', declared: 'NUMERIC' }, { kind: 'numeric', declared: 'DECIMAL' }],
    strict: false,
    pool: [0n, 1n, 2.5, -3n, 10n],
    checks: [(c) => `${c} >= 0`, (c) => `${c} < 5`],
  },
  text: {
    types: [{ kind: 'text', declared: 'TEXT' }, { kind: 'text', declared: 'VARCHAR(10)', length: 10 }],
    strict: true,
    pool: ['', 'a', 'A', 'b', 'ab', 'abc', 'B', 'x y', 'é', 'É', 'Z'],
    checks: [
      (c) => `length(${c}) <= 2`,
      (c) => `${c} <> ''`,
      (c) => `${c} IN ('a', 'b', 'A')`,
      (c) => `${c} LIKE 'a%'`,
      (c) => `${c} GLOB 'a*'`,
      (c) => `upper(${c}) = ${c}`,
      (c) => `${c} = trim(${c})`,
      (c) => `substr(${c}, 1, 1) <> 'x'`,
      (c) => `${c} >= 'b'`,
      (c) => `${c} NOT LIKE '%b%'`,
    ],
  },
  nocase: {
    types: [{ kind: 'text', declared: 'TEXT' }],
    strict: true,
    pool: ['a', 'A', 'b', 'B', 'é', 'É', 'ab', 'AB'],
    checks: [(c) => `${c} <> 'b'`, (c) => `${c} IN ('a', 'ab')`],
  },
  bool: {
    types: [{ kind: 'bool', declared: 'BOOLEAN' }, { kind: 'bool', declared: 'BOOL' }],
    strict: false,
    pool: [0n, 1n],
    checks: [(c) => `${c} IN (0, 1)`, (c) => `${c} = 1 OR ${c} = 0`, (c) => c, (c) => `NOT ${c}`],
  },
  datetime: {
    types: [{ kind: 'datetime', declared: 'DATETIME' }, { kind: 'datetime', declared: 'TIMESTAMP' }],
    strict: false,
    pool: ['2024-01-01 00:00:00', '2024-01-01 10:00:00', '2019-12-31 23:59:59', '2030-06-15 12:00:00'],
    checks: [(c) => `${c} > '2020-01-01'`, (c) => `${c} < '2100-01-01 00:00:00'`, (c) => `${c} IS NULL OR ${c} >= '2024-01-01 05:00:00'`],
  },
  date: {
    types: [{ kind: 'date', declared: 'DATE' }],
    strict: false,
    pool: ['2024-01-01', '1999-12-31', '2000-01-01'],
    checks: [(c) => `${c} >= '2000-01-01'`, (c) => `${c} <> '2024-01-01'`],
  },
  uuid: {
    types: [{ kind: 'uuid', declared: 'UUID' }],
    strict: false,
    pool: [u(1), u(2), u(3)],
    checks: [(c) => `length(${c}) = 36`],
  },
  blob: {
    types: [{ kind: 'blob', declared: 'BLOB' }],
    strict: true,
    pool: [new Uint8Array(), Uint8Array.of(0), Uint8Array.of(1, 2), Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 3, 4)],
    checks: [(c) => `length(${c}) < 3`, (c) => `${c} <> x'00'`],
  },
};

const KIND_NAMES = Object.keys(KINDS) as ConstraintKind[];
/** The only type names a STRICT table accepts (ANY aside). */
const STRICT_TYPES = new Set(['INT', 'INTEGER', 'REAL', 'TEXT', 'BLOB']);

export interface CColumn extends ColumnSpec {
  ckind: ConstraintKind;
  unique: boolean;
  /** Inline PRIMARY KEY on a column that is not the rowid. */
  pk: boolean;
  check: string | null;
  references: { table: string; column: string } | null;
}

export interface CTable extends TableSpec {
  columns: CColumn[];
  withoutRowid: boolean;
}

/** One INSERT: a table and a value per column (null: NULL). */
export interface Insert {
  table: number;
  values: SqliteValue[];
}


const columnDraw = fc.record({
  ckind: fc.constantFrom(...KIND_NAMES),
  type: fc.nat(2),
  notNull: fc.nat(3).map((n) => n === 0),
  unique: fc.nat(3).map((n) => n === 0),
  check: fc.option(fc.nat(20), { nil: null, freq: 2 }),
  fk: fc.option(fc.nat(10), { nil: null, freq: 2 }),
});

const tableDraw = fc.record({
  columns: fc.array(columnDraw, { minLength: 1, maxLength: 4 }),
  /** 0: none, 1: the rowid (INTEGER PRIMARY KEY), 2: inline on the first column, 3: composite of the first two. */
  pk: fc.nat(3),
  strict: fc.nat(4).map((n) => n === 0),
  withoutRowid: fc.nat(5).map((n) => n === 0),
  pairCheck: fc.option(fc.constantFrom('a < b', 'a + b > 0', 'coalesce(a, 0) >= coalesce(b, 0)', 'a / b >= 0', 'a % b = 0'), { nil: null, freq: 4 }),
  compositeUnique: fc.nat(5).map((n) => n === 0),
});

/** Builds valid tables from any draws (so that shrinking keeps them valid). */
type TableDraw = typeof tableDraw extends fc.Arbitrary<infer T> ? T : never;

function buildTables(draws: TableDraw[]): CTable[] {
  const tables: CTable[] = [];
  draws.forEach((d, ti) => {
    const name = `t${ti}`;
    const columns: CColumn[] = [];
    if (d.pk === 1) {
      columns.push({ name: 'id', type: { kind: 'int', declared: 'INTEGER', bits: 32 }, ckind: 'int', rowid: true, notNull: false, extra: '', unique: false, pk: false, check: null, references: null });
    }
    // A key another table can reference: the rowid, an inline PRIMARY KEY or a UNIQUE column of an earlier table.
    const targets = tables.flatMap((t) => t.columns.filter((c) => c.rowid || c.pk || c.unique).map((c) => ({ table: t, column: c })));
    d.columns.forEach((cd, i) => {
      let ckind = cd.ckind;
      let references: CColumn['references'] = null;
      const target = cd.fk !== null && targets.length > 0 ? targets[cd.fk % targets.length] : undefined;
      if (target) {
        ckind = target.column.ckind;
        references = { table: target.table.name, column: target.column.name };
      }
      const info = KINDS[ckind];
      const type = target ? target.column.type : (info.types[cd.type % info.types.length] as TypeChoice);
      const checks = info.checks;
      columns.push({
        name: `c${i}`,
        type,
        ckind,
        rowid: false,
        notNull: cd.notNull,
        extra: '',
        unique: cd.unique,
        pk: d.pk === 2 && i === 0,
        check: cd.check === null ? null : (checks[cd.check % checks.length] as (c: string) => string)(`c${i}`),
        references,
      });
    });
    const strict = d.strict && columns.every((c) => KINDS[c.ckind].strict && STRICT_TYPES.has(c.type.declared ?? ''));
    const hasPk = d.pk === 1 || d.pk === 2 || (d.pk === 3 && d.columns.length >= 2);
    const constraints: string[] = [];
    const plain = columns.filter((c) => !c.rowid);
    if (d.pk === 3 && plain.length >= 2) constraints.push(`PRIMARY KEY (${plain[0]?.name}, ${plain[1]?.name})`);
    if (d.compositeUnique && plain.length >= 2) constraints.push(`UNIQUE (${plain[plain.length - 1]?.name}, ${plain[0]?.name})`);
    const ints = plain.filter((c) => c.ckind === 'int');
    if (d.pairCheck && ints.length >= 2) {
      constraints.push(`CHECK (${d.pairCheck.replace(/\ba\b/g, ints[0]?.name as string).replace(/\bb\b/g, ints[1]?.name as string)})`);
    }
    tables.push({ name, strict, columns, constraints, withoutRowid: d.withoutRowid && hasPk && d.pk !== 1 });
  });
  return tables;
}

export function cColumnDdl(c: CColumn): string {
  const parts = [c.name];
  if (c.type.declared !== null) parts.push(c.type.declared);
  if (c.ckind === 'nocase') parts.push('COLLATE NOCASE');
  if (c.rowid || c.pk) parts.push('PRIMARY KEY');
  if (c.notNull) parts.push('NOT NULL');
  if (c.unique) parts.push('UNIQUE');
  if (c.check) parts.push(`CHECK (${c.check})`);
  if (c.references) parts.push(`REFERENCES ${c.references.table} (${c.references.column})`);
  return parts.join(' ');
}

export function cTableDdl(t: CTable): string {
  const items = [...t.columns.map(cColumnDdl), ...t.constraints];
  const options = [t.withoutRowid ? 'WITHOUT ROWID' : null, t.strict ? 'STRICT' : null].filter(Boolean);
  return `CREATE TABLE ${t.name} (\n  ${items.join(',\n  ')}\n)${options.length ? ` ${options.join(', ')}` : ''};`;
}

/** A value for the column: from its pool (for a foreign key: the referenced column's pool), or NULL. */
function valueFor(c: CColumn, tables: CTable[]): fc.Arbitrary<SqliteValue> {
  let pool = KINDS[c.ckind].pool;
  if (c.rowid) pool = [1n, 2n, 3n, -1n];
  if (c.references) {
    const ref = c.references;
    const target = tables.find((t) => t.name === ref.table)?.columns.find((x) => x.name === ref.column);
    if (target?.rowid) pool = [1n, 2n, 3n, -1n];
  }
  return fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 6, arbitrary: fc.constantFrom(...pool) });
}

export const constraintCaseArb = fc
  .array(tableDraw, { minLength: 1, maxLength: 3 })
  .map(buildTables)
  .chain((tables) =>
    fc
      .array(
        fc.nat(tables.length - 1).chain((ti) => {
          const t = tables[ti] as CTable;
          return fc.tuple(...t.columns.map((c) => valueFor(c, tables))).map((values): Insert => ({ table: ti, values }));
        }),
        { minLength: 1, maxLength: 14 },
      )
      .map((inserts) => ({ tables, inserts })),
  );
