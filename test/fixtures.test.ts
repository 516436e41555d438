import { describe, expect, it } from 'vitest';
import { generateTypes } from '../src/emit/typescript/index.js';
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

      if (fixture.tsOptions !== null) {
        const tsOptions = fixture.tsOptions;
        it('generates the expected TypeScript', async () => {
          const postgres = result.postgres;
          expect(result.sql, 'TypeScript output needs a translation without errors').not.toBeNull();
          if (!postgres) return;
          const ts = await generateTypes(postgres, { fileName: 'input.sql', dialect: result.dialect, targetVersion: options.targetVersion ?? 15, ...tsOptions });
          if (UPDATE_GOLDEN) {
            updateGolden(fixture, 'expected.ts', ts);
            return;
          }
          expect(ts).toBe(fixture.expectedTs);
          expect(await generateTypes(postgres, { fileName: 'input.sql', dialect: result.dialect, targetVersion: options.targetVersion ?? 15, ...tsOptions })).toBe(ts);
        });
      }

      it('is deterministic', () => {
        expect(translate(fixture.input, options).sql).toBe(result.sql);
      });

      if (fixture.expectedSql !== null && fixture.options.schema) {
        const schemaOptions = { ...options, schema: null };
        it('every query PREPAREs on PostgreSQL with its parameter count', async () => {
          const schemaSql = translate(fixture.options.schema ?? '', schemaOptions).sql;
          expect(schemaSql).not.toBeNull();
          const statements = (result.postgres?.statements ?? []).filter((s) => s.kind === 'step');
          await withSchema(async (db) => {
            await db.exec(schemaSql ?? '');
            for (const [i, s] of statements.entries()) {
              await db.exec(`PREPARE q${i} AS ${s.sql}`);
              const { rows } = await db.query<{ n: number }>('SELECT cardinality(parameter_types) AS n FROM pg_prepared_statements WHERE name = $1', [`q${i}`]);
              expect(Number(rows[0]?.n), s.sql).toBe(Math.max(0, ...(s.parameters ?? []).map((p) => p.position)));
              await db.exec(`DEALLOCATE q${i}`);
            }
          });
        });
      } else if (fixture.expectedSql !== null) {
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
