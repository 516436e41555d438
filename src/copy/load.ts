/**
 * Loading one table: its rows read from the source, converted by the
 * compiler's decisions, streamed with COPY (text format) in one transaction
 * that also records the table as finished. A row whose value cannot be
 * converted goes to the reject log; when PostgreSQL refuses the COPY (a row
 * breaks a constraint the conversion does not know of), the table is loaded
 * again row by row, each in a savepoint, and PostgreSQL's refusals are
 * rejects too.
 */
import { once } from 'node:events';
import { from as copyFrom } from 'pg-copy-streams';
import { ConversionError, type PgText } from '../convert/index.js';
import { quoteIdent } from '../emit/postgres/quote.js';
import { canonicalizer, Checksum, type Canonical } from './checksum.js';
import { copyLine, isPlainColumn } from './copy-text.js';
import type { TablePlan } from './plan.js';
import { RejectLog, shownValue, type Reject } from './rejects.js';
import { InvalidUtf8, type CopySource } from './source.js';
import { recordTable, type Target } from './target.js';
import type { ProgressEvent, TableSummary } from './types.js';

export class MaxRejectsReached extends Error {}
export class Interrupted extends Error {}
class CopyRefused extends Error {}

export interface LoadContext {
  target: Target;
  source: CopySource;
  rejects: RejectLog;
  maxRejects: number;
  batchSize: number;
  composites: ReadonlySet<string>;
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void | Promise<void>;
}

interface Outcome {
  read: number;
  written: number;
  rejected: number;
  bytes: number;
  checksum: Checksum;
}

/** Converts rows, sending those that cannot be converted to the reject log. */
class RowFeed {
  readonly checksum = new Checksum();
  read = 0;
  rejected = 0;
  readonly canonical: Canonical[];

  constructor(
    private readonly ctx: LoadContext,
    private readonly t: TablePlan,
  ) {
    this.canonical = t.converter.targets.map((c) => canonicalizer(c, ctx.composites, 'source'));
  }

  key(row: readonly unknown[]): Record<string, string | null> {
    if (this.t.keyColumns.length === 0) return { row: String(this.read) };
    return Object.fromEntries(this.t.keyColumns.map((i) => [this.t.converter.sourceColumns[i] as string, shownValue(row[i])]));
  }

  reject(row: readonly unknown[], column: string | null, value: unknown, reason: string, code: string | null): void {
    const r: Reject = { table: this.t.model.name.name, target: this.t.target, key: this.key(row), column, value: shownValue(value), reason, code };
    this.rejected++;
    this.ctx.rejects.add(r);
    if (this.ctx.rejects.total > this.ctx.maxRejects) throw new MaxRejectsReached(`more than ${this.ctx.maxRejects} rejected rows`);
  }

  /** The converted row, or null when it was rejected. */
  convert(row: unknown[]): PgText[] | null {
    this.read++;
    const c = this.t.converter;
    for (let i = 0; i < row.length; i++) {
      if (row[i] instanceof InvalidUtf8) {
        this.reject(row, c.sourceColumns[i] as string, row[i], 'the text is not valid UTF-8', null);
        return null;
      }
    }
    try {
      return c.convert(row);
    } catch (error) {
      if (!(error instanceof ConversionError)) throw error;
      const i = c.columns.indexOf(error.column);
      this.reject(row, i >= 0 ? (c.sourceColumns[i] as string) : error.column, error.value, error.reason, error.code);
      return null;
    }
  }

  add(values: readonly PgText[]): void {
    this.checksum.addRow(values, this.canonical);
  }
}

function checkSignal(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new Interrupted('interrupted');
}

