import { formatIsoUtc, formatTon, toStoredTime } from "@omrecon/core";

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

/** ISO 8601 UTC with `Z`, or empty. */
export function timeCell(value: string | null | undefined): string {
  return value === null || value === undefined || value === "" ? "" : formatIsoUtc(value);
}

/** An integer we hold (ids, counts), or empty. */
export function intCell(value: bigint | number | null | undefined): string {
  return value === null || value === undefined ? "" : String(value);
}

/**
 * An integer column read without BigInt: a number when it is a safe integer, else its exact decimal
 * text (the report's SQL casts the rest to TEXT), or null.
 */
export type IntValue = number | string | null;

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

/** Hours 00–23, minutes and seconds 00–59, milliseconds, `Z`, after a 10-character date. */
const CANONICAL_TIME = /^.{10}T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

/**
 * `timeCell` for a stream of times, fast for the stored form. The store keeps times as
 * `toISOString()` output; a value in that exact form (a date already proven valid by a full parse,
 * a time of day in range) is its own canonical form, so its cell is the value without a zero
 * millisecond part, with no Date parsed. Anything else goes through `timeCell`.
 */
export class TimeCells {
  /** A `YYYY-MM-DD` that began a value equal to its own `toStoredTime`, once there was one. */
  #date: string | null = null;

  /** Whether `value` is exactly `toStoredTime(value)` (false also when it is not a time at all). */
  isStored(value: string): boolean {
    if (value.length === 24 && this.#date !== null && value.startsWith(this.#date) && CANONICAL_TIME.test(value))
      return true;
    let stored: string;
    try {
      stored = toStoredTime(value);
    } catch {
      return false;
    }
    if (stored !== value || !CANONICAL_TIME.test(value)) return false;
    this.#date = value.slice(0, 10);
    return true;
  }

  /** Exactly `timeCell(value)`. */
  cell(value: string | null | undefined): string {
    if (value === null || value === undefined || value === "") return "";
    return this.isStored(value) ? storedTimeCell(value) : timeCell(value);
  }
}

/** `timeCell` of a value in stored form (`TimeCells.isStored`): it without a zero millisecond part. */
export function storedTimeCell(value: string): string {
  return value.endsWith(".000Z") ? `${value.slice(0, 19)}Z` : value;
}
