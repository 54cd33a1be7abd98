/** What the simulated API saw: requests per route, the orders it really created, a bounded request log. */
import { Tally } from "../tally.js";

export interface RequestRecord {
  seq: number;
  /** Wall-clock ms when the request arrived. */
  at: number;
  /** `METHOD /pattern`, or `METHOD (unmatched)`. */
  route: string;
  method: string;
  path: string;
  idempotencyKey: string | null;
  userAgent: string | null;
  /** The injected fault, if any. */
  fault: string | null;
}

export interface ApiCounters {
  /** Requests to a route (`METHOD /pattern`), or to all routes when omitted. */
  requests(route?: string): number;
  /** Requests per route. */
  snapshot(): Record<string, number>;
  /** Orders actually created (replays and failures excluded). */
  readonly ordersCreated: number;
  /** Idempotency-Key headers seen, in arrival order, for a route or all. */
  idempotencyKeys(route?: string): string[];
  /** The last requests (at most 10,000), oldest first. */
  log(): readonly RequestRecord[];
  reset(): void;
}

const LOG_LIMIT = 10_000;

export class Counters implements ApiCounters {
  #perRoute = new Tally<string>();
  #log: RequestRecord[] = [];
  #seq = 0;
  #created = 0;

  record(entry: Omit<RequestRecord, "seq" | "at">): RequestRecord {
    this.#perRoute.add(entry.route);
    const record = { seq: ++this.#seq, at: Date.now(), ...entry };
    this.#log.push(record);
    if (this.#log.length > LOG_LIMIT) this.#log.splice(0, this.#log.length - LOG_LIMIT);
    return record;
  }

  countCreated(): void {
    this.#created++;
  }

  requests(route?: string): number {
    return this.#perRoute.count(route);
  }

  snapshot(): Record<string, number> {
    return this.#perRoute.snapshot();
  }

  get ordersCreated(): number {
    return this.#created;
  }

  idempotencyKeys(route?: string): string[] {
    return this.#log
      .filter((r) => r.idempotencyKey !== null && (route === undefined || r.route === route))
      .map((r) => r.idempotencyKey!);
  }

  log(): readonly RequestRecord[] {
    return this.#log;
  }

  reset(): void {
    this.#perRoute.clear();
    this.#log = [];
    this.#created = 0;
  }
}
