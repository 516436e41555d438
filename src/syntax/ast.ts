/**
 * The syntax tree produced by the Peggy grammar in `grammars/sql.peggy`.
 *
 * One tree for both source dialects: SQLite and DuckDB share most of their DDL
 * syntax, and where they differ the grammar either accepts the union (type
 * names, table options) or switches on the parse option `dialect` (`[x]` is a
 * quoted identifier in SQLite and a list literal in DuckDB). Meaning is given
 * to the tree later, by the dialect's front end and mapping tables.
 *
 * Every node carries `span`: half-open byte offsets into the source text.
 */

export interface Span {
  start: number;
  end: number;
}

export interface Identifier {
  kind: 'identifier';
  name: string;
  /** How it was written: bare, "double", [bracket], `backtick`, 'single' (a string used as a name). */
  quote: 'none' | 'double' | 'bracket' | 'backtick' | 'single';
  span: Span;
}

/** A possibly schema-qualified name: `main.users` has schema `main`. */
export interface QualifiedName {
  kind: 'qualified-name';
  schema: Identifier | null;
  name: Identifier;
  span: Span;
}

// ---------------------------------------------------------------------------
// Types

export interface TypeName {
  kind: 'type';
  /** The words of the type name as written, e.g. ['UNSIGNED', 'BIG', 'INT']. */
  words: string[];
  /** Parenthesised numeric parameters, e.g. VARCHAR(10) → ['10']. */
  params: string[];
  /** DuckDB nested types. */
  struct: StructField[] | null;
  map: { key: TypeName; value: TypeName } | null;
  union: StructField[] | null;
  enumValues: string[] | null;
  /** `[]` → null entry, `[3]` → '3'; outermost last. */
  arrayDims: (string | null)[];
  span: Span;
}

export interface StructField {
  name: Identifier;
  type: TypeName;
  span: Span;
}

// ---------------------------------------------------------------------------
// Expressions

export type Expression =
  | NumberLiteral
  | StringLiteral
  | BlobLiteral
  | NullLiteral
  | BooleanLiteral
  | CurrentLiteral
  | ColumnRef
  | StarExpr
  | Parameter
  | CallExpr
  | UnaryExpr
  | BinaryExpr
  | IsExpr
  | BetweenExpr
  | InExpr
  | LikeExpr
  | NullTestExpr
  | CaseExpr
  | CastExpr
  | CollateExpr
  | ExistsExpr
  | SubqueryExpr
  | RowExpr
  | ParenExpr
  | ListLiteral
  | StructLiteral
  | SubscriptExpr
  | RaiseExpr
  | RawExpr;

export interface NumberLiteral { kind: 'number'; text: string; span: Span }
export interface StringLiteral { kind: 'string'; value: string; span: Span }
export interface BlobLiteral { kind: 'blob'; hex: string; span: Span }
export interface NullLiteral { kind: 'null'; span: Span }
export interface BooleanLiteral { kind: 'boolean'; value: boolean; span: Span }
export interface CurrentLiteral {
  kind: 'current';
  which: 'CURRENT_TIMESTAMP' | 'CURRENT_DATE' | 'CURRENT_TIME';
  span: Span;
}
export interface ColumnRef {
  kind: 'column';
  /** `a`, `t.a`, `s.t.a`. */
  path: Identifier[];
  span: Span;
}
export interface StarExpr {
  kind: 'star';
  table: Identifier | null;
  /** DuckDB `* EXCLUDE (a, t.b)`. */
  exclude: { table: Identifier | null; name: Identifier; span: Span }[] | null;
  /** DuckDB `* REPLACE (expr AS a)`. */
  replace: StarReplacement[] | null;
  span: Span;
}
export interface StarReplacement { expr: Expression; name: Identifier; span: Span }
export interface Parameter {
  kind: 'parameter';
  /** As written: `?`, `?3`, `:name`, `@name`, `$name`, `$1`. */
  text: string;
  span: Span;
}
export interface CallExpr {
  kind: 'call';
  name: Identifier;
  /** Schema or namespace qualifier, e.g. `main.func(…)`. */
  qualifier: Identifier | null;
  args: Expression[];
  distinct: boolean;
  /** `count(*)`. */
  star: boolean;
  /** `group_concat(x ORDER BY y)`. */
  orderBy: OrderingTerm[] | null;
  filter: Expression | null;
  over: WindowSpec | Identifier | null;
  span: Span;
}
export interface WindowSpec {
  kind: 'window';
  base: Identifier | null;
  partitionBy: Expression[];
  orderBy: OrderingTerm[];
  /** The frame clause kept as source text (`ROWS BETWEEN … AND …`). */
  frame: string | null;
  span: Span;
}
export interface UnaryExpr {
  kind: 'unary';
  op: '-' | '+' | '~' | 'NOT';
  operand: Expression;
  span: Span;
}
export type BinaryOperator =
  | 'OR' | 'AND'
  | '=' | '==' | '!=' | '<>' | '<' | '<=' | '>' | '>='
  | '&' | '|' | '<<' | '>>'
  | '+' | '-' | '*' | '/' | '%' | '//'
  | '||' | '->' | '->>';
