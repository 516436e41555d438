/**
 * Progress of a copy on stderr: on a TTY one live line per table (rows,
 * rows/s, ETA), redrawn at most ten times a second; otherwise one plain line
 * when each table is done.
 */
import type { ProgressEvent } from './types.js';

interface Writable {
  write(text: string): unknown;
}

const n = (v: number) => Math.round(v).toLocaleString('en-US');

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  return `${Math.floor(seconds / 60)}m${String(Math.ceil(seconds % 60)).padStart(2, '0')}s`;
}

export class Progress {
  #started = 0;
  #drawn = 0;
  #line = false;

  constructor(
    private readonly out: Writable,
    private readonly tty: boolean,
    private readonly silent: boolean,
  ) {}

  update(event: ProgressEvent): void {
    if (this.silent) return;
    const now = performance.now();
    switch (event.kind) {
      case 'table-start':
        this.#started = now;
        if (this.tty) this.draw(`${event.table}: 0/${n(event.total)} rows`);
        return;
      case 'rows': {
        if (!this.tty || now - this.#drawn < 100) return;
        this.#drawn = now;
        const seconds = (now - this.#started) / 1000;
        const rate = seconds > 0 ? event.read / seconds : 0;
        const width = 24;
        const done = event.total > 0 ? Math.min(1, event.read / event.total) : 1;
        const bar = `${'#'.repeat(Math.round(done * width))}${'.'.repeat(width - Math.round(done * width))}`;
        const eta = rate > 0 ? duration((event.total - event.read) / rate) : '?';
        this.draw(`${event.table} [${bar}] ${n(event.read)}/${n(event.total)} rows ${n(rate)} rows/s ETA ${eta}`);
        return;
      }
      case 'table-done': {
        const t = event.table;
        const rate = t.seconds > 0 ? t.written / t.seconds : 0;
        this.clear();
        this.out.write(`${t.table}: ${n(t.read)} read, ${n(t.written)} written, ${n(t.rejected)} rejected in ${t.seconds.toFixed(1)}s (${n(rate)} rows/s)\n`);
        return;
      }
      case 'phase':
        this.clear();
        if (event.phase !== 'schema') this.out.write(`${event.phase === 'indexes' ? 'creating indexes and constraints, resetting sequences' : event.phase === 'analyze' ? 'analyzing' : 'verifying counts and checksums'}…\n`);
        return;
    }
  }

  draw(text: string): void {
    this.out.write(`\r\u001b[2K${text}`);
    this.#line = true;
  }

  /** Ends a live line. */
  clear(): void {
    if (!this.#line) return;
    this.out.write('\r\u001b[2K');
    this.#line = false;
  }
}
