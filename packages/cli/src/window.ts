import { UsageError } from "./errors.js";

/** A run's window on `created_at`: `from` inclusive, `to` exclusive. */
export interface Window {
  from: Date;
  to: Date;
}

const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

function instant(name: string, value: string): Date {
  const text = value.trim();
  // A bare date means midnight UTC, never the machine's local midnight.
  const normalized = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text;
  const d = new Date(normalized);
  if (!ISO.test(text) || Number.isNaN(d.getTime())) {
    throw new UsageError(
      `--${name} must be an ISO 8601 date or time like 2026-04-16 or 2026-04-16T12:00:00Z, got ${JSON.stringify(value)}`,
    );
  }
  return d;
}

/**
 * Resolves --from/--to into a window: `to` defaults to `now`, `from` to `defaultDays` before `to`
 * (reconciliation.md: the last 7 days, so late payments and late status changes are seen again).
 */
export function parseWindow(
  flags: { from?: string | undefined; to?: string | undefined },
  now: Date,
  defaultDays = 7,
): Window {
  const to = flags.to === undefined ? now : instant("to", flags.to);
  const from =
    flags.from === undefined ? new Date(to.getTime() - defaultDays * 86_400_000) : instant("from", flags.from);
  if (from.getTime() >= to.getTime()) {
    throw new UsageError(`--from (${from.toISOString()}) must be before --to (${to.toISOString()})`);
  }
  return { from, to };
}
