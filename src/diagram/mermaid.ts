/**
 * A Mermaid `erDiagram` of the translated schema: one entity per table (as
 * the schema is after the whole script, migration steps applied), its
 * columns with PostgreSQL types and PK/FK/UK markers, and one relationship
 * per foreign key. Pure text, no Mermaid needed: the playground renders it,
 * `schema-port diagram` prints it for READMEs.
 */
import { finalSchema } from '../emit/typescript/final-schema.js';
import type { PgColumn, PgForeignKey, PgScript, PgTable } from '../passes/postgres-model.js';

/** Options of the Mermaid ER diagram (`erDiagram`, `schema-port diagram`). */
export interface DiagramOptions {
  /** Print column types (default true). */
  types: boolean;
  /** Print column and table comments as attribute comments (default true). */
  comments: boolean;
}

const DEFAULT_DIAGRAM_OPTIONS: DiagramOptions = { types: true, comments: true };

/** Mermaid's unquoted entity name: `([^\x00-\x7F]|\w|-|\*)+`. */
const ENTITY_WORD = /^[A-Za-z0-9_\-\u0080-\uffff]+$/;
/** Mermaid's attribute word (types and names): a letter, `_` or `*`, then letters, digits, `-_[]().,*`. */
const ATTRIBUTE_WORD = /^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9\-_[\]().,\u00C0-\uFFFF]*$/;

function relationKey(schema: string | null, name: string): string {
  return `${(schema ?? '').toLowerCase()}.${name.toLowerCase()}`;
}

/** Text for a `"…"` comment or label in Mermaid: no double quotes, no line breaks. */
function quotedText(text: string): string {
  return text.replace(/[\r\n\v\b]+/g, ' ').replace(/"/g, "'").trim();
}

/** An entity name as Mermaid reads it: bare when it can be, else in double quotes. */
export function entityName(schema: string | null, name: string): string {
  const full = schema ? `${schema}.${name}` : name;
  if (ENTITY_WORD.test(full)) return full;
  // A quoted entity name is `"[^"%\r\n\v\b\\]+"`.
  const text = quotedText(full).replace(/[%\\]/g, '_');
  return `"${text === '' ? '_' : text}"`;
}

/** An attribute word: characters Mermaid does not take become `_`. */
function attributeWord(text: string): string {
  if (ATTRIBUTE_WORD.test(text)) return text;
  let word = text.replace(/\s+/g, '_').replace(/[^A-Za-z0-9\-_[\]().,\u00C0-\uFFFF]/g, '_');
  if (!/^[A-Za-z_\u00C0-\uFFFF]/.test(word)) word = `_${word}`;
  return word;
}

/** Column-name sets (output names) that are unique in `t`: its primary key, UNIQUE columns and UNIQUE constraints. */
function uniqueSets(t: PgTable): string[][] {
  const sets: string[][] = [];
  if (t.primaryKey.length > 0) sets.push(t.primaryKey);
  for (const c of t.columns) {
    if (c.inlineConstraints.some((k) => /^(?:CONSTRAINT\s+\S+\s+)?(?:UNIQUE|PRIMARY KEY)\b/i.test(k))) sets.push([c.name]);
  }
  for (const k of t.constraints) {
    const m = /^(?:CONSTRAINT\s+(?:"(?:[^"]|"")*"|\S+)\s+)?(?:UNIQUE|PRIMARY KEY)\s*\((.*)\)\s*$/is.exec(k);
    if (m?.[1]) sets.push(splitIdentifiers(m[1]));
  }
  return sets;
}

/** `a, "B c", d` → ['a', 'B c', 'd']. */
function splitIdentifiers(list: string): string[] {
  const names: string[] = [];
  const re = /\s*(?:"((?:[^"]|"")*)"|([^,\s]+))\s*(?:,|$)/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(list)) !== null && m[0] !== '') {
    names.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : (m[2] ?? ''));
  }
  return names;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function isPrimaryKeyColumn(t: PgTable, c: PgColumn): boolean {
  return t.primaryKey.includes(c.name) || c.inlineConstraints.some((k) => /\bPRIMARY KEY\b/i.test(k));
}

function attributeLine(t: PgTable, c: PgColumn, fkColumns: ReadonlySet<string>, unique: ReadonlySet<string>, options: DiagramOptions): string {
  const keys: string[] = [];
  if (isPrimaryKeyColumn(t, c)) keys.push('PK');
  if (fkColumns.has(c.name)) keys.push('FK');
  if (unique.has(c.name) && !keys.includes('PK')) keys.push('UK');
  const name = attributeWord(c.name);
  const notes: string[] = [];
  if (name !== c.name) notes.push(c.name);
  const type = attributeWord(c.type.sql);
  if (options.types && type !== c.type.sql) notes.push(c.type.sql);
  if (c.notNull && !keys.includes('PK')) notes.push('not null');
  if (options.comments && c.comment) notes.push(c.comment);
  const comment = notes.length > 0 ? ` "${quotedText(notes.join('; '))}"` : '';
  const typed = options.types ? `${type} ` : 'column ';
  return `    ${typed}${name}${keys.length > 0 ? ` ${keys.join(', ')}` : ''}${comment}`;
}

