/**
 * The ground truth a generated world carries: every finding a correct reconciler must report for
 * the world's whole window at as-of = the world's `now` with default options, and the tricky cases
 * that must produce none. Every field of an expected finding is pinned (null means "must be null");
 * the README's table says which value each kind carries.
 */
import type { Finding, FindingKind } from "@omrecon/core";

/** A finding's identity and amounts as the reconciler must report them (its message and details are free). */
export interface ExpectedFinding
  extends Pick<
    Finding,
    "key" | "kind" | "severity" | "order_id" | "payment_memo" | "tx_hash" | "expected_nano" | "received_nano"
  > {
  /** How the anomaly was planted (for people reading a failing test; not part of the contract). */
  planted: string;
}

export const TRICKY_KINDS = [
  "split_payment",
  "memo_case_whitespace",
  "memo_long_padding",
  "paid_at_expiry",
  "float_trap",
  "address_form",
  "hash_base64",
  "paid_pending_in_grace",
  "paid_expired_in_grace",
  "refunded_paid_on_chain",
  "returned_transfer",
  "zero_value_message",
  "aborted_kept_undeployed",
  "aborted_kept_bounce_unpaid",
  "external_in_on_wallet",
  "bounce_unwatched",
  "unknown_status",
  "formula_reference",
] as const;
export type TrickyKind = (typeof TRICKY_KINDS)[number];

/** A case that looks suspicious but must produce no finding. */
export interface TrickyCase {
  kind: TrickyKind;
  /** What exactly is tricky about it. */
  note: string;
  order_id: number | null;
  /** The transactions involved, 64 lowercase hex. */
  tx_hashes: string[];
}

export interface GroundTruth {
  /** Sorted by key. */
  findings: ExpectedFinding[];
  tricky: TrickyCase[];
  /** The reconcile window the truth is valid for: `from` inclusive, `to` exclusive (ISO 8601 UTC). */
  window: { from: string; to: string };
  /** The run's as-of time (= `window.to`). */
  asOf: string;
  graceMinutes: 30;
  toleranceNano: 0n;
  /** How many findings of each kind (every kind present, 0 when none). */
  counts: Record<FindingKind, number>;
}
