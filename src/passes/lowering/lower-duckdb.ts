/**
 * DuckDB statements and types that SQLite has no counterpart for:
 * CREATE TYPE (enum, composite or domain), STRUCT columns as composite types,
 * user types by name, CREATE SEQUENCE, CREATE MACRO (lower-duckdb-macro.ts),
 * COMMENT ON, CREATE OR REPLACE, untyped generated columns, and nested-value
 * literals in DEFAULT and INSERT … VALUES (src/dialects/duckdb/literals.ts).
 *
 * PostgreSQL keeps types in one namespace with tables, views and sequences
 * (every table has a row type), so generated type names avoid every relation
 * name the script declares.
 */
import { needsTarget, translateLiteral, type CompositeField, type LiteralScope, type LiteralTarget } from '../../dialects/duckdb/literals.js';
import { quoteIdent, quoteLiteral } from '../../emit/postgres/quote.js';
import type { Column, CommentDecl, Macro, NamedType, ObjectName, Sequence, Table } from '../../model/schema.js';
import type { SemanticType } from '../../model/semantic-type.js';
import type { AlterAction, Expression, Identifier, QualifiedName, Span } from '../../syntax/ast.js';
import { parseScript } from '../../syntax/parse.js';
import type { ValueType } from '../expressions/sql-fragment.js';
import type { PgComposite } from '../postgres-model.js';
import { postgresType, typeChecks, valueTypeOf, type PgType, type TypeContext } from '../postgres-types.js';
import { objectKey, relationKey } from '../symbols.js';
import { lowerMacro, macroKey, type MacroInfo } from './lower-duckdb-macro.js';
import type { Lowering } from './lowering.js';
import { unwrap } from './lower-table.js';

interface DeclaredType {
  schema: string | null;
  /** Output name, unquoted. */
  out: string;
  /** Qualified, quoted. */
  sql: string;
  type: SemanticType;
  /** The PostgreSQL type it stands for (for a domain: the base type). */
  pg: PgType;
  kind: 'enum' | 'composite' | 'domain';
}

/** A PostgreSQL type for a fragment's value type (result columns, inferred generated columns). */
export const VALUE_TYPE_SQL: Partial<Record<ValueType, string>> = {
  boolean: 'boolean', integer: 'bigint', float: 'double precision', numeric: 'numeric', text: 'text', bytea: 'bytea',
  timestamptz: 'timestamptz', timestamp: 'timestamp', date: 'date', time: 'time', json: 'jsonb', uuid: 'uuid', interval: 'interval',
};

const scratchTable: Table = {
  kind: 'table', name: { schema: null, name: '', span: { start: 0, end: 0 } }, temporary: false, ifNotExists: false, orReplace: false,
  columns: [], primaryKey: null, uniques: [], checks: [], foreignKeys: [], withoutRowid: null, strict: null, asSelect: null, comment: null,
  span: { start: 0, end: 0 },
};

/** Type names PostgreSQL resolves in pg_catalog (or as keywords) before any schema on the search path. */
const POSTGRES_TYPE_NAMES: ReadonlySet<string> = new Set(
  (
    'aclitem any anyarray anycompatible anycompatiblearray anycompatiblemultirange anycompatiblenonarray anycompatiblerange anyelement anyenum ' +
    'anymultirange anynonarray anyrange bit bool box bpchar bytea char cid cidr circle cstring date datemultirange daterange event_trigger ' +
    'fdw_handler float4 float8 gtsvector index_am_handler inet int2 int2vector int4 int4multirange int4range int8 int8multirange int8range ' +
    'internal interval json jsonb jsonpath language_handler line lseg macaddr macaddr8 money name numeric nummultirange numrange oid oidvector ' +
    'path pg_lsn pg_snapshot point polygon record refcursor regclass regcollation regconfig regdictionary regnamespace regoper regoperator ' +
    'regproc regprocedure regrole regtype table_am_handler text tid time timestamp timestamptz timetz trigger tsm_handler tsmultirange tsquery ' +
    'tsrange tstzmultirange tstzrange tsvector txid_snapshot unknown uuid varbit varchar void xid xid8 xml ' +
    'bigint boolean character dec decimal double float int integer national nchar real smallint'
  ).split(' '),
);

