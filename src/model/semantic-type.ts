/**
 * What a column holds, independent of any engine's type names. Front ends map
 * their type names to these (src/dialects/<dialect>/types.ts); the PostgreSQL
 * type pass maps these to PostgreSQL types (src/passes/postgres-types.ts).
 */
export type SemanticType =
  /** Whole numbers in [min, max] (decimal strings: the bounds exceed 2^53). */
  | { kind: 'integer'; min: string; max: string }
  | { kind: 'float'; bits: 32 | 64 }
  /** precision null: unconstrained (SQLite NUMERIC affinity, DuckDB BIGNUM). */
  | { kind: 'decimal'; precision: number | null; scale: number | null; enforced: boolean }
  /** length: the declared length, which neither source engine enforces. */
  | { kind: 'text'; length: number | null; fixed: boolean }
  | { kind: 'boolean' }
  | { kind: 'blob' }
  | { kind: 'date' }
  | { kind: 'time'; tz: boolean }
  /** storedAs: how the source keeps it (SQLite: text; DuckDB: native). precision: fractional digits. */
  | { kind: 'timestamp'; tz: boolean; precision: number | null; storedAs: 'text' | 'native' }
  | { kind: 'interval' }
  | { kind: 'uuid'; storedAs: 'text' | 'native' }
  | { kind: 'json' }
  | { kind: 'bit' }
  | { kind: 'list'; element: SemanticType; size: number | null }
  | { kind: 'struct'; fields: { name: string; type: SemanticType }[] }
  | { kind: 'map'; key: SemanticType; value: SemanticType }
  | { kind: 'union'; members: { name: string; type: SemanticType }[] }
  | { kind: 'enum'; values: string[] }
  /** A reference to a type the script declares (DuckDB CREATE TYPE). */
  | { kind: 'named'; name: string }
  /** No declared type, or STRICT ANY: any value as given. */
  | { kind: 'any'; why: 'untyped' | 'any' };

export const INT64_MIN = '-9223372036854775808';
export const INT64_MAX = '9223372036854775807';

export function integerRange(min: bigint, max: bigint): SemanticType {
  return { kind: 'integer', min: min.toString(), max: max.toString() };
}

export function signedBits(bits: number): SemanticType {
  const limit = 1n << BigInt(bits - 1);
  return integerRange(-limit, limit - 1n);
}

export function unsignedBits(bits: number): SemanticType {
  return integerRange(0n, (1n << BigInt(bits)) - 1n);
}
