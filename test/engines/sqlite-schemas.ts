/**
 * Random SQLite schemas (over every type the SQLite front end supports) for
 * the proofs, the SQLite DDL they render to, and the oracle of which
 * divergence diagnostics the compiler must report on each column.
 */
import fc from 'fast-check';
import type { DiagnosticCode } from '../../src/diagnostics/codes.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import type { Table } from '../../src/model/schema.js';
import type { TranslateOptions } from '../../src/options.js';
import type { TranslateResult } from '../../src/translate.js';
import { sqliteTypeArb, type Gen, type TypeChoice, type ValueContext } from './sqlite-values.js';

export interface ProofOptions {
  varchar: 'text' | 'keep';
  integers: 'faithful' | 'declared';
  timestamps: 'timestamptz' | 'timestamp' | 'text';
  json: 'jsonb' | 'json';
}

export const proofOptionsArb: fc.Arbitrary<ProofOptions> = fc.record({
  varchar: fc.constantFrom('text', 'keep'),
  integers: fc.constantFrom('faithful', 'declared'),
  timestamps: fc.constantFrom('timestamptz', 'timestamptz', 'timestamp', 'text'),
  json: fc.constantFrom('jsonb', 'jsonb', 'json'),
});

export function translateOptions(o: ProofOptions): Partial<TranslateOptions> {
  return { from: 'sqlite', fileName: 'proof.sql', ...o };
}

export function valueContext(o: ProofOptions, strict: boolean): ValueContext {
  return { strict, varchar: o.varchar, integers: o.integers, json: o.json };
}

export interface ColumnSpec {
  name: string;
  type: TypeChoice;
  /** `INTEGER PRIMARY KEY`: SQLite's rowid. */
  rowid: boolean;
  notNull: boolean;
  /** Text that follows the type (constraints, DEFAULT …), as SQLite DDL. */
  extra: string;
}

export interface TableSpec {
  name: string;
  strict: boolean;
  columns: ColumnSpec[];
  /** Table constraints, as SQLite DDL. */
  constraints: string[];
}

export function columnsArb(strict: boolean, min: number, max: number): fc.Arbitrary<ColumnSpec[]> {
  return fc
    .tuple(
      fc.boolean(),
      fc.array(fc.record({ type: sqliteTypeArb(strict), notNull: fc.nat(4).map((n) => n === 0) }), { minLength: min, maxLength: max }),
    )
    .map(([withRowid, cols]) => [
      ...(withRowid ? [{ name: 'id', type: { kind: 'int', declared: 'INTEGER', bits: 32 } as TypeChoice, rowid: true, notNull: false, extra: '' }] : []),
      ...cols.map((c, i) => ({ name: `c${i}`, type: c.type, rowid: false, notNull: c.notNull, extra: '' })),
    ]);
}

export function columnDdl(c: ColumnSpec): string {
  const parts = [c.name];
  if (c.type.declared !== null) parts.push(c.type.declared);
  if (c.rowid) parts.push('PRIMARY KEY');
  if (c.notNull) parts.push('NOT NULL');
  if (c.extra) parts.push(c.extra);
  return parts.join(' ');
}

export function tableDdl(t: TableSpec): string {
  const items = [...t.columns.map(columnDdl), ...t.constraints];
  return `CREATE TABLE ${t.name} (\n  ${items.join(',\n  ')}\n)${t.strict ? ' STRICT' : ''};`;
}

export function schemaDdl(tables: TableSpec[]): string {
  return `${tables.map(tableDdl).join('\n')}\n`;
}

/** The codes that announce a value divergence: the round trip and the conversion name them. */
export const DIVERGENCE_CODES: ReadonlySet<DiagnosticCode> = new Set(['SP102', 'SP104', 'SP106', 'SP107', 'SP108', 'SP109', 'SP110', 'SP111', 'SP115', 'SP116']);

/** The divergence codes the compiler must report on a column of this type (independent of the compiler's tables). */
export function expectedColumnCodes(c: ColumnSpec, o: ProofOptions): Set<DiagnosticCode> {
  const t = c.type;
  const codes = new Set<DiagnosticCode>();
  switch (t.kind) {
    case 'int':
      if (o.integers === 'declared' && !c.rowid && t.bits !== undefined && t.bits < 64) codes.add('SP116');
      break;
    case 'text':
      if (t.length !== undefined && o.varchar === 'keep') codes.add('SP104');
      break;
    case 'decimal':
      codes.add('SP110');
      break;
    case 'bool':
      codes.add('SP107');
      break;
    case 'date':
    case 'time':
    case 'datetime':
      codes.add('SP106');
      break;
    case 'json':
      codes.add('SP109');
      break;
    case 'uuid':
      codes.add('SP111');
      break;
    case 'untyped':
      codes.add('SP102');
      break;
    case 'any':
      codes.add('SP108');
      break;
    default:
      break;
  }
  return codes;
}

/** SP115 is reported once per script when some table that is not STRICT has a typed column. */
export function expectsLooseTypes(tables: TableSpec[]): boolean {
  return tables.some((t) => !t.strict && t.columns.some((c) => c.type.declared !== null && c.type.kind !== 'any'));
}

/** The model table of a spec. */
export function modelTable(result: TranslateResult, name: string): Table {
  const table = result.model?.elements.find((e): e is Table => e.kind === 'table' && e.name.name === name);
  if (!table) throw new Error(`no model table ${name}`);
  return table;
}

/** Divergence codes the compiler reported on a column (by span), and SP115 for the script. */
export function reportedColumnCodes(result: TranslateResult, table: Table, column: string): Set<DiagnosticCode> {
  const c = table.columns.find((x) => x.name === column);
  const codes = new Set<DiagnosticCode>();
  if (!c) return codes;
  for (const d of result.diagnostics) {
    if (d.code === 'SP115' || !DIVERGENCE_CODES.has(d.code) || !d.span) continue;
    if (d.span.start >= c.span.start && d.span.end <= c.span.end) codes.add(d.code);
  }
  return codes;
}

export function reportedScriptCodes(result: TranslateResult): Set<DiagnosticCode> {
  return new Set(result.diagnostics.map((d: Diagnostic) => d.code));
}

export type RowGen = Gen[];
