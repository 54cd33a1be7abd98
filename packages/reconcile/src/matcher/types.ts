/**
 * The matcher's plain-data contract: everything it needs in, findings and per-order facts out.
 * Amounts are bigint nanotons, hashes 64 lowercase hex (other forms are converted on the way in),
 * times ISO 8601 strings except `utime` (unix seconds, as the chain gives it).
 */
import type { Finding, FindingKind } from "@omrecon/core";
import type { MatchBalance, MatchBalanceTransaction, MatchOrder, MatchTransfer } from "@omrecon/store";

/**
 * What the matcher reads from the mirror is declared once, in the store's read module for it
 * (`readMatchFacts`): an order, an incoming transfer with its transaction's facts, a ledger row.
 */
export type { MatchBalanceTransaction, MatchOrder, MatchTransfer } from "@omrecon/store";

/** `/orders/stats/summary` for the run's window: the control totals. */
export interface MatchStats {
  total_orders: number;
  by_status: Readonly<Record<string, number>>;
  /** `volume_ton` in nanotons (billed orders' prices), when the API sends it: a control total's amount. */
  volume_nano?: bigint | null;
}

export interface MatchWindow {
  /** Inclusive, ISO 8601. */
  from: string;
  /** Exclusive, ISO 8601. */
  to: string;
}

export interface MatchOptions {
  /** Widens "equal" for chain payments; 0 by default. */
  toleranceNano: bigint;
  /** A fully paid order still waiting for the service is only reported after this long. */
  graceMs: number;
}

export interface MatchInput {
  window: MatchWindow;
  /** The run's as-of instant (ISO 8601): `--to` when given, else now. */
  asOf: string;
  /** Every order in the mirror: the window is applied here, and memos outside it still claim transfers. */
  orders: readonly MatchOrder[];
  /** Every stored incoming message of every watched address. */
  transfers: readonly MatchTransfer[];
  /** Every balance transaction in the mirror. */
  balanceTransactions: readonly MatchBalanceTransaction[];
  /** The latest `/balance`; null when never fetched (no balance checks then). */
  balance: MatchBalance | null;
  /** Null when the control totals were not fetched (the check is skipped, not failed). */
  stats: MatchStats | null;
  options: MatchOptions;
}

/** What the report prints per order: `matched`, `unpaid`, or the order's most severe finding kind. */
export type Reconciliation = "matched" | "unpaid" | FindingKind;

/** What the matcher learnt about one order in the window. */
export interface OrderMatch {
  order_id: number;
  /** Hashes of the covering set, in `lt` order. */
  covering: string[];
  /** Sum of the covering set; null when no transfer carries the memo. */
  paid_nano: bigint | null;
  /** Hashes of transfers after the price was covered. */
  duplicates: string[];
  /** The covering set reached the price (within tolerance). */
  paid_in_full: boolean;
  /** The transfer that completed payment; null when not paid in full. */
  completing_tx_hash: string | null;
  /** At least one matched transfer needed case folding to match the memo. */
  memo_normalized: boolean;
  reconciliation: Reconciliation;
}

export interface MatchTotals {
  /** Orders created in the window. */
  orders: number;
  /** Valid transfers the run looked at: those paying orders of the window, and those received in it. */
  transfers: number;
  /** Orders of the window whose reconciliation is `matched`. */
  matched: number;
  findings: number;
}

export interface MatchResult {
  window: MatchWindow;
  asOf: string;
  /** Sorted by severity (most severe first), then key. Keys are unique. */
  findings: Finding[];
  /** One per order of the window, by id. */
  orders: OrderMatch[];
  /** Statuses of the window's orders that omrecon does not know, with their counts (handled as not settled). */
  unknownStatuses: Record<string, number>;
  totals: MatchTotals;
}
