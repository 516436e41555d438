/**
 * `schema-port copy` from a generated DuckDB file (opened read-only): nested
 * types (LIST, STRUCT, MAP, UNION), unsigned and huge integers, DECIMAL,
 * every timestamp kind, INTERVAL, UUID, BLOB, ENUM, JSON, sequences; dirty
 * rows (a NUL character in text, a \u0000 escape in JSON for jsonb) go to
 * the reject file; counts and checksums verify. (DuckDB keeps no VARCHAR(n)
 * length in its catalog, so there is no over-long value to reject.)
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copy, type CopySummary } from '../src/copy/index.js';
import { createCopyTarget, SERVER, SKIP_REASON, type CopyTarget } from './support/copy-target.js';

if (!SERVER) console.warn(`copy-duckdb.test: skipped: ${SKIP_REASON}`);

const SCRIPT = `
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE SEQUENCE event_ids START 1;
CREATE TABLE documents (
  id INTEGER PRIMARY KEY, title VARCHAR(8), tags VARCHAR[], props STRUCT(a INTEGER, b VARCHAR), m MAP(VARCHAR, INTEGER),
  u UNION(n INTEGER, s VARCHAR), big UBIGINT, huge HUGEINT, d DECIMAL(10,2), ts TIMESTAMP, tstz TIMESTAMPTZ, dt DATE, tm TIME,
  iv INTERVAL, uid UUID, b BLOB, mood mood, j JSON, f FLOAT, dbl DOUBLE, ok BOOLEAN, ints INTEGER[]
);
CREATE TABLE events (id BIGINT PRIMARY KEY DEFAULT nextval('event_ids'), doc INTEGER REFERENCES documents (id), happened TIMESTAMP_NS);
CREATE INDEX events_doc ON events (doc);
INSERT INTO documents VALUES
  (1, 'a', ['x', 'y,z', NULL, 'q"\\'], {'a': 1, 'b': 'q"r'}, MAP {'k': 1, 'l': NULL}, 5::INTEGER, 18446744073709551615,
   170141183460469231731687303715884105727, 12345678.91, '2024-01-02 03:04:05.123456', '2024-01-02 03:04:05+02', '2024-02-29',
   '12:34:56.5', INTERVAL 14 MONTH + INTERVAL 3 DAY + INTERVAL 5 SECOND, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '\\x00\\xFF'::BLOB,
   'happy', '{"z": 1, "a": [1, 2]}', 0.1, 1e300, true, [1, NULL, 3]),
  (2, NULL, [], NULL, NULL, 'str'::VARCHAR, 0, -1, -0.5, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (3, 'nul' || chr(0), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (4, 'escaped', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '{"a": "\\u0000"}', NULL, NULL, NULL, NULL);
INSERT INTO events (doc, happened) VALUES (1, '2024-01-01 00:00:00.123456789'), (2, '2024-01-01 00:00:00'), (1, NULL);
`;

let pgt: CopyTarget;
let summary: CopySummary;
const digests: string[] = [];
const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe.skipIf(!SERVER)('schema-port copy: DuckDB → PostgreSQL', () => {
  beforeAll(async () => {
    pgt = await createCopyTarget();
    const file = join(pgt.dir, 'analytics.duckdb');
    const instance = await DuckDBInstance.create(file);
    const connection = await instance.connect();
    await connection.run(SCRIPT);
    connection.closeSync();
    instance.closeSync();
    digests.push(digest(file));
    summary = await copy({ source: file, target: pgt.url, targetSchema: 'duck', translate: { varchar: 'keep' }, rejectFile: join(pgt.dir, 'rejects.jsonl') });
    digests.push(digest(file));
  }, 30_000);
  afterAll(async () => {
    await pgt?.close();
  });

  it('counts, rejects and verifies every table', () => {
    expect(summary.tables.map((t) => [t.source, t.read, t.written, t.rejected, t.verified])).toEqual([
      ['documents', 4, 2, 2, true],
      ['events', 3, 3, 0, true],
    ]);
    const rejects = readFileSync(join(pgt.dir, 'rejects.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rejects.map((r) => [r.key, r.column, r.reason])).toEqual([
      [{ id: '3' }, 'title', 'PostgreSQL text cannot hold the NUL character (U+0000)'],
      [{ id: '4' }, 'j', 'jsonb cannot hold the NUL character (\\u0000)'],
    ]);
  });

  it('converts nested, unsigned, huge and temporal values exactly', async () => {
    const [row] = await pgt.query('SELECT * FROM duck.documents WHERE id = 1');
    expect(row).toEqual({
      id: '1', title: 'a', tags: '{x,"y,z",NULL,"q\\"\\\\"}', props: '(1,"q""r")', m: '{"k": 1, "l": null}', u: '{"tag": "n", "value": 5}',
      big: '18446744073709551615', huge: '170141183460469231731687303715884105727', d: '12345678.91', ts: '2024-01-02 03:04:05.123456+00',
      tstz: '2024-01-02 01:04:05+00', dt: '2024-02-29', tm: '12:34:56.5', iv: '1 year 2 mons 3 days 00:00:05', uid: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
      b: '\\x00ff', mood: 'happy', j: '{"a": [1, 2], "z": 1}', f: '0.1', dbl: '1e+300', ok: 't', ints: '{1,NULL,3}',
    });
    expect(await pgt.query('SELECT happened FROM duck.events ORDER BY id')).toEqual([{ happened: '2024-01-01 00:00:00.123457+00' }, { happened: '2024-01-01 00:00:00+00' }, { happened: null }]);
  });

  it('sets the sequence past the largest id and leaves the source untouched', async () => {
    expect(await pgt.query('INSERT INTO duck.events (doc) VALUES (2) RETURNING id')).toEqual([{ id: '4' }]);
    expect(digests[1]).toBe(digests[0]);
  });
});
