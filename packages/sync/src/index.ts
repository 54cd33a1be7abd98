export {
  DEFAULT_LOOKBACK_DAYS,
  DEFAULT_OVERLAP_MS,
  DEFAULT_PAGE_SIZE,
  DEFAULT_PAGES_IN_FLIGHT,
  type ProgressSink,
  type SyncContext,
  type SyncOptions,
} from "./context.js";
export { isValidCronExpression, type SyncCron, type SyncCronOptions, startSyncCron } from "./cron.js";
export { LockLostError, SyncLockedError } from "./errors.js";
export { balanceToSnapshot, balanceTransactionToRow, orderToRow } from "./rows.js";
export { runSync, SYNC_LOCK_NAME } from "./run-sync.js";
export { countingSource, type SyncSource } from "./source.js";
export { type SyncResult, summaryLine } from "./tally.js";
