import { describe, expect, it } from 'vitest';
import { translate } from '../src/translate.js';
import { applyAndRollback } from './support/apply.js';
import { pgVersionNum, withSchema } from './support/database.js';
import { UPDATE_GOLDEN, diagnosticLines, loadFixtures, updateGolden } from './support/fixtures.js';

const fixtures = loadFixtures();

describe('golden fixtures', () => {
  it('has fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(40);
  });

  for (const fixture of fixtures) {
    describe(fixture.name, () => {
      const options = { fileName: 'input.sql', ...fixture.options };
      const result = translate(fixture.input, options);

      it('translates to the expected SQL and diagnostics', () => {
        const diagnostics = diagnosticLines(result.diagnostics, fixture.input);
        if (UPDATE_GOLDEN) {
          updateGolden(fixture, 'expected.sql', result.sql);
          updateGolden(fixture, 'expected.diagnostics', diagnostics || null);
          return;
        }
        expect(result.sql).toBe(fixture.expectedSql);
        expect(diagnostics).toBe(fixture.expectedDiagnostics);
      });

      it('is deterministic', () => {
        expect(translate(fixture.input, options).sql).toBe(result.sql);
      });

      if (fixture.expectedSql !== null) {
        it('applies on PostgreSQL', async () => {
          const script = `${fixture.setupSql ?? ''}\n${fixture.expectedSql ?? ''}`;
          const target = fixture.options.targetVersion ?? 15;
          let outcome = await withSchema(async (db) => ((await pgVersionNum(db)) >= target * 10000 ? applyAndRollback(db, script) : null));
          // Output for a newer PostgreSQL than the server runs on the embedded one (PGlite is 18).
          outcome ??= await withSchema((db) => applyAndRollback(db, script), { engine: 'pglite' });
          expect(outcome).toEqual({ ok: true });
        });
      }
    });
  }
});
