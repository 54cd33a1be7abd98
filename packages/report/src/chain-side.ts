/**
 * The chain side of the bridge, day by day: every valid transfer into a payment address that arrived
 * in the period, classified once — covering set of a billed order, receipt for an order not billed,
 * duplicate, orphan — or left unaccounted. The transfers are read in order of arrival alongside the
 * orders (by creation), a little behind them: a payment comes after its order, so the covering hashes
 * of the orders read so far are waiting when their transfer comes, and memory holds only the orders of
 * the last hour or so (plus the rare ones paid later), not the period's. Both come in chunks from two
 * cursors of one snapshot; the transfers' next chunk is awaited only when the one in hand runs out.
 */
import { type ArrivalRow, type IntValue, REPORT_ORDER, type ReportOrderRow, type ReportReader } from "@omrecon/store";
import { BILLED_STATUSES, type ReportBook } from "./book.js";

/** How far the transfers are kept behind the orders: more than any clock skew between the API and the chain. */
const LAG_SECONDS = 3600;

export interface Unaccounted {
  hash: string;
  utime: number;
  value: IntValue;
}

export class ChainSide {
  readonly #book: ReportBook;
  readonly #dayOf: (utime: number) => string;
  readonly #arrivals: AsyncIterator<ArrivalRow[]>;
  /** The chunk of transfers in hand, and the position of the next one in it. */
  #chunk: ArrivalRow[] = [];
  #at = 0;
  #done = false;
  /** Covering hash → billed, for orders read whose transfers have not come yet. */
  readonly #pending = new Map<string, boolean>();
  /** Hash → role, from the current duplicate and orphan findings. */
  readonly #roles: ReadonlyMap<string, "duplicate" | "orphan">;
  /** Transfers nothing has claimed yet (the covering sets of orders outside the period, or nothing). */
  readonly #unclaimed = new Map<string, Unaccounted>();

  constructor(
    book: ReportBook,
    arrivals: AsyncIterable<ArrivalRow[]>,
    roles: ReadonlyMap<string, "duplicate" | "orphan">,
    dayOf: (utime: number) => string,
  ) {
    this.#book = book;
    this.#roles = roles;
    this.#dayOf = dayOf;
    this.#arrivals = arrivals[Symbol.asyncIterator]();
  }

  /** Orders of the period (in order of creation): their covering hashes wait for their transfers. */
  async addOrders(rows: readonly ReportOrderRow[], createdMs: (row: ReportOrderRow) => number): Promise<void> {
    for (const row of rows) {
      if (row[REPORT_ORDER.has_covering] === 1) {
        const billed = BILLED_STATUSES.has(row[REPORT_ORDER.status] as string);
        this.#expect(
          billed,
          row[REPORT_ORDER.completing_tx_hash] as string | null,
          row[REPORT_ORDER.covering_hashes] as string | null,
        );
      }
      const until = Math.floor(createdMs(row) / 1000) - LAG_SECONDS;
      while (!this.#advance(until)) await this.#refill();
    }
  }

  /** Reads the remaining transfers; returns how many nothing claimed. */
  async finish(): Promise<number> {
    while (!this.#advance(Number.POSITIVE_INFINITY)) await this.#refill();
    // A transfer stamped more than the lag before its order (clocks apart): its order came later.
    for (const t of this.#unclaimed.values()) {
      const billed = this.#pending.get(t.hash);
      if (billed === undefined) continue;
      this.#unclaimed.delete(t.hash);
      this.#add(t.utime, t.value, billed ? "covering" : "unbilled");
    }
    this.#pending.clear();
    return this.#unclaimed.size;
  }

  /**
   * Claims unclaimed transfers with the covering sets of orders created outside the period: first
   * those of the three days before it (a payment after midnight for the evening's order), then all
   * others, only as long as some transfer is unclaimed.
   */
  async claimOutside(reader: ReportReader, from: string, to: string): Promise<void> {
    const near = new Date(Date.parse(from) - 3 * 86_400_000).toISOString();
    const ranges: [string | null, string | null][] = [
      [near, from],
      [null, near],
      [to, null],
    ];
    for (const [createdFrom, createdTo] of ranges) {
      if (this.#unclaimed.size === 0) return;
      for (const claim of await reader.coveringClaims(createdFrom, createdTo, [...this.#unclaimed.keys()])) {
        const t = this.#unclaimed.get(claim.hash);
        if (t === undefined) continue;
        this.#unclaimed.delete(claim.hash);
        this.#add(t.utime, t.value, BILLED_STATUSES.has(claim.status) ? "covering" : "unbilled");
      }
    }
  }

  /** The first unclaimed transfer of a day, to name in an error. */
  unclaimedOn(day: string): Unaccounted | undefined {
    for (const t of this.#unclaimed.values()) if (this.#dayOf(t.utime) === day) return t;
    return undefined;
  }

  #expect(billed: boolean, completing: string | null, json: string | null): void {
    if (json === null) {
      if (completing !== null) this.#pending.set(completing, billed);
      return;
    }
    for (const hash of JSON.parse(json) as string[]) this.#pending.set(hash, billed);
  }

  /**
   * Takes the transfers in hand that arrived before `untilSec`; false when the chunk ran out before
   * that (the next must be read first), true when the rest come later or there are none.
   */
  #advance(untilSec: number): boolean {
    const chunk = this.#chunk;
    while (this.#at < chunk.length) {
      const next = chunk[this.#at]!;
      if (next[1] >= untilSec) return true;
      this.#at += 1;
      const [hash, utime, value] = next;
      this.#book.chainOf(this.#dayOf(utime)).arrived.add(value);
      const billed = this.#pending.get(hash);
      if (billed !== undefined) {
        this.#pending.delete(hash);
        this.#add(utime, value, billed ? "covering" : "unbilled");
      } else {
        const role = this.#roles.get(hash);
        if (role !== undefined) this.#add(utime, value, role === "duplicate" ? "duplicates" : "orphans");
        else this.#unclaimed.set(hash, { hash, utime, value });
      }
    }
    return this.#done;
  }

  #add(utime: number, value: IntValue, role: "covering" | "unbilled" | "duplicates" | "orphans"): void {
    this.#book.chainOf(this.#dayOf(utime))[role].add(value);
  }

  async #refill(): Promise<void> {
    const r = await this.#arrivals.next();
    if (r.done) {
      this.#done = true;
      this.#chunk = [];
    } else this.#chunk = r.value;
    this.#at = 0;
  }
}
