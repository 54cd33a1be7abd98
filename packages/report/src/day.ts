/**
 * The calendar date of an instant in a time zone, for the daily summary's day boundaries. Cached
 * per quarter hour: every zone's offset changes only on quarter-hour boundaries.
 */
export function dayFormatter(timeZone: string): (isoOrMs: string | number) => string {
  const fmt = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  const cache = new Map<number, string>();
  return (value) => {
    const ms = typeof value === "number" ? value : Date.parse(value);
    const bucket = Math.floor(ms / 900_000);
    let day = cache.get(bucket);
    if (day === undefined) {
      // en-CA formats as YYYY-MM-DD.
      day = fmt.format(new Date(bucket * 900_000));
      if (cache.size > 100_000) cache.clear();
      cache.set(bucket, day);
    }
    return day;
  };
}
