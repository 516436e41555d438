/**
 * Checks a JavaScript value against a type written in a generated TypeScript
 * file, by walking the file's syntax (TypeScript compiler API): the runtime
 * conformance test asks "is what pg returned a value of the emitted type?".
 * Only the type forms the emitter writes are understood; anything else throws.
 */
import ts from 'typescript';

export interface PropertyType {
  type: ts.TypeNode;
  optional: boolean;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

export class ShapeChecker {
  readonly #aliases = new Map<string, ts.TypeNode>();
  readonly #interfaces = new Map<string, ts.InterfaceDeclaration>();

  constructor(source: string) {
    const file = ts.createSourceFile('generated.ts', source, ts.ScriptTarget.ES2022, true);
    for (const s of file.statements) {
      if (ts.isTypeAliasDeclaration(s)) this.#aliases.set(s.name.text, s.type);
      if (ts.isInterfaceDeclaration(s)) this.#interfaces.set(s.name.text, s);
    }
  }

  /** The properties of an interface (or of a `Record<string, never>` alias: none). */
  properties(name: string): Map<string, PropertyType> {
    const decl = this.#interfaces.get(name);
    if (!decl) {
      if (this.#aliases.has(name)) return new Map();
      throw new Error(`no interface ${name} in the generated file`);
    }
    const out = new Map<string, PropertyType>();
    for (const m of decl.members) {
      if (!ts.isPropertySignature(m) || !m.type) continue;
      const key = ts.isIdentifier(m.name) || ts.isStringLiteral(m.name) ? m.name.text : m.name.getText();
      out.set(key, { type: m.type, optional: m.questionToken !== undefined });
    }
    return out;
  }

  /** The name of the interface a `Database` property refers to. */
  databaseEntry(key: string): string {
    const entry = this.properties('Database').get(key);
    if (!entry || !ts.isTypeReferenceNode(entry.type)) throw new Error(`Database has no entry ${key}`);
    return entry.type.typeName.getText();
  }

  /** Does `value` belong to `type`? `why` collects the reason when it does not. */
  conforms(value: unknown, type: ts.TypeNode): boolean {
    switch (type.kind) {
      case ts.SyntaxKind.StringKeyword:
        return typeof value === 'string';
      case ts.SyntaxKind.NumberKeyword:
        return typeof value === 'number';
      case ts.SyntaxKind.BigIntKeyword:
        return typeof value === 'bigint';
      case ts.SyntaxKind.BooleanKeyword:
        return typeof value === 'boolean';
      case ts.SyntaxKind.UnknownKeyword:
        return true;
      case ts.SyntaxKind.ParenthesizedType:
        return this.conforms(value, (type as ts.ParenthesizedTypeNode).type);
      case ts.SyntaxKind.UnionType:
        return (type as ts.UnionTypeNode).types.some((t) => this.conforms(value, t));
      case ts.SyntaxKind.ArrayType:
        return Array.isArray(value) && value.every((v) => this.conforms(v, (type as ts.ArrayTypeNode).elementType));
      case ts.SyntaxKind.FunctionType:
        return typeof value === 'function';
      case ts.SyntaxKind.LiteralType: {
        const literal = (type as ts.LiteralTypeNode).literal;
        if (literal.kind === ts.SyntaxKind.NullKeyword) return value === null;
        if (ts.isStringLiteral(literal)) return value === literal.text;
        if (literal.kind === ts.SyntaxKind.TrueKeyword) return value === true;
        if (literal.kind === ts.SyntaxKind.FalseKeyword) return value === false;
        break;
      }
      case ts.SyntaxKind.TypeLiteral: {
        const members = (type as ts.TypeLiteralNode).members;
        const index = members.length === 1 ? members[0] : undefined;
        if (index && ts.isIndexSignatureDeclaration(index)) {
          return isPlainObject(value) && Object.values(value).every((v) => this.conforms(v, index.type));
        }
        break;
      }
      case ts.SyntaxKind.TypeReference:
        return this.#reference(value, type as ts.TypeReferenceNode);
    }
    throw new Error(`the checker does not know the type form ${ts.SyntaxKind[type.kind]}: ${type.getText()}`);
  }

  #reference(value: unknown, type: ts.TypeReferenceNode): boolean {
    const name = type.typeName.getText();
    if (name === 'Date') return value instanceof Date && !Number.isNaN(value.getTime());
    if (name === 'Buffer') return Buffer.isBuffer(value);
    const alias = this.#aliases.get(name);
    if (alias) return this.conforms(value, alias);
    if (this.#interfaces.has(name)) return this.#object(value, this.properties(name));
    throw new Error(`the checker does not know the type ${name}`);
  }

  /** An object with no own keys but the declared ones; declared members (own or inherited) of their type. */
  #object(value: unknown, props: Map<string, PropertyType>): boolean {
    if (typeof value !== 'object' || value === null) return false;
    if (Object.keys(value).some((k) => !props.has(k))) return false;
    for (const [key, p] of props) {
      const v = (value as Record<string, unknown>)[key];
      if (v === undefined ? !p.optional : !this.conforms(v, p.type)) return false;
    }
    return true;
  }
}