function target(c: Column, pg: PgType): LiteralTarget {
  return { type: c.type, pg, variant: c.declaredType?.toUpperCase() === 'VARIANT' };
}

export function simplePg(sql: string, base = sql): PgType {
  return { sql, base, arrayDims: 0, range: null, cardinality: null, extensions: [], collation: null };
}

/** A short DuckDB name for a semantic type, for messages about struct fields. */
function label(t: SemanticType): string {
  switch (t.kind) {
    case 'integer': {
      const names: Record<string, string> = {
        '-128': 'TINYINT', '0:255': 'UTINYINT', '0:65535': 'USMALLINT', '0:4294967295': 'UINTEGER',
        '0:18446744073709551615': 'UBIGINT', '0:340282366920938463463374607431768211455': 'UHUGEINT', '-170141183460469231731687303715884105728': 'HUGEINT',
      };
      return names[t.min === '0' ? `0:${t.max}` : t.min] ?? 'INTEGER';
    }
    case 'list':
      return `${label(t.element)}[${t.size ?? ''}]`;
    case 'named':
      return t.name;
    case 'text':
      return t.length === null ? 'VARCHAR' : `${t.fixed ? 'CHAR' : 'VARCHAR'}(${t.length})`;
    case 'decimal':
      return t.precision === null ? 'BIGNUM' : `DECIMAL(${t.precision},${t.scale ?? 0})`;
    case 'float':
      return t.bits === 32 ? 'FLOAT' : 'DOUBLE';
    case 'timestamp':
      return t.tz ? 'TIMESTAMPTZ' : t.precision === 0 ? 'TIMESTAMP_S' : t.precision === 3 ? 'TIMESTAMP_MS' : t.precision === 9 ? 'TIMESTAMP_NS' : 'TIMESTAMP';
    default:
      return t.kind.toUpperCase();
  }
}

export class DuckdbLowering {
  readonly composites: PgComposite[] = [];
  readonly macros = new Map<string, MacroInfo>();
  readonly #compositeFields = new Map<string, CompositeField[]>();
  readonly #declared = new Map<string, DeclaredType>();
  /** Type names handed out, `schema\0name`. */
  readonly #typeNames = new Set<string>();
  /** Relation names the script declares (after the naming policy), `schema\0name`. */
  readonly #relations = new Set<string>();

  constructor(private readonly l: Lowering) {
    for (const e of l.model.elements) {
      if (e.kind === 'table' || e.kind === 'view' || e.kind === 'sequence' || e.kind === 'index') {
        this.#relations.add(this.#key(this.#schemaName(e.name.schema), l.names.apply(e.name.name, null)));
      }
    }
  }

  /** Queries (`--schema`): the schema's composite types, named types and macros are the queries' too. */
  adopt(other: DuckdbLowering): void {
    for (const [k, v] of other.#compositeFields) this.#compositeFields.set(k, v);
    for (const [k, v] of other.#declared) this.#declared.set(k, v);
    for (const [k, v] of other.macros) this.macros.set(k, v);
  }

  #schemaName(schema: string | null): string | null {
    return schema === null || ['main', 'temp'].includes(schema.toLowerCase()) ? null : this.l.names.apply(schema, null);
  }

  #key(schema: string | null, name: string): string {
    return `${schema ?? ''}\u0000${name}`;
  }

