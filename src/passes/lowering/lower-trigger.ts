/**
 * SQLite CREATE TRIGGER → a PL/pgSQL function and CREATE TRIGGER … EXECUTE
 * FUNCTION. SQLite triggers are row triggers; NEW and OLD keep their meaning;
 * RAISE(ABORT|FAIL|ROLLBACK, msg) becomes RAISE EXCEPTION and RAISE(IGNORE)
 * skips the row in a BEFORE trigger. The common "touch updated_at" trigger
 * (an AFTER UPDATE that updates its own row) becomes a BEFORE UPDATE trigger
 * assigning NEW.col: PostgreSQL would otherwise recurse.
 */
import { quoteIdent, quoteLiteral } from '../../emit/postgres/quote.js';
import type { Trigger } from '../../model/schema.js';
import type { Expression, QualifiedName, RaiseExpr, SelectStatement, Statement, UpdateStatement } from '../../syntax/ast.js';
import { ExpressionTranslator } from '../expressions/translate-expression.js';
import type { QueryTranslator, ScopeEntry } from '../expressions/translate-query.js';
import { ROWID_NAMES, columnOrRowid, objectKey, relationKey, type TableSymbol } from '../symbols.js';
import type { Lowering } from './lowering.js';
import { objectName } from './lower-steps.js';
import { keyOf } from './lower-table.js';

/** The table an INSERT, UPDATE or DELETE writes; null for anything else. */
function writtenTable(stmt: Statement): QualifiedName | null {
  return stmt.kind === 'insert' || stmt.kind === 'update' || stmt.kind === 'delete' ? stmt.table : null;
}

/** A dollar-quote tag that does not occur in `body`. */
export function dollarTag(body: string): string {
  let tag = '$$';
  for (let n = 0; body.includes(tag); n++) tag = `$fn${n === 0 ? '' : n}$`;
  return tag;
}

function isNewRef(e: Expression, sym: TableSymbol, column: string): boolean {
  if (e.kind !== 'column' || e.path.length !== 2) return false;
  const [q, c] = e.path;
  if (!q || !c || q.name.toLowerCase() !== 'new') return false;
  return columnOrRowid(sym, c.name.toLowerCase())?.out === column;
}

/** `UPDATE t SET col = … WHERE key = NEW.key` on the trigger's own table, keyed by its rowid or primary key. */
function touchedColumns(l: Lowering, u: UpdateStatement, sym: TableSymbol): { column: string; value: Expression }[] | null {
  if (u.from || u.returning || u.with || !u.where || u.orAction) return null;
  if (l.symbols.lookup(objectName(u.table)) !== sym) return null;
  const w = u.where.kind === 'paren' ? u.where.expr : u.where;
  if (w.kind !== 'binary' || (w.op !== '=' && w.op !== '==')) return null;
  const keyColumns = sym.table.primaryKey?.columns ?? [];
  const key = keyColumns.length === 1 ? columnOrRowid(sym, (keyColumns[0] ?? '').toLowerCase()) : [...sym.columns.values()].find((c) => c.column.rowid);
  if (!key) return null;
  const isKey = (e: Expression) => e.kind === 'column' && e.path.length === 1 && (ROWID_NAMES.has(e.path[0]?.name.toLowerCase() ?? '') || columnOrRowid(sym, e.path[0]?.name.toLowerCase() ?? '') === key);
  if (!((isKey(w.left) && isNewRef(w.right, sym, key.out)) || (isKey(w.right) && isNewRef(w.left, sym, key.out)))) return null;
  const out: { column: string; value: Expression }[] = [];
  for (const s of u.set) {
    if (s.columns.length !== 1) return null;
    const c = columnOrRowid(sym, s.columns[0]?.name.toLowerCase() ?? '');
    if (!c) return null;
    // A bare column of the table in the value would read the row being updated: not a plain touch.
    let bare = false;
    JSON.stringify(s.value, (k, v: unknown) => {
      if (v && typeof v === 'object' && (v as { kind?: string }).kind === 'column' && (v as { path: unknown[] }).path.length === 1) bare = true;
      return v;
    });
    if (bare) return null;
    out.push({ column: c.out, value: s.value });
  }
  return out;
}

