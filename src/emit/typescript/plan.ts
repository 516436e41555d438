/**
 * PostgreSQL model → the declarations of the generated TypeScript file, as
 * plain data (names, type strings, docs). `emit.ts` prints them with ts-morph.
 */
import type { PgColumn, PgScript, PgTable, PgView, PgViewColumn } from '../../passes/postgres-model.js';
import { columnTs, literalUnion, valueTypeTs } from './column-types.js';
import { finalSchema } from './final-schema.js';
import { camelCase, pascalCase, propertyKey, TypeNames } from './names.js';
import { splitAnnotation, type ColumnTypeOverride, type TypeScriptOptions } from './options.js';
import { HELPER_TYPES, parsersFor, TYPE_MAP, type ParserKind } from './type-map.js';

export interface PlannedProperty {
  /** A property key: an identifier or a quoted string. */
  key: string;
  type: string;
  optional: boolean;
  docs: string | null;
}

export type PlannedDeclaration =
  | { kind: 'interface'; name: string; docs: string | null; properties: PlannedProperty[]; indexSignature: string | null }
  | { kind: 'alias'; name: string; docs: string | null; type: string }
  | { kind: 'code'; docs: string | null; text: string };

export interface TypesPlan {
  header: string[];
  /** Type-only imports: module → names. */
  imports: Map<string, Set<string>>;
  declarations: PlannedDeclaration[];
}

const HELPER_NAMES = ['Json', 'JsonInput', 'PgInterval', 'PgTypeParsers', 'registerTypeParsers', 'mapElements', 'Database'];
const KYSELY_NAMES = ['ColumnType', 'Generated', 'GeneratedAlways'];

/** A column as the declarations need it. */
interface PlannedColumn {
  key: string;
  select: string;
  input: string;
  nullable: boolean;
  /** Defaulted, identity BY DEFAULT or nullable: optional on INSERT. */
  optionalOnInsert: boolean;
  /** Generated, or identity ALWAYS: never written. */
  readOnly: boolean;
  docs: string | null;
  insertDocs: string | null;
}

export function jsdocText(text: string): string {
  return text.replace(/\*\//g, '*\\/');
}

function joinDocs(...parts: (string | null | undefined)[]): string | null {
  const kept = parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '');
  return kept.length ? jsdocText(kept.join('\n\n')) : null;
}

function sqlName(schema: string | null, name: string): string {
  return schema ? `${schema}.${name}` : name;
}

class Planner {
  readonly names: TypeNames;
  readonly imports = new Map<string, Set<string>>();
  readonly declared: { enums: Map<string, string>; composites: Map<string, string> };
  readonly declarations: PlannedDeclaration[] = [];

  constructor(
    readonly script: PgScript,
    readonly o: TypeScriptOptions,
  ) {
    const imported = [...Object.values(o.columnTypes), ...this.annotations()].filter((x) => x.from).map((x) => importName(x.type));
    this.names = new TypeNames([...HELPER_NAMES, ...(o.flavor === 'kysely' ? KYSELY_NAMES : []), ...imported]);
    this.declared = { enums: new Map(), composites: new Map() };
  }

  annotations(): ColumnTypeOverride[] {
    const comments = [...this.script.tables.flatMap((t) => t.columns.map((c) => c.comment)), ...this.script.views.flatMap((v) => v.columns.map((c) => c.comment))];
    return comments.map((c) => splitAnnotation(c).override).filter((x): x is ColumnTypeOverride => x !== null);
  }

  /** Type-name stems for relations: singular where no other relation would get the same name. */
  stems(relations: { schema: string | null; name: string }[]): string[] {
    const plain = relations.map((r) => pascalCase(sqlName(r.schema, r.name).replace('.', '_'), false));
    const single = relations.map((r) => pascalCase(sqlName(r.schema, r.name).replace('.', '_'), true));
    return relations.map((_, i) => {
      const s = single[i] ?? '';
      const clash = single.some((x, j) => j !== i && x === s) || plain.some((x, j) => j !== i && x === s);
      return clash ? (plain[i] ?? s) : s;
    });
  }

