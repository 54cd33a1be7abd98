import type { Logger } from "@omrecon/core";
import type { Store } from "@omrecon/store";
import type { SyncSource } from "./source.js";

/** Where progress goes (`createProgress` of @omrecon/cli fits); silent when absent. */
export interface ProgressSink {
  update(label: string, done: number, total?: number, unit?: string): void;
  clear(): void;
}

/** What a pass works with; the app builds it once, tests build their own. */
export interface SyncContext {
  /** Usually an `OpenMoneyClient`. */
  source: SyncSource;
  store: Store;
  logger?: Logger;
  progress?: ProgressSink;
  /** The clock; the pass's upper bound and the lookback window come from it. Default: real time. */
  now?: () => Date;
  /** When aborted, the pass stops after the page it is writing (SIGINT/SIGTERM). */
  stopSignal?: AbortSignal;
  /** When aborted, requests in flight are abandoned (a second Ctrl-C). */
  abortSignal?: AbortSignal;
}

export interface SyncOptions {
  /** Re-walk the whole history (repairs a mirror); still upserts, never duplicates. */
  full?: boolean;
  /** Days of recent orders re-read every pass so that status changes arrive. Default 7. */
  lookbackDays?: number;
  /** Rows per request, 1..100. Default 100. */
  pageSize?: number;
  /**
   * Pages of an orders walk requested at once, 1..4: the one written next and those after it, so
   * the service's time per page hides behind our writes. Default 2; 1 is one request at a time.
   */
  pagesInFlight?: number;
  /**
   * How far below the last pass's upper bound an incremental walk starts, for clock skew between
   * us and the API and for orders that become visible late. Default 15 minutes.
   */
  overlapMs?: number;
  /** Sync lock lifetime without a heartbeat. Default 60 s. */
  lockTtlMs?: number;
  /** Wait this long for another sync to finish before failing with SyncLockedError. Default 0. */
  lockWaitMs?: number;
}

export const DEFAULT_LOOKBACK_DAYS = 7;
export const DEFAULT_PAGE_SIZE = 100;
export const DEFAULT_PAGES_IN_FLIGHT = 2;
export const DEFAULT_OVERLAP_MS = 15 * 60_000;
