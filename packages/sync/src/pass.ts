import type { RequestOptions } from "@omrecon/client";
import { type Logger, silentLogger } from "@omrecon/core";
import { type HeldLock, type StoreDb, writeTransaction } from "@omrecon/store";
import type { ProgressSink, SyncContext } from "./context.js";
import type { SyncSource } from "./source.js";
import type { SyncTally } from "./tally.js";

/** Everything the steps of one pass share. */
export interface Pass {
  source: SyncSource;
  db: StoreDb;
  logger: Logger;
  progress: ProgressSink;
  /** The pass's start: upper bound of its walks, and `synced_at` of what it writes. */
  startedAt: Date;
  pageSize: number;
  /** Pages of an orders walk requested at once. */
  pagesInFlight: number;
  tally: SyncTally;
  requestOptions: RequestOptions;
  /** True once a stop was asked for: commit the pages in hand, then return. */
  stopRequested(): boolean;
  /** The signal behind `stopRequested`, to stop waiting for a page. */
  stopSignal: AbortSignal | undefined;
  /**
   * One IMMEDIATE transaction that first re-checks the sync lock: held from there to the commit,
   * the write lock keeps anyone else from taking the sync lock in between.
   */
  commit<T>(write: (trx: StoreDb) => Promise<T>): Promise<T>;
}

export function createPass(
  ctx: SyncContext,
  init: {
    source: SyncSource;
    lock: HeldLock;
    tally: SyncTally;
    pageSize: number;
    pagesInFlight: number;
  },
): Pass {
  const { lock } = init;
  const db = ctx.store.db;
  return {
    source: init.source,
    db,
    logger: ctx.logger ?? silentLogger,
    progress: ctx.progress ?? { update() {}, clear() {} },
    startedAt: (ctx.now ?? (() => new Date()))(),
    pageSize: init.pageSize,
    pagesInFlight: init.pagesInFlight,
    tally: init.tally,
    requestOptions: ctx.abortSignal ? { signal: ctx.abortSignal } : {},
    stopRequested: () => ctx.stopSignal?.aborted ?? false,
    stopSignal: ctx.stopSignal,
    commit: (write) =>
      writeTransaction(db, async (trx) => {
        await lock.assertHeld(trx);
        return write(trx);
      }),
  };
}

/** `NotFoundError` of the client (by name, so a thrower and a null-returner both work). */
export function isNotFound(error: unknown): boolean {
  return (error as { name?: string } | null)?.name === "NotFoundError";
}

export function isValidationError(error: unknown): boolean {
  return (error as { name?: string } | null)?.name === "ValidationError";
}
