import { setTimeout as sleep } from "node:timers/promises";

/** Paces requests: `acquire` resolves when the next request may start. */
export interface RateLimiter {
  acquire(signal?: AbortSignal): Promise<void>;
}

export interface RateLimiterOptions {
  requestsPerSecond: number;
  /**
   * Added to the spacing between two requests, so that timer and network jitter never squeeze two
   * of them into one of the server's windows. Default 5% of the spacing, at least 2 ms.
   */
  marginMs?: number;
}

/** toncenter's public limits: 1 request a second without an API key, 10 with the base plan's key. */
export const TONCENTER_REQUESTS_PER_SECOND = { withoutKey: 1, withKey: 10 } as const;

/**
 * Spaces request starts at least `1000 / requestsPerSecond` ms (plus the margin) apart, so a
 * server counting requests in any sliding one-second window never sees more than its quota.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  if (!(options.requestsPerSecond > 0)) {
    throw new RangeError(`requestsPerSecond must be positive, got ${options.requestsPerSecond}`);
  }
  const spacing = 1000 / options.requestsPerSecond;
  const interval = spacing + (options.marginMs ?? Math.max(2, spacing * 0.05));
  let next = 0;
  return {
    async acquire(signal?: AbortSignal): Promise<void> {
      signal?.throwIfAborted();
      const now = performance.now();
      const at = Math.max(now, next);
      next = at + interval;
      if (at > now) await sleep(at - now, undefined, signal ? { signal } : undefined);
    },
  };
}

/** The limiter for toncenter with or without a key (`TON_API_KEY`), unless a rate is given. */
export function toncenterRateLimiter(apiKey: string | undefined, requestsPerSecond?: number): RateLimiter {
  const rate =
    requestsPerSecond ?? (apiKey ? TONCENTER_REQUESTS_PER_SECOND.withKey : TONCENTER_REQUESTS_PER_SECOND.withoutKey);
  return createRateLimiter({ requestsPerSecond: rate });
}