export interface BinaryExpr {
  kind: 'binary';
  op: BinaryOperator;
  left: Expression;
  right: Expression;
  span: Span;
}
/** `a IS b`, `a IS NOT b`, `a IS [NOT] DISTINCT FROM b`. */
export interface IsExpr {
  kind: 'is';
  not: boolean;
  distinctFrom: boolean;
  left: Expression;
  right: Expression;
  span: Span;
}
export interface BetweenExpr {
  kind: 'between';
  not: boolean;
  operand: Expression;
  low: Expression;
  high: Expression;
  span: Span;
}
export interface InExpr {
  kind: 'in';
  not: boolean;
  operand: Expression;
  list: Expression[] | null;
  select: SelectStatement | null;
  /** `x IN table_name` (SQLite). */
  table: QualifiedName | null;
  span: Span;
}
export interface LikeExpr {
  kind: 'like';
  op: 'LIKE' | 'GLOB' | 'REGEXP' | 'MATCH' | 'ILIKE' | 'SIMILAR TO';
  not: boolean;
  left: Expression;
  right: Expression;
  escape: Expression | null;
  span: Span;
}
/** `x ISNULL`, `x NOTNULL`, `x NOT NULL`, `x IS NULL` is an IsExpr. */
export interface NullTestExpr {
  kind: 'null-test';
  not: boolean;
  operand: Expression;
  span: Span;
}
export interface CaseExpr {
  kind: 'case';
  operand: Expression | null;
  whens: { when: Expression; then: Expression }[];
  else: Expression | null;
  span: Span;
}
export interface CastExpr {
  kind: 'cast';
  operand: Expression;
  type: TypeName;
  /** `x::T` (DuckDB) rather than CAST(x AS T). */
  syntax: 'cast' | 'colons' | 'try_cast';
  span: Span;
}
export interface CollateExpr {
  kind: 'collate';
  operand: Expression;
  collation: Identifier;
  span: Span;
}
export interface ExistsExpr { kind: 'exists'; not: boolean; select: SelectStatement; span: Span }
export interface SubqueryExpr { kind: 'subquery'; select: SelectStatement; span: Span }
export interface RowExpr { kind: 'row'; items: Expression[]; span: Span }
export interface ParenExpr { kind: 'paren'; expr: Expression; span: Span }
export interface ListLiteral { kind: 'list'; items: Expression[]; span: Span }
export interface StructLiteral {
  kind: 'struct';
  fields: { name: string; value: Expression }[];
  span: Span;
}
export interface SubscriptExpr {
  kind: 'subscript';
  operand: Expression;
  index: Expression;
  /** `x[a:b]` slice. */
  upper: Expression | null;
  span: Span;
}
/** SQLite trigger-only `RAISE(IGNORE)` / `RAISE(ABORT, 'msg')`. */
export interface RaiseExpr {
  kind: 'raise';
  action: 'IGNORE' | 'ROLLBACK' | 'ABORT' | 'FAIL';
  message: Expression | null;
  span: Span;
}
/** Source text the grammar keeps without understanding it. */
export interface RawExpr { kind: 'raw'; text: string; span: Span }