  override(table: string, schema: string | null, column: string, comment: string | null): { docs: string | null; override: ColumnTypeOverride | null } {
    const { text, override } = splitAnnotation(comment);
    const byOption = this.o.columnTypes[`${sqlName(schema, table)}.${column}`] ?? (schema ? undefined : this.o.columnTypes[`public.${table}.${column}`]);
    const chosen = byOption ?? override;
    if (chosen?.from) {
      const names = this.imports.get(chosen.from) ?? new Set<string>();
      names.add(importName(chosen.type));
      this.imports.set(chosen.from, names);
    }
    return { docs: text, override: chosen };
  }

  propertyKeys(names: string[]): string[] {
    if (this.o.case === 'preserve') return names.map(propertyKey);
    const camel = names.map(camelCase);
    return names.map((n, i) => propertyKey(camel.filter((c) => c === camel[i]).length > 1 ? n : (camel[i] ?? n)));
  }

  /** CREATE TABLE … AS SELECT: the derived columns, none NOT NULL and none with a default. */
  ctasColumns(t: PgTable, derived: PgViewColumn[]): PlannedColumn[] {
    const keys = this.propertyKeys(derived.map((c) => c.name));
    return derived.map((c, i): PlannedColumn => {
      const { docs, override } = this.override(t.name, t.schema, c.name, c.comment);
      const ts = c.type ? columnTs(c.type, c.allowedValues, this.declared, this.o) : { select: valueTypeTs(c.valueType, this.o), input: valueTypeTs(c.valueType, this.o), note: null };
      return { key: keys[i] ?? propertyKey(c.name), select: override?.type ?? ts.select, input: override?.type ?? ts.input, nullable: ts.select !== 'unknown', optionalOnInsert: true, readOnly: false, docs: joinDocs(docs, override ? null : ts.note), insertDocs: docs };
    });
  }

  tableColumns(t: PgTable): PlannedColumn[] {
    if (t.asSelect && t.columns.length === 0) return this.ctasColumns(t, t.asSelect.columns);
    const keys = this.propertyKeys(t.columns.map((c) => c.name));
    return t.columns.map((c: PgColumn, i): PlannedColumn => {
      const { docs, override } = this.override(t.name, t.schema, c.name, c.comment);
      const ts = columnTs(c.type, c.allowedValues, this.declared, this.o);
      const nullable = !c.notNull && c.identity === null && !t.primaryKey.includes(c.name);
      const readOnly = c.generated !== null || c.identity === 'ALWAYS';
      const defaulted = c.default !== null || c.identity !== null;
      return {
        key: keys[i] ?? propertyKey(c.name),
        select: override?.type ?? ts.select,
        input: override?.type ?? ts.input,
        nullable,
        optionalOnInsert: defaulted || nullable,
        readOnly,
        docs: joinDocs(docs, override ? null : ts.note),
        insertDocs: joinDocs(docs, c.default !== null ? `@default ${c.default}` : null),
      };
    });
  }

  enumsAndComposites(): void {
    for (const e of this.script.enums) {
      const stem = pascalCase(e.name, false);
      const name = this.names.claim([stem, `${stem}Enum`]);
      this.declared.enums.set(e.name, name);
      this.declarations.push({ kind: 'alias', name, docs: `Enum type \`${sqlName(e.schema, e.name)}\`.`, type: literalUnion(e.values) });
    }
    for (const c of this.script.composites) {
      const stem = pascalCase(c.name, false);
      const name = this.names.claim([stem, `${stem}Type`]);
      this.declared.composites.set(c.name, name);
    }
    for (const c of this.script.composites) {
      const keys = this.propertyKeys(c.fields.map((f) => f.name));
      this.declarations.push({
        kind: 'interface',
        name: this.declared.composites.get(c.name) ?? c.name,
        docs: `Composite type \`${c.name}\`. A column of this type comes back from pg as its row literal text; \`to_jsonb(column)\` returns this shape.`,
        properties: c.fields.map((f, i) => ({ key: keys[i] ?? propertyKey(f.name), type: `${columnTs(f.type, null, this.declared, this.o).select} | null`, optional: false, docs: null })),
        indexSignature: null,
      });
    }
  }

