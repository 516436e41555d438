/**
 * DEFAULT clauses SQLite schemas use, per column type, with how the value a
 * default produces is compared between the engines:
 *
 *  - exact: the value SQLite stores, converted, equals PostgreSQL's
 *    (test/engines/equivalence.ts);
 *  - time: a time-based default: both values denote instants within
 *    TOLERANCE of each other (dates within a day, times of day within the
 *    tolerance modulo 24 h), and text values have the same shape;
 *  - random: a random default: two rows get different values on each engine,
 *    and the values have the same shape (length, hex, class).
 */
import fc from 'fast-check';
import type { TypeChoice } from './sqlite-values.js';

export type DefaultMode = 'exact' | 'time' | 'random';

export interface DefaultChoice {
  sql: string;
  mode: DefaultMode;
}

const e = (sql: string): DefaultChoice => ({ sql, mode: 'exact' });
const t = (sql: string): DefaultChoice => ({ sql, mode: 'time' });
const r = (sql: string): DefaultChoice => ({ sql, mode: 'random' });

const TIME_TEXT = [
  t('CURRENT_TIMESTAMP'),
  t('CURRENT_DATE'),
  t('CURRENT_TIME'),
  t("(datetime('now'))"),
  t("(date('now'))"),
  t("(time('now'))"),
  t("(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"),
  t("(datetime('now', '+7 days'))"),
  t("(datetime('now', 'start of month'))"),
  t("(date('now', '+1 day'))"),
];

interface DefaultColumn {
  type: TypeChoice;
  defaults: DefaultChoice[];
}

export const DEFAULT_COLUMNS: DefaultColumn[] = [
  {
    type: { kind: 'int', declared: 'INTEGER', bits: 32 },
    defaults: [
      e('0'), e('-5'), e('42'), e('9223372036854775807'), e('-9223372036854775808'), e('(1 + 2)'), e('(-(3))'), e('TRUE'), e('FALSE'),
      e('1.5'), e("'12'"), e('0x10'), e('1e3'), e('(abs(-7))'), e("(length('abc'))"), e('NULL'), e('(5 / 2)'), e('(7 % 3)'),
      t("(strftime('%s', 'now'))"), t('(unixepoch())'), r('(random())'),
    ],
  },
  {
    type: { kind: 'real', declared: 'REAL' },
    defaults: [e('1.5'), e('-0.0'), e('1e308'), e('0.1'), e('3'), e('(1.0 / 3)'), e("'2.5'"), e('(5 / 2)'), e('-1e-7'), t("(julianday('now'))")],
  },
  {
    type: { kind: 'numeric', declared: 'NUMERIC' },
    defaults: [e('1.5'), e('10'), e("'12.50'"), e('1e3'), e('-0.5'), e('(2 * 3)')],
  },
  {
    type: { kind: 'decimal', declared: 'DECIMAL(5,2)', precision: 5, scale: 2 },
    defaults: [e('1.005'), e('12.34'), e('0'), e("'9.99'")],
  },
  {
    type: { kind: 'text', declared: 'TEXT' },
    defaults: [
      e("'abc'"), e("''"), e("'it''s'"), e('42'), e('1.5'), e("('a' || 'b')"), e("(upper('x'))"), e("(substr('hello', 2, 3))"),
      e("(replace('aXb', 'X', '-'))"), e("(trim('  x  '))"), e("(typeof(1))"), e("(hex('AB'))"), e('NULL'), e("(1 || 2)"), e("(lower('ÄB'))"),
      ...TIME_TEXT, r('(lower(hex(randomblob(16))))'), r('(hex(randomblob(4)))'),
    ],
  },
  {
    type: { kind: 'text', declared: 'VARCHAR(3)', length: 3 },
    defaults: [e("'ab'"), e("'abcd'"), e('123')],
  },
  {
    type: { kind: 'blob', declared: 'BLOB' },
    defaults: [e("x'0102'"), e("x''"), e('(zeroblob(4))'), e("'abc'"), r('(randomblob(8))')],
  },
  {
    type: { kind: 'bool', declared: 'BOOLEAN' },
    defaults: [e('0'), e('1'), e('TRUE'), e('FALSE'), e("'true'"), e("'yes'"), e("'t'"), e('2'), e("'no'")],
  },
  {
    type: { kind: 'date', declared: 'DATE' },
    defaults: [e("'2024-01-01'"), t('CURRENT_DATE'), t("(date('now'))"), t("(date('now', '+1 day'))"), t("(date('now', 'start of year'))")],
  },
  {
    type: { kind: 'time', declared: 'TIME' },
    defaults: [e("'10:00'"), e("'23:59:59'"), t('CURRENT_TIME'), t("(time('now'))")],
  },
  {
    type: { kind: 'datetime', declared: 'DATETIME' },
    defaults: [
      t('CURRENT_TIMESTAMP'), t("(datetime('now'))"), e("'2024-01-01 00:00:00'"), t("(datetime('now', '+7 days'))"),
      t("(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"), e("'2024-06-01T12:30:00Z'"), t("(datetime('now', 'start of month'))"),
      t("(datetime('now', '-1 hour'))"), e("'2024-01-01'"), t('CURRENT_DATE'),
    ],
  },
  {
    type: { kind: 'json', declared: 'JSON' },
    defaults: [e('\'{"a":1}\''), e("'[]'"), e('\'"x"\''), e('42'), e("(json_object('a', 1))"), e("(json('[1, 2]'))"), e('(json_array(1, 2))'), e("'{}'"), e("'null'")],
  },
  {
    type: { kind: 'uuid', declared: 'UUID' },
    defaults: [e("'00000000-0000-0000-0000-000000000000'"), e("'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'"), r('(lower(hex(randomblob(16))))')],
  },
  {
    type: { kind: 'untyped', declared: null },
    defaults: [e('42'), e("'x'"), e('1.5'), e("x'41'"), e('NULL'), t('CURRENT_TIMESTAMP')],
  },
];

export interface DefaultSpec {
  type: TypeChoice;
  def: DefaultChoice;
}

export const defaultColumnArb: fc.Arbitrary<DefaultSpec> = fc
  .constantFrom(...DEFAULT_COLUMNS)
  .chain((c) => fc.constantFrom(...c.defaults).map((def) => ({ type: c.type, def })));
