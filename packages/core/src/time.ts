/**
 * Times are stored as `Date#toISOString()` (always milliseconds, always `Z`), a fixed width so that
 * text order is time order in SQL. Output for people drops a zero millisecond part.
 *
 * Reading times from outside (API fields, CLI flags, query parameters) goes through one strict
 * reader (docs/partner-api.md#times): ISO 8601 / RFC 3339 with `Z` or an offset, every field
 * calendar-checked. `Date.parse` is never used on outside text: it reads a time without a zone in
 * the host's zone, rolls `2026-02-30` over into March and takes `"1"` or `"Dec 4 2026"`.
 */

/** The stored form of an instant: a strict ISO 8601 text (`parseInstant`), epoch milliseconds or a Date. */
export function toStoredTime(value: string | number | Date): string {
  const ms = typeof value === "string" ? parseInstant(value) : value instanceof Date ? value.getTime() : value;
  if (!Number.isFinite(ms) || Math.abs(ms) > MAX_DATE_MS) {
    const shown = JSON.stringify(String(value).slice(0, 80));
    const why = typeof value === "string" ? instantProblem(value) : null;
    throw new RangeError(`not a date/time: ${shown}${why ? ` (${why})` : ""}`);
  }
  return new Date(ms).toISOString();
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

/** The largest epoch milliseconds a `Date` holds. */
const MAX_DATE_MS = 8.64e15;

/** Days in each month of a common year. */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Epoch milliseconds of `text` when it is a UTC instant in the common API and store form,
 * `YYYY-MM-DDTHH:MM:SSZ` or `YYYY-MM-DDTHH:MM:SS.sssZ`, with every field in range; else null, and
 * `parseInstant` decides. Where it answers, it answers what `parseInstant` (and `Date.parse`)
 * would, with plain arithmetic: the client checks five times per order, the matcher reads every
 * order's, and a general parser costs several times more than reading the digits.
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
  // A non-digit gives -1; anything out of range is left to parseInstant, which refuses it.
  if (year < 0 || ms < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23) return null;
  if (minute < 0 || minute > 59 || second < 0 || second > 59) return null;
  if (day > daysInMonth(year, month)) return null;
  return daysFromCivil(year, month, day) * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms;
}

/**
 * The accepted forms: a date, then optionally `T` (or `t`, or a space, as RFC 3339 allows) and a
 * time of day with minutes, optional seconds and an optional fraction (`.` and any number of
 * digits, read to the millisecond), then `Z`/`z` or an offset `±HH:MM`, `±HHMM` or `±HH`.
 */
const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?)?$/;

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  /** Minutes east of UTC; null when the text names no zone. */
  offset: number | null;
  /** The text is a date alone. */
  dateOnly: boolean;
}

/** The fields of `text`, or why it is not an instant (one phrase, for an error message). */
function scan(text: string): Fields | string {
  const m = INSTANT.exec(text);
  if (m === null) return "not an ISO 8601 date-time like 2026-04-16T12:00:00Z";
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return `${m[1]}-${m[2]}-${m[3]} is not a calendar date`;
  }
  const dateOnly = m[4] === undefined;
  const hour = dateOnly ? 0 : Number(m[4]);
  const minute = dateOnly ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (hour > 23 || minute > 59 || second > 59) return `${text.slice(11)} is not a time of day`;
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, "0"));
  let offset: number | null = null;
  if (m[8] !== undefined) offset = 0;
  else if (m[9] !== undefined) {
    const oh = Number(m[10]);
    const om = m[11] === undefined ? 0 : Number(m[11]);
    if (oh > 23 || om > 59) return `the offset ${m[9]}${m[10]}${m[11] ?? ""} is not a UTC offset`;
    offset = (m[9] === "-" ? -1 : 1) * (oh * 60 + om);
  }
  return { year, month, day, hour, minute, second, ms, offset, dateOnly };
}

/** Milliseconds of the fields' wall time read as if it were UTC. */
function wallMs(f: Fields): number {
  return (
    daysFromCivil(f.year, f.month, f.day) * 86_400_000 + f.hour * 3_600_000 + f.minute * 60_000 + f.second * 1000 + f.ms
  );
}

