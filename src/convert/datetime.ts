/**
 * Date and time values as SQLite reads them, and as PostgreSQL writes them.
 *
 * An instant is a bigint count of microseconds since 1970-01-01 00:00:00 UTC
 * on the proleptic Gregorian calendar (both engines use it).
 *
 * Numbers follow SQLite's `'auto'` modifier (lang_datefunc.html): a value in
 * [0, 5373484.5) is a Julian day number, any other value between
 * -210866760000 and 253402300799 is a Unix timestamp in seconds; both are
 * rounded to the millisecond exactly as SQLite's date functions do.
 */

const US_PER_DAY = 86_400_000_000n;
/** Julian day 0 (-4713-11-24 12:00 UTC) in Unix milliseconds, negated: SQLite's 210866760000000. */
const JD_EPOCH_MS = 210_866_760_000_000;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Fractional-second digits → microseconds, rounding half up beyond the sixth digit. */
function fractionMicros(digits: string | undefined): bigint {
  if (!digits) return 0n;
  const six = BigInt(digits.slice(0, 6).padEnd(6, '0'));
  return digits.length > 6 && (digits.charCodeAt(6) - 48) >= 5 ? six + 1n : six;
}

const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})?)?$/;
const ISO_TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/;

export interface ParsedDateTime {
  /** Microseconds since the Unix epoch, UTC. */
  micros: bigint;
  /** The text had a time part. */
  hasTime: boolean;
  /** The text had an explicit zone (Z or ±HH:MM). */
  hasZone: boolean;
}

/**
 * ISO-8601 date/time text in the forms SQLite's date functions read:
 * `YYYY-MM-DD[( |T)HH:MM[:SS[.fff…]][Z|±HH:MM]]`, year 0001–9999, a real
 * calendar date (SQLite would normalise 2024-02-30; PostgreSQL rejects it).
 * A value without a zone is UTC. Null when the text is not such a value.
 */
export function parseIsoDateTime(text: string): ParsedDateTime | null {
  const m = ISO_DATETIME.exec(text);
  if (!m) return null;
  const [, ys, mos, ds, hs, mis, ss, fs, zone] = m;
  const year = Number(ys);
  const month = Number(mos);
  const day = Number(ds);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  const hour = Number(hs ?? 0);
  const minute = Number(mis ?? 0);
  const second = Number(ss ?? 0);
  if (hour > 23 || minute > 59 || second > 59) return null;
  let offsetMinutes = 0;
  if (zone && zone !== 'Z') {
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 14 || om > 59) return null;
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const seconds = BigInt(daysFromCivil(year, month, day)) * 86_400n + BigInt(hour * 3600 + minute * 60 + second - offsetMinutes * 60);
  return { micros: seconds * 1_000_000n + fractionMicros(fs), hasTime: hs !== undefined, hasZone: zone !== undefined };
}

/** `HH:MM[:SS[.fff…]]` → microseconds since midnight; null when it is not such a time. */
export function parseIsoTime(text: string): bigint | null {
  const m = ISO_TIME.exec(text);
  if (!m) return null;
  const [, hs, mis, ss, fs] = m;
  const hour = Number(hs);
  const minute = Number(mis);
  const second = Number(ss ?? 0);
  if (hour > 23 || minute > 59 || second > 59) return null;
  const micros = BigInt(hour * 3600 + minute * 60 + second) * 1_000_000n + fractionMicros(fs);
  return micros < US_PER_DAY ? micros : null;
}

/** How a date/time number is read: SQLite's 'auto' ranges, plus Unix milliseconds beyond them (data copies opt in). */
export type DateTimeNumberKind = 'julian-day' | 'unix-seconds' | 'unix-milliseconds';

const MAX_UNIX_SECONDS = 253_402_300_799;
const MAX_UNIX_MILLISECONDS = 253_402_300_799_999;

