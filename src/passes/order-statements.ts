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
import { addForeignKeySql } from '../emit/postgres/emit-sql.js';

const PRELUDE: ReadonlySet<PgStatement['kind']> = new Set(['schema', 'extension', 'collation']);


export function orderStatements(input: PgStatement[], bag: DiagnosticBag): PgStatement[] {
  const prelude = input.filter((s) => PRELUDE.has(s.kind));
  const rank: Record<string, number> = { schema: 0, extension: 1, collation: 2 };
  prelude.sort((a, b) => (rank[a.kind] ?? 0) - (rank[b.kind] ?? 0));
  const pool = input.filter((s) => !PRELUDE.has(s.kind));

  // deps[i]: indexes into `pool` that must come before pool[i] (made when the first one is found).
  const deps: (Set<number> | undefined)[] = new Array<Set<number> | undefined>(pool.length);
  const providers = new Map<string, number[]>();
  pool.forEach((s, i) =>
    s.provides.forEach((k) => {
      const list = providers.get(k);
      if (list) list.push(i);
      else providers.set(k, [i]);
    }),
  );
  // A barrier waits for every statement before it. That is kept implicit (checked
  // as "everything before it is done") rather than as i dependencies each: quadratic.
  const barrier: boolean[] = pool.map((s) => Boolean(s.barrier));
  let lastBarrier = -1;
  pool.forEach((s, i) => {
    for (const key of s.requires) {
      const list = providers.get(key);
      if (!list) continue;
      const before = list.filter((j) => j < i);
      const provider = before.length ? before[before.length - 1] : list.find((j) => j > i);
      if (provider !== undefined && provider !== i) (deps[i] ??= new Set()).add(provider);
    }
    if (!s.barrier && lastBarrier >= 0) (deps[i] ??= new Set()).add(lastBarrier);
    if (s.barrier) lastBarrier = i;
  });

  const done = new Set<number>();
  const out: PgStatement[] = [];
  const extra: { statement: PgStatement; needs: Set<number> }[] = [];
  /** Every index below it is done: the scan for the next statement starts there. */
  let firstUndone = 0;
  const ready = (i: number): boolean => {
    if (barrier[i] && firstUndone !== i) return false;
    for (const d of deps[i] ?? []) if (!done.has(d)) return false;
    return true;
  };
  while (done.size < pool.length) {
    let next = -1;
    for (let i = firstUndone; i < pool.length; i++) {
      if (done.has(i)) continue;
      if (ready(i)) {
        next = i;
        break;
      }
    }
    if (next === -1) {
      // A cycle: defer the first waiting table's foreign keys to tables not yet created.
      const i = pool.findIndex((s, k) => !done.has(k) && s.table);
      const stuck = i === -1 ? pool.findIndex((_, k) => !done.has(k)) : i;
      if (barrier[stuck]) {
        // The implicit barrier dependencies become explicit, so the cycle breaking below sees them.
        barrier[stuck] = false;
        const waits = (deps[stuck] ??= new Set());
        for (let j = 0; j < stuck; j++) waits.add(j);
      }
      const s = pool[stuck] as PgStatement;
      if (s.table) {
        for (const fk of s.table.foreignKeys) {
          // Already added by its own ALTER (a key that only a unique index provides).
          if (fk.deferred) continue;
          const providersOf = providers.get(fk.target) ?? [];
          if (providersOf.some((p) => done.has(p)) || providersOf.includes(stuck)) continue;
          fk.deferred = true;
          const cols = fk.columns.map(quoteIdent).join(', ');
          bag.report('SP309', fk.span, fk.name ? quoteIdent(fk.name) : `(${cols})`, fk.target.split('.').pop() ?? fk.target);
          extra.push({
            statement: {
              kind: 'foreign-key',
              sql: addForeignKeySql(s.table.schema, s.table.name, fk),
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
    while (done.has(firstUndone)) firstUndone++;
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
