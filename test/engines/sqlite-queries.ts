/**
 * Random deterministic SQLite queries over a random table, for the query
 * property (test/property-queries.test.ts). A case is a table (INTEGER, REAL
 * and TEXT columns, nullable or not), a few rows of small values (lower-case
 * ASCII text, so byte order and the C collation agree and nothing overflows)
 * and one query built from a typed expression grammar:
 *
 *   SELECT [DISTINCT] items FROM t [WHERE cond] [GROUP BY g] ORDER BY every column [LIMIT …]
 *
 * with comparisons, AND/OR/NOT, IS [NOT] NULL, IN, BETWEEN, LIKE, + - * / %
 * (integer division, division by zero, % on reals),
 * the translated functions ifnull/iif/coalesce/abs/lower/upper/length/substr/
 * instr/nullif/scalar min/max, and count/min/max/sum under GROUP BY.
 *
 * Bind parameters use every SQLite spelling (`?`, `?NNN`, `:name`, `@name`,
 * `$name`). All parameters of one query have one kind (integer or text), so
 * whatever numbers SQLite gives them, every value fits every place it is bound
 * (parameter values are never negative: a negative LIMIT parameter is an error
 * in PostgreSQL and no limit in SQLite, which only literals can translate);
 * the values are bound by position, so SQLite itself decides which token gets
 * which value. `?NNN` never skips a number (PostgreSQL cannot type a parameter
 * that no statement uses).
 */
import fc from 'fast-check';

export type Kind = 'int' | 'real' | 'text';

export interface QueryColumn {
  name: string;
  kind: Kind;
  notNull: boolean;
}

export type Value = number | string | null;

export interface QueryCase {
  columns: QueryColumn[];
  rows: Value[][];
  /** The SQLite query. */
  sql: string;
  /** Values for positions 1, 2, …; more than the query uses (SQLite says how many it has). */
  values: Value[];
  /** LIKE with a pattern that has letters (or is a parameter): SQLite ignores ASCII case there. */
  caseSensitiveLike: boolean;
}

const DECLARED: Record<Kind, string> = { int: 'INTEGER', real: 'REAL', text: 'TEXT' };
const TEXTS = ['', 'a', 'b', 'ab', 'ba', 'abc', 'b_a', 'a%b', 'zz'];
const INTS = [-7, -2, -1, 0, 1, 2, 3, 5, 11];
const REALS = [-2.5, -0.5, 0, 0.25, 1, 1.5, 3.75];

const valueArb = (kind: Kind): fc.Arbitrary<number | string> =>
  kind === 'int' ? fc.constantFrom(...INTS) : kind === 'real' ? fc.constantFrom(...REALS) : fc.constantFrom(...TEXTS);

export function tableDdl(columns: QueryColumn[]): string {
  const cols = columns.map((c) => `${c.name} ${DECLARED[c.kind]}${c.notNull ? ' NOT NULL' : ''}`);
  return `CREATE TABLE t (id INTEGER PRIMARY KEY, ${cols.join(', ')});`;
}

export function insertSql(columns: QueryColumn[]): string {
  return `INSERT INTO t (${columns.map((c) => c.name).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
}

/** SQLite's literal for a value. */
function literal(v: number | string): string {
  if (typeof v === 'string') return `'${v.replace(/'/g, "''")}'`;
  return Number.isInteger(v) && !Object.is(v, -0) ? String(v) : String(v).includes('.') ? String(v) : `${v}.0`;
}

/** Builds one query; `pick` draws from fast-check's generator so shrinking works. */
class QueryBuilder {
  /** Largest parameter number so far, as SQLite counts (only to keep `?NNN` from skipping numbers). */
  #max = 0;
  readonly #named = new Map<string, number>();
  caseSensitiveLike = false;

  constructor(
    private readonly mrng: fc.GeneratorValue,
    private readonly columns: QueryColumn[],
    private readonly paramKind: 'int' | 'text',
  ) {}

