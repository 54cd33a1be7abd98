import { setTimeout as sleep } from "node:timers/promises";
import { ChainSourceError } from "./chain-source.js";

export interface ChainRetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Uniform in [0, 1); injectable so tests are exact. */
  random: () => number;
}

/** toncenter sends no Retry-After with its 429: back off from a second, doubling, for about a minute in all. */
export const DEFAULT_CHAIN_RETRY: ChainRetryPolicy = {
  maxRetries: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 20_000,
  random: Math.random,
};

/** Half of the exponential ceiling plus a random half, so that a retry never comes right back. */
export function chainRetryDelay(retry: number, policy: ChainRetryPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(ceiling / 2 + (policy.random() * ceiling) / 2);
}

/**
 * Runs `attempt` until it succeeds, a failure is not retryable (anything but a retryable
 * `ChainSourceError`), or the retries run out; the last error is rethrown.
 */
export async function withChainRetry<T>(
  attempt: () => Promise<T>,
  policy: ChainRetryPolicy,
  options: { signal?: AbortSignal; onRetry?: (error: ChainSourceError, retry: number, delayMs: number) => void } = {},
): Promise<T> {
  for (let retry = 1; ; retry++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ChainSourceError) || !error.retryable || retry > policy.maxRetries) throw error;
      const delayMs = chainRetryDelay(retry, policy);
      options.onRetry?.(error, retry, delayMs);
      await sleep(delayMs, undefined, options.signal ? { signal: options.signal } : undefined);
    }
  }
}
