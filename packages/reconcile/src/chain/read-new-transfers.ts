import { type Logger, silentLogger } from "@omrecon/core";
import {
  getChainCursor,
  type NewChainTransferRow,
  type Store,
  setChainCursor,
  upsertTransfers,
  writeTransaction,
} from "@omrecon/store";
import { Address } from "@ton/core";
import type { ChainSource, TransactionId } from "./chain-source.js";
import { parseTransfer } from "./parse-transfer.js";
import { createRateLimiter, type RateLimiter, TONCENTER_REQUESTS_PER_SECOND } from "./rate-limiter.js";
import { type ChainRetryPolicy, DEFAULT_CHAIN_RETRY, withChainRetry } from "./retry.js";

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

/** The cursor's transaction is not in the history this endpoint serves (another network, say). */
class CursorNotFoundError extends Error {}

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
 * transaction down to the stored cursor, then writes the new transfers and moves the cursor in one
 * SQLite transaction per address, so a run killed mid-read leaves the last committed state and a
 * re-read duplicates nothing (rows are keyed by hash). A backlog above `maxBufferedTransfers` (a
 * first read of a busy address) is stored in parts as it comes, with the cursor still moved only
 * at the end. With nothing new, one request per address. Never throws for one address's failure:
 * each address gets its own result.
 */
export async function readNewTransfers(options: ReadNewTransfersOptions): Promise<ReadNewTransfersResult> {
  const log = options.logger ?? silentLogger;
  const limiter = options.limiter ?? createRateLimiter({ requestsPerSecond: TONCENTER_REQUESTS_PER_SECOND.withoutKey });
  const policy: ChainRetryPolicy = { ...DEFAULT_CHAIN_RETRY, ...options.retry };
  const results: AddressReadResult[] = [];
  const watched = distinct(options.addresses, results);

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
    if (options.signal?.aborted) {
      result.status = "aborted";
      result.error = "stopped before this address";
      continue;
    }
    try {
      await readAddress(w, index, watched.length, result, options, limiter, policy, log);
      log.info("chain address read", { address: w.raw, new: result.newTransfers, requests: result.requests });
    } catch (error) {
      const aborted = options.signal?.aborted ?? false;
      result.status = aborted ? "aborted" : "failed";
      result.error = (error as Error)?.message?.split("\n")[0] ?? String(error);
      log[aborted ? "warn" : "error"]("chain address not read", { address: w.raw, error: result.error });
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

async function readAddress(
  w: Watched,
  index: number,
  total: number,
  result: AddressReadResult,
  options: ReadNewTransfersOptions,
  limiter: RateLimiter,
  policy: ChainRetryPolicy,
  log: Logger,
): Promise<void> {
  const { source, store, signal } = options;
  const limit = Math.max(1, Math.min(options.pageSize ?? source.pageLimit, source.pageLimit));
  const maxBuffered = options.maxBufferedTransfers ?? DEFAULT_MAX_BUFFERED;
  const readAt = (options.now?.() ?? new Date()).toISOString();
  const cursor = await getChainCursor(store.db, w.raw);
  result.cursor = cursor ? { lt: cursor.lt, hash: cursor.hash } : null;

  let buffer: NewChainTransferRow[] = [];
  let read = 0;
  let newest: TransactionId | null = null;
  let before: TransactionId | undefined;
  let reachedCursor = false;
  // The cursor's own transaction is asked for too (to_lt is exclusive) and its hash checked, so a
  // cursor from another network or endpoint is noticed instead of silently reading nothing.
  const toLt = cursor ? cursor.lt - 1n : undefined;

  while (!reachedCursor) {
    signal?.throwIfAborted();
    const page = await withChainRetry(
      async () => {
        await limiter.acquire(signal);
        result.requests++;
        return source.getTransactions({ address: w.address, limit, before, toLt, signal });
      },
      policy,
      {
        signal,
        onRetry: (error, retry, delayMs) =>
          log.warn("chain page retried", { address: w.raw, status: error.status, retry, delay_ms: delayMs }),
      },
    );
    result.pages++;
    for (const tx of page) {
      const id = { lt: tx.lt, hash: tx.hash().toString("hex") };
      if (before && id.lt >= before.lt) {
        throw new Error(`the TON API returned lt ${id.lt} after lt ${before.lt}: not newest first`);
      }
      before = id;
      if (cursor && id.lt <= cursor.lt) {
        if (id.lt !== cursor.lt || id.hash !== cursor.hash) break;
        reachedCursor = true;
        break;
      }
      newest ??= id;
      const parsed = parseTransfer(tx);
      if (!parsed) continue;
      const { problem, ...row } = parsed;
      if (problem) log.warn("transfer body not read as a comment", { hash: row.hash, problem });
      buffer.push({ ...row, read_at: readAt });
      read++;
    }
    options.onProgress?.({ address: w.raw, index, total, pages: result.pages, transfers: read });
    if (reachedCursor) break;
    if (cursor && before && before.lt <= cursor.lt) throw cursorNotFound(w.raw, cursor);
    if (page.length < limit) {
      if (cursor) throw cursorNotFound(w.raw, cursor);
      break;
    }
    if (buffer.length >= maxBuffered) {
      // Safe without the cursor: rows are keyed by hash, and the cursor still says where to resume.
      result.newTransfers += await upsertTransfers(store.db, buffer);
      buffer = [];
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

function cursorNotFound(raw: string, cursor: TransactionId): CursorNotFoundError {
  return new CursorNotFoundError(
    `the stored cursor of ${raw} (lt ${cursor.lt}, hash ${cursor.hash}) is not in the history this TON endpoint serves: another network or endpoint? The cursor was not moved.`,
  );
}
