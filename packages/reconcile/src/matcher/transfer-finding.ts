import { FINDING_SEVERITY, type Finding, findingKey } from "@omrecon/core";
import type { MatchTransfer } from "./types.js";

/**
 * A finding about one transfer that pays no order (docs/reconciliation.md#findings): keyed by its
 * hash, with the transfer's value at stake and no order, memo or expected amount.
 */
export function transferFinding(
  kind: "orphan_transfer" | "bounced_transfer" | "topup_without_credit",
  t: MatchTransfer,
  message: string,
  details: NonNullable<Finding["details"]>,
): Finding {
  return {
    key: findingKey.transfer(kind, t.hash),
    kind,
    severity: FINDING_SEVERITY[kind],
    order_id: null,
    payment_memo: null,
    tx_hash: t.hash,
    expected_nano: null,
    received_nano: null,
    amount_nano: t.value_nano,
    message,
    details,
  };
}
