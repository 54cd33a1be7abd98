/**
 * Inputs and what the strict reader must answer for each, whatever zone the host is in. Shared by
 * the in-process test and the child processes that run under TZ=Asia/Tokyo and America/Los_Angeles.
 */
import { instantProblem, parseInstant, parseInstantIn } from "../src/time.js";

/** Texts read the same everywhere: [text, the instant as UTC ISO]. */
export const ACCEPTED: readonly (readonly [string, string])[] = [
  ["2026-04-16T12:00:00Z", "2026-04-16T12:00:00.000Z"],
  ["2026-04-16T12:00:00.123Z", "2026-04-16T12:00:00.123Z"],
  ["2026-04-16T12:00:00.5Z", "2026-04-16T12:00:00.500Z"],
  ["2026-04-16T12:00:00.123456789Z", "2026-04-16T12:00:00.123Z"],
  ["2026-04-16T12:00Z", "2026-04-16T12:00:00.000Z"],
  ["2026-04-16T14:00:00+02:00", "2026-04-16T12:00:00.000Z"],
  ["2026-04-16T14:00:00+0200", "2026-04-16T12:00:00.000Z"],
  ["2026-04-16T14:00:00+02", "2026-04-16T12:00:00.000Z"],
  ["2026-04-16T02:30:00-09:30", "2026-04-16T12:00:00.000Z"],
  ["2026-04-16T12:00:00-00:00", "2026-04-16T12:00:00.000Z"],
  ["2026-04-16 12:00:00Z", "2026-04-16T12:00:00.000Z"],
  ["2026-04-16t12:00:00z", "2026-04-16T12:00:00.000Z"],
  ["2024-02-29T23:59:59.999Z", "2024-02-29T23:59:59.999Z"],
  ["2000-02-29T00:00:00+14:00", "2000-02-28T10:00:00.000Z"],
  ["2026-01-01T00:30:00+01:00", "2025-12-31T23:30:00.000Z"],
];

/** Texts refused everywhere, with a phrase the reason must contain. */
export const REFUSED: readonly (readonly [string, string])[] = [
  ["2026-04-16T12:00:00", "no time zone"],
  ["2026-04-16T12:00:00.000", "no time zone"],
  ["2026-04-16 12:00", "no time zone"],
  ["2026-04-16", "date without a time"],
  ["2026-02-30T00:00:00Z", "2026-02-30 is not a calendar date"],
  ["2025-02-29T00:00:00Z", "not a calendar date"],
  ["1900-02-29T00:00:00Z", "not a calendar date"],
  ["2026-04-31T00:00:00Z", "not a calendar date"],
  ["2026-13-01T00:00:00Z", "not a calendar date"],
  ["2026-00-10T00:00:00Z", "not a calendar date"],
  ["2026-04-16T24:00:00Z", "not a time of day"],
  ["2026-04-16T12:60:00Z", "not a time of day"],
  ["2026-04-16T12:00:60Z", "not a time of day"],
  ["2026-04-16T12:00:00+24:00", "not a UTC offset"],
  ["2026-04-16T12:00:00+02:60", "not a UTC offset"],
  ["1", "not an ISO 8601 date-time"],
  ["Dec 4 2026", "not an ISO 8601 date-time"],
  ["Thu, 16 Apr 2026 12:00:00 GMT", "not an ISO 8601 date-time"],
  ["2026-04-16T12:00:00 Z", "not an ISO 8601 date-time"],
  ["2026-04-16Z", "not an ISO 8601 date-time"],
  ["2026-4-16T12:00:00Z", "not an ISO 8601 date-time"],
  ["+002026-04-16T12:00:00Z", "not an ISO 8601 date-time"],
  ["２026-04-16T12:00:00Z", "not an ISO 8601 date-time"],
  ["1713268800000", "not an ISO 8601 date-time"],
  ["", "not an ISO 8601 date-time"],
];

/** [text, zone, instant]: a person's input, where zone-less times and bare dates are read in the zone. */
export const IN_ZONE: readonly (readonly [string, string, string])[] = [
  ["2026-12-01", "UTC", "2026-12-01T00:00:00.000Z"],
  ["2026-12-01", "Asia/Tokyo", "2026-11-30T15:00:00.000Z"],
  ["2026-12-01", "America/Los_Angeles", "2026-12-01T08:00:00.000Z"],
  ["2026-12-01T10:00", "UTC", "2026-12-01T10:00:00.000Z"],
  ["2026-12-01T10:00", "Asia/Tokyo", "2026-12-01T01:00:00.000Z"],
  ["2026-07-01T10:00:00", "America/Los_Angeles", "2026-07-01T17:00:00.000Z"],
  ["2026-12-01T10:00:00Z", "Asia/Tokyo", "2026-12-01T10:00:00.000Z"],
  ["2026-12-01T10:00:00+01:00", "America/Los_Angeles", "2026-12-01T09:00:00.000Z"],
  // Europe/Berlin skips 02:00–03:00 on 2026-03-29: a time in the gap moves forward by an hour.
  ["2026-03-29T02:30", "Europe/Berlin", "2026-03-29T01:30:00.000Z"],
  ["2026-03-29T03:30", "Europe/Berlin", "2026-03-29T01:30:00.000Z"],
  // … and repeats 02:00–03:00 on 2026-10-25: the earlier of the two.
  ["2026-10-25T02:30", "Europe/Berlin", "2026-10-25T00:30:00.000Z"],
  ["2026-10-25T03:30", "Europe/Berlin", "2026-10-25T02:30:00.000Z"],
  // America/Sao_Paulo had its clocks jump at midnight: 2018-11-04 00:00 did not exist there.
  ["2018-11-04", "America/Sao_Paulo", "2018-11-04T03:00:00.000Z"],
  ["2026-04-16T12:00:00.250", "Asia/Kolkata", "2026-04-16T06:30:00.250Z"],
];

/** What every case gives on this host, as plain JSON, to compare across host zones. */
export function answers(): unknown {
  const iso = (ms: number) => (Number.isNaN(ms) ? null : new Date(ms).toISOString());
  return {
    accepted: ACCEPTED.map(([text]) => [text, iso(parseInstant(text)), instantProblem(text)]),
    refused: REFUSED.map(([text]) => [text, iso(parseInstant(text)), instantProblem(text)]),
    inZone: IN_ZONE.map(([text, zone]) => [text, zone, iso(parseInstantIn(text, zone))]),
  };
}