async function copyRows(ctx: LoadContext, t: TablePlan, total: number): Promise<Outcome> {
  const feed = new RowFeed(ctx, t);
  const columns = t.converter.columns.map(quoteIdent).join(', ');
  const stream = ctx.target.client.query(copyFrom(`COPY ${t.target} (${columns}) FROM STDIN`));
  let failure: Error | null = null;
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', (error: Error) => {
      failure = error;
      reject(error);
    });
  });
  done.catch(() => undefined);
  const plain = t.converter.targets.map(isPlainColumn);
  let written = 0;
  let bytes = 0;
  try {
    for await (const batch of ctx.source.rows(t.source, t.converter.sourceColumns, ctx.batchSize)) {
      let chunk = '';
      for (const row of batch) {
        const values = feed.convert(row);
        if (values === null) continue;
        feed.add(values);
        chunk += copyLine(values, plain);
        written++;
      }
      if (failure) break;
      bytes += Buffer.byteLength(chunk);
      if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), done]);
      void ctx.onProgress?.({ kind: 'rows', table: t.target, read: feed.read, total, bytes });
      checkSignal(ctx.signal);
    }
  } catch (error) {
    stream.destroy(error as Error);
    await done.catch(() => undefined);
    // PostgreSQL refused the data while we waited for the stream to drain: load row by row.
    if (failure && error === failure) throw new CopyRefused((failure as Error).message, { cause: failure });
    throw error;
  }
  if (!failure) stream.end();
  try {
    await done;
  } catch (error) {
    throw new CopyRefused((error as Error).message, { cause: error });
  }
  return { read: feed.read, written, rejected: feed.rejected, bytes, checksum: feed.checksum };
}

/** The slow path: one INSERT per row, each in a savepoint; PostgreSQL's refusals become rejects. */
async function insertRows(ctx: LoadContext, t: TablePlan, total: number): Promise<Outcome> {
  const feed = new RowFeed(ctx, t);
  const client = ctx.target.client;
  let written = 0;
  let bytes = 0;
  for await (const batch of ctx.source.rows(t.source, t.converter.sourceColumns, ctx.batchSize)) {
    for (const row of batch) {
      const values = feed.convert(row);
      if (values === null) continue;
      await client.query('SAVEPOINT schema_port_row');
      try {
        await client.query(t.converter.insertSql, values);
        await client.query('RELEASE SAVEPOINT schema_port_row');
        feed.add(values);
        written++;
        bytes += Buffer.byteLength(copyLine(values));
      } catch (error) {
        await client.query('ROLLBACK TO SAVEPOINT schema_port_row');
        const e = error as { message: string; code?: string; column?: string; detail?: string };
        const column = e.column ? (t.converter.sourceColumns[t.converter.columns.indexOf(e.column)] ?? e.column) : null;
        feed.reject(row, column, null, `PostgreSQL refused the row: ${e.message}${e.detail ? ` (${e.detail})` : ''}`, e.code ?? null);
      }
    }
    void ctx.onProgress?.({ kind: 'rows', table: t.target, read: feed.read, total, bytes });
    checkSignal(ctx.signal);
  }
  return { read: feed.read, written, rejected: feed.rejected, bytes, checksum: feed.checksum };
}

/** Loads one table in its own transaction (emptied first when `truncate`). */
export async function loadTable(ctx: LoadContext, t: TablePlan, truncate: boolean): Promise<TableSummary> {
  const started = performance.now();
  const total = await ctx.source.count(t.source);
  void ctx.onProgress?.({ kind: 'table-start', table: t.target, total });
  const q = (sql: string) => ctx.target.client.query(sql);
  const begin = async () => {
    await q('BEGIN');
    if (truncate) await q(`TRUNCATE ${t.target}`);
  };
  let outcome: Outcome;
  try {
    await begin();
    try {
      outcome = await copyRows(ctx, t, total);
    } catch (error) {
      if (!(error instanceof CopyRefused)) throw error;
      await q('ROLLBACK');
      ctx.rejects.discardPending();
      await begin();
      outcome = await insertRows(ctx, t, total);
    }
    await recordTable(ctx.target, { table: t.target, read: outcome.read, written: outcome.written, rejected: outcome.rejected, bytes: outcome.bytes, checksum: outcome.checksum.hex });
    await q('COMMIT');
  } catch (error) {
    await q('ROLLBACK').catch(() => undefined);
    if (error instanceof MaxRejectsReached) ctx.rejects.flush();
    else ctx.rejects.discardPending();
    throw error;
  }
  ctx.rejects.flush();
  const summary: TableSummary = {
    table: t.target,
    source: t.model.name.name,
    read: outcome.read,
    written: outcome.written,
    rejected: outcome.rejected,
    bytes: outcome.bytes,
    seconds: (performance.now() - started) / 1000,
    resumed: false,
    checksum: outcome.checksum.hex,
    verified: null,
  };
  void ctx.onProgress?.({ kind: 'table-done', table: summary });
  return summary;
}
