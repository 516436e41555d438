/**
 * TypeScript types from the PostgreSQL model: Row/Insert/Update per table,
 * Row per view, enum unions, composite interfaces, a `Database` interface
 * (plain or kysely-shaped), and a parser helper when an option needs one.
 * The plan is plain data; ts-morph prints it and is loaded only here, lazily.
 */
import type { PgScript } from '../../passes/postgres-model.js';
import { resolveTsOptions, type TypeScriptOptions } from './options.js';
import { planTypes } from './plan.js';

export { DEFAULT_TS_OPTIONS, TS_OPTION_CHOICES, parseColumnTypeOption, resolveTsOptions, type ColumnTypeOverride, type TypeScriptOptions } from './options.js';
export { TYPE_MAP, typeMapMarkdown, type TypeMapRow } from './type-map.js';

/** The generated TypeScript file for `script` (from `translate(…).postgres`). */
export async function generateTypes(script: PgScript, options: Partial<TypeScriptOptions> = {}): Promise<string> {
  const plan = planTypes(script, resolveTsOptions(options));
  const { printPlan } = await import('./emit.js');
  return printPlan(plan);
}
