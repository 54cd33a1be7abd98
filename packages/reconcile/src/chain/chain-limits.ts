/**
 * How long and how far one chain read may go (docs/cli.md#settings): an overall deadline, a cap on
 * page requests, retries. A trickling or endless TON API then costs at most the deadline, never a
 * night: the read fails, the cursor stays, and the next run starts again from it.
 */
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "@omrecon/core";

export interface ChainLimits {
  /** The whole read, every address and retry included. */
  deadlineMs: number;
  /** Page requests per read, retries included. */
  maxPages: number;
}

/**
 * 30 minutes: a first read of a busy wallet at toncenter's keyless 1 request/s is ~1,800 pages of
 * 99, and the reconcile lock outlives it. 20,000 pages: ~2 million transactions, far beyond any
 * payment wallet's nightly growth, and still a bound on an endpoint that pages forever.
 */
export const DEFAULT_CHAIN_LIMITS: ChainLimits = { deadlineMs: 30 * 60_000, maxPages: 20_000 };

/** toncenter sends no Retry-After with its 429: back off from a second, up to 20 s, for at most 2 minutes. */
export const DEFAULT_CHAIN_RETRY: RetryPolicy = {
  ...DEFAULT_RETRY_POLICY,
  maxRetries: 5,
  maxRetryTimeMs: 120_000,
  baseDelayMs: 1_000,
  maxDelayMs: 20_000,
};

/** The retry policy's shape (core's `RetryPolicy`); kept under this name for callers of the reader. */
export type ChainRetryPolicy = RetryPolicy;
