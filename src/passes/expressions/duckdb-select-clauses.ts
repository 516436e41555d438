/**
 * DuckDB's SELECT clauses PostgreSQL lacks, rewritten: `QUALIFY` (a filter on
 * window results) becomes a subquery that computes the condition as a column
 * and an outer query that filters on it; `USING SAMPLE` becomes TABLESAMPLE,
 * a random() filter, or ORDER BY random() LIMIT n. query-translator.ts calls these.
 */
import type { DiagnosticBag } from '../../diagnostics/diagnostic.js';
import { quoteIdent } from '../../emit/postgres/quote.js';
import type { Expression, FromItem, Identifier, OrderingTerm, SampleClause, SelectCore } from '../../syntax/ast.js';

/** The column that carries QUALIFY's condition out of the subquery, and the subquery's name. */
export const QUALIFY_COLUMN = '"__qualify"';
export const QUALIFY_RELATION = '"__qualified"';

/** A deep copy of `node` with `replace` applied to every column reference it returns non-null for. */
function mapColumns(node: unknown, replace: (c: Extract<Expression, { kind: 'column' }>) => Expression | null): unknown {
  if (node === null || typeof node !== 'object') return node;
  if (Array.isArray(node)) return node.map((n) => mapColumns(n, replace));
  const record = node as Record<string, unknown>;
  if (record.kind === 'column') {
    const replaced = replace(record as unknown as Extract<Expression, { kind: 'column' }>);
    if (replaced) return replaced;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) out[k] = k === 'span' ? v : mapColumns(v, replace);
  return out;
}

/**
 * QUALIFY may name the select list's aliases (`QUALIFY rn = 1`); the subquery
 * computes the condition beside the select list, where aliases are not visible,
 * so each such name becomes the aliased expression. A name that is a column of
 * the FROM clause stays the column, as in DuckDB.
 */
export function inlineAliases(e: Expression, aliases: ReadonlyMap<string, Expression>, isColumn: (id: Identifier) => boolean): Expression {
  return mapColumns(e, (c) => {
    const only = c.path.length === 1 ? c.path[0] : undefined;
    const target = only ? aliases.get(only.name.toLowerCase()) : undefined;
    if (!only || !target || isColumn(only)) return null;
    return { kind: 'paren', expr: target, span: c.span };
  }) as Expression;
}

/** One item of a translated select list and the name of its output column (null when PostgreSQL would make one up). */
export interface SelectItem {
  sql: string;
  out: string | null;
}

export interface QualifyTools {
  bag: DiagnosticBag;
  /** Whether a bare name is a column of the FROM clause (then it is not an alias). */
  isColumn(id: Identifier): boolean;
  /** The condition, translated as a boolean. */
  condition(e: Expression): string;
  /** FROM … WINDOW of the select core, each clause after `nl`. */
  clauses(nl: string): string;
  /** The separator of the outer query's clauses. */
  nl: string;
}

/**
 * `SELECT <outputs> FROM (SELECT <items>, <condition> AS __qualify …) AS __qualified WHERE __qualify`:
 * the subquery computes the window results, the outer query filters and projects. Every output
 * column needs a name, and a distinct one (SP204 otherwise); `outputs` are their lower-cased names.
 */
