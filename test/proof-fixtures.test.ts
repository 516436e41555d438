/**
 * The shrunk counterexamples the proofs found during development, kept as
 * fixtures: fixtures/proof-*\/ hold the schema (input.sql, golden
 * expected.sql and expected.diagnostics, checked and applied by
 * test/fixtures.test.ts) and proof.json, the case itself, replayed here
 * through the same property (test/engines/sqlite-proofs.ts) on real SQLite and
 * PostgreSQL. Each note says what diverged and how it was fixed or announced.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabases } from './support/database.js';
import { openSqlite, withPostgres, type PgSession, type SqliteEngine } from './support/engines.js';
import { fromProofJson } from './engines/proof-json.js';
import type { CTable, Insert } from './engines/sqlite-constraints.js';
import { constraintAgreement, defaultsAgreement, roundTrip, type DefaultsCase, type RoundTripTable } from './engines/sqlite-proofs.js';
import type { ProofOptions } from './engines/sqlite-schemas.js';

const FIXTURES = join(import.meta.dirname, '../fixtures');
const cases = readdirSync(FIXTURES)
  .filter((name) => name.startsWith('proof-') && existsSync(join(FIXTURES, name, 'proof.json')))
  .sort()
  .map((name) => ({ name, ...fromProofJson<{ property: string; note: string; case: unknown }>(readFileSync(join(FIXTURES, name, 'proof.json'), 'utf8')) }));

let sqlite: SqliteEngine;
beforeAll(async () => {
  sqlite = await openSqlite();
});
afterAll(async () => {
  sqlite.close();
  await closeDatabases();
});

function replay(property: string, c: unknown, pg: PgSession): Promise<void> {
  switch (property) {
    case 'constraints': {
      const { tables, inserts } = c as { tables: CTable[]; inserts: Insert[] };
      return constraintAgreement(sqlite, pg, tables, inserts);
    }
    case 'defaults':
      return defaultsAgreement(sqlite, pg, c as DefaultsCase);
    case 'round-trip': {
      const { options, tables } = c as { options: ProofOptions; tables: RoundTripTable[] };
      return roundTrip(sqlite, pg, options, tables);
    }
    default:
      throw new Error(`unknown property ${property}`);
  }
}

describe('proof counterexamples (fixtures/proof-*)', () => {
  it('has the counterexamples', () => {
    expect(cases.length).toBeGreaterThanOrEqual(8);
  });

  for (const c of cases) {
    it(`${c.name}: ${c.property}`, async () => {
      await withPostgres((pg) => replay(c.property, c.case, pg));
    });
  }
});
