import { performance } from "node:perf_hooks";
import { recordCompletePass, takeLock } from "@omrecon/store";
import { syncBalance } from "./balance-pass.js";
import {
  DEFAULT_LOOKBACK_DAYS,
  DEFAULT_OVERLAP_MS,
  DEFAULT_PAGE_SIZE,
  DEFAULT_PAGES_IN_FLIGHT,
  type SyncContext,
  type SyncOptions,
} from "./context.js";
import { SyncLockedError } from "./errors.js";
import { syncOrders } from "./orders-pass.js";
import { createPass } from "./pass.js";
import { countingSource } from "./source.js";
import { type SyncResult, SyncTally } from "./tally.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/** The name of sync's lock in the database (docs/reconciliation.md#runs). */
export const SYNC_LOCK_NAME = "sync";

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
  const attempt = await takeLock(ctx.store.db, {
    name: SYNC_LOCK_NAME,
    ...(options.lockTtlMs !== undefined && { ttlMs: options.lockTtlMs }),
    ...(options.lockWaitMs !== undefined && { waitMs: options.lockWaitMs }),
    ...(ctx.logger && { logger: ctx.logger }),
  });
  if ("busy" in attempt) throw new SyncLockedError(attempt.busy);
  const lock = attempt.held;
  const tally = new SyncTally();
  try {
    const pass = createPass(ctx, { source: counted.source, lock, tally, pageSize, pagesInFlight });
    let state = await syncOrders(pass, {
      full,
      lookbackMs: lookbackDays * DAY_MS,
      overlapMs: options.overlapMs ?? DEFAULT_OVERLAP_MS,
    });
    if (state === "done") state = await syncBalance(pass, { full });
    // Every part finished: reconcile may trust the mirror as of this pass's start.
    if (state === "done") await pass.commit((trx) => recordCompletePass(trx, pass.startedAt));
    return tally.result(counted.requests(), performance.now() - started, state === "stopped");
  } finally {
    ctx.progress?.clear();
    // A failed release must not hide the error that ended the pass; the lock then simply expires.
    await lock.release().catch((error: unknown) => ctx.logger?.warn("could not release the sync lock", { error }));
  }
}
