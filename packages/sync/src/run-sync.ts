import { performance } from "node:perf_hooks";
import { syncBalance } from "./balance-pass.js";
import {
  DEFAULT_LOOKBACK_DAYS,
  DEFAULT_OVERLAP_MS,
  DEFAULT_PAGE_SIZE,
  DEFAULT_PAGES_IN_FLIGHT,
  type SyncContext,
  type SyncOptions,
} from "./context.js";
import { syncOrders } from "./orders-pass.js";
import { createPass } from "./pass.js";
import { countingSource } from "./source.js";
import { SyncLock } from "./sync-lock.js";
import { type SyncResult, SyncTally } from "./tally.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * One pass: takes the sync lock (SyncLockedError when another sync holds it), mirrors orders, then
 * the balance and its new ledger rows, and releases the lock. Each page is committed with its
 * cursor, so an interrupted pass (crash, kill -9, stop) is continued by the next one. Returns the
 * counts `sync --json` prints; `stopped` when `ctx.stopSignal` ended it early.
 */
export async function runSync(ctx: SyncContext, options: SyncOptions = {}): Promise<SyncResult> {
  const started = performance.now();
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isSafeInteger(pageSize) || pageSize < 1 || pageSize > 100) {
    throw new RangeError(`pageSize must be 1..100, got ${pageSize}`);
  }
  const pagesInFlight = options.pagesInFlight ?? DEFAULT_PAGES_IN_FLIGHT;
  if (!Number.isSafeInteger(pagesInFlight) || pagesInFlight < 1 || pagesInFlight > 4) {
    throw new RangeError(`pagesInFlight must be 1..4, got ${pagesInFlight}`);
  }
  const lookbackDays = options.lookbackDays ?? DEFAULT_LOOKBACK_DAYS;
  if (!Number.isFinite(lookbackDays) || lookbackDays < 0) {
    throw new RangeError(`lookbackDays must be ≥ 0, got ${lookbackDays}`);
  }
  const full = options.full ?? false;
  const counted = countingSource(ctx.source);
  const lock = new SyncLock(ctx.store.db, {
    ...(options.lockTtlMs !== undefined && { ttlMs: options.lockTtlMs }),
    ...(options.lockWaitMs !== undefined && { waitMs: options.lockWaitMs }),
    ...(ctx.logger && { logger: ctx.logger }),
  });
  await lock.acquire();
  const tally = new SyncTally();
  try {
    const pass = createPass(ctx, { source: counted.source, lock, tally, pageSize, pagesInFlight });
    let state = await syncOrders(pass, {
      full,
      lookbackMs: lookbackDays * DAY_MS,
      overlapMs: options.overlapMs ?? DEFAULT_OVERLAP_MS,
    });
    if (state === "done") state = await syncBalance(pass, { full });
    return tally.result(counted.requests(), performance.now() - started, state === "stopped");
  } finally {
    ctx.progress?.clear();
    // A failed release must not hide the error that ended the pass; the lock then simply expires.
    await lock.release().catch((error: unknown) => ctx.logger?.warn("could not release the sync lock", { error }));
  }
}
