import type { Comment, Span } from '../syntax/ast.js';

/**
 * Attaches source comments to the statements and columns they document:
 * a comment block directly above (no blank line between) leads an element;
 * a comment on the same line after it trails it. Each comment is used once.
 */
export class CommentAttacher {
  readonly #used = new Set<number>();
  /** Sorted by start; grows as a script is read item by item (`add`). */
  private readonly comments: Comment[];
  /** Where each held comment starts. */
  readonly #starts: Set<number>;

  constructor(
    private readonly source: string,
    comments: readonly Comment[],
  ) {
    this.comments = [...comments];
    this.#starts = new Set(comments.map((c) => c.span.start));
  }

  /** Comments read after the ones already held (a script read item by item); one already held is skipped. */
  add(comments: readonly Comment[]): void {
    let sorted = true;
    for (const c of comments) {
      if (this.#starts.has(c.span.start)) continue;
      this.#starts.add(c.span.start);
      const last = this.comments[this.comments.length - 1];
      if (last && last.span.start > c.span.start) sorted = false;
      this.comments.push(c);
    }
    if (!sorted) this.comments.sort((a, b) => a.span.start - b.span.start);
  }

  #clean(text: string): string {
    return text
      .split('\n')
      .map((l) => l.replace(/^\s*\*?\s?/, '').trimEnd())
      .join('\n')
      .trim();
  }

  #join(list: Comment[]): string | null {
    for (const c of list) this.#used.add(c.span.start);
    const text = list
      .map((c) => this.#clean(c.text))
      .filter((t) => t !== '' && !/^[-=*#\s]+$/.test(t))
      .join('\n');
    return text === '' ? null : text;
  }

  /** The index of the first comment starting at or after `offset` (comments are sorted by start). */
  #firstFrom(offset: number): number {
    let low = 0;
    let high = this.comments.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((this.comments[mid]?.span.start ?? 0) < offset) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** The comment block that ends on the line directly above `span`. */
  leading(span: Span): string | null {
    const block: Comment[] = [];
    let cursor = span.start;
    // Only comments that start before the element can lead it: a linear scan from the end was quadratic.
    for (let i = this.#firstFrom(span.start) - 1; i >= 0; i--) {
      const c = this.comments[i];
      if (!c || c.span.end > cursor) continue;
      if (this.#used.has(c.span.start)) break;
      const between = this.source.slice(c.span.end, cursor);
      // Only whitespace with at most one line break between comment and element
      // (a `--` comment's own line break is not part of its span).
      if (!/^[ \t\r]*\n?[ \t\r]*$/.test(between)) break;
      // The comment must start its line (otherwise it trails something else).
      const lineStart = this.source.lastIndexOf('\n', c.span.start - 1) + 1;
      if (this.source.slice(lineStart, c.span.start).trim() !== '') break;
      block.unshift(c);
      cursor = c.span.start;
    }
    return block.length ? this.#join(block) : null;
  }

  /**
   * A column's comment: the rest of its own line (after its comma), else the
   * block directly above it. `limit` is where the next element starts.
   */
  forElement(span: Span, limit: number): string | null {
    // The end of the line or `limit`, whichever comes first (indexOf to the line end is quadratic on one long line).
    let end = span.end;
    while (end < limit && end < this.source.length && this.source.charCodeAt(end) !== 10) end++;
    const trailing: Comment[] = [];
    for (let i = this.#firstFrom(span.end); i < this.comments.length; i++) {
      const c = this.comments[i];
      if (!c || c.span.start >= end) break;
      if (!this.#used.has(c.span.start)) trailing.push(c);
    }
    if (trailing.length > 0) return this.#join(trailing);
    return this.leading(span);
  }
}
