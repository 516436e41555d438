/**
 * `copy()`: a SQLite or DuckDB database file into PostgreSQL, by the
 * compiler's own decisions.
 *
 *  1. The source schema (read from the file's catalog) is translated with the
 *     given options; errors stop here.
 *  2. In one transaction: the bookkeeping of the run, the tables (and the
 *     types, sequences and extensions they need), their foreign keys taken
 *     off, and the statements that wait for the rows recorded.
 *  3. Each table in its own transaction: COPY of the converted rows, and the
 *     record that it is finished (so --resume skips it).
 *  4. In one transaction: indexes, foreign keys, views…, sequences past the
 *     largest value, and the bookkeeping removed. Then ANALYZE.
 *  5. Verification: counts and checksums read back from PostgreSQL.
 */
import { resolve } from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { detachForeignKeys, resetSequences } from './constraints.js';
import { Interrupted, loadTable, MaxRejectsReached, type LoadContext } from './load.js';
import { openSource } from './open-source.js';
import { planCopy, type CopyPlan } from './plan.js';
import { RejectLog } from './rejects.js';
import { connectTarget, dropBookkeepingIfUnused, forgetRun, readRun, startRun, type Target } from './target.js';
import type { CopyOptions, CopyStatus, CopySummary, TableSummary } from './types.js';
import { targetChecksum } from './verify-load.js';

/** Runs `sql` in a savepoint; an error (of SQLSTATE `code`, or any when null) is ignored. */
async function tolerate(q: (sql: string) => Promise<unknown>, sql: string, code: string | null): Promise<void> {
  await q('SAVEPOINT schema_port_tolerate');
  try {
    await q(sql);
    await q('RELEASE SAVEPOINT schema_port_tolerate');
  } catch (error) {
    await q('ROLLBACK TO SAVEPOINT schema_port_tolerate');
    if (code !== null && (error as { code?: string }).code !== code) throw error;
  }
}

/** A copy that cannot start or go on (the target is not empty, nothing to resume, …). */
export class CopyError extends Error {}

async function existingTables(target: Target, plan: CopyPlan): Promise<string[]> {
  const out: string[] = [];
  for (const t of plan.tables) {
    const r = await target.query<{ r: string | null }>('SELECT to_regclass($1)::text AS r', [t.target]);
    if (r[0]?.r) out.push(t.target);
  }
  return out;
}

function emptySummary(o: CopyOptions, plan: CopyPlan | null, started: number): CopySummary {
  return {
    status: 'ok',
    dryRun: Boolean(o.dryRun),
    source: o.source,
    target: o.target,
    tables: [],
    diagnostics: plan ? [...plan.result.diagnostics, ...plan.diagnostics] : [],
    schemaSql: plan?.schemaSql ?? '',
    rejectFile: null,
    skippedForeignKeys: [],
    seconds: (performance.now() - started) / 1000,
  };
}

export async function copy(o: CopyOptions): Promise<CopySummary> {
  const started = performance.now();
  const source = await openSource(o.source, o.from ?? 'auto');
  try {
    const plan = await planCopy(source, o.translate ?? {}, o.source, o.tables);
    const summary = emptySummary(o, plan, started);
    if (plan.result.sql === null) {
      summary.status = 'schema-errors';
      return summary;
    }
    if (o.dryRun) {
      for (const t of plan.tables) {
        const n = await source.count(t.source);
        summary.tables.push({ table: t.target, source: t.model.name.name, read: n, written: 0, rejected: 0, bytes: 0, seconds: 0, resumed: false, checksum: '', verified: null });
      }
      summary.seconds = (performance.now() - started) / 1000;
      return summary;
    }
    const target = await connectTarget(o.target, o.targetSchema);
    try {
      await run(o, plan, source, target, summary);
    } finally {
      await target.close();
    }
    summary.seconds = (performance.now() - started) / 1000;
    return summary;
  } finally {
    await source.close();
  }
}

