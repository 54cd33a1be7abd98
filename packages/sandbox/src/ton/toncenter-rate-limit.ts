/** toncenter's request limits, as the simulator enforces them when asked to. */
export interface ToncenterRateLimitOptions {
  /** Requests per window without an API key. toncenter: 1 a second. Default 1. */
  withoutKey?: number;
  /** Requests per window for each API key. Default 10 (toncenter's base plan). */
  withKey?: number;
  /** Window length in milliseconds. Default 1000. */
  windowMs?: number;
}

/**
 * A sliding-window counter per caller (no key, or each key): a request is refused when the caller
 * already had its quota of accepted requests in the last `windowMs`. Refused requests do not use
 * quota, so a client that backs off recovers after one window.
 */
export class ToncenterRateLimit {
  readonly withoutKey: number;
  readonly withKey: number;
  readonly windowMs: number;
  private readonly accepted = new Map<string, number[]>();

  constructor(options: ToncenterRateLimitOptions = {}) {
    this.withoutKey = options.withoutKey ?? 1;
    this.withKey = options.withKey ?? 10;
    this.windowMs = options.windowMs ?? 1000;
  }

  /** Whether a request from `apiKey` (null: none) arriving at `now` (ms) may proceed; records it if so. */
  admit(apiKey: string | null, now: number): boolean {
    const bucket = apiKey === null ? "" : `key:${apiKey}`;
    const quota = apiKey === null ? this.withoutKey : this.withKey;
    const times = this.accepted.get(bucket) ?? [];
    while (times.length > 0 && times[0]! <= now - this.windowMs) times.shift();
    if (times.length >= quota) {
      this.accepted.set(bucket, times);
      return false;
    }
    times.push(now);
    this.accepted.set(bucket, times);
    return true;
  }
}
