/**
 * Example schemas, imported at build time from the repository's examples and
 * golden fixtures (so they stay what the tests check).
 */
import blog from '../../examples/blog.sqlite.sql?raw';
import references from '../../fixtures/sqlite-references/input.sql?raw';
import nocase from '../../fixtures/sqlite-collate-nocase-citext/input.sql?raw';
import views from '../../fixtures/sqlite-views/input.sql?raw';
import triggers from '../../fixtures/sqlite-trigger-touch-updated-at/input.sql?raw';
import alterTable from '../../fixtures/sqlite-alter-table/input.sql?raw';
import duckdbEnums from '../../fixtures/duckdb-enums/input.sql?raw';
import duckdbStructs from '../../fixtures/duckdb-structs/input.sql?raw';
import duckdbSchemas from '../../fixtures/duckdb-schemas/input.sql?raw';

export interface Example {
  id: string;
  title: string;
  from: 'sqlite' | 'duckdb';
  source: string;
}

export const EXAMPLES: readonly Example[] = [
  { id: 'blog', title: 'SQLite: a small blog', from: 'sqlite', source: blog },
  { id: 'references', title: 'SQLite: foreign keys', from: 'sqlite', source: references },
  { id: 'nocase', title: 'SQLite: COLLATE NOCASE', from: 'sqlite', source: nocase },
  { id: 'views', title: 'SQLite: views', from: 'sqlite', source: views },
  { id: 'triggers', title: 'SQLite: an updated_at trigger', from: 'sqlite', source: triggers },
  { id: 'alter-table', title: 'SQLite: migration steps', from: 'sqlite', source: alterTable },
  { id: 'duckdb-enums', title: 'DuckDB: enums', from: 'duckdb', source: duckdbEnums },
  { id: 'duckdb-structs', title: 'DuckDB: structs', from: 'duckdb', source: duckdbStructs },
  { id: 'duckdb-schemas', title: 'DuckDB: schemas', from: 'duckdb', source: duckdbSchemas },
];

export const DEFAULT_EXAMPLE: Example = EXAMPLES[0] as Example;
