/**
 * Dependency order for the PostgreSQL script: statements keep their source
 * order except where PostgreSQL needs a dependency first. Schemas, extensions
 * and collations lead; a table moves after the tables its foreign keys
 * reference; a cycle of foreign keys is broken by adding the constraint with
 * ALTER TABLE once both tables exist. Data and migration steps are barriers:
 * nothing moves across them.
 */
import type { DiagnosticBag } from '../diagnostics/diagnostic.js';
import { quoteIdent } from '../emit/postgres/quote.js';
import type { PgStatement } from './postgres-model.js';
import { relationKey } from './symbols.js';

const PRELUDE: ReadonlySet<PgStatement['kind']> = new Set(['schema', 'extension', 'collation']);

function qualified(schema: string | null, name: string): string {
  return schema ? `${quoteIdent(schema)}.${quoteIdent(name)}` : quoteIdent(name);
}

export function orderStatements(input: PgStatement[], bag: DiagnosticBag): PgStatement[] {
  const prelude = input.filter((s) => PRELUDE.has(s.kind));
  const rank: Record<string, number> = { schema: 0, extension: 1, collation: 2 };
  prelude.sort((a, b) => (rank[a.kind] ?? 0) - (rank[b.kind] ?? 0));
  const pool = input.filter((s) => !PRELUDE.has(s.kind));

  // deps[i]: indexes into `pool` that must come before pool[i].
  const deps: Set<number>[] = pool.map(() => new Set<number>());
  const providers = new Map<string, number[]>();
  pool.forEach((s, i) => s.provides.forEach((k) => providers.set(k, [...(providers.get(k) ?? []), i])));
  let lastBarrier = -1;
  pool.forEach((s, i) => {
    for (const key of s.requires) {
      const list = providers.get(key);
      if (!list) continue;
      const before = list.filter((j) => j < i);
      const provider = before.length ? before[before.length - 1] : list.find((j) => j > i);
      if (provider !== undefined && provider !== i) deps[i]?.add(provider);
    }
    if (s.barrier) for (let j = 0; j < i; j++) deps[i]?.add(j);
    else if (lastBarrier >= 0) deps[i]?.add(lastBarrier);
    if (s.barrier) lastBarrier = i;
  });

  const done = new Set<number>();
  const out: PgStatement[] = [];
  const extra: { statement: PgStatement; needs: Set<number> }[] = [];
  while (done.size < pool.length) {
    let next = -1;
    for (let i = 0; i < pool.length; i++) {
      if (done.has(i)) continue;
      if ([...(deps[i] ?? [])].every((d) => done.has(d))) {
        next = i;
        break;
      }
    }
    if (next === -1) {
      // A cycle: defer the first waiting table's foreign keys to tables not yet created.
      const i = pool.findIndex((s, k) => !done.has(k) && s.table);
      const stuck = i === -1 ? pool.findIndex((_, k) => !done.has(k)) : i;
      const s = pool[stuck] as PgStatement;
      if (s.table) {
        for (const fk of s.table.foreignKeys) {
          const providersOf = providers.get(fk.target) ?? [];
          if (providersOf.some((p) => done.has(p)) || providersOf.includes(stuck)) continue;
          fk.deferred = true;
          const cols = fk.columns.map(quoteIdent).join(', ');
          bag.report('SP309', fk.span, fk.name ? quoteIdent(fk.name) : `(${cols})`, fk.target.split('.').pop() ?? fk.target);
          extra.push({
            statement: {
              kind: 'foreign-key',
              sql: `ALTER TABLE ${qualified(s.table.schema, s.table.name)} ADD ${fk.name ? `CONSTRAINT ${quoteIdent(fk.name)} ` : ''}FOREIGN KEY (${cols}) ${fk.references};`,
              leading: null,
              span: fk.span,
              provides: [],
              requires: [relationKey(s.table.schema, s.table.name), fk.target],
              barrier: false,
            },
            needs: new Set([stuck, ...providersOf]),
          });
        }
      }
      deps[stuck] = new Set([...(deps[stuck] ?? [])].filter((d) => done.has(d) || !pool[d]?.table));
      if ([...(deps[stuck] ?? [])].some((d) => !done.has(d))) deps[stuck] = new Set();
      continue;
    }
    done.add(next);
    out.push(pool[next] as PgStatement);
    for (let k = extra.length - 1; k >= 0; k--) {
      const e = extra[k];
      if (e && [...e.needs].every((d) => done.has(d))) {
        out.push(e.statement);
        extra.splice(k, 1);
      }
    }
  }
  for (const e of extra) out.push(e.statement);
  return [...prelude, ...out];
}
