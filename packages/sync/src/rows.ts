import type { Balance, BalanceTransaction, Order } from "@omrecon/client";
import { rawAddressOrNull } from "@omrecon/core";
import type { NewBalanceSnapshotRow, NewBalanceTransactionRow, NewOrderRow } from "@omrecon/store";
import { storedTime, storedTimeOrNull } from "./stored-time.js";

/** Fields with a column of their own (or, for `*_ton`, an exact `*_nano` twin); the rest go to `extra`. */
const ORDER_FIELDS = new Set([
  "id",
  "status",
  "order_type",
  "stars_amount",
  "premium_months",
  "recipient_username",
  "price_ton",
  "price_nano",
  "payment_method",
  "payment_currency",
  "payment_address",
  "payment_memo",
  "client_reference",
  "tx_hash",
  "expires_at",
  "created_at",
  "updated_at",
  "paid_at",
  "completed_at",
]);

const BALANCE_TX_FIELDS = new Set([
  "id",
  "type",
  "amount_ton",
  "amount_nano",
  "balance_after_ton",
  "balance_after_nano",
  "order_id",
  "tx_hash",
  "description",
  "created_at",
]);

/** Unknown fields as JSON with sorted keys, so that an unchanged order gives the same text every time. */
export function extraJson(object: Record<string, unknown>, known: ReadonlySet<string>): string {
  if (!hasExtra(object, known)) return "{}";
  const extra: Record<string, unknown> = {};
  for (const key of Object.keys(object).sort()) {
    if (!known.has(key) && object[key] !== undefined) extra[key] = object[key];
  }
  return JSON.stringify(extra, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
}

/** Whether any unknown field holds a value: most orders have none, and sorting their keys is the cost. */
function hasExtra(object: Record<string, unknown>, known: ReadonlySet<string>): boolean {
  for (const key in object) {
    if (!known.has(key) && object[key] !== undefined && Object.hasOwn(object, key)) return true;
  }
  return false;
}

export function orderToRow(order: Order, syncedAt: string): NewOrderRow {
  return {
    id: order.id,
    status: order.status,
    order_type: order.order_type,
    stars_amount: order.stars_amount ?? null,
    premium_months: order.premium_months ?? null,
    recipient_username: order.recipient_username,
    price_nano: order.price_nano,
    payment_method: order.payment_method ?? null,
    payment_currency: order.payment_currency ?? null,
    payment_address: order.payment_address ?? null,
    payment_address_raw: rawAddressOrNull(order.payment_address),
    payment_memo: order.payment_memo ?? null,
    client_reference: order.client_reference ?? null,
    tx_hash: order.tx_hash ?? null,
    expires_at: storedTimeOrNull(order.expires_at),
    created_at: storedTime(order.created_at),
    updated_at: storedTimeOrNull(order.updated_at),
    paid_at: storedTimeOrNull(order.paid_at),
    completed_at: storedTimeOrNull(order.completed_at),
    extra: extraJson(order, ORDER_FIELDS),
    synced_at: syncedAt,
  };
}

export function balanceTransactionToRow(tx: BalanceTransaction, syncedAt: string): NewBalanceTransactionRow {
  return {
    id: tx.id,
    type: tx.type,
    amount_nano: tx.amount_nano,
    balance_after_nano: tx.balance_after_nano,
    order_id: tx.order_id ?? null,
    tx_hash: tx.tx_hash ?? null,
    description: tx.description ?? null,
    created_at: storedTime(tx.created_at),
    extra: extraJson(tx, BALANCE_TX_FIELDS),
    synced_at: syncedAt,
  };
}

export function balanceToSnapshot(balance: Balance, takenAt: string): NewBalanceSnapshotRow {
  return {
    taken_at: takenAt,
    balance_nano: balance.balance_nano,
    topup_address: balance.topup_address,
    topup_address_raw: rawAddressOrNull(balance.topup_address),
    currency: balance.currency,
    updated_at: storedTimeOrNull(balance.updated_at),
  };
}
