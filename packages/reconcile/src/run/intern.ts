/**
 * One copy of each string that repeats down a column of a million rows (a status, a payment
 * address, a sender): SQLite hands every row its own copy, and 66-character addresses held a
 * million times over are a good part of a large mirror's memory. Past `limit` distinct strings,
 * new ones are kept as they come, so a column of unique values costs a bounded map and no more.
 * One interner per column: rows often come sorted by it, and the last string is then the likeliest.
 */
export class Interner {
  private readonly known = new Map<string, string>();
  private last = "";

  constructor(private readonly limit = 65_536) {}

  intern<S extends string | null>(value: S): S {
    if (value === null) return value;
    if (value !== this.last) this.last = this.known.get(value) ?? this.remember(value);
    return this.last as S;
  }

  private remember(value: string): string {
    if (this.known.size < this.limit) this.known.set(value, value);
    return value;
  }
}
