/**
 * Orders paid from the partner balance against the ledger: each needs `order_debit` rows of
 * exactly its price, and each `order_debit` must name an order paid from balance.
 */
import { paidByMemo } from "@omrecon/client";
import { FINDING_SEVERITY, type Finding, findingKey, formatTon } from "@omrecon/core";
import { abs } from "./amount.js";
import type { MatchBalanceTransaction, MatchOrder } from "./types.js";

/** Statuses that mean the service took the money (a `failed` or `refunded` order was debited first). */
export const DEBITED_STATUSES: ReadonlySet<string> = new Set(["paid", "processing", "completed", "failed", "refunded"]);

/** Paid from the partner balance: `balance`, or no method and no memo (docs/partner-api.md#tolerance). */
export function isBalanceOrder(order: MatchOrder): boolean {
  if (order.payment_method === "balance") return true;
  return order.payment_method === null && !paidByMemo(order);
}

/** @param debits the `order_debit` rows naming this order */
export function orderDebitMismatch(order: MatchOrder, debits: readonly MatchBalanceTransaction[]): Finding | null {
  if (!isBalanceOrder(order) || !DEBITED_STATUSES.has(order.status)) return null;
  let debited = 0n;
  for (const d of debits) debited -= d.amount_nano;
  if (debited === order.price_nano) return null;
  const message =
    debits.length === 0
      ? `order ${order.id} is ${order.status} and paid from balance, but no order_debit names it`
      : `order ${order.id} costs ${formatTon(order.price_nano)} TON but its order_debit rows (${debits.map((d) => d.id).join(", ")}) take ${formatTon(debited)} TON`;
  return {
    key: findingKey.order("balance_debit_mismatch", order.id),
    kind: "balance_debit_mismatch",
    severity: FINDING_SEVERITY.balance_debit_mismatch,
    order_id: order.id,
    payment_memo: order.payment_memo,
    tx_hash: null,
    expected_nano: order.price_nano,
    received_nano: debited,
    amount_nano: abs(order.price_nano - debited),
    message,
    details: { balance_tx_ids: debits.map((d) => d.id).join(",") },
  };
}

/** A debit that names no order paid from balance: nothing was due, the ledger took `-amount`. */
export function debitWithoutOrder(row: MatchBalanceTransaction): Finding {
  const named =
    row.order_id == null ? "names no order" : `names order ${row.order_id}, which is not an order paid from balance`;
  return {
    key: findingKey.debitWithoutOrder(row.id),
    kind: "balance_debit_mismatch",
    severity: FINDING_SEVERITY.balance_debit_mismatch,
    // No order paid from balance stands behind it; the id it names is kept in the details.
    order_id: null,
    payment_memo: null,
    tx_hash: null,
    expected_nano: 0n,
    received_nano: -row.amount_nano,
    amount_nano: abs(row.amount_nano),
    message: `order_debit row ${row.id} of ${formatTon(-row.amount_nano)} TON ${named}`,
    details: { balance_tx_id: row.id, named_order_id: row.order_id },
  };
}
