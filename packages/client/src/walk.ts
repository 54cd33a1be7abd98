/**
 * Every walk of a list has a deadline and a page cap (docs/partner-api.md#limits), so a list that
 * never ends — an API that ignores `offset`, or keeps growing at the tail — ends the run instead of
 * filling the disk. A caller may hand a `WalkBudget` to each page it asks for; a list request
 * without one belongs to the walk of its endpoint and filters (everything in the query but
 * `offset`), which starts at offset 0 or at the first page asked for: so sync's walks are bounded
 * without knowing about budgets.
 */
import { type RequestInfo, WalkLimitError } from "./errors.js";

export interface WalkLimits {
  /** A walk may last this long from its first page. Default 2 hours. */
  deadlineMs?: number;
  /** A walk may read this many pages. Default 100,000 (ten million rows at 100 a page). */
  maxPages?: number;
}

export const DEFAULT_WALK_DEADLINE_MS = 2 * 60 * 60_000;
export const DEFAULT_MAX_PAGES_PER_WALK = 100_000;

export class WalkBudget {
  readonly deadlineMs: number;
  readonly maxPages: number;
  readonly #ends: number;
  readonly #now: () => number;
  #pages = 0;

  constructor(limits: WalkLimits = {}, now: () => number = Date.now) {
    this.deadlineMs = limits.deadlineMs ?? DEFAULT_WALK_DEADLINE_MS;
    this.maxPages = limits.maxPages ?? DEFAULT_MAX_PAGES_PER_WALK;
    if (!(this.deadlineMs > 0) || !Number.isSafeInteger(this.maxPages) || this.maxPages < 1) {
      throw new RangeError(`walk limits must be positive: ${JSON.stringify(limits)}`);
    }
    this.#now = now;
    this.#ends = now() + this.deadlineMs;
  }

  /** Pages asked for so far. */
  get pages(): number {
    return this.#pages;
  }

  /** Counts one more page of `request`; throws WalkLimitError past the cap or the deadline. */
  charge(request: RequestInfo): void {
    if (this.#pages >= this.maxPages) throw new WalkLimitError("pages", this.maxPages, request);
    if (this.remainingMs() <= 0) throw new WalkLimitError("deadline", this.deadlineMs, request);
    this.#pages++;
  }

  /** Milliseconds left (≤ 0 once passed): no attempt or wait of the walk may go beyond. */
  remainingMs(): number {
    return this.#ends - this.#now();
  }

  /** The error for a wait that the deadline cut short. */
  expired(request: RequestInfo): WalkLimitError {
    return new WalkLimitError("deadline", this.deadlineMs, request);
  }
}

/** Walks of list requests made without a budget: one per endpoint and filters, the latest few kept. */
export class WalkTracker {
  readonly #limits: WalkLimits;
  readonly #walks = new Map<string, WalkBudget>();

  constructor(limits: WalkLimits) {
    this.#limits = limits;
  }

  /** The walk a page at `offset` of the list `key` belongs to: a new one from offset 0 or for a new list. */
  budgetFor(key: string, offset: number): WalkBudget {
    let budget = this.#walks.get(key);
    if (budget === undefined || offset === 0) {
      budget = new WalkBudget(this.#limits);
      this.#walks.delete(key);
      if (this.#walks.size >= 64) this.#walks.delete(this.#walks.keys().next().value!);
    } else {
      this.#walks.delete(key);
    }
    // Most recently used last, so the oldest is evicted first.
    this.#walks.set(key, budget);
    return budget;
  }
}
