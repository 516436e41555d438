import type { Comment, Span } from '../syntax/ast.js';

/**
 * Attaches source comments to the statements and columns they document:
 * a comment block directly above (no blank line between) leads an element;
 * a comment on the same line after it trails it. Each comment is used once.
 */
export class CommentAttacher {
  readonly #used = new Set<number>();

  constructor(
    private readonly source: string,
    private readonly comments: readonly Comment[],
  ) {}

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

  /** The comment block that ends on the line directly above `span`. */
  leading(span: Span): string | null {
    const block: Comment[] = [];
    let cursor = span.start;
    for (let i = this.comments.length - 1; i >= 0; i--) {
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
    const lineEnd = this.source.indexOf('\n', span.end);
    const end = Math.min(lineEnd === -1 ? this.source.length : lineEnd, limit);
    const trailing = this.comments.filter((c) => c.span.start >= span.end && c.span.start < end && !this.#used.has(c.span.start));
    if (trailing.length > 0) return this.#join(trailing);
    return this.leading(span);
  }
}
