import type { DiagnosticBag } from '../../diagnostics/diagnostic.js';
import type { Dialect } from '../../model/schema.js';
import type { TranslateOptions } from '../../options.js';
import type { CallExpr, Identifier, QualifiedName, SelectStatement, Span, TypeName } from '../../syntax/ast.js';
import type { Fragment, ValueType } from './sql-fragment.js';

export interface ColumnInfo {
  /** The column as emitted (quoted, qualified as written). */
  sql: string;
  type: ValueType;
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
  castType(type: TypeName): { sql: string; type: ValueType };
  select(select: SelectStatement): string;
  /** A bind parameter → `$n`. */
  parameter(text: string, span: Span): string;
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
