/**
 * The common form of API times, `YYYY-MM-DDTHH:MM:SSZ` (or with `.sss`), read without Date: an
 * order carries five times, each checked by the client and converted by sync, and Date parsing
 * costs about half a microsecond a time. Anything else is left to Date.
 */

import { utcIsoMs } from "@omrecon/core";

/**
 * `Date#toISOString()` of `text` when it is a UTC instant in that form with every field in range,
 * else null (then `new Date(text)` decides). Where it answers, it answers what Date would.
 */
export function canonicalInstant(text: string): string | null {
  if (utcIsoMs(text) === null) return null;
  return text.length === 20 ? `${text.slice(0, 19)}.000Z` : text;
}
