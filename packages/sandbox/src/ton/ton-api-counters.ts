import { Tally } from "../tally.js";

/** What the simulated toncenter saw: requests per JSON-RPC method and responses per HTTP status. */
export interface TonApiCounters {
  /** Requests for a method (`getTransactions`), or for all methods when omitted. */
  requests(method?: string): number;
  /** Requests per method. */
  snapshot(): Record<string, number>;
  /** Responses sent with this HTTP status (429, 500, …); dropped connections count as status 0. */
  responses(status: number): number;
  /** Requests refused by the simulated rate limit (a subset of `responses(429)`, which also counts injected 429s). */
  readonly rateLimited: number;
  reset(): void;
}

export class TonCounters implements TonApiCounters {
  #requests = new Tally<string>();
  #responses = new Tally<number>();
  #rateLimited = 0;

  request(method: string): void {
    this.#requests.add(method);
  }

  response(status: number): void {
    this.#responses.add(status);
  }

  refusedByRateLimit(): void {
    this.#rateLimited++;
  }

  requests(method?: string): number {
    return this.#requests.count(method);
  }

  snapshot(): Record<string, number> {
    return this.#requests.snapshot();
  }

  responses(status: number): number {
    return this.#responses.count(status);
  }

  get rateLimited(): number {
    return this.#rateLimited;
  }

  reset(): void {
    this.#requests.clear();
    this.#responses.clear();
    this.#rateLimited = 0;
  }
}