// ---------------------------------------------------------------------------
// SELECT

export interface SelectStatement {
  kind: 'select';
  with: WithClause | null;
  body: SelectBody;
  orderBy: OrderingTerm[];
  limit: Expression | null;
  offset: Expression | null;
  /** `LIMIT a, b` (SQLite: offset first). */
  limitSyntax: 'limit-offset' | 'comma' | null;
  span: Span;
}
export interface WithClause {
  recursive: boolean;
  ctes: { name: Identifier; columns: Identifier[]; materialized: string | null; select: SelectStatement }[];
}
export type SelectBody = SelectCore | ValuesClause | CompoundSelect | ParenthesizedSelect;
/** DuckDB `(SELECT … ORDER BY … LIMIT …)` as an operand of UNION/INTERSECT/EXCEPT. */
export interface ParenthesizedSelect { kind: 'parenthesized'; select: SelectStatement; span: Span }
export interface CompoundSelect {
  kind: 'compound';
  op: 'UNION' | 'UNION ALL' | 'INTERSECT' | 'EXCEPT';
  left: SelectBody;
  right: SelectBody;
  span: Span;
}
export interface ValuesClause { kind: 'values'; rows: Expression[][]; span: Span }
export interface SelectCore {
  kind: 'select-core';
  distinct: boolean;
  columns: ResultColumn[];
  from: FromItem | null;
  where: Expression | null;
  groupBy: Expression[];
  having: Expression | null;
  qualify: Expression | null;
  windows: { name: Identifier; spec: WindowSpec }[];
  /** DuckDB `USING SAMPLE`. */
  sample: SampleClause | null;
  span: Span;
}
/** DuckDB `USING SAMPLE 10%` / `10 PERCENT (bernoulli, 7)` / `50 ROWS` / `reservoir(50 ROWS) REPEATABLE (7)`. */
export interface SampleClause {
  /** The number as written. */
  size: string;
  unit: 'percent' | 'rows';
  method: 'reservoir' | 'bernoulli' | 'system' | null;
  seed: string | null;
  span: Span;
}
export interface ResultColumn {
  expr: Expression;
  alias: Identifier | null;
  span: Span;
}
export type FromItem = TableRef | SubqueryRef | FunctionRef | JoinRef;
export interface TableRef {
  kind: 'table-ref';
  name: QualifiedName;
  alias: Identifier | null;
  span: Span;
}
export interface SubqueryRef {
  kind: 'subquery-ref';
  select: SelectStatement;
  alias: Identifier | null;
  span: Span;
}
export interface FunctionRef {
  kind: 'function-ref';
  call: CallExpr;
  alias: Identifier | null;
  span: Span;
}
export interface JoinRef {
  kind: 'join';
  /** ',' for a comma join. */
  op: string;
  left: FromItem;
  right: FromItem;
  on: Expression | null;
  using: Identifier[] | null;
  span: Span;
}
export interface OrderingTerm {
  expr: Expression;
  collation: Identifier | null;
  direction: 'ASC' | 'DESC' | null;
  nulls: 'FIRST' | 'LAST' | null;
  span: Span;
}

// ---------------------------------------------------------------------------
// Statements

export type Statement =
  | CreateTable
  | CreateIndex
  | CreateView
  | CreateTrigger
  | CreateVirtualTable
  | CreateSequence
  | CreateType
  | CreateSchema
  | CreateMacro
  | CommentOn
  | AlterTable
  | DropStatement
  | InsertStatement
  | UpdateStatement
  | DeleteStatement
  | SelectStatement
  | PassiveStatement;

export type ConflictAction = 'ROLLBACK' | 'ABORT' | 'FAIL' | 'IGNORE' | 'REPLACE';