  table(t: PgTable, stem: string): void {
    const cols = this.tableColumns(t);
    const what = `\`${sqlName(t.schema, t.name)}\``;
    const nul = (c: PlannedColumn, type: string) => (c.nullable ? `${type} | null` : type);
    const prop = (key: string, type: string, optional: boolean, docs: string | null): PlannedProperty => ({ key, type, optional, docs });
    if (this.o.flavor === 'kysely') {
      this.declarations.push({
        kind: 'interface',
        name: `${stem}Table`,
        docs: joinDocs(t.comment, `Table ${what}, for kysely: \`Selectable<${stem}Table>\` is \`${stem}Row\`, \`Insertable<${stem}Table>\` is \`${stem}Insert\`, \`Updateable<${stem}Table>\` is \`${stem}Update\`.`),
        properties: cols.map((c) => prop(c.key, kyselyColumn(c, nul), false, c.docs)),
        indexSignature: t.asSelect && !t.asSelect.complete ? 'unknown' : null,
      });
    }
    const partial = t.asSelect && !t.asSelect.complete ? 'Not every column could be derived from the SELECT of CREATE TABLE … AS: the others are typed `unknown`.' : null;
    const open = partial ? 'unknown' : null;
    this.declarations.push({ kind: 'interface', name: `${stem}Row`, docs: joinDocs(t.comment, `A row of table ${what}, as pg returns it.`, partial), properties: cols.map((c) => prop(c.key, nul(c, c.select), false, c.docs)), indexSignature: open });
    const writable = cols.filter((c) => !c.readOnly);
    this.declarations.push({
      kind: 'interface',
      name: `${stem}Insert`,
      docs: `The values of an INSERT into ${what}: columns with a default, identity or NULL allowed are optional; generated columns are absent.`,
      properties: writable.map((c) => prop(c.key, nul(c, c.input), c.optionalOnInsert, c.insertDocs)),
      indexSignature: open,
    });
    this.declarations.push({
      kind: 'interface',
      name: `${stem}Update`,
      docs: `The values of an UPDATE of ${what}: every column optional; generated columns are absent.`,
      properties: writable.map((c) => prop(c.key, nul(c, c.input), true, c.docs)),
      indexSignature: open,
    });
  }

  view(v: PgView, stem: string): void {
    const keys = this.propertyKeys(v.columns.map((c) => c.name));
    const properties = v.columns.map((c: PgViewColumn, i): PlannedProperty => {
      const { docs, override } = this.override(v.name, v.schema, c.name, c.comment);
      const ts = c.type ? columnTs(c.type, c.allowedValues, this.declared, this.o) : { select: valueTypeTs(c.valueType, this.o), note: null };
      const select = override?.type ?? ts.select;
      const type = select === 'unknown' || c.notNull ? select : `${select} | null`;
      return { key: keys[i] ?? propertyKey(c.name), type, optional: false, docs: joinDocs(docs, override ? null : ts.note) };
    });
    const partial = v.complete ? null : 'Not every output column could be derived from the SELECT: the others are typed `unknown`.';
    this.declarations.push({
      kind: 'interface',
      name: `${stem}Row`,
      docs: joinDocs(v.comment, `A row of view \`${sqlName(v.schema, v.name)}\`: columns are nullable unless provably not.`, partial),
      properties,
      indexSignature: v.complete ? null : 'unknown',
    });
  }

