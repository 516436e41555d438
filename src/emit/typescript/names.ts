/**
 * TypeScript names: PascalCase (singular where unambiguous) for types,
 * properties as written or camelCase, each unique in its scope.
 */

const IRREGULAR: Readonly<Record<string, string>> = {
  people: 'person',
  children: 'child',
  men: 'man',
  women: 'woman',
  mice: 'mouse',
  geese: 'goose',
  feet: 'foot',
  teeth: 'tooth',
  indices: 'index',
  matrices: 'matrix',
  vertices: 'vertex',
};

/** Plural-looking words that are singular (or have no singular). */
const INVARIANT = new Set(['news', 'series', 'species', 'data', 'metadata', 'media', 'sheep', 'fish', 'info']);

/** The singular of an English plural, or the word itself when it does not look plural. */
export function singular(word: string): string {
  const lower = word.toLowerCase();
  if (IRREGULAR[lower]) return matchCase(word, IRREGULAR[lower]);
  if (INVARIANT.has(lower) || lower.length < 3) return word;
  if (/(ss|us|is|ics)$/.test(lower)) return word;
  if (/[^aeiou]ies$/.test(lower)) return `${word.slice(0, -3)}${matchCase(word.slice(-3), 'y')}`;
  if (/(sses|xes|zzes|ches|shes)$/.test(lower)) return word.slice(0, -2);
  if (/[^aeiou]uses$/.test(lower)) return word.slice(0, -2);
  if (/[^s]s$/.test(lower)) return word.slice(0, -1);
  return word;
}

function matchCase(model: string, word: string): string {
  return model === model.toUpperCase() && model !== model.toLowerCase() ? word.toUpperCase() : word;
}

/** Splits `user_accounts`, `UserAccounts`, `user-accounts 2` into words. */
export function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '');
}

function capitalize(w: string): string {
  return w.charAt(0).toUpperCase() + w.slice(1).toLowerCase();
}

/** PascalCase, optionally with the last word singular; always a valid identifier. */
export function pascalCase(name: string, singularize: boolean): string {
  const parts = words(name);
  if (parts.length === 0) return 'Unnamed';
  const last = parts.length - 1;
  if (singularize) parts[last] = singular(parts[last] ?? '');
  const out = parts.map(capitalize).join('');
  return /^[0-9]/.test(out) ? `T${out}` : out;
}

/** As kysely's CamelCasePlugin maps a column name: `created_at` → `createdAt`. */
export function camelCase(name: string): string {
  if (name.length === 0) return name;
  let out = name[0] ?? '';
  for (let i = 1; i < name.length; i++) {
    const ch = name[i] ?? '';
    if (ch === '_') continue;
    out += name[i - 1] === '_' ? ch.toUpperCase() : ch;
  }
  return out;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A property key: bare when it is an identifier, else a quoted string. */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : `'${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}

/** Hands out unique type names: a taken name gets the suffix, then a number. */
export class TypeNames {
  readonly #taken = new Set<string>();

  constructor(reserved: Iterable<string>) {
    for (const name of reserved) this.#taken.add(name);
  }

  has(name: string): boolean {
    return this.#taken.has(name);
  }

  /**
   * Claims `stem` + each suffix together (a table's Row, Insert, …), trying
   * `preferred` stems first, then the last one with a number.
   */
  claim(preferred: string[], suffixes: string[] = ['']): string {
    const free = (stem: string) => suffixes.every((s) => !this.#taken.has(stem + s));
    let stem = preferred.find(free);
    const base = preferred[preferred.length - 1] ?? 'Unnamed';
    for (let n = 2; stem === undefined; n++) if (free(`${base}${n}`)) stem = `${base}${n}`;
    for (const s of suffixes) this.#taken.add(stem + s);
    return stem;
  }
}
