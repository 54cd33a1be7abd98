/**
 * How Postgres values come back, so that the rest of the store sees exactly what SQLite gives it:
 * every integer a `bigint` (better-sqlite3 reads safe integers), a `timestamptz` the very text
 * `Date#toISOString()` wrote (`2026-04-16T12:00:00.000Z`: reports are byte-identical across the two,
 * and text order stays time order). The report's big reads ask for numbers instead (`IntValue`: a
 * safe integer as a number, a larger one as its exact decimal text), as the SQLite cursor does.
 * Parsers are per pool and per query, never set globally on `pg`.
 */
import pg from "pg";

type Parser = (text: string) => unknown;

const OID = {
  int8: 20,
  int2: 21,
  int4: 23,
  numeric: 1700,
  timestamp: 1114,
  timestamptz: 1184,
} as const;

/** `numeric` comes from sum() over bigint: an integer in every query the store runs. */
function numericAsBigint(text: string): unknown {
  return /^-?\d+$/.test(text) ? BigInt(text) : text;
}

/** `IntValue`: a number when it is a safe integer, else the exact text. */
function intValue(text: string): number | string {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : text;
}

/**
 * The text `Date#toISOString()` gives for a `timestamptz` Postgres printed (the session runs in UTC
 * with ISO dates, so the fast path is the rule): `2026-04-16 12:00:00.5+00` → `2026-04-16T12:00:00.500Z`.
 * Postgres keeps microseconds; a stored time never has more than milliseconds, and more would be cut
 * as `Date` cuts them.
 */
export function storedTimeOf(text: string): string {
  const n = text.length;
  if (n >= 22 && text.charCodeAt(4) === 45 && text.charCodeAt(10) === 32 && text.endsWith("+00")) {
    const base = `${text.slice(0, 10)}T${text.slice(11, 19)}`;
    if (n === 22) return `${base}.000Z`;
    // ".f" to ".ffffff" before the zone.
    return `${base}.${`${text.slice(20, n - 3)}000`.slice(0, 3)}Z`;
  }
  return generalTime(text);
}

/** Any other form Postgres prints a time in: another zone offset, a five-digit year, BC. */
function generalTime(text: string): string {
  const m =
    /^(\d{4,})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(?:\.(\d+))?(?:([+-])(\d\d)(?::?(\d\d))?(?::(\d\d))?)?( BC)?$/.exec(
      text,
    );
  if (m === null) return text;
  let year = Number(m[1]);
  if (m[12]) year = 1 - year;
  const ms = Number(`${m[7] ?? ""}000`.slice(0, 3));
  const utc = Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), ms);
  const offsetSec = (Number(m[9] ?? 0) * 3600 + Number(m[10] ?? 0) * 60 + Number(m[11] ?? 0)) * (m[8] === "-" ? -1 : 1);
  const date = new Date(utc - offsetSec * 1000);
  // Date.UTC maps years 0–99 to 1900–1999.
  if (year >= 0 && year < 100) date.setUTCFullYear(year);
  return date.toISOString();
}

function typesWith(overrides: Readonly<Record<number, Parser>>): pg.CustomTypesConfig {
  return {
    getTypeParser: ((oid: number, format?: string) =>
      (format === undefined || format === "text") && overrides[oid] !== undefined
        ? overrides[oid]
        : pg.types.getTypeParser(oid, format as "text")) as pg.CustomTypesConfig["getTypeParser"],
  };
}

const timeParsers = { [OID.timestamptz]: storedTimeOf, [OID.timestamp]: (t: string) => storedTimeOf(`${t}+00`) };

/** The pool's parsers: integers as `bigint`, times as stored text. */
export const STORE_TYPES: pg.CustomTypesConfig = typesWith({
  [OID.int8]: BigInt,
  [OID.int4]: BigInt,
  [OID.int2]: BigInt,
  [OID.numeric]: numericAsBigint,
  ...timeParsers,
});

/** For `ChunkOptions.numbers`: integers as `IntValue`, times as stored text. */
export const NUMBER_TYPES: pg.CustomTypesConfig = typesWith({
  [OID.int8]: intValue,
  [OID.int4]: intValue,
  [OID.int2]: intValue,
  [OID.numeric]: intValue,
  ...timeParsers,
});
