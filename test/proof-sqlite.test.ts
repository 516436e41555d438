/**
 * Proof against live engines, SQLite → PostgreSQL: same rows in, same rows out.
 *
 * Real SQLite (sql.js, SQLite 3.54) and real PostgreSQL (the DATABASE_URL
 * server, else PGlite) run side by side on random schemas over every type the
 * SQLite front end supports (test/engines/sqlite-values.ts).
 *
 *  1. Round trip: rows SQLite accepts are read back as SQLite stored them,
 *     converted with the library's `rowConverter` (the compiler's own
 *     decisions), inserted into PostgreSQL, read back and compared under the
 *     equivalence stated in test/engines/equivalence.ts.
 *  2. Constraint agreement: rows with violations (NULL in NOT NULL, duplicate
 *     keys, CHECK failures, dangling foreign keys with PRAGMA foreign_keys=ON)
 *     are accepted by SQLite ⇔ accepted by PostgreSQL.
 *  3. Defaults agreement: a row of defaults holds equivalent values on both.
 *
 * Every divergence must be one the compiler announced: a value either round-
 * trips exactly, or the divergence carries a diagnostic code (from the
 * conversion, or from the generator's expectation) that the compiler reported
 * on that column (SP115: on the script). And the divergence codes reported on
 * each column are exactly those an independent table of the source types
 * predicts (`expectedColumnCodes`).
 *
 * Runs: see test/engines/runs.ts (≥ 300 per property with CI set).
 */
import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import { closeDatabases } from './support/database.js';
import { openSqlite, withPostgres } from './support/engines.js';
import { ENGINE, proofParameters, proofRuns, proofTimeout } from './engines/runs.js';
import { constraintCaseArb } from './engines/sqlite-constraints.js';
import { constraintAgreement, defaultsAgreement, defaultsArb, roundTrip, roundTripArb, stats } from './engines/sqlite-proofs.js';

afterAll(async () => {
  await closeDatabases();
});

afterAll(() => {
  if (process.env.PROOF_STATS === '1') console.log(`[proof-sqlite ${ENGINE}]`, Object.fromEntries([...stats].sort()));
});

const RUNS = proofRuns({ server: 100, pglite: 40 });

describe(`SQLite → PostgreSQL proofs (${ENGINE})`, () => {
  it(
    'round trip: rows SQLite stores come back from PostgreSQL equal, or the divergence was announced',
    async () => {
      const sqlite = await openSqlite();
      try {
        await withPostgres(async (pg) => {
          await fc.assert(
            fc.asyncProperty(roundTripArb, async ({ options, tables }) => roundTrip(sqlite, pg, options, tables)),
            proofParameters(RUNS),
          );
        });
      } finally {
        sqlite.close();
      }
    },
    proofTimeout(RUNS, { server: 60, pglite: 200 }),
  );

  it(
    'constraint agreement: SQLite accepts a row ⇔ PostgreSQL accepts it, or the disagreement was announced',
    async () => {
      const sqlite = await openSqlite();
      try {
        await withPostgres(async (pg) => {
          await fc.assert(
            fc.asyncProperty(constraintCaseArb, async ({ tables, inserts }) => constraintAgreement(sqlite, pg, tables, inserts)),
            proofParameters(RUNS),
          );
        });
      } finally {
        sqlite.close();
      }
    },
    proofTimeout(RUNS, { server: 60, pglite: 200 }),
  );

  it(
    'defaults agreement: a row of defaults holds equivalent values on both engines',
    async () => {
      const sqlite = await openSqlite();
      try {
        await withPostgres(async (pg) => {
          await fc.assert(
            fc.asyncProperty(defaultsArb, async (c) => defaultsAgreement(sqlite, pg, c)),
            proofParameters(RUNS),
          );
        });
      } finally {
        sqlite.close();
      }
    },
    proofTimeout(RUNS, { server: 60, pglite: 200 }),
  );
});