/** `SELECT RAISE(…) [WHERE cond]` and `SELECT CASE WHEN cond THEN RAISE(…) END`: the guard idioms. */
function raiseGuard(s: SelectStatement): { raise: RaiseExpr; when: Expression | null; from: boolean } | null {
  if (s.body.kind !== 'select-core' || s.with || s.orderBy.length || s.limit) return null;
  const core = s.body;
  if (core.columns.length !== 1 || core.groupBy.length || core.having) return null;
  const e = core.columns[0]?.expr;
  if (!e) return null;
  if (e.kind === 'raise') return { raise: e, when: core.where, from: core.from !== null };
  if (e.kind === 'case' && !e.operand && e.whens.length === 1 && !e.else && e.whens[0]?.then.kind === 'raise' && !core.from && !core.where) {
    return { raise: e.whens[0].then, when: e.whens[0].when, from: false };
  }
  return null;
}

interface BodyContext {
  l: Lowering;
  q: QueryTranslator;
  x: ExpressionTranslator;
  timing: 'BEFORE' | 'AFTER' | 'INSTEAD OF';
  name: string;
}

function raiseStatement(b: BodyContext, r: RaiseExpr): string {
  if (r.action === 'IGNORE') {
    if (b.timing === 'AFTER') {
      b.l.bag.report('SP204', r.span, 'RAISE(IGNORE) in an AFTER trigger', 'PostgreSQL cannot skip a row that is already written');
      return 'RETURN NULL;';
    }
    return 'RETURN NULL;';
  }
  if (r.action !== 'ABORT') b.l.bag.report('SP510', r.span, r.action);
  const message = r.message ? b.x.translate(r.message).sql : quoteLiteral('raised by trigger');
  return `RAISE EXCEPTION '%', ${message};`;
}

function bodyStatement(b: BodyContext, s: Statement): string[] {
  switch (s.kind) {
    case 'insert':
      return [`${b.q.insert(s)};`];
    case 'update':
      return [`${b.q.update(s)};`];
    case 'delete':
      return [`${b.q.delete(s)};`];
    case 'select': {
      const guard = raiseGuard(s);
      if (guard) {
        const action = raiseStatement(b, guard.raise);
        if (guard.from && s.body.kind === 'select-core') {
          // SELECT RAISE(…) FROM t WHERE … raises when a row matches.
          const probe: SelectStatement = { ...s, body: { ...s.body, columns: [{ expr: { kind: 'number', text: '1', span: guard.raise.span }, alias: null, span: guard.raise.span }] } };
          return [`IF EXISTS (${b.q.select(probe)}) THEN`, `  ${action}`, 'END IF;'];
        }
        if (!guard.when) return [action];
        return [`IF ${b.x.truthy(b.x.translate(guard.when)).sql} THEN`, `  ${action}`, 'END IF;'];
      }
      return [`${b.q.select(s).replace(/^SELECT\b/, 'PERFORM')};`];
    }
    default:
      return [];
  }
}