export interface CreateTable {
  kind: 'create-table';
  orReplace: boolean;
  temporary: boolean;
  ifNotExists: boolean;
  name: QualifiedName;
  columns: ColumnDef[];
  constraints: TableConstraint[];
  /** WITHOUT ROWID, STRICT. */
  options: { option: 'WITHOUT ROWID' | 'STRICT'; span: Span }[];
  asSelect: SelectStatement | null;
  span: Span;
}

export interface ColumnDef {
  name: Identifier;
  type: TypeName | null;
  constraints: ColumnConstraint[];
  span: Span;
}

export type ColumnConstraint =
  | { kind: 'primary-key'; name: Identifier | null; direction: 'ASC' | 'DESC' | null; onConflict: ConflictAction | null; autoincrement: boolean; span: Span }
  | { kind: 'not-null'; name: Identifier | null; onConflict: ConflictAction | null; span: Span }
  | { kind: 'null'; name: Identifier | null; span: Span }
  | { kind: 'unique'; name: Identifier | null; onConflict: ConflictAction | null; span: Span }
  | { kind: 'check'; name: Identifier | null; expr: Expression; onConflict: ConflictAction | null; span: Span }
  | { kind: 'default'; name: Identifier | null; expr: Expression; span: Span }
  | { kind: 'collate'; name: Identifier | null; collation: Identifier; span: Span }
  | { kind: 'references'; name: Identifier | null; fk: ForeignKeyClause; span: Span }
  | { kind: 'generated'; name: Identifier | null; expr: Expression; storage: 'STORED' | 'VIRTUAL' | null; span: Span };

export interface ForeignKeyClause {
  table: QualifiedName;
  columns: Identifier[];
  onDelete: ForeignKeyAction | null;
  onUpdate: ForeignKeyAction | null;
  match: string | null;
  deferrable: { not: boolean; initially: 'DEFERRED' | 'IMMEDIATE' | null } | null;
  span: Span;
}
export type ForeignKeyAction = 'SET NULL' | 'SET DEFAULT' | 'CASCADE' | 'RESTRICT' | 'NO ACTION';

export interface IndexedColumn {
  expr: Expression;
  collation: Identifier | null;
  direction: 'ASC' | 'DESC' | null;
  span: Span;
}

export type TableConstraint =
  | { kind: 'primary-key'; name: Identifier | null; columns: IndexedColumn[]; onConflict: ConflictAction | null; autoincrement: boolean; span: Span }
  | { kind: 'unique'; name: Identifier | null; columns: IndexedColumn[]; onConflict: ConflictAction | null; span: Span }
  | { kind: 'check'; name: Identifier | null; expr: Expression; onConflict: ConflictAction | null; span: Span }
  | { kind: 'foreign-key'; name: Identifier | null; columns: Identifier[]; fk: ForeignKeyClause; span: Span };

export interface CreateIndex {
  kind: 'create-index';
  unique: boolean;
  ifNotExists: boolean;
  orReplace: boolean;
  name: QualifiedName;
  table: Identifier;
  columns: IndexedColumn[];
  where: Expression | null;
  span: Span;
}

export interface CreateView {
  kind: 'create-view';
  orReplace: boolean;
  temporary: boolean;
  ifNotExists: boolean;
  name: QualifiedName;
  columns: Identifier[];
  select: SelectStatement;
  span: Span;
}

export interface CreateTrigger {
  kind: 'create-trigger';
  temporary: boolean;
  ifNotExists: boolean;
  name: QualifiedName;
  timing: 'BEFORE' | 'AFTER' | 'INSTEAD OF' | null;
  event: 'INSERT' | 'UPDATE' | 'DELETE';
  updateOf: Identifier[];
  table: QualifiedName;
  forEachRow: boolean;
  when: Expression | null;
  body: Statement[];
  span: Span;
}

export interface CreateVirtualTable {
  kind: 'create-virtual-table';
  ifNotExists: boolean;
  name: QualifiedName;
  module: Identifier;
  /** Module arguments as source text, split at top-level commas. */
  args: { text: string; span: Span }[];
  span: Span;
}

