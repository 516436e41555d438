/** The summary of a copy as a table for people (the --json summary is the CopySummary itself). */
import type { CopySummary } from './types.js';

const n = (v: number) => v.toLocaleString('en-US');

export function formatSummary(s: CopySummary): string {
  const head = ['table', 'read', 'written', 'rejected', 'verified'];
  const rows = s.tables.map((t) => [t.table, n(t.read), n(t.written), n(t.rejected), t.resumed ? 'earlier run' : t.verified === null ? '-' : t.verified ? 'yes' : 'NO']);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ').trimEnd();
  const total = (key: 'read' | 'written' | 'rejected') => s.tables.reduce((sum, t) => sum + t[key], 0);
  const bytes = s.tables.reduce((sum, t) => sum + t.bytes, 0);
  const out = [line(head), ...rows.map(line)];
  const what = s.dryRun
    ? `dry run: ${s.tables.length} tables, ${n(total('read'))} rows would be copied; nothing was written`
    : `${n(total('written'))} rows copied (${n(total('rejected'))} rejected) in ${s.seconds.toFixed(1)}s, ${n(Math.round(total('written') / Math.max(s.seconds, 1e-9)))} rows/s, ${(bytes / 1e6 / Math.max(s.seconds, 1e-9)).toFixed(1)} MB/s`;
  const status: Record<CopySummary['status'], string> = {
    ok: '',
    rejects: `; rejected rows are in ${s.rejectFile ?? '?'}`,
    'max-rejects': `; stopped: more rows rejected than --max-rejects (see ${s.rejectFile ?? '?'}); fix them and run again with --resume`,
    'verify-failed': '; VERIFICATION FAILED',
    interrupted: '; interrupted: run again with --resume',
    'schema-errors': '; the schema has translation errors: nothing was written',
  };
  const skipped = s.skippedForeignKeys.map((sql) => `not added (the referenced table is neither copied nor in the target): ${sql}\n`).join('');
  return `${out.join('\n')}\n${skipped}${s.source} → ${s.target}: ${what}${status[s.status]}\n`;
}
