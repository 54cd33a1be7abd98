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