async function run(o: CopyOptions, plan: CopyPlan, source: Awaited<ReturnType<typeof openSource>>, target: Target, summary: CopySummary): Promise<void> {
  const ifExists = o.ifExists ?? 'fail';
  const q = (sql: string) => target.client.query(sql);
  const tables = plan.tables.map((t) => t.target);
  let previous = await readRun(target);
  if (previous && !o.resume && ifExists !== 'drop') {
    throw new CopyError(`an interrupted copy into schema ${target.schema} can be resumed: run again with --resume (or --if-exists drop to start over)`);
  }
  if (!previous && o.resume) throw new CopyError(`there is no interrupted copy to resume in schema ${target.schema}`);
  if (previous && !o.resume) previous = null;

  let truncate = false;
  let post: string[];
  if (previous) {
    post = previous.post;
  } else {
    const existing = await existingTables(target, plan);
    if (existing.length > 0 && ifExists === 'fail') {
      throw new CopyError(`the target is not empty: ${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''} (--if-exists drop or truncate)`);
    }
    if (ifExists === 'truncate' && existing.length > 0 && existing.length < tables.length) {
      throw new CopyError(`--if-exists truncate loads into existing tables, but ${tables.filter((t) => !existing.includes(t)).join(', ')} do not exist`);
    }
    truncate = ifExists === 'truncate' && existing.length > 0;
    await o.onProgress?.({ kind: 'phase', phase: 'schema' });
    await q('BEGIN');
    try {
      if (ifExists === 'drop') {
        await forgetRun(target);
        for (const t of existing) await q(`DROP TABLE ${t} CASCADE`);
        for (const sql of plan.dropFirst) await tolerate(q, sql, null);
      }
      if (!truncate) {
        // --if-exists drop: a type or sequence another table still uses is kept and reused.
        for (const sql of plan.pre) {
          if (ifExists === 'drop' && /^CREATE (TYPE|SEQUENCE) /.test(sql)) await tolerate(q, sql, '42710');
          else await q(sql);
        }
      }
      const foreignKeys = await detachForeignKeys(target, tables);
      // --tables: a foreign key to a table outside the selection is added when that table exists in the target.
      const outside: string[] = [];
      for (const fk of truncate ? [] : plan.outsideForeignKeys) {
        const exists = (await target.query<{ r: string | null }>('SELECT to_regclass($1)::text AS r', [fk.references]))[0]?.r;
        if (exists) outside.push(fk.sql);
        else summary.skippedForeignKeys.push(fk.sql);
      }
      post = truncate ? foreignKeys : [...plan.post, ...outside, ...foreignKeys];
      await startRun(target, o.source, post);
      await q('COMMIT');
    } catch (error) {
      await q('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  const rejects = new RejectLog(resolve(o.rejectFile ?? `${o.source}.rejects.jsonl`), Boolean(o.resume));
  const composites = new Set((plan.result.postgres?.composites ?? []).map((c) => c.name.toLowerCase()));
  const ctx: LoadContext = {
    target,
    source,
    rejects,
    maxRejects: o.maxRejects ?? Infinity,
    batchSize: o.batchSize ?? 2000,
    composites,
    ...(o.signal ? { signal: o.signal } : {}),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
  };
  const stop = (status: CopyStatus) => {
    summary.status = status;
    summary.rejectFile = rejects.written ? rejects.file : null;
  };
  for (const t of plan.tables) {
    const done = previous?.finished.get(t.target);
    if (done) {
      summary.tables.push({ ...done, source: t.model.name.name, seconds: 0, resumed: true, verified: null });
      continue;
    }
    try {
      summary.tables.push(await loadTable(ctx, t, truncate));
    } catch (error) {
      if (error instanceof MaxRejectsReached) return stop('max-rejects');
      if (error instanceof Interrupted) return stop('interrupted');
      throw error;
    }
  }

  await o.onProgress?.({ kind: 'phase', phase: 'indexes' });
  await q('BEGIN');
  try {
    for (const sql of post) await q(sql);
    await resetSequences(target, tables);
    await forgetRun(target);
    await dropBookkeepingIfUnused(target);
    await q('COMMIT');
  } catch (error) {
    await q('ROLLBACK').catch(() => undefined);
    throw error;
  }
  await o.onProgress?.({ kind: 'phase', phase: 'analyze' });
  for (const t of tables) await q(`ANALYZE ${t}`);

  const diagnostics: Diagnostic[] = [];
  if (o.verify ?? true) {
    await o.onProgress?.({ kind: 'phase', phase: 'verify' });
    for (const [i, t] of plan.tables.entries()) {
      const s = summary.tables[i] as TableSummary;
      const back = await targetChecksum(target, t, composites);
      const problems: string[] = [];
      if (back.count !== s.written) problems.push(`${back.count} rows in PostgreSQL, ${s.written} written`);
      else if (back.hex !== s.checksum) problems.push(`checksum ${back.hex} in PostgreSQL, ${s.checksum} from the source`);
      s.verified = problems.length === 0;
      if (!s.verified) diagnostics.push(diagnostic('SP010', t.pg.span, t.target, problems.join('; ')));
    }
  }
  for (const s of summary.tables) {
    if (s.rejected > 0) diagnostics.push(diagnostic('SP011', null, String(s.rejected), String(s.read), s.table, rejects.file));
  }
  summary.diagnostics.push(...diagnostics);
  summary.rejectFile = rejects.written ? rejects.file : null;
  summary.status = summary.tables.some((s) => s.verified === false) ? 'verify-failed' : summary.tables.some((s) => s.rejected > 0) ? 'rejects' : 'ok';
}