/**
 * Epoch milliseconds of an instant written in ISO 8601 with `Z` or an offset, or NaN: a time
 * without a zone, a date alone, an impossible date (`2026-02-30`) or time (`24:00`, `:60`), and
 * anything that is not ISO 8601 (`"1"`, `"Dec 4 2026"`) are all refused. `instantProblem` says why.
 */
export function parseInstant(text: string): number {
  const fast = utcIsoMs(text);
  if (fast !== null) return fast;
  const f = scan(text);
  if (typeof f === "string" || f.offset === null) return Number.NaN;
  return wallMs(f) - f.offset * 60_000;
}

/**
 * Why `parseInstant(text)` refuses `text` (a phrase to put after the field's name), or null when
 * it does not. `zoneHint` is how to add a zone where the text has none.
 */
export function instantProblem(text: string, zoneHint = "add Z or an offset like +02:00"): string | null {
  if (utcIsoMs(text) !== null) return null;
  const f = scan(text);
  if (typeof f === "string") return f;
  if (f.dateOnly) return `${text} is a date without a time and a time zone (${zoneHint})`;
  if (f.offset === null) return `${text} has no time zone (${zoneHint})`;
  return null;
}

/**
 * Like `parseInstant`, for a person's input (a CLI flag): a date-time without a zone is read as
 * wall time in `timeZone` (an IANA name), and a date alone is midnight there. A wall time that the
 * zone skips (a daylight-saving gap) moves forward by the gap; one it repeats is the earlier of
 * the two (what Temporal calls "compatible"). NaN when `text` is not such a time.
 */
export function parseInstantIn(text: string, timeZone: string): number {
  const fast = utcIsoMs(text);
  if (fast !== null) return fast;
  const f = scan(text);
  if (typeof f === "string") return Number.NaN;
  if (f.offset !== null) return wallMs(f) - f.offset * 60_000;
  return wallTimeToUtc(wallMs(f), timeZone);
}

/** The instant at which clocks in `timeZone` show `wall` (wall-clock fields as UTC milliseconds). */
export function wallTimeToUtc(wall: number, timeZone: string): number {
  if (timeZone === "UTC" || timeZone === "Etc/UTC") return wall;
  // Offsets a day either side of the wall time: zones change offset at most once in two days.
  const before = zoneOffsetMs(timeZone, wall - 86_400_000);
  const after = zoneOffsetMs(timeZone, wall + 86_400_000);
  if (before === after) return wall - before;
  const early = wall - before;
  const late = wall - after;
  const earlyHolds = zoneOffsetMs(timeZone, early) === before;
  const lateHolds = zoneOffsetMs(timeZone, late) === after;
  if (earlyHolds && lateHolds) return Math.min(early, late);
  if (earlyHolds) return early;
  if (lateHolds) return late;
  // In the gap: the offset before the change carries the wall time past it.
  return early;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** How far `timeZone`'s clocks are ahead of UTC at `utcMs`, in milliseconds (whole seconds). */
export function zoneOffsetMs(timeZone: string, utcMs: number): number {
  let format = formatters.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      era: "short",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, format);
  }
  const seconds = Math.floor(utcMs / 1000) * 1000;
  const part: Record<string, string> = {};
  for (const p of format.formatToParts(seconds)) part[p.type] = p.value;
  const year = part.era === "BC" || part.era === "B" ? 1 - Number(part.year) : Number(part.year);
  const wall =
    daysFromCivil(year, Number(part.month), Number(part.day)) * 86_400_000 +
    Number(part.hour) * 3_600_000 +
    Number(part.minute) * 60_000 +
    Number(part.second) * 1000;
  return wall - seconds;
}

function daysInMonth(year: number, month: number): number {
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 1 : 0;
  return MONTH_DAYS[month - 1]! + leap;
}

/**
 * Days from 1970-01-01 to a date of the proleptic Gregorian calendar (H. Hinnant's
 * `days_from_civil`): plain arithmetic, where `Date.UTC` is a call into the runtime (and maps
 * years below 100 onto the 1900s).
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
