import type { DiagnosticBag } from '../../diagnostics/diagnostic.js';
import type { Dialect } from '../../model/schema.js';
import type { TranslateOptions } from '../../options.js';
import type { CallExpr, Expression, Identifier, QualifiedName, SelectStatement, Span, TypeName } from '../../syntax/ast.js';
import type { Fragment, ValueType } from './sql-fragment.js';

export interface ColumnInfo {
  /** The column as emitted (quoted, qualified as written). */
  sql: string;
  type: ValueType;
  /** Its PostgreSQL type (`bigint`), for parameter type inference. */
  pgType?: string;
  /** Never NULL here (a NOT NULL column of a table no outer join can null). */
  notNull?: boolean;
}

/** Where an expression sits: governs what PostgreSQL accepts there. */
export type ExpressionPurpose = 'default' | 'check' | 'generated' | 'index' | 'query';

export interface ExpressionContext {
  dialect: Dialect;
  options: TranslateOptions;
  bag: DiagnosticBag;
  purpose: ExpressionPurpose;
  /** True in CHECK, DEFAULT, generated and index expressions: names resolve against one table. */
  tableScope: boolean;
  resolveColumn(path: Identifier[]): ColumnInfo | null;
  /** An identifier under the naming policy, quoted when needed. */
  ident(id: Identifier): string;
  relation(name: QualifiedName): string;
  /** A CAST target type in the source dialect → PostgreSQL. */
  /**
   * A source type name in a cast → its PostgreSQL type. `utc`: the source type is a zone-less timestamp
   * emitted as timestamptz (values read as UTC), so zone-less text cast to it must be read as UTC too.
   */
  castType(type: TypeName): { sql: string; type: ValueType; utc: boolean };
  select(select: SelectStatement): string;
  /** A bind parameter → `$n`. */
  parameter(text: string, span: Span): string;
  /** Records the type a parameter is compared with or assigned to (`--format json` reports it). */
  parameterType?(span: Span, pgType: string): void;
  /** Queries: whether every relation in scope is known, so an unresolved "name" can be SQLite's string quirk. */
  closedScope?(): boolean;
  /** Full-text search over FTS tables in scope (queries only). */
  fts?: FullTextHooks;
}

export interface FullTextHooks {
  /** `x MATCH q` → `x.vector @@ websearch_to_tsquery(…)`, or null when x is no FTS table. */
  match(left: Expression, right: Fragment): Fragment | null;
  /** bm25(), highlight(), snippet(): null when not an FTS call. */
  call(call: CallExpr, args: Fragment[]): Fragment | null;
  /** FTS5's hidden `rank` column. */
  column(path: Identifier[]): Fragment | null;
}

export interface FunctionCallInput {
  call: CallExpr;
  /** The arguments, translated. */
  args: Fragment[];
  ctx: ExpressionContext;
  /** Translates another expression in the same context (for handlers that inspect raw arguments). */
  translate: (e: CallExpr['args'][number]) => Fragment;
}

/** One row of a dialect's function table: source call → PostgreSQL fragment. */
export type FunctionTranslation = (input: FunctionCallInput) => Fragment;