export function lowerTrigger(l: Lowering, t: Trigger): void {
  const s = t.syntax;
  const sym = l.symbols.lookup(objectName(s.table));
  const timing = s.timing ?? 'BEFORE';
  const triggerName = l.names.apply(s.name.name.name, s.name.span);
  const target = l.relationSql(s.table);
  const tableKey = sym ? relationKey(sym.schema, sym.out) : objectKey(objectName(s.table));

  // FTS sync triggers are dropped: a generated tsvector column keeps the index current.
  const ftsTargets = s.body.map((b) => {
    const written = writtenTable(b);
    return written ? l.ftsTables.get(objectKey(objectName(written))) : undefined;
  });
  if (s.body.length > 0 && ftsTargets.every((f) => f?.external)) {
    l.bag.report('SP509', s.name.span, quoteIdent(triggerName), quoteIdent(ftsTargets[0]?.name ?? ''));
    return;
  }

  l.resetParameters(s);
  const q = l.query().compact();
  const scope: ScopeEntry[] = [
    { name: 'new', sqlName: 'NEW', table: sym ?? null, columns: null },
    { name: 'old', sqlName: 'OLD', table: sym ?? null, columns: null },
  ];
  q.pushScope(scope);
  try {
    const x = q.expressions();
    const b: BodyContext = { l, q, x, timing, name: triggerName };
    let when = s.when ? x.truthy(x.translate(s.when)).sql : null;
    let effectiveTiming: string = timing;
    let lines: string[] = [];
    const returned = s.event === 'DELETE' ? 'OLD' : 'NEW';

    const only = s.body.length === 1 ? s.body[0] : undefined;
    const touch = sym && s.event === 'UPDATE' && timing !== 'INSTEAD OF' && only?.kind === 'update' ? touchedColumns(l, only, sym) : null;
    if (touch && touch.length > 0) {
      effectiveTiming = 'BEFORE';
      l.bag.report('SP507', s.name.span, quoteIdent(triggerName), touch.map((c) => quoteIdent(c.column)).join(', '));
      for (const c of touch) lines.push(`NEW.${quoteIdent(c.column)} := ${x.translate(c.value).sql};`);
      lines.push('RETURN NEW;');
    } else {
      for (const stmt of s.body) lines.push(...bodyStatement(b, stmt));
      const writesOwnTable = sym !== undefined && s.body.some((stmt) => {
        const written = writtenTable(stmt);
        return written !== null && l.symbols.lookup(objectName(written)) === sym;
      });
      if (writesOwnTable) {
        // SQLite does not fire a trigger from its own statements (recursive_triggers is off).
        l.bag.report('SP508', s.name.span, quoteIdent(triggerName));
        when = when ? `(${when}) AND pg_trigger_depth() < 1` : 'pg_trigger_depth() < 1';
      }
      lines.push(timing === 'AFTER' ? 'RETURN NULL;' : `RETURN ${returned};`);
    }
    if (timing === 'INSTEAD OF' && when) {
      // PostgreSQL does not allow WHEN on INSTEAD OF triggers: test it in the function.
      lines = [`IF NOT (${when}) THEN`, '  RETURN NULL;', 'END IF;', ...lines];
      when = null;
    }

    const fnName = l.names.apply(`${triggerName}_fn`, null);
    const fnQualified = sym?.schema ? `${quoteIdent(sym.schema)}.${quoteIdent(fnName)}` : quoteIdent(fnName);
    const body = ['BEGIN', ...lines.map((line) => `  ${line}`), 'END;'].join('\n');
    const tag = dollarTag(body);
    const fnSql = `CREATE FUNCTION ${fnQualified}() RETURNS trigger LANGUAGE plpgsql AS ${tag}\n${body}\n${tag};`;
    const of = s.event === 'UPDATE' && s.updateOf.length ? ` OF ${s.updateOf.map((c) => q.columnName(sym, c)).join(', ')}` : '';
    const triggerSql = `CREATE TRIGGER ${quoteIdent(triggerName)} ${effectiveTiming} ${s.event}${of} ON ${target}\n  FOR EACH ROW${when ? ` WHEN (${when})` : ''}\n  EXECUTE FUNCTION ${fnQualified}();`;
    const requires = [tableKey, ...s.body.map(writtenTable).filter((w): w is QualifiedName => w !== null).map((w) => keyOf(l, objectName(w)))];
    l.emit({ kind: 'function', sql: `${fnSql}\n\n${triggerSql}`, span: s.span, requires });
  } finally {
    q.popScope();
  }
}
