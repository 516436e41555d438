/**
 * Naming policy (`--identifiers preserve|lower|snake`) and the checks
 * PostgreSQL's namespace needs: 63-byte names, and one relation namespace per
 * schema shared by tables, views, sequences, indexes and key constraints.
 */
import type { DiagnosticBag } from '../diagnostics/diagnostic.js';
import type { TranslateOptions } from '../options.js';
import type { Span } from '../syntax/ast.js';
import { quoteIdent } from '../emit/postgres/quote.js';

const MAX_BYTES = 63;
/**
 * UTF-8 length, counted without encoding (it runs for every name). A lone
 * surrogate counts 3 bytes, as TextEncoder writes it: U+FFFD.
 */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[\s-]+/g, '_')
    .toLowerCase();
}

/** Truncates to at most 63 UTF-8 bytes without splitting a character. */
export function truncateName(name: string, max = MAX_BYTES): string {
  if (utf8Length(name) <= max) return name;
  let out = '';
  let size = 0;
  for (const ch of name) {
    const n = utf8Length(ch);
    if (size + n > max) break;
    out += ch;
    size += n;
  }
  return out;
}

/** `name_n`, shortening `name` so the whole stays within 63 bytes (a plain truncation could drop the suffix). */
export function withSuffix(name: string, n: number): string {
  const suffix = `_${n}`;
  return truncateName(name, MAX_BYTES - suffix.length) + suffix;
}

export class NamePolicy {
  /** Declared spelling of each column name, by lower-cased name (SQLite names are case-insensitive). */
  readonly #columnSpelling = new Map<string, string>();
  readonly #reportedLong = new Set<string>();

  constructor(
    private readonly options: TranslateOptions,
    private readonly bag: DiagnosticBag,
  ) {}

  /** Records a declared column name so later references in another case resolve to it. */
  declareColumn(name: string): void {
    const key = name.toLowerCase();
    if (!this.#columnSpelling.has(key)) this.#columnSpelling.set(key, name);
  }

  adoptSpellings(other: NamePolicy): void {
    for (const [k, v] of other.#columnSpelling) if (!this.#columnSpelling.has(k)) this.#columnSpelling.set(k, v);
  }

  canonicalColumn(name: string): string {
    return this.#columnSpelling.get(name.toLowerCase()) ?? name;
  }

  /** A name under the policy, unquoted; diagnoses names PostgreSQL would truncate. */
  apply(name: string, span: Span | null): string {
    let out = name;
    if (this.options.identifiers === 'lower') out = name.toLowerCase();
    else if (this.options.identifiers === 'snake') out = snakeCase(name);
    const truncated = truncateName(out);
    if (truncated !== out) {
      if (span && !this.#reportedLong.has(out)) {
        this.#reportedLong.add(out);
        this.bag.report('SP401', span, quoteIdent(out), String(utf8Length(out)), quoteIdent(truncated));
      }
      out = truncated;
    }
    return out;
  }

  /** Applies the policy and quotes. */
  quote(name: string, span: Span | null): string {
    return quoteIdent(this.apply(name, span));
  }
}

/** One relation namespace per schema: hands out unique names and reports renames. */
export class RelationNamespace {
  readonly #taken = new Map<string, string>();

  constructor(private readonly bag: DiagnosticBag) {}

  #key(schema: string | null, name: string): string {
    return `${schema ?? ''}\u0000${name}`;
  }

  /** Claims `name` (already under the naming policy); returns it or a renamed one. */
  claim(schema: string | null, name: string, what: string, span: Span, owner: string): string {
    const key = this.#key(schema, name);
    const holder = this.#taken.get(key);
    if (holder === undefined || holder === owner) {
      this.#taken.set(key, owner);
      return name;
    }
    let n = 1;
    let candidate = withSuffix(name, n);
    while (this.#taken.has(this.#key(schema, candidate)) && this.#taken.get(this.#key(schema, candidate)) !== owner) {
      n++;
      candidate = withSuffix(name, n);
    }
    this.#taken.set(this.#key(schema, candidate), owner);
    this.bag.report('SP402', span, what, quoteIdent(name), quoteIdent(candidate));
    return candidate;
  }

  isFree(schema: string | null, name: string, owner: string): boolean {
    const holder = this.#taken.get(this.#key(schema, name));
    return holder === undefined || holder === owner;
  }

  /**
   * Takes a name PostgreSQL will choose itself (`t_pkey`, `t_a_key`) if it is
   * still free; PostgreSQL picks another when it is not, so nothing is reported.
   */
  reserve(schema: string | null, name: string, owner: string): void {
    const key = this.#key(schema, name);
    if (!this.#taken.has(key)) this.#taken.set(key, owner);
  }

  /** Frees a name (DROP, RENAME). */
  release(schema: string | null, name: string): void {
    this.#taken.delete(this.#key(schema, name));
  }
}
