/**
 * The report's period: a closed period by name (`--period`), or `--from/--to`, cut in `--tz`
 * (docs/cli.md#report-files). Bare dates are the start of that day in `--tz`, not in UTC and not in
 * the machine's zone; full instants are read by the caller's own reader (the CLI's strict one).
 */
import { ReportUsageError } from "./errors.js";
import { addDays, firstOfMonth, isoWeekday, Zone } from "./zone.js";

export const PERIODS = ["yesterday", "last-week", "last-month", "month-to-date"] as const;
export type PeriodName = (typeof PERIODS)[number];

export interface ReportPeriod {
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
  /** The `--period` it came from, or null for `--from/--to` (or the default window). */
  name: PeriodName | null;
}

export interface PeriodFlags {
  period?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export interface PeriodOptions {
  /** IANA zone the days are cut in. */
  timeZone: string;
  now: Date;
  /**
   * Reads `--from/--to` that are not bare dates, and applies the default window: the CLI's
   * `parseWindow`. Bare dates reach it already turned into instants (ISO 8601 with `Z`).
   */
  parseWindow: (flags: { from?: string | undefined; to?: string | undefined }) => { from: Date; to: Date };
}

const BARE_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function reportPeriod(flags: PeriodFlags, options: PeriodOptions): ReportPeriod {
  const zone = new Zone(options.timeZone);
  if (flags.period !== undefined) {
    if (flags.from !== undefined || flags.to !== undefined) {
      throw new ReportUsageError("--period cannot be combined with --from or --to; use one or the other");
    }
    const name = flags.period.trim() as PeriodName;
    if (!PERIODS.includes(name)) {
      throw new ReportUsageError(`--period must be one of ${PERIODS.join(", ")}, got ${JSON.stringify(flags.period)}`);
    }
    return { ...namedPeriod(name, zone, options.now), name };
  }
  const window = options.parseWindow({ from: bareDay("from", flags.from, zone), to: bareDay("to", flags.to, zone) });
  return { from: window.from, to: window.to, name: null };
}

/** A bare date as the instant its day starts in the zone; anything else as it came. */
function bareDay(flag: string, value: string | undefined, zone: Zone): string | undefined {
  if (value === undefined || !BARE_DATE.test(value.trim())) return value;
  const date = value.trim();
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new ReportUsageError(`--${flag} is not a calendar date: ${JSON.stringify(value)}`);
  }
  return new Date(zone.startOfDay(date)).toISOString();
}

function namedPeriod(name: PeriodName, zone: Zone, now: Date): { from: Date; to: Date } {
  const today = zone.dateOf(now.getTime());
  const day = (date: string) => new Date(zone.startOfDay(date));
  switch (name) {
    case "yesterday":
      return { from: day(addDays(today, -1)), to: day(today) };
    case "last-week": {
      const monday = addDays(today, 1 - isoWeekday(today));
      return { from: day(addDays(monday, -7)), to: day(monday) };
    }
    case "last-month":
      return { from: day(firstOfMonth(today, -1)), to: day(firstOfMonth(today)) };
    case "month-to-date": {
      const from = day(firstOfMonth(today));
      if (from.getTime() >= now.getTime()) {
        throw new ReportUsageError(`--period month-to-date is empty at ${now.toISOString()}; use last-month`);
      }
      return { from, to: now };
    }
  }
}
