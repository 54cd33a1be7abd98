/**
 * The common form of API times, `YYYY-MM-DDTHH:MM:SSZ` (or with `.sss`), read without Date: an
 * order carries five times, each checked by the client and converted by sync, and Date parsing
 * costs about half a microsecond a time. Any other form is left to core's strict reader
 * (`toStoredTime`), which the client has already applied to every time it returned.
 */

import { utcIsoMs } from "@omrecon/core";

/**
 * `Date#toISOString()` of `text` when it is a UTC instant in that form with every field in range,
 * else null (then `toStoredTime` decides). Where it answers, it answers what `toStoredTime` would.
 */
export function canonicalInstant(text: string): string | null {
  if (utcIsoMs(text) === null) return null;
  return text.length === 20 ? `${text.slice(0, 19)}.000Z` : text;
}
