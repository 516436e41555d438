/**
 * How many runs each proof property makes: at least 300 in CI (`CI` set),
 * fewer locally, ten times more under `npm run test:deep` (PROOF_DEEP=1).
 * PROOF_RUNS overrides; FC_SEED (and FC_PATH) replay a reported failure.
 */
import type fc from 'fast-check';
import { engineName } from '../support/database.js';

export const ENGINE = engineName();
const CI = Boolean(process.env.CI);
const DEEP = process.env.PROOF_DEEP === '1';

/** Runs for one property; `local` is the count outside CI. */
export function proofRuns(local: { server: number; pglite: number }): number {
  const override = Number(process.env.PROOF_RUNS);
  if (override > 0) return override;
  const base = CI ? 300 : ENGINE === 'postgres-server' ? local.server : local.pglite;
  return DEEP ? base * 10 : base;
}

/** fast-check parameters: the run count, and a replay when FC_SEED is set. */
export function proofParameters<T>(runs: number): fc.Parameters<T> {
  const seed = process.env.FC_SEED;
  const path = process.env.FC_PATH;
  return {
    numRuns: runs,
    ...(seed ? { seed: Number(seed) } : {}),
    ...(path ? { path } : {}),
  };
}

/** A test timeout that grows with the run count (PGlite is several times slower than a server). */
export function proofTimeout(runs: number, msPerRun: { server: number; pglite: number }): number {
  return 30_000 + runs * (ENGINE === 'postgres-server' ? msPerRun.server : msPerRun.pglite);
}
