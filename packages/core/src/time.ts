/**
 * Times are stored as `Date#toISOString()` (always milliseconds, always `Z`), a fixed width so that
 * text order is time order in SQL. Output for people drops a zero millisecond part.
 */

/** Parses any ISO 8601 instant (or epoch milliseconds) to the canonical stored form. */
export function toStoredTime(value: string | number | Date): string {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) throw new RangeError(`not a date/time: ${JSON.stringify(String(value).slice(0, 80))}`);
  return d.toISOString();
}

/** Like `toStoredTime` but keeps null/undefined/"" as null. */
export function toStoredTimeOrNull(value: string | number | Date | null | undefined): string | null {
  if (value === null || value === undefined || value === "") return null;
  return toStoredTime(value);
}

/** ISO 8601 UTC for people and files: `2026-04-16T12:00:00Z` (milliseconds only when not zero). */
export function formatIsoUtc(value: string | number | Date): string {
  return toStoredTime(value).replace(/\.000Z$/, "Z");
}

/** `YYYY-MM-DD` of an instant in UTC. */
export function utcDate(value: string | number | Date): string {
  return toStoredTime(value).slice(0, 10);
}

/** Days in each month of a common year. */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Epoch milliseconds of `text` when it is a UTC instant in the common API and store form,
 * `YYYY-MM-DDTHH:MM:SSZ` or `YYYY-MM-DDTHH:MM:SS.sssZ`, with every field in range; else null, and
 * `Date.parse` decides. Where it answers, it answers what `Date.parse` would, with plain
 * arithmetic: the client checks five times per order, the matcher reads every order's, and the
 * general parser costs several times more than reading the digits.
 */
export function utcIsoMs(text: string): number | null {
  const length = text.length;
  if (length !== 20 && length !== 24) return null;
  if (
    text.charCodeAt(4) !== 0x2d /* - */ ||
    text.charCodeAt(7) !== 0x2d ||
    text.charCodeAt(10) !== 0x54 /* T */ ||
    text.charCodeAt(13) !== 0x3a /* : */ ||
    text.charCodeAt(16) !== 0x3a ||
    text.charCodeAt(length - 1) !== 0x5a /* Z */ ||
    (length === 24 && text.charCodeAt(19) !== 0x2e) /* . */
  ) {
    return null;
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  const ms = length === 24 ? digits(text, 20, 3) : 0;
  // A non-digit gives -1. Out-of-range fields (and 24:00, which Date.parse may accept) are
  // Date.parse's business.
  if (year < 0 || ms < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23) return null;
  if (minute < 0 || minute > 59 || second < 0 || second > 59) return null;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 1 : 0;
  if (day > MONTH_DAYS[month - 1]! + leap) return null;
  return daysFromCivil(year, month, day) * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms;
}

/**
 * Days from 1970-01-01 to a date of the proleptic Gregorian calendar (H. Hinnant's
 * `days_from_civil`): plain arithmetic, where `Date.UTC` is a call into the runtime.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The decimal value of `n` ASCII digits of `s` from `at`; -1 when one of them is not a digit. */
function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}
