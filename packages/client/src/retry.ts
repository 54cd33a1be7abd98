/**
 * The one place retries are decided. Retried: 429 (after `Retry-After` when given), 5xx, a
 * connection that failed, an attempt that timed out, and a 2xx body that is not JSON (a truncated
 * transfer). A POST is retried only when it carries its Idempotency-Key, so a retry can never
 * create a second order. Delays are exponential with full jitter, bounded in attempts and in total
 * time. Nothing else is retried.
 */
import type { Logger } from "@omrecon/core";
import {
  ConnectionError,
  MalformedResponseError,
  type OpenMoneyError,
  RateLimitError,
  RequestAbortedError,
  type RequestInfo,
  ServerError,
  TimeoutError,
} from "./errors.js";

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** No retry starts once this much time has passed since the first attempt (or would be passed by its delay). */
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

export function isRetryable(error: unknown, request: { method: string; idempotent: boolean }): boolean {
  if (request.method !== "GET" && !request.idempotent) return false;
  if (error instanceof RateLimitError || error instanceof ServerError) return true;
  if (error instanceof ConnectionError || error instanceof TimeoutError) return true;
  if (error instanceof MalformedResponseError) {
    if (error.status === 429 || error.status >= 500) return true;
    return error.kind === "invalid_json" && error.status >= 200 && error.status < 300;
  }
  return false;
}

/** Milliseconds to wait before retry number `retry` (1-based): the server's Retry-After, else full jitter. */
export function retryDelay(error: unknown, retry: number, policy: RetryPolicy): number {
  const asked = (error as { retryAfterMs?: number | null }).retryAfterMs;
  if (typeof asked === "number") return asked;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(policy.random() * ceiling);
}

/** `Retry-After` as milliseconds from `now`: delta seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | null {
  if (value === undefined) return null;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export interface RetryContext {
  request: RequestInfo & { idempotent: boolean };
  policy: RetryPolicy;
  signal?: AbortSignal | undefined;
  logger: Logger;
}

/** Runs `attempt` (1-based attempt number) until it succeeds, fails for good, or the budget is spent. */
export async function withRetries<T>(attempt: (n: number) => Promise<T>, ctx: RetryContext): Promise<T> {
  const started = Date.now();
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      const e = error as OpenMoneyError;
      if (e && typeof e === "object" && "attempts" in e) e.attempts = n;
      if (n > ctx.policy.maxRetries || !isRetryable(error, ctx.request)) throw error;
      const delay = retryDelay(error, n, ctx.policy);
      if (Date.now() - started + delay > ctx.policy.maxRetryTimeMs) throw error;
      ctx.logger.warn("openmoney request failed; retrying", {
        method: ctx.request.method,
        path: ctx.request.path,
        attempt: n,
        error: e.name,
        status: (e as { status?: number }).status ?? null,
        delay_ms: delay,
      });
      await sleep(delay, ctx.signal, ctx.request);
    }
  }
}

function sleep(ms: number, signal: AbortSignal | undefined, request: RequestInfo): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new RequestAbortedError(request));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new RequestAbortedError(request));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