  plan(): TypesPlan {
    const relations = [...this.script.tables, ...this.script.views];
    const stems = this.stems(relations);
    const tableStems = this.script.tables.map((t, i) => this.names.claim([stems[i] ?? t.name], this.o.flavor === 'kysely' ? ['Table', 'Row', 'Insert', 'Update'] : ['Row', 'Insert', 'Update']));
    const viewStems = this.script.views.map((v, i) => this.names.claim([stems[this.script.tables.length + i] ?? v.name], ['Row']));
    this.enumsAndComposites();
    this.script.tables.forEach((t, i) => this.table(t, tableStems[i] ?? t.name));
    this.script.views.forEach((v, i) => this.view(v, viewStems[i] ?? v.name));

    const dbKey = (schema: string | null, name: string) => {
      const n = sqlName(schema, name);
      return propertyKey(this.o.case === 'camel' ? n.split('.').map(camelCase).join('.') : n);
    };
    const database: PlannedProperty[] = [
      ...this.script.tables.map((t, i) => ({ key: dbKey(t.schema, t.name), type: `${tableStems[i]}${this.o.flavor === 'kysely' ? 'Table' : 'Row'}`, optional: false, docs: null })),
      ...this.script.views.map((v, i) => ({ key: dbKey(v.schema, v.name), type: `${viewStems[i]}Row`, optional: false, docs: null })),
    ];
    this.declarations.push({
      kind: 'interface',
      name: 'Database',
      docs: this.o.flavor === 'kysely' ? 'Tables and views by name: `new Kysely<Database>(…)`.' : 'Row types of the tables and views, by name.',
      properties: database,
      indexSignature: null,
    });
    const helpers = this.helpers();
    // An interface without members is `{}`, which accepts anything but null: say "no columns" instead.
    const declarations = this.declarations.map((d): PlannedDeclaration => (d.kind === 'interface' && d.properties.length === 0 && !d.indexSignature ? { kind: 'alias', name: d.name, docs: d.docs, type: 'Record<string, never>' } : d));
    return { header: this.header(), imports: this.sortedImports(), declarations: [...helpers, ...declarations, ...this.parserHelper()] };
  }

  header(): string[] {
    const source = this.o.dialect === 'sqlite' ? 'SQLite' : 'DuckDB';
    const o = this.o;
    return [
      `// Generated by schema-port from ${o.fileName.replace(/[\r\n]/g, ' ')} (${source} → PostgreSQL ${o.targetVersion} → TypeScript).`,
      '// Do not edit: change the source schema and regenerate.',
      `// Types of what pg 8.x returns, with --flavor ${o.flavor} --int8 ${o.int8} --numeric ${o.numeric} --date ${o.date} --case ${o.case}.`,
      ...(o.case === 'camel' ? ['// Property names are camelCase: pg returns the column names as they are; map them (kysely: CamelCasePlugin).'] : []),
    ];
  }

  sortedImports(): Map<string, Set<string>> {
    const imports = new Map<string, Set<string>>();
    if (this.o.flavor === 'kysely') {
      const used = KYSELY_NAMES.filter((n) => this.declarations.some((d) => d.kind === 'interface' && d.properties.some((p) => p.type.startsWith(`${n}<`))));
      if (used.length) imports.set('kysely', new Set(used));
    }
    for (const m of [...this.imports.keys()].sort()) imports.set(m, new Set([...(this.imports.get(m) ?? [])].sort()));
    return imports;
  }

  helpers(): PlannedDeclaration[] {
    const types = this.declarations.flatMap((d) => (d.kind === 'interface' ? d.properties.map((p) => p.type) : d.kind === 'alias' ? [d.type] : []));
    const uses = (name: string) => types.some((t) => new RegExp(`\\b${name}\\b`).test(t));
    const out: PlannedDeclaration[] = [];
    if (uses('Json') || uses('JsonInput')) out.push({ kind: 'alias', name: 'Json', docs: 'A JSON value, as pg parses json and jsonb.', type: HELPER_TYPES.Json });
    if (uses('JsonInput')) {
      out.push({
        kind: 'alias',
        name: 'JsonInput',
        docs: 'What pg sends as JSON to a json/jsonb column: JSON text, a number, a boolean or an object. It sends a JS array as a PostgreSQL array and a string as it is: `JSON.stringify` arrays and strings.',
        type: HELPER_TYPES.JsonInput,
      });
    }
    if (uses('PgInterval')) {
      out.push({
        kind: 'interface',
        name: 'PgInterval',
        docs: 'An interval as pg returns it (a postgres-interval object): only the non-zero fields are present.',
        properties: [
          ...['years', 'months', 'days', 'hours', 'minutes', 'seconds', 'milliseconds'].map((key) => ({ key, type: 'number', optional: true, docs: null })),
          ...['toPostgres', 'toISO', 'toISOString'].map((key) => ({ key, type: '() => string', optional: false, docs: null })),
        ],
        indexSignature: null,
      });
    }
    return out;
  }

