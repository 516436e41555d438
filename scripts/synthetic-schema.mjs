// Synthetic schemas for the benchmark (scripts/bench.mjs) and the linear-time
// guard (test/fuzz-linear.test.ts): N tables in the shape real schemas have.
// Deterministic: the same arguments always give the same text.
//
//   node scripts/synthetic-schema.mjs sqlite 2000 > big.sqlite.sql
//   node scripts/synthetic-schema.mjs duckdb 2000 > big.duckdb.sql

/** A small seeded PRNG (mulberry32), so the output never depends on Math.random. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SQLITE_COLUMNS = [
  (c) => `${c}_name TEXT NOT NULL`,
  (c) => `${c}_email VARCHAR(255) COLLATE NOCASE`,
  (c) => `${c}_count INTEGER NOT NULL DEFAULT 0 CHECK (${c}_count >= 0)`,
  (c) => `${c}_price NUMERIC(10, 2)`,
  (c) => `${c}_ratio REAL DEFAULT 1.5`,
  (c) => `${c}_active BOOLEAN NOT NULL DEFAULT 1`,
  (c) => `${c}_created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP`,
  (c) => `${c}_updated_at TEXT DEFAULT (datetime('now'))`,
  (c) => `${c}_payload BLOB`,
  (c) => `${c}_status TEXT NOT NULL DEFAULT 'new' CHECK (${c}_status IN ('new', 'open', 'closed'))`,
  (c) => `${c}_meta JSON CHECK (json_valid(${c}_meta))`,
  (c) => `${c}_uuid TEXT DEFAULT (lower(hex(randomblob(16))))`,
  (c) => `"${c} Display Name" TEXT`,
  (c) => `${c}_day DATE`,
];

const DUCKDB_COLUMNS = [
  (c) => `${c}_name VARCHAR NOT NULL`,
  (c) => `${c}_tags VARCHAR[]`,
  (c) => `${c}_point STRUCT(x DOUBLE, y DOUBLE)`,
  (c) => `${c}_attrs MAP(VARCHAR, INTEGER)`,
  (c) => `${c}_nested STRUCT(id BIGINT, labels VARCHAR[], inner STRUCT(a INTEGER, b MAP(VARCHAR, DOUBLE[])))`,
  (c) => `${c}_mood ENUM('sad', 'ok', 'happy')`,
  (c) => `${c}_small UTINYINT DEFAULT 0`,
  (c) => `${c}_big HUGEINT`,
  (c) => `${c}_at TIMESTAMP DEFAULT current_timestamp`,
  (c) => `${c}_amount DECIMAL(18, 4) CHECK (${c}_amount >= 0)`,
  (c) => `${c}_vec FLOAT[3]`,
  (c) => `${c}_either UNION(num INTEGER, str VARCHAR)`,
  (c) => `${c}_doc JSON`,
  (c) => `${c}_id UUID DEFAULT gen_random_uuid()`,
];

function sqliteTable(i, rand) {
  const lines = [`-- Table ${i}: generated for the benchmark.`, `CREATE TABLE t${i} (`];
  const cols = ['  id INTEGER PRIMARY KEY AUTOINCREMENT'];
  const width = 4 + Math.floor(rand() * 6);
  for (let k = 0; k < width; k++) {
    const make = SQLITE_COLUMNS[Math.floor(rand() * SQLITE_COLUMNS.length)];
    cols.push(`  ${make(`c${k}`)}`);
  }
  if (i > 0) cols.push(`  parent_id INTEGER REFERENCES t${Math.floor(rand() * i)} (id) ON DELETE CASCADE`);
  cols.push(`  code TEXT NOT NULL UNIQUE -- natural key`);
  lines.push(cols.join(',\n'));
  lines.push(');');
  lines.push(`CREATE INDEX t${i}_code_idx ON t${i} (code);`);
  if (i > 0) lines.push(`CREATE INDEX t${i}_parent_idx ON t${i} (parent_id, code DESC) WHERE parent_id IS NOT NULL;`);
  return lines.join('\n');
}

function duckdbTable(i, rand) {
  const lines = [`-- Table ${i}: generated for the benchmark.`];
  lines.push(`CREATE SEQUENCE t${i}_seq START 1;`);
  lines.push(`CREATE TABLE t${i} (`);
  const cols = [`  id BIGINT PRIMARY KEY DEFAULT nextval('t${i}_seq')`];
  const width = 4 + Math.floor(rand() * 6);
  for (let k = 0; k < width; k++) {
    const make = DUCKDB_COLUMNS[Math.floor(rand() * DUCKDB_COLUMNS.length)];
    cols.push(`  ${make(`c${k}`)}`);
  }
  if (i > 0) cols.push(`  parent_id BIGINT REFERENCES t${Math.floor(rand() * i)} (id)`);
  cols.push(`  code VARCHAR NOT NULL UNIQUE -- natural key`);
  lines.push(cols.join(',\n'));
  lines.push(');');
  lines.push(`CREATE INDEX t${i}_code_idx ON t${i} (code);`);
  return lines.join('\n');
}

/**
 * A schema of `tables` tables in `dialect` ('sqlite' | 'duckdb'): columns of
 * every common kind, keys, checks, defaults, foreign keys to earlier tables,
 * one or two indexes per table, comments; a view every 50 tables.
 */
export function syntheticSchema(dialect, tables, seed = 1) {
  const rand = prng(seed);
  const parts = [`-- Synthetic ${dialect} schema: ${tables} tables.`];
  for (let i = 0; i < tables; i++) {
    parts.push(dialect === 'duckdb' ? duckdbTable(i, rand) : sqliteTable(i, rand));
    if (i % 50 === 49) {
      parts.push(
        `CREATE VIEW v${i} AS\n  SELECT a.id, a.code, b.code AS other_code\n  FROM t${i} AS a\n  LEFT JOIN t${i - 1} AS b ON b.id = a.id\n  WHERE a.code LIKE 'x%';`,
      );
    }
  }
  return `${parts.join('\n\n')}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dialect = 'sqlite', count = '2000'] = process.argv.slice(2);
  if (dialect !== 'sqlite' && dialect !== 'duckdb') {
    process.stderr.write('usage: node scripts/synthetic-schema.mjs sqlite|duckdb [tables]\n');
    process.exit(2);
  }
  process.stdout.write(syntheticSchema(dialect, Number(count)));
}
