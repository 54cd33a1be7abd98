/**
 * One watched address: the pages newer than its cursor, each checked to link up (continuity.ts)
 * and retried when it does not, then its new rows and its cursor in one SQLite transaction.
 */
import { type Logger, withRetry } from "@omrecon/core";
import {
  getChainCursor,
  type NewChainTransferRow,
  setChainCursor,
  upsertTransfers,
  writeTransaction,
} from "@omrecon/store";
import type { ChainLimits, ChainRetryPolicy } from "./chain-limits.js";
import { ChainSourceError, type TransactionId } from "./chain-source.js";
import { ChainGapError, checkPage, idOf } from "./continuity.js";
import { parseTransfer } from "./parse-transfer.js";
import type { RateLimiter } from "./rate-limiter.js";
import { ChainLimitError } from "./read-failure.js";
import type { AddressReadResult, ReadNewTransfersOptions, Watched } from "./read-new-transfers.js";

/** Past this many unwritten transfers, a long first read stores what it has (without the cursor). */
const DEFAULT_MAX_BUFFERED = 50_000;

/** What the whole read may still spend. */
export interface Budget {
  pages: number;
  limits: ChainLimits;
}

export async function readAddress(
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