  #int(min: number, max: number): number {
    return this.mrng(fc.integer, { min, max });
  }

  #one<T>(...items: T[]): T {
    return items[this.#int(0, items.length - 1)] as T;
  }

  /** A bind parameter in a random SQLite spelling. */
  param(): string {
    const style = this.#int(0, 4);
    if (style === 0) {
      this.#max += 1;
      return '?';
    }
    if (style === 1) {
      const n = this.#int(1, this.#max + 1);
      this.#max = Math.max(this.#max, n);
      return `?${n}`;
    }
    const name = `${this.#one(':', '@', '$')}${this.#one('p', 'q', 'r')}`;
    if (!this.#named.has(name)) {
      this.#max += 1;
      this.#named.set(name, this.#max);
    }
    return name;
  }

  #columnOf(kind: Kind): string | null {
    const cols = this.columns.filter((c) => c.kind === kind || (kind === 'real' && c.kind === 'int'));
    return cols.length ? this.#one(...cols).name : null;
  }

  /**
   * A value of `kind`: a column, a literal, a function or arithmetic, or a
   * parameter where `param` says a typed peer sits beside it (the right side of
   * a comparison, IN items, BETWEEN bounds, the later arguments of coalesce and
   * the like): PostgreSQL types a parameter from its context, and a context-free
   * one (`count(?)`, `? < ?`) has no type in PostgreSQL, whatever SQLite does.
   */
  expr(kind: Kind, depth: number, param = false): string {
    const column = this.#columnOf(kind);
    const choice = this.#int(0, depth > 0 ? 7 : 2);
    if (choice === 0 && column) return column;
    if (choice === 1 && param && this.paramKind === kind) return this.param();
    if (choice <= 2) return literal(this.mrng(valueArb, kind));
    if (kind === 'text') {
      switch (this.#int(0, 6)) {
        case 0:
          return `lower(${this.expr('text', depth - 1)})`;
        case 1:
          return `upper(${this.expr('text', depth - 1)})`;
        case 2:
          return `substr(${this.expr('text', depth - 1)}, ${this.#int(-3, 4)}${this.#int(0, 1) ? `, ${this.#int(0, 3)}` : ''})`;
        case 3:
          return `ifnull(${this.expr('text', depth - 1)}, ${this.expr('text', 0, true)})`;
        case 4:
          return `coalesce(${this.expr('text', depth - 1)}, ${this.expr('text', depth - 1, true)}, ${literal(this.mrng(valueArb, 'text'))})`;
        case 5:
          return `iif(${this.cond(depth - 1)}, ${this.expr('text', depth - 1)}, ${this.expr('text', depth - 1, true)})`;
        default:
          return `nullif(${this.expr('text', depth - 1)}, ${this.expr('text', 0, true)})`;
      }
    }
    switch (this.#int(0, 7)) {
      case 0:
      case 1:
        return `(${this.expr(kind, depth - 1)} ${this.#one('+', '-', '*', '/', '%')} ${this.expr(kind, depth - 1, true)})`;
      case 2:
        return `abs(${this.expr(kind, depth - 1)})`;
      case 3:
        return kind === 'int' ? `length(${this.expr('text', depth - 1)})` : `abs(${this.expr(kind, depth - 1)})`;
      case 4:
        return kind === 'int' ? `instr(${this.expr('text', depth - 1)}, ${literal(this.#one('a', 'b', 'ab', ''))})` : this.expr(kind, depth - 1);
      case 5:
        return `${this.#one('min', 'max')}(${this.expr(kind, depth - 1)}, ${this.expr(kind, depth - 1, true)})`;
      case 6:
        return `iif(${this.cond(depth - 1)}, ${this.expr(kind, depth - 1)}, ${this.expr(kind, depth - 1, true)})`;
      default:
        return `${this.#one('ifnull', 'coalesce', 'nullif')}(${this.expr(kind, depth - 1)}, ${this.expr(kind, 0, true)})`;
    }
  }

  #kind(): Kind {
    return this.#one<Kind>('int', 'real', 'text');
  }

  /** A condition. */
  cond(depth: number): string {
    const choice = this.#int(0, depth > 0 ? 8 : 5);
    switch (choice) {
      case 0:
      case 1: {
        const kind = this.#kind();
        return `${this.expr(kind, depth)} ${this.#one('=', '==', '<>', '!=', '<', '<=', '>', '>=')} ${this.expr(kind, depth, true)}`;
      }
      case 2:
        return `${this.expr(this.#kind(), depth)} IS ${this.#one('', 'NOT ')}NULL`;
      case 3: {
        // Parts are generated in the order they are written, so `?NNN` never skips a number.
        const kind = this.#kind();
        const operand = this.expr(kind, depth);
        const not = this.#one('', 'NOT ');
        const items = Array.from({ length: this.#int(1, 3) }, () => this.expr(kind, 0, true));
        return `${operand} ${not}IN (${items.join(', ')})`;
      }
      case 4: {
        const kind = this.#kind();
        return `${this.expr(kind, depth)} ${this.#one('', 'NOT ')}BETWEEN ${this.expr(kind, 0, true)} AND ${this.expr(kind, 0, true)}`;
      }
      case 5: {
        const left = this.expr('text', depth);
        const not = this.#one('', 'NOT ');
        const pattern = this.paramKind === 'text' && this.#int(0, 2) === 0 ? this.param() : literal(this.#one('a%', '%b', '_', '%', '', 'A%', '%B_', '__%', 'ab'));
        if (!/^'[^A-Za-z]*'$/.test(pattern)) this.caseSensitiveLike = true;
        return `${left} ${not}LIKE ${pattern}`;
      }
      case 6:
        return `(${this.cond(depth - 1)} ${this.#one('AND', 'OR')} ${this.cond(depth - 1)})`;
      case 7:
        return `NOT (${this.cond(depth - 1)})`;
      default:
        return this.expr('int', depth - 1);
    }
  }

  /** LIMIT with literals or parameters; SQLite's `LIMIT offset, count` too. */
  limit(): string {
    if (this.#int(0, 2) > 0) return '';
    const count = (): string => (this.paramKind === 'int' && this.#int(0, 1) ? this.param() : String(this.#int(-2, 5)));
    switch (this.#int(0, 2)) {
      case 0:
        return ` LIMIT ${count()}`;
      case 1: {
        const n = count();
        return ` LIMIT ${n} OFFSET ${count()}`;
      }
      default: {
        const offset = count();
        return ` LIMIT ${offset}, ${count()}`;
      }
    }
  }

  /** Clauses are generated in the order they are written, so `?NNN` never skips a number. */
  query(): string {
    const where = (): string => (this.#int(0, 3) > 0 ? ` WHERE ${this.cond(2)}` : '');
    if (this.#int(0, 3) === 0) {
      // Aggregate: group by one expression, aggregate others.
      const g = this.expr(this.#kind(), 1);
      const aggregates = Array.from({ length: this.#int(1, 3) }, () => {
        const kind = this.#kind();
        const fn = this.#one('count', 'min', 'max', kind === 'text' ? 'count' : 'sum');
        return fn === 'count' && this.#int(0, 1) ? 'count(*)' : `${fn}(${this.expr(kind, 1)})`;
      });
      const items = [g, ...aggregates];
      return `SELECT ${items.join(', ')} FROM t${where()} GROUP BY 1 ORDER BY ${items.map((_, i) => i + 1).join(', ')}${this.limit()}`;
    }
    const items = Array.from({ length: this.#int(1, 3) }, () => this.expr(this.#kind(), 2));
    const distinct = this.#int(0, 4) === 0 ? 'DISTINCT ' : '';
    const order = items.map((_, i) => `${i + 1}${this.#one('', ' DESC')}`).join(', ');
    return `SELECT ${distinct}${items.join(', ')} FROM t${where()} ORDER BY ${order}${this.limit()}`;
  }
}

const columnsArb: fc.Arbitrary<QueryColumn[]> = fc
  .array(fc.record({ kind: fc.constantFrom<Kind>('int', 'real', 'text'), notNull: fc.boolean() }), { minLength: 1, maxLength: 4 })
  .map((cols) => cols.map((c, i) => ({ name: `c${i}`, ...c })));

export const queryCaseArb: fc.Arbitrary<QueryCase> = columnsArb.chain((columns) =>
  fc.record({
    rows: fc.array(fc.tuple(...columns.map((c) => (c.notNull ? valueArb(c.kind) : fc.option(valueArb(c.kind), { nil: null, freq: 4 })))), { maxLength: 8 }),
    paramKind: fc.constantFrom<'int' | 'text'>('int', 'text'),
    values: fc.array(fc.oneof(fc.constantFrom(...INTS.filter((i) => i >= 0)), fc.constantFrom(...TEXTS)), { minLength: 12, maxLength: 12 }),
    built: fc.gen(),
  }).map(({ rows, paramKind, values, built }): QueryCase => {
    const builder = new QueryBuilder(built, columns, paramKind);
    const sql = builder.query();
    // Every value of the query's parameter kind (LIMIT counts are never negative).
    const typed = values.map((v, i) => (paramKind === 'int' ? (typeof v === 'number' ? v : i % 6) : typeof v === 'string' ? v : TEXTS[i % TEXTS.length] ?? ''));
    return { columns, rows: rows as Value[][], sql, values: typed, caseSensitiveLike: builder.caseSensitiveLike };
  }),
);
