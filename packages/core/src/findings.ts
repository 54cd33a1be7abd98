/** The findings of `docs/reconciliation.md`: kinds, severities and stable keys. */

export const SEVERITIES = ["critical", "warning", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Rank for comparisons: higher is more severe. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { critical: 3, warning: 2, info: 1 };

export const FINDING_SEVERITY = {
  missing_payment: "critical",
  unrecognized_payment: "critical",
  underpaid: "critical",
  overpaid: "warning",
  late_payment: "warning",
  duplicate_payment: "warning",
  tx_hash_mismatch: "warning",
  orphan_transfer: "warning",
  bounced_transfer: "info",
  balance_chain_break: "critical",
  balance_mismatch: "critical",
  topup_without_credit: "critical",
  credit_without_topup: "critical",
  balance_debit_mismatch: "critical",
  control_total_mismatch: "critical",
} as const satisfies Record<string, Severity>;

export type FindingKind = keyof typeof FINDING_SEVERITY;
export const FINDING_KINDS = Object.keys(FINDING_SEVERITY) as FindingKind[];

/** Kinds keyed by order id (`<kind>:<order_id>`). */
export const ORDER_FINDING_KINDS = [
  "missing_payment",
  "unrecognized_payment",
  "underpaid",
  "overpaid",
  "late_payment",
  "tx_hash_mismatch",
] as const satisfies readonly FindingKind[];

/** Kinds keyed by transaction hash (`<kind>:<hash hex>`). */
export const TRANSFER_FINDING_KINDS = [
  "duplicate_payment",
  "orphan_transfer",
  "bounced_transfer",
  "topup_without_credit",
] as const satisfies readonly FindingKind[];

export function severityOf(kind: FindingKind): Severity {
  return FINDING_SEVERITY[kind];
}

/** `--fail-on` threshold: a severity, or `never`. */
export type FailOn = Severity | "never";

export function atOrAbove(severity: Severity, threshold: FailOn): boolean {
  return threshold !== "never" && SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold];
}

/**
 * A finding as the matcher produces it and as `reconcile --json` prints it (amounts there as
 * decimal strings; here as nanotons).
 */
export interface Finding {
  key: string;
  kind: FindingKind;
  severity: Severity;
  order_id: number | null;
  payment_memo: string | null;
  /** 64 lowercase hex characters. */
  tx_hash: string | null;
  expected_nano: bigint | null;
  received_nano: bigint | null;
  /**
   * What is at stake, never negative (docs/reconciliation.md#findings): the price for a missing
   * payment or a named hash that is not its payment, the transfers' value for unrecognised, late,
   * orphan, bounced, duplicate and top-up findings, the difference for under/overpayments, ledger
   * breaks, balance and debit mismatches and control totals. Null only where nothing can say it (control
   * totals when the stats carry no volume). Not part of a finding's identity or resolution.
   */
  amount_nano: bigint | null;
  message: string;
  /** Extra facts an auditor may want (e.g. `memo_normalized`, `balance_tx_id`); plain JSON values. */
  details?: Record<string, string | number | boolean | null>;
}

export const findingKey = {
  order: (kind: FindingKind, orderId: number) => `${kind}:${orderId}`,
  transfer: (kind: FindingKind, hashHex: string) => `${kind}:${hashHex}`,
  balanceTx: (kind: "balance_chain_break" | "credit_without_topup", balanceTxId: number) => `${kind}:${balanceTxId}`,
  debitWithoutOrder: (balanceTxId: number) => `balance_debit_mismatch:btx-${balanceTxId}`,
  balanceMismatch: (lastBalanceTxId: number | null) => `balance_mismatch:${lastBalanceTxId ?? "none"}`,
  controlTotal: (fromDate: string, toDate: string) => `control_total_mismatch:${fromDate}..${toDate}`,
};
