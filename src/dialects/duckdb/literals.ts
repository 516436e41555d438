/**
 * DuckDB nested-value literals → PostgreSQL, given the type of the column
 * they are stored in: `[1, 2]` → `ARRAY[1, 2]::integer[]`, `[]` →
 * `'{}'::integer[]`, `{'a': 1}` → `ROW(1)::t_c` (composite) or a jsonb
 * object, `MAP {'k': v}` / `map([k], [v])` → a jsonb object, a UNION value →
 * `{"tag": …, "value": …}`. Used for DEFAULT values and INSERT … VALUES,
 * where the target type is known. Anything not made of literals is left to
 * the expression translator (null is returned).
 */
import { quoteLiteral } from '../../emit/postgres/quote.js';
import type { SemanticType } from '../../model/semantic-type.js';
import type { PgType } from '../../passes/postgres-types.js';
import type { Expression } from '../../syntax/ast.js';

export interface CompositeField {
  /** The field name as declared in DuckDB. */
  name: string;
  type: SemanticType;
  pg: PgType;
}

export interface LiteralScope {
  /** The fields of a composite type created for a STRUCT, by its SQL name. */
  composite(sql: string): CompositeField[] | undefined;
  /** A type declared with CREATE TYPE, by name. */
  named(name: string): { type: SemanticType; pg: PgType } | undefined;
}

export interface LiteralTarget {
  type: SemanticType;
  pg: PgType;
  /** A DuckDB VARIANT column (jsonb): every literal becomes its JSON form. */
  variant?: boolean;
}

/**
 * Whether `e` needs the target type to be translated: DuckDB syntax for nested
 * values (list and struct literals, MAP {…}, map(…)), or any literal stored
 * in a UNION or VARIANT column (which become jsonb).
 */
export function needsTarget(e: Expression, target: LiteralTarget): boolean {
  const x = e.kind === 'paren' ? e.expr : e;
  if (x.kind === 'list' || x.kind === 'struct' || (x.kind === 'call' && x.name.name.toLowerCase() === 'map')) return true;
  if (target.type.kind === 'blob') return blobText(x) !== null;
  return (target.variant === true || target.type.kind === 'union') && toJson(x, null) !== null && x.kind !== 'null';
}

/** The PostgreSQL text for `e` stored as `target`, or null when it is not a literal this module translates. */
export function translateLiteral(e: Expression, target: LiteralTarget, scope: LiteralScope): string | null {
  const x = e.kind === 'paren' ? e.expr : e;
  if (x.kind === 'null') return 'NULL';
  const { type, pg } = target;
  if (type.kind === 'named') {
    const declared = scope.named(type.name);
    if (!declared) return null;
    // Build the value with the underlying type's structure, then cast to the declared name.
    const inner = translateLiteral(x, declared, scope);
    if (inner === null || declared.pg.sql === target.pg.sql) return inner;
    return `${inner}::${target.pg.sql}`;
  }
  if ((pg.base === 'jsonb' || pg.base === 'json') && pg.arrayDims === 0) {
    // A JSON column takes JSON text as is; a VARIANT holds the value itself.
    if (x.kind === 'string' && type.kind === 'json' && !target.variant) return null;
    const json = toJson(x, type);
    return json === null ? null : `${quoteLiteral(json)}::${pg.sql}`;
  }
  if (type.kind === 'blob') {
    const bytes = blobText(x);
    return bytes === null ? null : `'\\x${bytes}'::bytea`;
  }
  if (type.kind === 'list' && x.kind === 'list') {
    const element: LiteralTarget = { type: type.element, pg: { ...pg, sql: pg.sql.replace(/\[\]$/, ''), arrayDims: pg.arrayDims - 1, cardinality: null } };
    if (x.items.length === 0) return `'{}'::${pg.sql}`;
    const items = x.items.map((item) => translateLiteral(item, element, scope) ?? scalar(item));
    if (items.some((i) => i === null)) return null;
    return `ARRAY[${items.join(', ')}]::${pg.sql}`;
  }
  if (type.kind === 'struct' && x.kind === 'struct') {
    const fields = scope.composite(pg.sql);
    if (!fields) return null;
    const byName = new Map(x.fields.map((f) => [f.name.toLowerCase(), f.value]));
    if ([...byName.keys()].some((k) => !fields.some((f) => f.name.toLowerCase() === k))) return null;
    const values = fields.map((f) => {
      const v = byName.get(f.name.toLowerCase());
      return v === undefined ? 'NULL' : (translateLiteral(v, { type: f.type, pg: f.pg }, scope) ?? scalar(v));
    });
    if (values.some((v) => v === null)) return null;
    return `ROW(${values.join(', ')})::${pg.sql}`;
  }
  return null;
}

/**
 * The hex digits of a DuckDB BLOB given as a string (`'\xAA\xBB'`, `'abc'`,
 * `'…'::BLOB`): `\xHH` is one byte, any other ASCII character its own byte.
 * Null when it is not such a literal (DuckDB rejects unescaped non-ASCII).
 */
