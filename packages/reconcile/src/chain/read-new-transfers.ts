import { type Logger, silentLogger, withRetry } from "@omrecon/core";
import {
  getChainCursor,
  type NewChainTransferRow,
  type Store,
  setChainCursor,
  upsertTransfers,
  writeTransaction,
} from "@omrecon/store";
import { Address } from "@ton/core";
import { type ChainLimits, type ChainRetryPolicy, DEFAULT_CHAIN_LIMITS, DEFAULT_CHAIN_RETRY } from "./chain-limits.js";
import { type ChainSource, ChainSourceError, type TransactionId } from "./chain-source.js";
import { ChainGapError, checkPage, idOf } from "./continuity.js";
import { parseTransfer } from "./parse-transfer.js";
import { createRateLimiter, type RateLimiter, TONCENTER_REQUESTS_PER_SECOND } from "./rate-limiter.js";

/** Past this many unwritten transfers, a long first read stores what it has (without the cursor). */
const DEFAULT_MAX_BUFFERED = 50_000;

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

/** The read's own limits stopped it: the deadline passed, or the page cap was reached. */
class ChainLimitError extends Error {}

interface Watched {
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
  const budget = { pages: 0, limits, deadline };
  const results: AddressReadResult[] = [];
  const watched = distinct(options.addresses, results);
  const where = ` from ${options.source.label ?? "the TON API"}`;

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

/**
 * One line: what went wrong, at which endpoint, and what to do. The address is the result's own
 * (and the run's error puts it first).
 */
function describeFailure(
  error: unknown,
  where: string,
  result: AddressReadResult,
  limits: ChainLimits,
  late: boolean,
): string {
  const kept = "the cursor was not moved";
  if (late) {
    return `the chain read passed its deadline of ${limits.deadlineMs / 1000} s${where}; ${kept}: rerun, or raise OMRECON_CHAIN_DEADLINE (--chain-deadline)`;
  }
  if (error instanceof ChainLimitError) return `${error.message}${where}; ${kept}`;
  const attempts = `${result.requests} request${result.requests === 1 ? "" : "s"}`;
  if (error instanceof ChainGapError) {
    return `${where.replace(/^ from /, "")}: ${error.message} (${attempts}); ${kept}: rerun later, or set TON_ENDPOINT to another provider`;
  }
  const first = ((error as Error)?.message ?? String(error)).split("\n")[0]!;
  if (error instanceof ChainSourceError && !error.retryable)
    return `${where.replace(/^ from /, "")}: ${first}; ${kept}`;
  return `${where.replace(/^ from /, "")}: ${first} (${attempts}); ${kept}: rerun later, or check TON_ENDPOINT and TON_API_KEY`;
}

interface Budget {
  pages: number;
  limits: ChainLimits;
  deadline: AbortSignal;
}

async function readAddress(
  w: Watched,
  index: number,
  total: number,
  result: AddressReadResult,
  options: ReadNewTransfersOptions & { signal: AbortSignal },
  limiter: RateLimiter,
  policy: ChainRetryPolicy,
  budget: Budget,
  log: Logger,
): Promise<void> {
  const { source, store, signal } = options;
  const limit = Math.max(1, Math.min(options.pageSize ?? source.pageLimit, source.pageLimit));
  const maxBuffered = options.maxBufferedTransfers ?? DEFAULT_MAX_BUFFERED;
  const readAt = (options.now?.() ?? new Date()).toISOString();
  const stored = await getChainCursor(store.db, w.raw);
  const cursor: TransactionId | null = stored ? { lt: stored.lt, hash: stored.hash } : null;
  result.cursor = cursor;

  let buffer: NewChainTransferRow[] = [];
  let read = 0;
  let newest: TransactionId | null = null;
  let before: TransactionId | undefined;
  let expected: TransactionId | null = null;
  const retried = new Map<string, number>();
  // The cursor's own transaction is asked for too (to_lt is exclusive) and its hash checked, so a
  // cursor from another network or endpoint is noticed instead of silently reading nothing.
  const toLt = cursor ? cursor.lt - 1n : undefined;

  try {
    for (;;) {
      const page = await withRetry(
        async () => {
          if (budget.pages >= budget.limits.maxPages) {
            throw new ChainLimitError(
              `the chain read reached its cap of ${budget.limits.maxPages} page requests (OMRECON_CHAIN_MAX_PAGES, --chain-max-pages); raise it if this address really has that many new transactions`,
            );
          }
          budget.pages++;
          await limiter.acquire(signal);
          result.requests++;
          const txs = await source.getTransactions({ address: w.address, limit, before, toLt, signal });
          return checkPage(txs, expected, cursor);
        },
        {
          policy,
          signal,
          retryable: (error) =>
            error instanceof ChainGapError || (error instanceof ChainSourceError && error.retryable),
          retryAfterMs: (error) => (error instanceof ChainSourceError ? error.retryAfterMs : null),
          onRetry: (error, retry, delayMs) => {
            const why = error instanceof ChainSourceError && error.status ? `HTTP ${error.status}` : reasonOf(error);
            retried.set(why, (retried.get(why) ?? 0) + 1);
            log.debug("chain page retried", { address: w.raw, retry, delay_ms: delayMs, why });
          },
        },
      );
      result.pages++;
      for (const tx of page.fresh) {
        newest ??= idOf(tx);
        const parsed = parseTransfer(tx);
        if (!parsed) continue;
        const { problem, ...row } = parsed;
        if (problem) log.warn("transfer body not read as a comment", { hash: row.hash, problem });
        buffer.push({ ...row, read_at: readAt });
        read++;
      }
      options.onProgress?.({ address: w.raw, index, total, pages: result.pages, transfers: read });
      if (page.done) break;
      before = page.oldest ?? undefined;
      expected = page.next;
      if (buffer.length >= maxBuffered) {
        // Safe without the cursor: rows are keyed by hash, and the cursor still says where to resume.
        result.newTransfers += await upsertTransfers(store.db, buffer);
        buffer = [];
      }
    }
  } finally {
    if (retried.size > 0) {
      const reasons = [...retried].map(([why, n]) => `${why} ×${n}`).join(", ");
      log.info("chain page requests retried", { address: w.raw, retries: sum(retried), reasons });
    }
  }

  if (!newest) return;
  const written = await writeTransaction(store.db, async (trx) => {
    const n = await upsertTransfers(trx, buffer);
    await setChainCursor(trx, { address: w.raw, lt: newest.lt, hash: newest.hash }, new Date(readAt));
    return n;
  });
  result.newTransfers += written;
  result.cursor = newest;
}

function reasonOf(error: unknown): string {
  if (error instanceof ChainGapError) return "gap in the history";
  if (error instanceof ChainSourceError) return error.message.replace(/^the TON API /, "");
  return (error as Error)?.name ?? "error";
}

function sum(counts: Map<string, number>): number {
  let n = 0;
  for (const v of counts.values()) n += v;
  return n;
}
