/**
 * The one retry loop of omrecon: the partner API client, the chain reader and the alert senders
 * all call `withRetry` with their own idea of what is retryable. Delays are exponential with full
 * jitter (uniform in [0, min(max, base·2^(n−1)))), or the server's `Retry-After` when it gave one;
 * bounded in retries and in total time (no retry starts whose wait would pass the budget), and cut
 * short by an abort signal. The caller's error is rethrown as it is.
 */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** No retry starts once this much time has passed since the first attempt (or would pass by its wait). */
  maxRetryTimeMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Uniform in [0, 1); injectable so tests are exact. */
  random: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 4,
  maxRetryTimeMs: 60_000,
  baseDelayMs: 500,
  maxDelayMs: 10_000,
  random: Math.random,
};

export interface RetryOptions<E = unknown> {
  policy?: Partial<RetryPolicy>;
  /** Whether this failure may be tried again. */
  retryable: (error: E) => boolean;
  /** The server's own wait for this failure (Retry-After), in ms; null or absent: backoff. */
  retryAfterMs?: (error: E) => number | null | undefined;
  /** Before each wait: log it. `retry` is 1-based. */
  onRetry?: (error: E, retry: number, delayMs: number) => void;
  /** Stops the waits (and tells `attempt` through its argument); the abort reason is thrown. */
  signal?: AbortSignal | undefined;
  /** Milliseconds since an epoch; injectable for tests. */
  now?: () => number;
  /** Waits `ms` or rejects with the abort reason; injectable for tests. */
  sleep?: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
}

/** Milliseconds before retry number `retry` (1-based) by full-jitter backoff. */
export function backoffDelay(retry: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(policy.random() * ceiling);
}

/** `Retry-After` as milliseconds from `now`: delta seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | null {
  if (value === undefined || value === null) return null;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Runs `attempt` (given its 1-based number) until it succeeds, fails with an error that is not
 * retryable, or the retries or the time budget run out; then the last error is thrown.
 */
export async function withRetry<T, E = unknown>(
  attempt: (n: number) => Promise<T>,
  options: RetryOptions<E>,
): Promise<T> {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.policy };
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? abortableSleep;
  const started = now();
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      const e = error as E;
      if (options.signal?.aborted || n > policy.maxRetries || !options.retryable(e)) throw error;
      const asked = options.retryAfterMs?.(e);
      const delay = typeof asked === "number" && asked >= 0 ? asked : backoffDelay(n, policy);
      if (now() - started + delay > policy.maxRetryTimeMs) throw error;
      options.onRetry?.(e, n, delay);
      await sleep(delay, options.signal);
    }
  }
}
