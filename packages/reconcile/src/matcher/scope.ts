/**
 * The run's window, `[from, to)`: orders by `created_at`, chain-only facts by the transfer's
 * `utime`, ledger rows by their `created_at`. Kept in one place because the ground truth of the
 * sandbox scopes findings by exactly these rules.
 */
import type { MatchWindow } from "./types.js";

export interface WindowMs {
  from: number;
  to: number;
}

export function windowMs(window: MatchWindow): WindowMs {
  return { from: Date.parse(window.from), to: Date.parse(window.to) };
}

export function isoInWindow(iso: string, w: WindowMs): boolean {
  const t = isoMs(iso);
  return t >= w.from && t < w.to;
}

export function utimeInWindow(utime: number, w: WindowMs): boolean {
  const t = utime * 1000;
  return t >= w.from && t < w.to;
}

/** Days in each month of a common year. */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * `Date.parse(iso)`, read directly for the form the store writes (`YYYY-MM-DDTHH:MM:SS.sssZ`,
 * `toISOString`'s) and by `Date.parse` for any other: every order's `created_at` is read on every
 * run, and the general parser costs several times more than reading eighteen digits.
 */
export function isoMs(iso: string): number {
  if (iso.length !== 24 || iso.charCodeAt(23) !== 0x5a /* Z */) return Date.parse(iso);
  if (
    iso.charCodeAt(4) !== 0x2d ||
    iso.charCodeAt(7) !== 0x2d ||
    iso.charCodeAt(10) !== 0x54 ||
    iso.charCodeAt(13) !== 0x3a ||
    iso.charCodeAt(16) !== 0x3a ||
    iso.charCodeAt(19) !== 0x2e
  ) {
    return Date.parse(iso);
  }
  const year = digits(iso, 0, 4);
  const month = digits(iso, 5, 2);
  const day = digits(iso, 8, 2);
  const hour = digits(iso, 11, 2);
  const minute = digits(iso, 14, 2);
  const second = digits(iso, 17, 2);
  const ms = digits(iso, 20, 3);
  // A non-digit gives -1; out-of-range fields (and 24:00, which Date.parse may accept) go the long
  // way, and so do years below 100 (Date.parse's own business).
  if (year < 100 || ms < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23) return Date.parse(iso);
  if (minute < 0 || minute > 59 || second < 0 || second > 59) return Date.parse(iso);
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 1 : 0;
  if (day > MONTH_DAYS[month - 1]! + leap) return Date.parse(iso);
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

/** The decimal value of `n` digits of `s` from `at`; -1 when one of them is not a digit. */
function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}
