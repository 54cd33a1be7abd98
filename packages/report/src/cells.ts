import { formatTon, utcIsoMs } from "@omrecon/core";
import type { IntValue } from "@omrecon/store";
import type { Zone } from "./zone.js";

/**
 * Text from outside (usernames, references, memos, messages, statuses) that a spreadsheet would
 * run as a formula gets a leading apostrophe (OWASP's CSV-injection advice). Our own numbers never
 * pass through here, so a negative amount stays a number.
 */
export function textCell(value: string | null | undefined): string {
  if (value === null || value === undefined) return "";
  // `=`, `+`, `-`, `@`, tab, CR (charCodeAt of "" is NaN: no match).
  const c = value.charCodeAt(0);
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13 ? `'${value}` : value;
}

/** Exact TON decimal, or empty. */
export function tonCell(nano: bigint | null | undefined): string {
  return nano === null || nano === undefined ? "" : formatTon(nano);
}

/** An integer we hold (ids, counts), or empty. */
export function intCell(value: bigint | number | null | undefined): string {
  return value === null || value === undefined ? "" : String(value);
}

/**
 * `tonCell` of an `IntValue` count of nanotons: the same exact decimal (`0.418`, `-5`, `0`),
 * computed with integer arithmetic on doubles when the count is a safe integer (`%` and the
 * division by 10^9 of a multiple of 10^9 are exact there), through `formatTon` otherwise.
 */
export function tonCellOf(nano: IntValue | undefined): string {
  if (nano === null || nano === undefined) return "";
  if (typeof nano !== "number" || !Number.isSafeInteger(nano)) return formatTon(BigInt(nano));
  const abs = nano < 0 ? -nano : nano;
  let frac = abs % 1e9;
  const whole = (abs - frac) / 1e9;
  let text: string;
  if (frac === 0) {
    text = String(whole);
  } else {
    let digits = 9;
    while (frac % 10 === 0) {
      frac /= 10;
      digits -= 1;
    }
    text = `${whole}.${String(frac).padStart(digits, "0")}`;
  }
  return nano < 0 ? `-${text}` : text;
}

/**
 * A time as spreadsheets read it without help: `YYYY-MM-DD HH:MM:SS`, with `.sss` only when the
 * millisecond part is not zero (docs/cli.md#report-files). `iso` is `toISOString()` output of the
 * (UTC or wall-clock) instant.
 */
function spreadsheetTime(iso: string): string {
  const ms = iso.slice(20, 23);
  return ms === "000" ? `${iso.slice(0, 10)} ${iso.slice(11, 19)}` : `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

/** Milliseconds of any ISO 8601 instant the store may hold, or NaN. */
export function instantMs(value: string): number {
  return utcIsoMs(value) ?? Date.parse(value);
}

/** A UTC time cell of any instant, or empty. */
export function utcTimeCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === "") return "";
  const ms = typeof value === "number" ? value : instantMs(value);
  return Number.isNaN(ms) ? textCell(String(value)) : spreadsheetTime(new Date(ms).toISOString());
}

/** Hours 00–23, minutes and seconds 00–59, milliseconds, `Z`, after a 10-character date. */
const CANONICAL_TIME = /^.{10}T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

/**
 * Time cells for a stream of times, in UTC and in the report's zone, fast for the stored form: a
 * value that is exactly `toISOString()` output (its date proven valid once by a full parse) is cut
 * into its cell without a Date. Anything else goes through a parse.
 */
export class TimeCells {
  readonly #zone: Zone;
  /** A `YYYY-MM-DD` that began a value equal to its own `toISOString()`, once there was one. */
  #date: string | null = null;

  constructor(zone: Zone) {
    this.#zone = zone;
  }

  /** Whether `value` is exactly `new Date(value).toISOString()`. */
  isStored(value: string): boolean {
    if (value.length !== 24) return false;
    if (this.#date !== null && value.startsWith(this.#date) && CANONICAL_TIME.test(value)) return true;
    const ms = Date.parse(value);
    if (Number.isNaN(ms) || new Date(ms).toISOString() !== value) return false;
    this.#date = value.slice(0, 10);
    return true;
  }

  utc(value: string | null | undefined): string {
    if (value === null || value === undefined || value === "") return "";
    return this.isStored(value) ? spreadsheetTime(value) : utcTimeCell(value);
  }

  /** `local(value)`, given its `utc(value)` (which it is in UTC). */
  localOr(value: string | null | undefined, utc: string): string {
    return this.#zone.utc ? utc : this.local(value);
  }

  /** The same instant on the zone's wall clock (equal to `utc` in UTC). */
  local(value: string | null | undefined): string {
    if (value === null || value === undefined || value === "") return "";
    if (this.#zone.utc) return this.utc(value);
    const ms = instantMs(value);
    return Number.isNaN(ms) ? textCell(value) : spreadsheetTime(new Date(this.#zone.wallMs(ms)).toISOString());
  }
}
