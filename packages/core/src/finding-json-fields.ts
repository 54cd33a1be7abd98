/**
 * The facts of a finding as every JSON document carries them, in this order: `reconcile --json`,
 * `findings --json` and the alert events (docs/cli.md#reconcile---json, docs/cli.md#history-runs-findings-alerts,
 * docs/alerts.md#events-json). Amounts are decimal strings of integer nanotons, so no reader loses a digit.
 */

/** A finding's facts as the matcher, a run's list or a stored row hold them (a stored row's ids are bigint). */
export interface FindingFactsSource<S extends string = string> {
  key: string;
  kind: string;
  severity: S;
  order_id: number | bigint | null;
  payment_memo: string | null;
  tx_hash: string | null;
  expected_nano: bigint | null;
  received_nano: bigint | null;
  amount_nano: bigint | null;
}

export interface FindingJsonFields<S extends string = string> {
  key: string;
  kind: string;
  severity: S;
  order_id: number | null;
  payment_memo: string | null;
  tx_hash: string | null;
  expected_nano: string | null;
  received_nano: string | null;
  /** What is at stake, decimal nanotons (docs/reconciliation.md#findings). */
  amount_nano: string | null;
}

export function findingJsonFields<S extends string>(f: FindingFactsSource<S>): FindingJsonFields<S> {
  return {
    key: f.key,
    kind: f.kind,
    severity: f.severity,
    order_id: f.order_id === null ? null : Number(f.order_id),
    payment_memo: f.payment_memo,
    tx_hash: f.tx_hash,
    expected_nano: f.expected_nano?.toString() ?? null,
    received_nano: f.received_nano?.toString() ?? null,
    amount_nano: f.amount_nano?.toString() ?? null,
  };
}
