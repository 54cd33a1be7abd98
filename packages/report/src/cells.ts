import { formatIsoUtc, formatTon } from "@omrecon/core";

/**
 * Text from outside (usernames, references, memos, messages, statuses) that a spreadsheet would
 * run as a formula gets a leading apostrophe (OWASP's CSV-injection advice). Our own numbers never
 * pass through here, so a negative amount stays a number.
 */
export function textCell(value: string | null | undefined): string {
  if (value === null || value === undefined) return "";
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
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
