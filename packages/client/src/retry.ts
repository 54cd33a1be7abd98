/**
 * What the client retries; the loop itself is core's `withRetry` (full jitter, Retry-After,
 * bounded attempts and time, abort signal). Retried: 429 (after `Retry-After` when given), 5xx, a
 * connection that failed, an attempt that timed out, and a 2xx body that is not JSON (a truncated
 * transfer). A POST is retried only when it carries its Idempotency-Key, so a retry can never
 * create a second order. Nothing else is retried: an answer of the wrong shape, a body over the
 * limit or a walk past its deadline will not get better by asking again.
 */
import { ConnectionError, MalformedResponseError, RateLimitError, ServerError, TimeoutError } from "./errors.js";

export function isRetryable(error: unknown, request: { method: string; idempotent: boolean }): boolean {
  if (request.method !== "GET" && !request.idempotent) return false;
  if (error instanceof RateLimitError || error instanceof ServerError) return true;
  if (error instanceof ConnectionError || error instanceof TimeoutError) return true;
  if (error instanceof MalformedResponseError) {
    if (error.field !== null) return false;
    if (error.status === 429 || error.status >= 500) return true;
    return error.kind === "invalid_json" && error.status >= 200 && error.status < 300;
  }
  return false;
}

/** The wait the server asked for (`Retry-After`), when the error carries one. */
export function retryAfterOf(error: unknown): number | null {
  const asked = (error as { retryAfterMs?: unknown } | null)?.retryAfterMs;
  return typeof asked === "number" ? asked : null;
}
