/**
 * Rows kept in ascending id order with O(log n) lookup by id and by a `created_at` window, and
 * no per-row index objects: a million-order world must stay lean. While rows arrive in
 * `created_at` order (the usual case) the id order is the time order; otherwise a time-sorted view
 * is built lazily, once per batch of inserts.
 */

export interface Chronological {
  id: number;
  created_at: number;
}

/** A `[lo, hi)` slice of `rows`, oldest first; iterate downwards for newest first. */
export interface TimeWindow<T> {
  rows: readonly T[];
  lo: number;
  hi: number;
}

export class ChronoList<T extends Chronological> {
  readonly #rows: T[] = [];
  #inTimeOrder = true;
  #byTime: T[] | null = null;

  get size(): number {
    return this.#rows.length;
  }

  /** Rows in ascending id order. */
  get rows(): readonly T[] {
    return this.#rows;
  }

  get last(): T | undefined {
    return this.#rows[this.#rows.length - 1];
  }

  /** Appends a row; its id must be greater than every id already held. */
  push(row: T): void {
    const last = this.last;
    if (last && row.id <= last.id) {
      throw new RangeError(`ids must ascend: ${row.id} after ${last.id}`);
    }
    if (last && row.created_at < last.created_at) this.#inTimeOrder = false;
    this.#rows.push(row);
    this.#byTime = null;
  }

  byId(id: number): T | undefined {
    const rows = this.#rows;
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (rows[mid]!.id < id) lo = mid + 1;
      else hi = mid;
    }
    const row = rows[lo];
    return row && row.id === id ? row : undefined;
  }

  /** Rows with `from <= created_at < to` (either bound optional), ordered by (created_at, id). */
  window(from?: number, to?: number): TimeWindow<T> {
    const rows = this.#timeOrdered();
    const lo = from === undefined ? 0 : lowerBound(rows, from);
    const hi = to === undefined ? rows.length : lowerBound(rows, to);
    return { rows, lo, hi: Math.max(lo, hi) };
  }

  #timeOrdered(): readonly T[] {
    if (this.#inTimeOrder) return this.#rows;
    if (!this.#byTime) {
      this.#byTime = this.#rows.slice().sort((a, b) => a.created_at - b.created_at || a.id - b.id);
    }
    return this.#byTime;
  }
}

/** First index whose created_at is >= t. */
function lowerBound<T extends Chronological>(rows: readonly T[], t: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid]!.created_at < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One page of a window, newest first, with the count of matching rows; `match` undefined means all rows. */
export function pageNewestFirst<T>(
  window: TimeWindow<T>,
  match: ((row: T) => boolean) | undefined,
  limit: number,
  offset: number,
): { items: T[]; total: number } {
  const { rows, lo, hi } = window;
  const items: T[] = [];
  if (match === undefined) {
    for (let i = hi - 1 - offset; i >= lo && items.length < limit; i--) items.push(rows[i]!);
    return { items, total: hi - lo };
  }
  let total = 0;
  for (let i = hi - 1; i >= lo; i--) {
    const row = rows[i]!;
    if (!match(row)) continue;
    if (total >= offset && items.length < limit) items.push(row);
    total++;
  }
  return { items, total };
}