function blobText(e: Expression): string | null {
  const s = e.kind === 'string' ? e.value : e.kind === 'cast' && e.operand.kind === 'string' && e.type.words.join(' ').toUpperCase() !== 'VARCHAR' ? e.operand.value : null;
  if (s === null) return null;
  let hex = '';
  for (let i = 0; i < s.length; i++) {
    const escape = /^\\x([0-9a-fA-F]{2})/.exec(s.slice(i, i + 4));
    if (escape?.[1]) {
      hex += escape[1].toLowerCase();
      i += 3;
      continue;
    }
    const code = s.charCodeAt(i);
    if (code > 127) return null;
    hex += code.toString(16).padStart(2, '0');
  }
  return hex;
}

/** A scalar literal as PostgreSQL text (DuckDB and PostgreSQL spell them alike). */
function scalar(e: Expression): string | null {
  switch (e.kind) {
    case 'null':
      return 'NULL';
    case 'number':
      return jsonNumber(e.text);
    case 'string':
      return quoteLiteral(e.value);
    case 'boolean':
      return e.value ? 'true' : 'false';
    case 'unary': {
      const inner = e.op === '-' || e.op === '+' ? scalar(e.operand) : null;
      return inner === null || e.operand.kind !== 'number' ? null : `${e.op === '-' ? '-' : ''}${inner}`;
    }
    case 'cast':
      // `DATE '2024-01-01'`, `'…'::UUID`: the element type of the target casts the literal.
      return e.operand.kind === 'string' ? quoteLiteral(e.operand.value) : null;
    case 'paren':
      return scalar(e.expr);
    default:
      return null;
  }
}

/** A DuckDB number literal as a JSON/PostgreSQL number (`.5` → `0.5`, `1.` → `1.0`); null for hex. */
function jsonNumber(text: string): string | null {
  if (/^0[xX]/.test(text)) return null;
  let t = text;
  if (t.startsWith('.')) t = `0${t}`;
  if (/\.($|[eE])/.test(t)) t = t.replace('.', '.0');
  return t;
}

/** The JSON text for a literal value of type `type` (a MAP becomes an object, a UNION {tag, value}). */
export function toJson(e: Expression, type: SemanticType | null): string | null {
  const x = e.kind === 'paren' ? e.expr : e;
  if (type?.kind === 'union' && x.kind !== 'null') {
    const member = unionMember(x, type.members);
    if (!member) return null;
    const value = toJson(x, member.type);
    return value === null ? null : `{"tag": ${JSON.stringify(member.name)}, "value": ${value}}`;
  }
  switch (x.kind) {
    case 'null':
      return 'null';
    case 'boolean':
      return x.value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(x.value);
    case 'number':
    case 'unary':
      return x.kind === 'number' || x.operand.kind === 'number' ? scalar(x) : null;
    case 'cast':
      return x.operand.kind === 'string' ? JSON.stringify(x.operand.value) : null;
    case 'list': {
      const element = type?.kind === 'list' ? type.element : null;
      const items = x.items.map((i) => toJson(i, element));
      return items.some((i) => i === null) ? null : `[${items.join(', ')}]`;
    }
    case 'struct': {
      const fields = type?.kind === 'struct' ? type.fields : [];
      const entries = x.fields.map((f) => {
        const v = toJson(f.value, fields.find((d) => d.name.toLowerCase() === f.name.toLowerCase())?.type ?? null);
        return v === null ? null : `${JSON.stringify(f.name)}: ${v}`;
      });
      return entries.some((v) => v === null) ? null : `{${entries.join(', ')}}`;
    }
    case 'call': {
      // map([k1, k2], [v1, v2]), which MAP {k1: v1, …} parses to.
      if (x.name.name.toLowerCase() !== 'map') return null;
      const [keys, values] = x.args;
      if (x.args.length === 0) return '{}';
      if (keys?.kind !== 'list' || values?.kind !== 'list' || keys.items.length !== values.items.length) return null;
      const valueType = type?.kind === 'map' ? type.value : null;
      const entries = keys.items.map((k, i) => {
        const key = k.kind === 'string' ? k.value : scalar(k);
        const value = values.items[i] ? toJson(values.items[i] as Expression, valueType) : null;
        return key === null || value === null ? null : `${JSON.stringify(key)}: ${value}`;
      });
      return entries.some((v) => v === null) ? null : `{${entries.join(', ')}}`;
    }
    default:
      return null;
  }
}

/** The UNION member a literal converts to, as DuckDB picks it: strings to a text member, numbers to a numeric one. */
function unionMember(e: Expression, members: { name: string; type: SemanticType }[]): { name: string; type: SemanticType } | undefined {
  const kinds: SemanticType['kind'][] =
    e.kind === 'string'
      ? ['text', 'enum', 'uuid', 'date', 'timestamp', 'time', 'interval', 'json']
      : e.kind === 'boolean'
        ? ['boolean']
        : e.kind === 'number' || e.kind === 'unary'
          ? /[.eE]/.test(e.kind === 'number' ? e.text : e.operand.kind === 'number' ? e.operand.text : '')
            ? ['decimal', 'float']
            : ['integer', 'decimal', 'float']
          : e.kind === 'list'
            ? ['list']
            : e.kind === 'struct'
              ? ['struct']
              : [];
  for (const kind of kinds) {
    const m = members.find((x) => x.type.kind === kind);
    if (m) return m;
  }
  return undefined;
}