/** The referenced table's name when it is not in the schema: `REFERENCES "a"."b" (…)` → its text. */
function unresolvedTarget(fk: PgForeignKey): string {
  const m = /^REFERENCES\s+((?:"(?:[^"]|"")*"|[^\s("]+)(?:\.(?:"(?:[^"]|"")*"|[^\s("]+))?)/i.exec(fk.references);
  const text = m?.[1] ?? fk.target;
  const parts = splitQualified(text);
  return parts.length === 2 ? entityName(parts[0] ?? null, parts[1] ?? '') : entityName(null, parts[0] ?? text);
}

function splitQualified(text: string): string[] {
  const parts: string[] = [];
  const re = /(?:"((?:[^"]|"")*)"|([^."]+))\.?/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null && m[0] !== '') parts.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : (m[2] ?? ''));
  return parts;
}

/**
 * Cardinality of one foreign key, crow's foot: the parent side is exactly one
 * when every referencing column is NOT NULL, else zero or one; the child side
 * is zero or one when the referencing columns are unique, else zero or more.
 * Identifying (solid line) when the referencing columns are in the child's primary key.
 */
function relationship(child: PgTable, fk: PgForeignKey, parent: string): string {
  const columns = fk.columns.map((name) => child.columns.find((c) => c.name === name));
  const required = columns.every((c) => c !== undefined && (c.notNull || isPrimaryKeyColumn(child, c)));
  const unique = uniqueSets(child).some((set) => sameSet(set, fk.columns));
  const identifying = fk.columns.length > 0 && fk.columns.every((c) => child.primaryKey.includes(c));
  const left = required ? '||' : '|o';
  const right = unique ? 'o|' : 'o{';
  const line = identifying ? '--' : '..';
  const label = quotedText(fk.name ?? fk.columns.join(', ')) || 'references';
  return `  ${parent} ${left}${line}${right} ${entityName(child.schema, child.name)} : "${label}"`;
}

/** The Mermaid `erDiagram` text of a translated schema (`translate(…).postgres`). */
export function erDiagram(script: PgScript, options: Partial<DiagramOptions> = {}): string {
  const opts: DiagramOptions = { ...DEFAULT_DIAGRAM_OPTIONS, ...options };
  const schema = finalSchema(script);
  const tables = schema.tables.filter((t) => !t.asSelect || t.columns.length > 0 || t.asSelect.columns.length > 0);
  const byKey = new Map(tables.map((t) => [relationKey(t.schema, t.name), t]));
  const lines = ['erDiagram'];
  for (const t of tables) {
    const fkColumns = new Set(t.foreignKeys.flatMap((fk) => fk.columns));
    const unique = new Set(uniqueSets(t).filter((set) => set.length === 1).flat());
    const columns: PgColumn[] = t.columns.length > 0 ? t.columns : (t.asSelect?.columns ?? []).map((v) => asColumn(v, t));
    const comment = opts.comments && t.comment ? `  %% ${t.comment.replace(/[\r\n]+/g, ' ')}` : null;
    if (comment) lines.push(comment);
    if (columns.length === 0) {
      lines.push(`  ${entityName(t.schema, t.name)} {`, '  }');
      continue;
    }
    lines.push(`  ${entityName(t.schema, t.name)} {`);
    for (const c of columns) lines.push(attributeLine(t, c, fkColumns, unique, opts));
    lines.push('  }');
  }
  for (const t of tables) {
    for (const fk of t.foreignKeys) {
      const parent = byKey.get(fk.target);
      const parentName = parent ? entityName(parent.schema, parent.name) : unresolvedTarget(fk);
      lines.push(relationship(t, fk, parentName));
    }
  }
  return `${lines.join('\n')}\n`;
}

function asColumn(v: NonNullable<PgTable['asSelect']>['columns'][number], t: PgTable): PgColumn {
  return {
    name: v.name,
    sourceName: v.name,
    type: { sql: v.type?.sql ?? 'unknown', base: v.type?.base ?? 'unknown', arrayDims: 0, range: null, cardinality: null, extensions: [], collation: null },
    valueType: v.valueType,
    notNull: v.notNull,
    default: null,
    identity: null,
    generated: null,
    inlineConstraints: [],
    allowedValues: v.allowedValues,
    comment: v.comment,
    span: t.span,
  };
}