/**
 * The representation a number in a date/time column has, by its range:
 * [0, 5373484.5) a Julian day number, up to 253402300799 (9999-12-31) Unix
 * seconds (SQLite's 'auto' rule); with `milliseconds`, an integer beyond
 * that up to 253402300799999 Unix milliseconds. Null outside every range.
 */
export function dateTimeNumberKind(value: number, milliseconds = false): DateTimeNumberKind | null {
  if (!Number.isFinite(value)) return null;
  if (value >= 0 && value < 5373484.5) return 'julian-day';
  if (value >= -210_866_760_000 && value <= MAX_UNIX_SECONDS) return 'unix-seconds';
  if (milliseconds && Number.isInteger(value) && Math.abs(value) <= MAX_UNIX_MILLISECONDS) return 'unix-milliseconds';
  return null;
}

/**
 * A number as SQLite's date functions read it with the 'auto' modifier; null outside their range.
 * With `milliseconds`, integers beyond the Unix-seconds range are Unix milliseconds (exact).
 */
export function sqliteNumberToMicros(value: number, milliseconds = false): bigint | null {
  const kind = dateTimeNumberKind(value, milliseconds);
  let iJD: number;
  if (kind === 'julian-day') {
    iJD = Math.trunc(value * 86_400_000 + 0.5);
  } else if (kind === 'unix-seconds') {
    iJD = Math.trunc(value * 1000 + JD_EPOCH_MS + 0.5);
  } else if (kind === 'unix-milliseconds') {
    return BigInt(value) * 1000n;
  } else {
    return null;
  }
  return BigInt(iJD - JD_EPOCH_MS) * 1000n;
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && (a < 0n) !== (b < 0n) ? q - 1n : q;
}

const pad = (n: number | bigint, width: number) => String(n).padStart(width, '0');

/** The calendar parts of an instant. */
export function splitMicros(micros: bigint): { year: number; month: number; day: number; timeMicros: bigint } {
  const days = floorDiv(micros, US_PER_DAY);
  return { ...civilFromDays(Number(days)), timeMicros: micros - days * US_PER_DAY };
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `HH:MM:SS.ffffff` for microseconds since midnight (below a day: exact as a number). */
function formatTimeOfDay(timeMicros: number): string {
  const seconds = Math.floor(timeMicros / 1_000_000);
  const frac = timeMicros - seconds * 1_000_000;
  return `${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}.${String(frac).padStart(6, '0')}`;
}

/** `HH:MM:SS.ffffff` for microseconds since midnight. */
export function formatTime(timeMicros: bigint): string {
  if (timeMicros >= 0n && timeMicros < US_PER_DAY) return formatTimeOfDay(Number(timeMicros));
  const seconds = timeMicros / 1_000_000n;
  const frac = timeMicros % 1_000_000n;
  return `${pad(seconds / 3600n, 2)}:${pad((seconds / 60n) % 60n, 2)}:${pad(seconds % 60n, 2)}.${pad(frac, 6)}`;
}

/** `YYYY-MM-DD` (or `YYYY-MM-DD BC`) in PostgreSQL's input syntax, year ≤ 0 written as BC. */
export function formatDate(year: number, month: number, day: number): { text: string; bc: boolean } {
  return year > 0
    ? { text: `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`, bc: false }
    : { text: `${pad(1 - year, 4)}-${pad(month, 2)}-${pad(day, 2)}`, bc: true };
}

/** An instant as PostgreSQL timestamp input: `YYYY-MM-DD HH:MM:SS.ffffff[+00][ BC]`. */
export function formatTimestamp(micros: bigint, withZone: boolean): string {
  const days = floorDiv(micros, US_PER_DAY);
  const { year, month, day } = civilFromDays(Number(days));
  const date = formatDate(year, month, day);
  return `${date.text} ${formatTimeOfDay(Number(micros - days * US_PER_DAY))}${withZone ? '+00' : ''}${date.bc ? ' BC' : ''}`;
}
