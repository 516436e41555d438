import type { ObjectName } from '../model/schema.js';
import type { Expression, FromItem, SelectBody, SelectStatement } from '../syntax/ast.js';

/** Every table or view a SELECT reads, for dependency ordering (CTE names excluded). */
export function referencedRelations(select: SelectStatement): ObjectName[] {
  const out: ObjectName[] = [];
  const ctes = new Set<string>();
  const visitSelect = (s: SelectStatement): void => {
    for (const c of s.with?.ctes ?? []) {
      ctes.add(c.name.name.toLowerCase());
      visitSelect(c.select);
    }
    visitBody(s.body);
  };
  const visitBody = (b: SelectBody): void => {
    if (b.kind === 'compound') {
      visitBody(b.left);
      visitBody(b.right);
    } else if (b.kind === 'parenthesized') {
      visitSelect(b.select);
    } else if (b.kind === 'select-core') {
      visitFrom(b.from);
      for (const c of b.columns) visitExpr(c.expr);
      if (b.where) visitExpr(b.where);
    }
  };
  const visitFrom = (f: FromItem | null): void => {
    if (!f) return;
    if (f.kind === 'table-ref') {
      if (!ctes.has(f.name.name.name.toLowerCase())) out.push({ schema: f.name.schema?.name ?? null, name: f.name.name.name, span: f.name.span });
    } else if (f.kind === 'subquery-ref') visitSelect(f.select);
    else if (f.kind === 'join') {
      visitFrom(f.left);
      visitFrom(f.right);
    }
  };
  const visitExpr = (e: Expression): void => {
    if (e.kind === 'subquery' || e.kind === 'exists') visitSelect(e.select);
    else if (e.kind === 'in' && e.select) visitSelect(e.select);
    else if (e.kind === 'binary') {
      visitExpr(e.left);
      visitExpr(e.right);
    } else if (e.kind === 'unary' || e.kind === 'paren') visitExpr(e.kind === 'unary' ? e.operand : e.expr);
  };
  visitSelect(select);
  return out;
}
