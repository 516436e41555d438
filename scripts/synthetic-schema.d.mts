/** Types for scripts/synthetic-schema.mjs (imported by the tests). */
export function syntheticSchema(dialect: 'sqlite' | 'duckdb', tables: number, seed?: number): string;
