/**
 * One copy of each string that repeats down a column of a million rows (a status, a payment
 * address, a sender): SQLite hands every row its own copy, and 66-character addresses held a
 * million times over are a good part of a large mirror's memory. Past `limit` distinct strings,
 * new ones are kept as they come, so a column of unique values costs a bounded map and no more.
 * One interner per column: rows often come sorted by it, and the last string is then the likeliest.
 * Amounts (bigints, compared by value as Map keys) repeat too, and are shared the same way.
 */
export class Interner<T extends string | bigint = string> {
  private readonly known = new Map<T, T>();
  private last: T | undefined;

  constructor(private readonly limit = 65_536) {}

  intern<S extends T | null>(value: S): S {
    if (value === null) return value;
    if (value !== this.last) this.last = this.known.get(value) ?? this.remember(value);
    return this.last as S;
  }

  private remember(value: T): T {
    if (this.known.size < this.limit) this.known.set(value, value);
    return value;
  }
}
