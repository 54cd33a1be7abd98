const QUARTER_MS = 900_000;
/** Longer than any calendar day in any zone (25 hours), in quarter hours. */
const MAX_DAY_QUARTERS = 120;
const QUARTERS_PER_DAY = 96;

/**
 * The calendar date of an instant in a time zone, for the daily summary's day boundaries. Cached
 * per quarter hour: every zone's offset changes only on quarter-hour boundaries.
 */
export function dayFormatter(timeZone: string): (isoOrMs: string | number) => string {
  return new DayFormatter(timeZone).of;
}

/**
 * `dayFormatter`, plus `ofStored` for times in the store's form (`toISOString()` output) that come
 * in ascending order, as the report's orders do: it remembers the run of quarter hours that share
 * the last date (each one formatted and checked, never assumed), and answers a time inside that run
 * with two string comparisons instead of parsing it. Stored times compare as text like as instants.
 */
export class DayFormatter {
  readonly #fmt: Intl.DateTimeFormat;
  readonly #cache = new Map<number, string>();
  /** `[#from, #to)`: stored-form bounds of consecutive quarter hours whose date is `#day`. */
  #from = "";
  #to = "";
  #day = "";
  /** The zone is UTC: a date's quarter hours are those of its UTC day, no need to format each. */
  readonly #utc: boolean;

  constructor(timeZone: string) {
    this.#fmt = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    this.#utc = this.#fmt.resolvedOptions().timeZone === "UTC";
  }

  /** The date of a time (any form `Date.parse` reads) or of epoch milliseconds. */
  readonly of = (value: string | number): string => {
    const ms = typeof value === "number" ? value : Date.parse(value);
    return this.#quarter(Math.floor(ms / QUARTER_MS));
  };

  /** `[#fromMs, #toMs)`: bounds of consecutive quarter hours whose date is `#dayMs`. */
  #fromMs = 0;
  #toMs = 0;
  #dayMs = "";

  /**
   * `of(ms)`, fast for times that mostly come in ascending order (the chain's transfers by arrival):
   * the run of quarter hours sharing the last date is remembered, each one formatted and checked.
   */
  ofMs(ms: number): string {
    if (ms >= this.#fromMs && ms < this.#toMs) return this.#dayMs;
    const first = Math.floor(ms / QUARTER_MS);
    const day = this.#quarter(first);
    let end = first + 1;
    if (this.#utc) end = (Math.floor(first / QUARTERS_PER_DAY) + 1) * QUARTERS_PER_DAY;
    else while (end - first < MAX_DAY_QUARTERS && this.#quarter(end) === day) end += 1;
    this.#fromMs = first * QUARTER_MS;
    this.#toMs = end * QUARTER_MS;
    this.#dayMs = day;
    return day;
  }

  /** `of(value)` for a value known to be in stored form (see `TimeCells.isStored`). */
  ofStored(value: string): string {
    if (value >= this.#from && value < this.#to) return this.#day;
    const first = Math.floor(Date.parse(value) / QUARTER_MS);
    const day = this.#quarter(first);
    let end = first + 1;
    if (this.#utc && day === value.slice(0, 10)) {
      end = (Math.floor(first / QUARTERS_PER_DAY) + 1) * QUARTERS_PER_DAY;
    } else {
      while (end - first < MAX_DAY_QUARTERS && this.#quarter(end) === day) end += 1;
    }
    this.#from = new Date(first * QUARTER_MS).toISOString();
    this.#to = new Date(end * QUARTER_MS).toISOString();
    this.#day = day;
    return day;
  }

  #quarter(bucket: number): string {
    let day = this.#cache.get(bucket);
    if (day === undefined) {
      // en-CA formats as YYYY-MM-DD.
      day = this.#fmt.format(new Date(bucket * QUARTER_MS));
      if (this.#cache.size > 100_000) this.#cache.clear();
      this.#cache.set(bucket, day);
    }
    return day;
  }
}