export interface CreateSequence {
  kind: 'create-sequence';
  orReplace: boolean;
  temporary: boolean;
  ifNotExists: boolean;
  name: QualifiedName;
  options: { option: string; value: string | null; span: Span }[];
  span: Span;
}

export interface CreateType {
  kind: 'create-type';
  orReplace: boolean;
  ifNotExists: boolean;
  name: QualifiedName;
  type: TypeName;
  span: Span;
}

export interface CreateSchema {
  kind: 'create-schema';
  orReplace: boolean;
  ifNotExists: boolean;
  name: Identifier;
  span: Span;
}

export interface CreateMacro {
  kind: 'create-macro';
  orReplace: boolean;
  temporary: boolean;
  name: QualifiedName;
  params: { name: Identifier; default: Expression | null }[];
  body: { kind: 'scalar'; expr: Expression } | { kind: 'table'; select: SelectStatement };
  span: Span;
}

export interface CommentOn {
  kind: 'comment-on';
  objectType: 'TABLE' | 'COLUMN' | 'VIEW' | 'INDEX' | 'SEQUENCE' | 'TYPE' | 'SCHEMA' | 'MACRO';
  target: Identifier[];
  comment: string | null;
  span: Span;
}

export type AlterAction =
  | { kind: 'add-column'; column: ColumnDef; ifNotExists: boolean; span: Span }
  | { kind: 'rename-table'; to: Identifier; span: Span }
  | { kind: 'rename-column'; from: Identifier; to: Identifier; span: Span }
  | { kind: 'drop-column'; column: Identifier; ifExists: boolean; span: Span }
  | { kind: 'alter-column'; column: Identifier; text: string; span: Span }
  | { kind: 'add-constraint'; constraint: TableConstraint; span: Span };

export interface AlterTable {
  kind: 'alter-table';
  ifExists: boolean;
  name: QualifiedName;
  action: AlterAction;
  span: Span;
}

export interface DropStatement {
  kind: 'drop';
  objectType: 'TABLE' | 'INDEX' | 'VIEW' | 'TRIGGER' | 'SEQUENCE' | 'TYPE' | 'SCHEMA' | 'MACRO';
  ifExists: boolean;
  name: QualifiedName;
  cascade: boolean;
  span: Span;
}

export interface UpsertClause {
  target: IndexedColumn[] | null;
  targetWhere: Expression | null;
  action: { kind: 'nothing' } | { kind: 'update'; set: SetClause[]; where: Expression | null };
  span: Span;
}
export interface SetClause { columns: Identifier[]; value: Expression; span: Span }

export interface InsertStatement {
  kind: 'insert';
  with: WithClause | null;
  /** `INSERT OR IGNORE`, `REPLACE INTO` (→ 'REPLACE'). */
  orAction: ConflictAction | null;
  table: QualifiedName;
  alias: Identifier | null;
  columns: Identifier[];
  source: { kind: 'select'; select: SelectStatement } | { kind: 'default-values' };
  upsert: UpsertClause[];
  returning: ResultColumn[] | null;
  span: Span;
}

export interface UpdateStatement {
  kind: 'update';
  with: WithClause | null;
  orAction: ConflictAction | null;
  table: QualifiedName;
  alias: Identifier | null;
  set: SetClause[];
  from: FromItem | null;
  where: Expression | null;
  returning: ResultColumn[] | null;
  span: Span;
}

export interface DeleteStatement {
  kind: 'delete';
  with: WithClause | null;
  table: QualifiedName;
  alias: Identifier | null;
  where: Expression | null;
  returning: ResultColumn[] | null;
  span: Span;
}

/** Statements that carry no schema: PRAGMA, BEGIN/COMMIT, ANALYZE, VACUUM, … */
export interface PassiveStatement {
  kind: 'passive';
  what: 'pragma' | 'transaction' | 'savepoint' | 'analyze' | 'vacuum' | 'reindex' | 'attach' | 'detach' | 'install' | 'load' | 'set' | 'checkpoint';
  text: string;
  span: Span;
}

export interface Comment {
  text: string;
  span: Span;
}

export interface Script {
  statements: Statement[];
  comments: Comment[];
}
