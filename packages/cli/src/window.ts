import { instantProblem, parseInstantIn } from "@omrecon/core";
import { timeZoneFlag } from "./args.js";
import { UsageError } from "./errors.js";

/** A run's window on `created_at`: `from` inclusive, `to` exclusive. */
export interface Window {
  from: Date;
  to: Date;
}

/**
 * A `--from`/`--to` value (docs/cli.md#times-in-flags): ISO 8601 through core's strict reader; a
 * time without `Z` or an offset is wall time in `timeZone`, and a bare date is midnight there.
 */
export function flagInstant(name: string, value: string, timeZone: string): Date {
  const text = value.trim();
  const ms = parseInstantIn(text, timeZone);
  if (!Number.isNaN(ms)) return new Date(ms);
  const why = instantProblem(text) ?? "";
  if (why.startsWith("not an ISO 8601")) {
    throw new UsageError(
      `--${name} must be an ISO 8601 date or time like 2026-04-16 or 2026-04-16T12:00:00Z ` +
        `(without Z or an offset it is read in --tz, ${timeZone} here), got ${JSON.stringify(value)}`,
    );
  }
  throw new UsageError(`--${name}: ${why}`);
}

/**
 * Resolves --from/--to into a window: `to` defaults to `now`, `from` to `defaultDays` before `to`
 * (docs/reconciliation.md: the last 7 days, so late payments and late status changes are seen again).
 * `flags.tz` (an IANA zone, default UTC) is where zone-less times and bare dates are read.
 */
export function parseWindow(
  flags: { from?: string | undefined; to?: string | undefined; tz?: string | undefined },
  now: Date,
  defaultDays = 7,
): Window {
  const zone = timeZoneFlag("tz", flags.tz, "UTC");
  const to = flags.to === undefined ? now : flagInstant("to", flags.to, zone);
  const from =
    flags.from === undefined
      ? new Date(to.getTime() - defaultDays * 86_400_000)
      : flagInstant("from", flags.from, zone);
  if (from.getTime() >= to.getTime()) {
    throw new UsageError(`--from (${from.toISOString()}) must be before --to (${to.toISOString()})`);
  }
  return { from, to };
}