export function qualifyQuery(b: SelectCore, items: SelectItem[], tools: QualifyTools): { sql: string; outputs: Set<string> | null } {
  const qualify = b.qualify;
  const failed = { sql: 'SELECT NULL', outputs: null };
  if (!qualify) return failed;
  const outputs = new Set<string>();
  for (const [i, item] of items.entries()) {
    const key = item.out?.toLowerCase();
    if (key === undefined) {
      tools.bag.report('SP204', b.columns[i]?.span ?? qualify.span, 'QUALIFY', 'the outer query must name every column: give this expression an alias');
      return failed;
    }
    if (outputs.has(key)) {
      tools.bag.report('SP204', qualify.span, 'QUALIFY', `two columns of the select list are named ${quoteIdent(item.out ?? '')}; give them distinct aliases`);
      return failed;
    }
    outputs.add(key);
  }
  const aliases = new Map(b.columns.filter((c) => c.alias).map((c) => [c.alias?.name.toLowerCase() ?? '', c.expr]));
  const condition = tools.condition(inlineAliases(qualify, aliases, tools.isColumn));
  const inner = `SELECT ${items.map((i) => i.sql).join(', ')}, ${condition} AS ${QUALIFY_COLUMN}${tools.clauses(' ')}`;
  const names = items.map((i) => quoteIdent(i.out ?? ''));
  return { sql: `SELECT ${b.distinct ? 'DISTINCT ' : ''}${names.join(', ')}${tools.nl}FROM (${inner}) AS ${QUALIFY_RELATION}${tools.nl}WHERE ${QUALIFY_COLUMN}`, outputs };
}

/** ORDER BY after QUALIFY sorts the outer query: `t.a` there is the output column `a`. */
export function unqualifyOrderBy(terms: OrderingTerm[], outputs: ReadonlySet<string>): OrderingTerm[] {
  return terms.map((t) => ({
    ...t,
    expr: mapColumns(t.expr, (c) => {
      const last = c.path[c.path.length - 1];
      if (c.path.length < 2 || !last || !outputs.has(last.name.toLowerCase())) return null;
      return { ...c, path: [last] };
    }) as Expression,
  }));
}

export interface SampledFrom {
  /** The FROM clause with the sample applied, or null to keep it. */
  from: string | null;
  /** A condition to AND into WHERE. */
  where: string | null;
}

export interface SampleTools {
  bag: DiagnosticBag;
  /** A FROM item as SQL (with its alias). */
  from(item: FromItem): string;
  /** A table reference as SQL without its alias, and the name its columns are qualified by. */
  table(item: Extract<FromItem, { kind: 'table-ref' }>): { relation: string; qualifier: string };
}

/**
 * DuckDB samples the FROM clause (after joins, before WHERE). Percentages with
 * system or bernoulli → TABLESAMPLE on a single table, a per-row random()
 * filter over joins; reservoir percentages → BERNOULLI; row counts → a
 * subquery ORDER BY random() LIMIT n over a single table. Always SP519.
 */
export function translateSample(sample: SampleClause, from: FromItem | null, tools: SampleTools): SampledFrom | null {
  const { bag } = tools;
  if (!from) {
    bag.report('SP204', sample.span, 'USING SAMPLE', 'the query has no FROM clause to sample');
    return null;
  }
  if (sample.unit === 'rows') {
    if (from.kind !== 'table-ref') {
      bag.report('SP204', sample.span, `USING SAMPLE ${sample.size} ROWS`, 'a row-count sample is translated over a single table only');
      return null;
    }
    const { relation, qualifier } = tools.table(from);
    bag.report('SP519', sample.span, `ORDER BY random() LIMIT ${sample.size} in a subquery`, sample.seed ? '; the REPEATABLE seed is dropped' : '');
    return { from: `(SELECT * FROM ${relation} ORDER BY random() LIMIT ${sample.size}) AS ${qualifier}`, where: null };
  }
  const method = sample.method === 'system' || sample.method === null ? 'SYSTEM' : 'BERNOULLI';
  const reservoir = sample.method === 'reservoir' ? '; a reservoir sample (an exact percentage) becomes BERNOULLI (about that percentage)' : '';
  if (from.kind === 'table-ref') {
    const clause = `TABLESAMPLE ${method} (${sample.size})${sample.seed ? ` REPEATABLE (${sample.seed})` : ''}`;
    bag.report('SP519', sample.span, clause, reservoir);
    return { from: `${tools.from(from)} ${clause}`, where: null };
  }
  const condition = `random() < ${sample.size} / 100.0`;
  bag.report('SP519', sample.span, `WHERE ${condition} (each row of the join kept with that probability)`, `${reservoir}${sample.seed ? '; the REPEATABLE seed is dropped' : ''}`);
  return { from: null, where: condition };
}
