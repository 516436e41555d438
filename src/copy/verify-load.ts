/**
 * Verification after the load: each table's rows are read back with COPY …
 * TO STDOUT (values as PostgreSQL prints them), hashed by the same canonical
 * form as the converted source values, and compared by count and checksum.
 */
import { to as copyTo } from 'pg-copy-streams';
import { canonicalizer, Checksum, readBackExpression, type Canonical } from './checksum.js';
import { parseCopyLine } from './copy-text.js';
import type { TablePlan } from './plan.js';
import type { Target } from './target.js';

export async function targetChecksum(target: Target, t: TablePlan, composites: ReadonlySet<string>): Promise<Checksum> {
  const canonical = t.converter.targets.map((c) => canonicalizer(c, composites));
  const exprs = t.converter.targets.map((c, i) => readBackExpression(c, t.converter.columns[i] as string));
  return copyOutChecksum(target.client, `SELECT ${exprs.join(', ')} FROM ${t.target}`, canonical);
}

/** The count and checksum of the rows of `select`, read with COPY … TO STDOUT and hashed by their canonical forms. */
export async function copyOutChecksum(client: Target['client'], select: string, canonical: Canonical[]): Promise<Checksum> {
  const stream = client.query(copyTo(`COPY (${select}) TO STDOUT`));
  const checksum = new Checksum();
  // PostgreSQL sends a row per message: processed in 'data' events, not one await per row.
  let rest: Buffer = Buffer.alloc(0);
  await new Promise<void>((resolve, reject) => {
    stream.on('data', (chunk: Buffer) => {
      try {
        const data: Buffer = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
        let start = 0;
        let nl = data.indexOf(10, start);
        while (nl !== -1) {
          checksum.addRow(parseCopyLine(data.toString('utf8', start, nl)), canonical);
          start = nl + 1;
          nl = data.indexOf(10, start);
        }
        rest = data.subarray(start);
      } catch (error) {
        stream.destroy(error as Error);
      }
    });
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  return checksum;
}
