/** Counts per name (a route, a JSON-RPC method, an HTTP status): what a simulated server saw. */
export class Tally<K extends PropertyKey> {
  #counts = new Map<K, number>();

  add(key: K): void {
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
  }

  /** The count of one name, or of all of them when omitted. */
  count(key?: K): number {
    if (key !== undefined) return this.#counts.get(key) ?? 0;
    let n = 0;
    for (const v of this.#counts.values()) n += v;
    return n;
  }

  /** Every count by name, in the order the names were first seen. */
  snapshot(): Record<K, number> {
    return Object.fromEntries(this.#counts) as Record<K, number>;
  }

  clear(): void {
    this.#counts = new Map();
  }
}