  /** `registerTypeParsers`, when an option makes a type differ from what pg returns by default. */
  parserHelper(): PlannedDeclaration[] {
    const parsers = TYPE_MAP.flatMap((row) => parsersFor(row, this.o).map(([oid, arrayOid, kind]) => ({ oid, arrayOid, kind, name: row.pg.join('/') })));
    if (parsers.length === 0) return [];
    const scalar: Record<ParserKind, string> = { Number: 'Number', BigInt: 'BigInt', String: '(value: string) => value' };
    const array: Record<ParserKind, string> = { Number: 'mapArray(Number)', BigInt: 'mapArray(BigInt)', String: 'parseTextArray' };
    const lines = parsers.flatMap((p) => {
      const name = p.name.split('/').find((n) => n !== '') ?? '';
      return [`  types.setTypeParser(${p.oid}, 'text', ${scalar[p.kind]}); // ${name}`, `  types.setTypeParser(${p.arrayOid}, 'text', ${array[p.kind]}); // ${name}[]`];
    });
    const chosen = [this.o.int8 !== 'string' ? `bigint as ${this.o.int8}` : null, this.o.numeric !== 'string' ? `numeric as ${this.o.numeric}` : null, this.o.date !== 'Date' ? 'date and timestamps as string' : null].filter(Boolean).join(', ');
    return [
      {
        kind: 'code',
        docs: null,
        text: [
          '/** The part of pg\'s `types` (pg-types) that `registerTypeParsers` uses. */',
          'export interface PgTypeParsers {',
          "  getTypeParser(oid: number, format: 'text'): (value: string) => unknown;",
          "  setTypeParser(oid: number, format: 'text', parse: (value: string) => unknown): void;",
          '}',
          '',
          '/**',
          ` * Makes pg return what this file declares: ${chosen}.`,
          ' * Without it pg returns its defaults, and these types are not true at runtime.',
          " * Call it once at start-up, before the first query (it changes pg's parsers for",
          " * the whole process): `import pg from 'pg'; registerTypeParsers(pg.types);`",
          ...(this.o.int8 === 'number' ? [' * `Number` loses precision for bigint values beyond ±2^53.'] : []),
          ' */',
          'export function registerTypeParsers(types: PgTypeParsers): void {',
          "  const parseTextArray = types.getTypeParser(1009, 'text');",
          '  const mapArray = (parse: (value: string) => unknown) => (value: string): unknown => mapElements(parseTextArray(value), parse);',
          ...lines,
          '}',
          '',
          'function mapElements(value: unknown, parse: (value: string) => unknown): unknown {',
          "  return Array.isArray(value) ? value.map((v) => mapElements(v, parse)) : typeof value === 'string' ? parse(value) : value;",
          '}',
        ].join('\n'),
      },
    ];
  }
}

function kyselyColumn(c: PlannedColumn, nul: (c: PlannedColumn, type: string) => string): string {
  const select = nul(c, c.select);
  const input = nul(c, c.input);
  if (c.readOnly) return `GeneratedAlways<${select}>`;
  const hasDefault = c.optionalOnInsert && !c.nullable;
  if (hasDefault) return select === input ? `Generated<${select}>` : `ColumnType<${select}, ${input} | undefined, ${input}>`;
  return select === input ? select : `ColumnType<${select}, ${input}, ${input}>`;
}

/** The name an override's import brings in: `Settings` of `Settings[]` or `Settings<X>`. */
export function importName(type: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(type.trim())?.[0] ?? type;
}

export function planTypes(script: PgScript, options: TypeScriptOptions): TypesPlan {
  return new Planner(finalSchema(script), options).plan();
}
