import { type Logger, silentLogger } from "@omrecon/core";
import type { Store } from "@omrecon/store";
import { Address } from "@ton/core";
import { type ChainLimits, type ChainRetryPolicy, DEFAULT_CHAIN_LIMITS, DEFAULT_CHAIN_RETRY } from "./chain-limits.js";
import { type ChainSource, ChainSourceError, type TransactionId } from "./chain-source.js";
import { createRateLimiter, type RateLimiter, TONCENTER_REQUESTS_PER_SECOND } from "./rate-limiter.js";
import { type Budget, readAddress } from "./read-address.js";
import { ChainLimitError, describeFailure } from "./read-failure.js";

export interface ReadProgress {
  /** Raw form. */
  address: string;
  /** 0-based position of the address among the distinct watched ones. */
  index: number;
  total: number;
  pages: number;
  /** New transfers read so far for this address. */
  transfers: number;
}

export interface ReadNewTransfersOptions {
  source: ChainSource;
  store: Store;
  /** Watched addresses in any form; forms of one account are read once. */
  addresses: readonly (string | Address)[];
  /** Default: toncenter's 1 request a second (pass `toncenterRateLimiter(key)` with a key). */
  limiter?: RateLimiter;
  retry?: Partial<ChainRetryPolicy>;
  /** Transactions asked for per request. Default and maximum: the source's `pageLimit`. */
  pageSize?: number;
  logger?: Logger;
  signal?: AbortSignal;
  onProgress?: (progress: ReadProgress) => void;
  /** `read_at` of the rows. Default: now. */
  now?: () => Date;
  /** Default 50 000. */
  maxBufferedTransfers?: number;
  /** Deadline and page cap of the whole read. Default `DEFAULT_CHAIN_LIMITS`. */
  limits?: Partial<ChainLimits>;
}

export type AddressReadStatus = "ok" | "failed" | "aborted" | "invalid";

export interface AddressReadResult {
  /** Raw form, or the input as given when it is not an address. */
  address: string;
  status: AddressReadStatus;
  /** Transfers stored that were not stored before. */
  newTransfers: number;
  /** HTTP requests made, retries included. */
  requests: number;
  pages: number;
  /** The cursor after the read: the newest transaction stored, null when the account has none. */
  cursor: TransactionId | null;
  /** One line, for failed, aborted and invalid addresses. */
  error?: string;
}

export interface ReadNewTransfersResult {
  /** `ok` when every address was read, `partial` when some failed, `failed` when none was read. */
  status: "ok" | "partial" | "failed" | "aborted";
  addresses: AddressReadResult[];
  newTransfers: number;
  requests: number;
}

export interface Watched {
  raw: string;
  address: Address;
}

function distinct(addresses: readonly (string | Address)[], results: AddressReadResult[]): Watched[] {
  const byRaw = new Map<string, Watched>();
  for (const a of addresses) {
    let address: Address;
    try {
      address = typeof a === "string" ? Address.parse(a.trim()) : a;
    } catch {
      const shown = String(a).slice(0, 80);
      results.push({ address: shown, status: "invalid", newTransfers: 0, requests: 0, pages: 0, cursor: null });
      results[results.length - 1]!.error = `not a TON address: ${JSON.stringify(shown)}`;
      continue;
    }
    const raw = address.toRawString();
    if (!byRaw.has(raw)) byRaw.set(raw, { raw, address });
  }
  return [...byRaw.values()];
}

/**
 * A failure of the endpoint itself (unreachable, timing out, refusing the key, overloaded after
 * retries, the read's own page cap), not of one address's history (a gap, a body it cannot read).
 */
function endpointFailure(error: unknown): boolean {
  if (error instanceof ChainLimitError) return true;
  if (!(error instanceof ChainSourceError)) return false;
  const s = error.status;
  return s === null ? error.retryable : s === 401 || s === 403 || s === 429 || s >= 500;
}

/**
 * Reads what is new on chain for every watched address: pages backwards from the newest
 * transaction down to the stored cursor, checking that every page links up (continuity.ts), then
 * writes the new transfers and moves the cursor in one SQLite transaction per address, so a run
 * killed mid-read leaves the last committed state and a re-read duplicates nothing (rows are keyed
 * by hash). A page that does not link up is asked for again; if it never does, the address fails
 * and its cursor stays. A backlog above `maxBufferedTransfers` (a first read of a busy address) is
 * stored in parts as it comes, with the cursor still moved only at the end. The whole read has a
 * deadline and a cap on page requests. With nothing new, one request per address. Never throws for
 * one address's failure: each address gets its own result.
 */
export async function readNewTransfers(options: ReadNewTransfersOptions): Promise<ReadNewTransfersResult> {
  const log = options.logger ?? silentLogger;
  const limiter = options.limiter ?? createRateLimiter({ requestsPerSecond: TONCENTER_REQUESTS_PER_SECOND.withoutKey });
  const policy: ChainRetryPolicy = { ...DEFAULT_CHAIN_RETRY, ...options.retry };
  const limits: ChainLimits = { ...DEFAULT_CHAIN_LIMITS, ...options.limits };
  const deadline = AbortSignal.timeout(limits.deadlineMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  const budget: Budget = { pages: 0, limits };
  const results: AddressReadResult[] = [];
  const watched = distinct(options.addresses, results);
  const where = ` from ${options.source.label ?? "the TON API"}`;
  // Set when a failure was the endpoint's, not the address's: the other addresses would only spend
  // their own retries (and minutes) on it, so they are not tried.
  let endpointFailed: string | null = null;

  for (const [index, w] of watched.entries()) {
    const result: AddressReadResult = {
      address: w.raw,
      status: "ok",
      newTransfers: 0,
      requests: 0,
      pages: 0,
      cursor: null,
    };
    results.push(result);
    if (endpointFailed !== null) {
      result.status = "failed";
      result.error = `not read: ${endpointFailed}`;
      continue;
    }
    if (signal.aborted) {
      const late = deadline.aborted && !options.signal?.aborted;
      result.status = late ? "failed" : "aborted";
      result.error = late
        ? `not read: the chain read's deadline (${limits.deadlineMs / 1000} s) had passed`
        : "stopped before this address";
      continue;
    }
    try {
      await readAddress(w, index, watched.length, result, { ...options, signal }, limiter, policy, budget, log);
      log.info("chain address read", { address: w.raw, new: result.newTransfers, requests: result.requests });
    } catch (error) {
      const stopped = options.signal?.aborted ?? false;
      result.status = stopped ? "aborted" : "failed";
      result.error = describeFailure(error, where, result, limits, deadline.aborted && !stopped);
      log[stopped ? "warn" : "error"]("chain address not read", { address: w.raw, error: result.error });
      if (!stopped && endpointFailure(error)) endpointFailed = `the TON API failed for ${w.raw} just before`;
    }
  }

  const read = results.filter((r) => r.status === "ok").length;
  const aborted = results.some((r) => r.status === "aborted");
  return {
    status: aborted ? "aborted" : read === results.length ? "ok" : read === 0 ? "failed" : "partial",
    addresses: results,
    newTransfers: results.reduce((n, r) => n + r.newTransfers, 0),
    requests: results.reduce((n, r) => n + r.requests, 0),
  };
}