  /** A free name in PostgreSQL's type namespace for a type schema-port makes up. */
  #fresh(schema: string | null, base: string): string {
    const name = this.l.names.apply(base, null);
    const taken = (n: string): boolean =>
      POSTGRES_TYPE_NAMES.has(n.toLowerCase()) ||
      this.#typeNames.has(this.#key(schema, n)) || this.#relations.has(this.#key(schema, n)) || this.l.hasEnum(n, schema);
    let candidate = name;
    for (let i = 1; taken(candidate); i++) candidate = this.l.names.apply(`${name}_type${i > 1 ? i : ''}`, null);
    this.#typeNames.add(this.#key(schema, candidate));
    return candidate;
  }

  /** Reports and emits the DROP that stands in for CREATE OR REPLACE. */
  #replace(what: 'TABLE' | 'SEQUENCE' | 'TYPE' | 'DOMAIN', sql: string, span: Span): void {
    this.l.bag.report('SP601', span, what, what.toLowerCase());
    if (what !== 'TABLE') this.l.emit({ kind: 'step', sql: `DROP ${what} IF EXISTS ${sql} CASCADE;`, span });
  }

  /** The statement's source text says `OR REPLACE` / `IF NOT EXISTS` (the model keeps neither for types). */
  #flags(span: Span): { orReplace: boolean; ifNotExists: boolean } {
    const head = this.l.sourceText(span).split(/\bAS\b/i)[0] ?? '';
    return { orReplace: /^\s*CREATE\s+OR\s+REPLACE\b/i.test(head), ifNotExists: /\bIF\s+NOT\s+EXISTS\b/i.test(head) };
  }

  // ---- CREATE TYPE ----------------------------------------------------------

  /** Emits every CREATE TYPE first: columns of any table may name them. */
  declareTypes(): void {
    for (const e of this.l.model.elements) if (e.kind === 'type') this.#declareType(e);
  }

  #declareType(e: NamedType): void {
    const l = this.l;
    const schema = l.schemaOf(e.name.schema, e.name.span);
    let out = l.names.apply(e.name.name, e.name.span);
    if (POSTGRES_TYPE_NAMES.has(out.toLowerCase())) {
      const renamed = this.#fresh(schema, out);
      l.bag.report('SP619', e.name.span, quoteIdent(out), quoteIdent(renamed));
      out = renamed;
    } else if (this.#relations.has(this.#key(schema, out)) || this.#typeNames.has(this.#key(schema, out))) {
      const renamed = this.#fresh(schema, out);
      l.bag.report('SP402', e.name.span, 'Type', quoteIdent(out), quoteIdent(renamed));
      out = renamed;
    } else this.#typeNames.add(this.#key(schema, out));
    const sql = l.qualified(schema, out);
    const flags = this.#flags(e.span);
    const t = e.type;
    let declared: DeclaredType;
    let statement: string;
    if (t.kind === 'enum') {
      declared = { schema, out, sql, type: t, pg: simplePg(sql, out), kind: 'enum' };
      statement = `CREATE TYPE ${sql} AS ENUM (${t.values.map(quoteLiteral).join(', ')});`;
      l.addEnum({ schema, name: out, values: t.values }, sql);
    } else if (t.kind === 'struct' && l.options.structs === 'composite') {
      declared = { schema, out, sql, type: t, pg: simplePg(sql, out), kind: 'composite' };
      statement = this.#compositeSql(schema, out, t.fields, e.span);
    } else {
      const pg = postgresType(t, this.#context(schema, out, e.span, label(t)));
      declared = { schema, out, sql, type: t, pg, kind: 'domain' };
      const checks = typeChecks(pg, 'VALUE').map((c) => ` CHECK (${c})`).join('');
      statement = `CREATE DOMAIN ${sql} AS ${pg.sql}${checks};`;
      l.bag.report('SP611', e.span, quoteIdent(out), `a domain over ${pg.sql}${checks ? ' with a CHECK' : ''}`);
    }
    this.#declared.set(e.name.name.toLowerCase(), declared);
    if (flags.orReplace) this.#replace(declared.kind === 'domain' ? 'DOMAIN' : 'TYPE', sql, e.span);
    if (flags.ifNotExists) {
      // A dollar-quote tag the statement does not contain (a name or enum label may hold `$$`).
      let tag = '$$';
      for (let n = 0; statement.includes(tag); n++) tag = `$do${n || ''}$`;
      statement = `DO ${tag} BEGIN ${statement} EXCEPTION WHEN duplicate_object THEN NULL; END ${tag};`;
    }
    l.emit({ kind: 'type', sql: statement, span: e.span, provides: [relationKey(schema, out)] });
  }

  /** `namedType` for bindColumn: a user type by name, as its PostgreSQL type. */
  namedType(name: string, span: Span): PgType {
    const d = this.#declared.get(name.toLowerCase());
    if (!d) {
      this.l.bag.report('SP614', span, name);
      return simplePg(quoteIdent(name), name);
    }
    // A domain keeps its base type's shape (for expressions); its CHECKs live in the domain.
    if (d.kind === 'domain') return { ...d.pg, sql: d.sql, range: null, cardinality: null, extensions: [], collation: null };
    return simplePg(d.sql, d.out);
  }

  // ---- STRUCT → composite types ------------------------------------------------

  /** Type context for a struct field or type alias: nested structs, enums and ranges get types of their own. */
  #context(schema: string | null, base: string, span: Span, declaredType: string): TypeContext {
    const l = this.l;
    return {
      dialect: 'duckdb', options: l.options, bag: l.bag, span, column: base, declaredType, collation: null,
      struct: (fields) => {
        if (l.options.structs === 'jsonb') {
          l.bag.report('SP610', span, l.options.json);
          return null;
        }
        const name = this.#fresh(schema, base);
        const statement = this.#compositeSql(schema, name, fields, span);
        l.emit({ kind: 'type', sql: statement, span, provides: [relationKey(schema, name)] });
        return l.qualified(schema, name);
      },
      inlineEnum: (values) => {
        const name = this.#fresh(schema, base);
        l.addEnum({ schema, name, values }, l.qualified(schema, name));
        l.emit({ kind: 'type', sql: `CREATE TYPE ${l.qualified(schema, name)} AS ENUM (${values.map(quoteLiteral).join(', ')});`, span, provides: [relationKey(schema, name)] });
        return l.qualified(schema, name);
      },
      namedType: (name) => this.namedType(name, span),
    };
  }

  /** CREATE TYPE … AS (…) for `fields`, emitting the types its fields need first. */
  #compositeSql(schema: string | null, name: string, fields: { name: string; type: SemanticType }[], span: Span): string {
    const l = this.l;
    const sql = l.qualified(schema, name);
    const resolved: CompositeField[] = fields.map((f) => {
      const base = `${name}_${f.name}`;
      let pg = postgresType(f.type, this.#context(schema, base, span, label(f.type)));
      const checks = typeChecks(pg, 'VALUE');
      if (checks.length > 0) {
        // A composite field cannot carry a CHECK; a domain can.
        const domain = this.#fresh(schema, base);
        l.emit({ kind: 'type', sql: `CREATE DOMAIN ${l.qualified(schema, domain)} AS ${pg.sql}${checks.map((c) => ` CHECK (${c})`).join('')};`, span, provides: [relationKey(schema, domain)] });
        pg = { ...pg, sql: l.qualified(schema, domain), range: null, cardinality: null };
      }
      return { name: f.name, type: f.type, pg };
    });
    this.#compositeFields.set(sql, resolved);
    const columns = resolved.map((f) => ({ name: l.names.apply(f.name, null), type: f.pg }));
    this.composites.push({ name, fields: columns });
    return `CREATE TYPE ${sql} AS (${columns.map((c) => `${quoteIdent(c.name)} ${c.type.sql}`).join(', ')});`;
  }

  /** `struct` for bindColumn: a composite type named after the table and column. */
  struct(table: Table, column: Column, fields: { name: string; type: SemanticType }[]): string | null {
    const l = this.l;
    const span = column.typeSpan ?? column.nameSpan;
    if (l.options.structs === 'jsonb') {
      l.bag.report('SP610', span, l.options.json);
      return null;
    }
    const schema = l.schemaOf(table.name.schema, table.name.span);
    const name = this.#fresh(schema, `${table.name.name}_${column.name}`);
    l.emit({ kind: 'type', sql: this.#compositeSql(schema, name, fields, span), span, provides: [relationKey(schema, name)] });
    l.bag.report('SP609', span, l.qualified(schema, name));
    return l.qualified(schema, name);
  }

  // ---- after binding: inferred types, nested literals ------------------------------

  readonly #literals: LiteralScope = {
    composite: (sql) => this.#compositeFields.get(sql),
    named: (name) => {
      const d = this.#declared.get(name.toLowerCase());
      return d ? { type: d.type, pg: d.kind === 'domain' ? d.pg : simplePg(d.sql, d.out) } : undefined;
    },
  };

  /** `e` as PostgreSQL text (a raw node) when it is a literal whose translation depends on the column type. */
  #literal(e: Expression, t: LiteralTarget): Expression {
    if (!needsTarget(e, t)) return e;
    const text = translateLiteral(e, t, this.#literals);
    return text === null ? e : { kind: 'raw', text, span: e.span };
  }

  afterBind(): void {
    const l = this.l;
    for (const e of l.model.elements) {
      if (e.kind === 'table') {
        const sym = l.symbols.lookup(e.name);
        if (!sym || sym.table !== e) continue;
        for (const c of e.columns) {
          const cs = sym.columns.get(c.name.toLowerCase());
          if (!cs) continue;
          if (c.type.kind === 'any' && c.generated) {
            // DuckDB infers a generated column's type from its expression.
            const f = l.translateIn(sym, 'generated', unwrap(c.generated.expr));
            const sql = VALUE_TYPE_SQL[f.type];
            if (sql) {
              cs.pgType = simplePg(sql);
              cs.valueType = valueTypeOf(cs.pgType);
            } else {
              l.bag.report('SP615', c.nameSpan, `of generated column ${quoteIdent(cs.out)}`, 'it cannot be inferred from the expression', 'Declare the column type.');
            }
          }
          c.default &&= this.#literal(c.default, target(c, cs.pgType));
        }
      }
      if (e.kind === 'step' && e.syntax.kind === 'alter-table' && e.syntax.action.kind === 'alter-column') this.#alterType(e.syntax.action, e.syntax.name);
      if (e.kind === 'step' && e.added) {
        // ALTER TABLE … ADD COLUMN on a table of the script (bind() bound the column there).
        const sym = l.symbols.lookup(e.added.name);
        for (const c of e.added.columns) {
          const pg = sym?.columns.get(c.name.toLowerCase())?.pgType;
          if (pg && c.default) c.default = this.#literal(c.default, target(c, pg));
        }
      }
      if (e.kind === 'step' && e.syntax.kind === 'insert' && e.syntax.source.kind === 'select' && e.syntax.source.select.body.kind === 'values') {
        const s = e.syntax;
        const sym = l.symbols.lookup({ schema: s.table.schema?.name ?? null, name: s.table.name.name });
        if (!sym) continue;
        const columns = s.columns.length > 0 ? s.columns.map((c) => sym.columns.get(c.name.toLowerCase())) : [...sym.columns.values()];
        for (const row of (s.source.kind === 'select' && s.source.select.body.kind === 'values' ? s.source.select.body.rows : [])) {
          row.forEach((value, i) => {
            const cs = columns[i];
            if (cs) row[i] = this.#literal(value, target(cs.column, cs.pgType));
          });
        }
      }
    }
  }

  /**
   * ALTER TABLE … ALTER [COLUMN] c [SET DATA] TYPE T: the DuckDB type T
   * becomes its PostgreSQL type (and the CHECK that keeps its range).
   */
  #alterType(action: Extract<AlterAction, { kind: 'alter-column' }>, table: QualifiedName): void {
    const l = this.l;
    const m = /^(?:SET\s+DATA\s+)?TYPE\s+([\s\S]+?)(\s+USING\s+[\s\S]*)?$/i.exec(action.text);
    if (!m?.[1]) return;
    const typeText = m[1];
    // Parse the type where it stands in the source, so diagnostics point at it.
    const at = action.span.start + l.sourceText(action.span).indexOf(typeText);
    const prefix = 'CREATE TABLE x (c';
    const padded = `${prefix}${' '.repeat(Math.max(1, at - prefix.length))}${typeText})`;
    const parsed = parseScript(padded, 'duckdb');
    const def = parsed.ok && parsed.value.statements[0]?.kind === 'create-table' ? parsed.value.statements[0].columns[0] : undefined;
    if (!def?.type) return;
    const sym = l.symbols.lookup({ schema: table.schema?.name ?? null, name: table.name.name });
    const owner: Table = sym?.table ?? { ...scratchTable, name: { schema: table.schema?.name ?? null, name: table.name.name, span: table.span } };
    const column: Column = {
      name: action.column.name, nameSpan: action.column.span, type: l.fe.resolveType(def.type, action.column.name, action.column.span, l.options, l.bag),
      declaredType: def.type.words.join(' '), typeSpan: def.type.span, notNull: false, notNullConflict: null, default: null, generated: null,
      rowid: null, collation: null, comment: null, span: action.span,
    };
    const pg = l.bindColumn(column, owner).pgType;
    const quoted = quoteIdent(sym?.columns.get(action.column.name.toLowerCase())?.out ?? l.names.apply(action.column.name, null));
    const checks = typeChecks(pg, quoted).map((c) => `, ADD CHECK (${c})`).join('');
    // DuckDB converts the values with an explicit cast; PostgreSQL needs USING for that.
    action.text = `TYPE ${pg.sql}${m[2] ?? ` USING ${quoted}::${pg.sql}`}${checks}`;
  }

  // ---- statements ------------------------------------------------------------

  beforeTable(t: Table): void {
    if (t.orReplace) this.l.bag.report('SP601', t.span, 'TABLE', 'table');
  }

  lowerSequence(e: Sequence): void {
    const l = this.l;
    const schema = l.schemaOf(e.name.schema, e.name.span);
    const name = l.namespace.claim(schema, l.names.apply(e.name.name, e.name.span), 'Sequence', e.name.span, objectKey(e.name) + '#seq');
    const sql = l.qualified(schema, name);
    const opts = e.options.map((o) => (o.value === null ? o.option : `${o.option === 'START' ? 'START WITH' : o.option === 'INCREMENT' ? 'INCREMENT BY' : o.option} ${o.value}`));
    if (e.orReplace) this.#replace('SEQUENCE', sql, e.span);
    l.emit({
      kind: 'sequence',
      sql: `CREATE ${e.temporary ? 'TEMPORARY ' : ''}SEQUENCE ${e.ifNotExists ? 'IF NOT EXISTS ' : ''}${sql}${opts.length ? ` ${opts.join(' ')}` : ''};`,
      span: e.span,
      provides: [relationKey(schema, name)],
    });
  }

  lower(e: NamedType | Macro | CommentDecl): void {
    if (e.kind === 'macro') lowerMacro(this.l, this, e);
    else if (e.kind === 'comment') this.#comment(e);
    // CREATE TYPE was emitted by declareTypes().
  }

  #comment(e: CommentDecl): void {
    const l = this.l;
    const ids = e.target;
    const last = ids[ids.length - 1] as Identifier;
    const text = e.comment === null ? 'NULL' : quoteLiteral(e.comment);
    const nameOf = (parts: Identifier[]): ObjectName => ({
      schema: parts.length > 1 ? (parts[parts.length - 2]?.name ?? null) : null,
      name: parts[parts.length - 1]?.name ?? '',
      span: e.span,
    });
    let target: string;
    let what = e.objectType;
    let requires: string[] = [];
    switch (e.objectType) {
      case 'COLUMN': {
        const table = nameOf(ids.slice(0, -1));
        const sym = l.symbols.lookup(table);
        const column = sym?.columns.get(last.name.toLowerCase());
        target = `${l.relationSql(table)}.${column ? quoteIdent(column.out) : l.ident(last)}`;
        requires = sym ? [relationKey(sym.schema, sym.out)] : [];
        break;
      }
      case 'TABLE':
      case 'VIEW': {
        const name = nameOf(ids);
        const sym = l.symbols.lookup(name);
        what = sym ? 'TABLE' : l.symbols.views.has(objectKey(name)) ? 'VIEW' : e.objectType;
        target = l.relationSql(name);
        requires = sym ? [relationKey(sym.schema, sym.out)] : [];
        break;
      }
      case 'TYPE': {
        const d = this.#declared.get(last.name.toLowerCase());
        target = d?.sql ?? l.ident(last);
        break;
      }
      case 'MACRO': {
        const m = this.macros.get(macroKey(last.name));
        what = 'FUNCTION' as typeof what;
        target = m ? m.signature : l.ident(last);
        break;
      }
      case 'SCHEMA':
        target = quoteIdent(l.names.apply(last.name, last.span));
        break;
      default: {
        const name = nameOf(ids);
        target = l.qualified(this.#schemaName(name.schema), l.names.apply(name.name, last.span));
      }
    }
    l.emit({ kind: 'comment', sql: `COMMENT ON ${what} ${target} IS ${text};`, span: e.span, requires });
  }
}
