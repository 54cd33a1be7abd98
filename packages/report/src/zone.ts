/**
 * Wall-clock arithmetic in an IANA time zone, for the report's days and local-time columns. Offsets
 * are asked of the runtime's tz database once per quarter hour (every zone changes offset on one).
 */
const QUARTER_MS = 900_000;
const DAY_MS = 86_400_000;

export class Zone {
  readonly name: string;
  /** The zone has a fixed offset of zero (UTC and its aliases). */
  readonly utc: boolean;
  readonly #fmt: Intl.DateTimeFormat;
  readonly #offsets = new Map<number, number>();

  constructor(timeZone: string) {
    this.#fmt = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    this.name = this.#fmt.resolvedOptions().timeZone;
    this.utc = this.name === "UTC" || this.name === "Etc/UTC" || this.name === "Etc/GMT";
  }

  /** Local minus UTC, in milliseconds, at the instant `ms`. */
  offsetMs(ms: number): number {
    if (this.utc) return 0;
    const quarter = Math.floor(ms / QUARTER_MS);
    let offset = this.#offsets.get(quarter);
    if (offset === undefined) {
      const at = quarter * QUARTER_MS;
      const p: Record<string, number> = {};
      for (const part of this.#fmt.formatToParts(at)) if (part.type !== "literal") p[part.type] = Number(part.value);
      offset = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - at;
      if (this.#offsets.size > 100_000) this.#offsets.clear();
      this.#offsets.set(quarter, offset);
    }
    return offset;
  }

  /** The local wall-clock time of `ms` as if it were UTC (read it with `getUTC…` or `toISOString`). */
  wallMs(ms: number): number {
    return ms + this.offsetMs(ms);
  }

  /** `YYYY-MM-DD` of the instant in this zone. */
  dateOf(ms: number): string {
    return new Date(this.wallMs(ms)).toISOString().slice(0, 10);
  }

  /**
   * The first instant of a local date. Usually local midnight; where a zone skips midnight (a DST
   * change at 00:00) the first instant that date has. Found by bisection to the millisecond within
   * the ±15 hours any offset allows, since an offset can change on the day itself.
   */
  startOfDay(date: string): number {
    const utcMidnight = Date.parse(`${date}T00:00:00Z`);
    let lo = utcMidnight - 15 * 3_600_000;
    let hi = utcMidnight + 15 * 3_600_000;
    // Invariant: dateOf(lo) < date <= dateOf(hi).
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.dateOf(mid) < date) lo = mid;
      else hi = mid;
    }
    return hi;
  }
}

/** `YYYY-MM-DD` plus `days` (negative too), by the calendar. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of a date: Monday 1 … Sunday 7. */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The first day of the month `months` away from the month of `date`. */
export function firstOfMonth(date: string, months = 0): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
}
