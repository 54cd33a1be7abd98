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
  #requests = new Map<string, number>();
  #responses = new Map<number, number>();
  #rateLimited = 0;

  request(method: string): void {
    this.#requests.set(method, (this.#requests.get(method) ?? 0) + 1);
  }

  response(status: number): void {
    this.#responses.set(status, (this.#responses.get(status) ?? 0) + 1);
  }

  refusedByRateLimit(): void {
    this.#rateLimited++;
  }

  requests(method?: string): number {
    if (method !== undefined) return this.#requests.get(method) ?? 0;
    let n = 0;
    for (const v of this.#requests.values()) n += v;
    return n;
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries(this.#requests);
  }

  responses(status: number): number {
    return this.#responses.get(status) ?? 0;
  }

  get rateLimited(): number {
    return this.#rateLimited;
  }

  reset(): void {
    this.#requests = new Map();
    this.#responses = new Map();
    this.#rateLimited = 0;
  }
}
