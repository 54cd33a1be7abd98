import { canonicalInstant } from "@omrecon/client";
import { toStoredTime } from "@omrecon/core";

/**
 * core's `toStoredTime`, with the API's usual form (`…T12:00:00Z`) converted without Date: an order
 * has five times, and Date's parse and format cost about a microsecond each.
 */
export function storedTime(value: string | number | Date): string {
  return (typeof value === "string" && canonicalInstant(value)) || toStoredTime(value);
}

/** Like core's `toStoredTimeOrNull`: null, undefined and "" are null. */
export function storedTimeOrNull(value: string | number | Date | null | undefined): string | null {
  if (value === null || value === undefined || value === "") return null;
  return storedTime(value);
}
