/** What a reconciliation run needs from outside, and what it returns. */
import type { FailOn, Finding, Logger } from "@omrecon/core";
import type { RunTotals, Store, StoreDb } from "@omrecon/store";
import type { MatchStats, MatchWindow, OrderMatch } from "../matcher/types.js";

/** What a chain read reports (`readNewTransfers` of src/chain returns this shape). */
export interface ChainReadResult {
  /** Anything but `ok` means some watched address was not read: matching would be unsound. */
  status: "ok" | "partial" | "failed" | "aborted";
  newTransfers: number;
  addresses?: readonly { address: string; status: string; error?: string }[];
}

/**
 * Reads what is new on chain for the given watched addresses (raw form) into `chain_transfers`,
 * incrementally (src/chain/); stops between addresses and pages once `signal` is aborted.
 */
export type ReadChain = (addresses: readonly string[], signal?: AbortSignal) => Promise<ChainReadResult>;

/**
 * `/orders/stats/summary` for a window (the control totals). An endpoint that is missing or answers
 * in an unexpected shape is not a failure (docs/partner-api.md#stats): return `{ stats: null,
 * warning }` and the run goes on without control totals, saying why once.
 */
export type FetchStats = (window: MatchWindow) => Promise<MatchStats | StatsUnavailable>;

/** Control totals could not be had; `warning` is the one line the run reports. */
export interface StatsUnavailable {
  stats: null;
  warning: string;
}

/** The slice of `@omrecon/cli`'s progress a run reports to. */
export interface RunProgress {
  update(label: string, done: number, total?: number, unit?: string): void;
  clear(): void;
}

export interface ReconcileContext {
  store: Store;
  /** Absent: match what is already stored (tests, offline re-runs). */
  readChain?: ReadChain;
  /** Absent: the control-total check is skipped, with a warning. */
  fetchStats?: FetchStats;
  /** Absent: no alerts (`@omrecon/ops`' `runAlerts` is the program's). */
  alerts?: RunAlerts;
  logger?: Logger;
  progress?: RunProgress;
  now?: () => Date;
  /**
   * SIGINT/SIGTERM (`stopOnSignals`' first stop): the run stops at the next safe point, is recorded
   * `interrupted` and throws `ReconcileInterruptedError`. Once applied, a run finishes (its alert too).
   */
  signal?: AbortSignal;
}

export interface ReconcileOptions {
  /** Inclusive. Default: 7 days before `to`. */
  from?: Date;
  /** Exclusive, and the run's as-of time. Default: now. */
  to?: Date;
  /** Default 0. */
  toleranceNano?: bigint;
  /** Default 30. */
  graceMinutes?: number;
  /** Only recorded with the run (the caller decides the exit status); default `warning`. */
  failOn?: FailOn;
  /** A mirror whose last complete sync pass started longer ago than this is incomplete. Default 26 h. */
  maxSyncAgeMs?: number;
}

/** A finding as a run lists it: open (not resolved at its current amounts). */
export interface ListedFinding extends Finding {
  /** First seen in this run, or re-opened in it. */
  new: boolean;
  first_seen_run: number;
  first_seen_at: string;
  /** New, but not alerted: the mirror was incomplete and this kind is one it can cause. */
  held_back: boolean;
}

export interface RunOutcome {
  runId: number;
  window: MatchWindow;
  asOf: string;
  totals: RunTotals;
  /** Open findings, newest knowledge first: new ones, then by first run (latest first), severity, key. */
  findings: ListedFinding[];
  /** Findings the run saw that an operator resolved at their current amounts. */
  resolved: number;
  /** Per-order facts of the window (the report's `paid_ton` and `reconciliation`). */
  orders: OrderMatch[];
  /** Findings open before this run that it covered and no longer found (now cleared). */
  cleared: Finding[];
  /** What became of the pending alerts after the run; null when no alerts are set up. */
  alerts: AlertDelivery | null;
  /** Why the mirror was incomplete (its findings of the kinds that can cause were not alerted), or null. */
  mirrorIncomplete: string | null;
  durationMs: number;
  /**
   * One line each, for what the run could not check or trust (stats endpoint missing, unknown
   * statuses seen, mirror incomplete, …): printed once on stderr and listed in `--json`.
   */
  warnings: string[];
}

/** What a run's applied result tells its alerts (docs/alerts.md#events-json). */
export interface AppliedRunFacts {
  runId: number;
  window: MatchWindow;
  asOf: string;
  totals: RunTotals;
  findings: readonly ListedFinding[];
  cleared: readonly Finding[];
}

/**
 * Where a run's alerts go: `record` runs inside the run's write transaction, so the alerts a
 * committed run owes are stored with it (an outbox) and a run that dies right after still has
 * them sent by the next; `deliver` runs after the commit and never throws.
 */
export interface RunAlerts {
  record(trx: StoreDb, run: AppliedRunFacts): Promise<void>;
  deliver(): Promise<AlertDelivery | null>;
}

/** The outcome of one round of alert delivery. */
export interface AlertDelivery {
  sent: number;
  failed: number;
  /** Still pending (retried by the next run with the same ids). */
  pending: number;
  expired: number;
  /** The first failure, one line naming the setting. */
  error: string | null;
}
