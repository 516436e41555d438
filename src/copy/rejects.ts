/**
 * Rejected rows: one JSON line each, with the table, the row's primary key
 * (or its position when the table has none), the column, the value, the
 * reason and the diagnostic that announced the divergence. Lines are kept per
 * table and written when the table's load ends, so a table loaded again
 * (after a failed COPY or on --resume) does not list its rows twice.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { byteaText, doubleText } from '../convert/index.js';
import { InvalidUtf8 } from './source.js';

export interface Reject {
  table: string;
  target: string;
  key: Record<string, string | null>;
  column: string | null;
  value: string | null;
  reason: string;
  /** The translation diagnostic that announced the divergence, or PostgreSQL's SQLSTATE. */
  code: string | null;
}

/** A source value as it is shown in a reject line (long text cut). */
export function shownValue(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.length > 200 ? `${v.slice(0, 200)}…` : v;
  if (typeof v === 'number') return doubleText(v);
  if (v instanceof InvalidUtf8) return byteaText(v.bytes.subarray(0, 100));
  if (v instanceof Uint8Array) return byteaText(v.subarray(0, 100));
  return String(v);
}

export class RejectLog {
  total = 0;
  #pending: string[] = [];
  #started = false;

  constructor(
    readonly file: string,
    private readonly append: boolean,
  ) {}

  add(reject: Reject): void {
    this.total++;
    this.#pending.push(`${JSON.stringify(reject)}\n`);
  }

  /** The rows of a table that is loaded again are forgotten. */
  discardPending(): void {
    this.total -= this.#pending.length;
    this.#pending = [];
  }

  /** Writes the table's lines (the file is created with the first one). */
  flush(): void {
    if (this.#pending.length === 0) return;
    const text = this.#pending.join('');
    if (!this.#started && !this.append) writeFileSync(this.file, text);
    else appendFileSync(this.file, text);
    this.#started = true;
    this.#pending = [];
  }

  get written(): boolean {
    return this.#started;
  }
}
