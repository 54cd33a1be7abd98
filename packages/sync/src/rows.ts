import type { Balance, BalanceTransaction, Order } from "@omrecon/client";
import { rawAddressOrNull } from "@omrecon/core";
import {
  type NewBalanceSnapshotRow,
  type NewBalanceTransactionRow,
  type NewOrderRow,
  ORDER_COLUMNS,
} from "@omrecon/store";
import { storedTime, storedTimeOrNull } from "./stored-time.js";

/**
 * How sync fills each column of the store's order declaration from the API's order, as one
 * function built once from that declaration: a plain object literal, as fast as a hand-written one
 * (a loop storing column by column cost three times as much: ~350 vs ~110 µs per 100-order page).
 * The names are the declaration's own identifiers, checked before they go into the source.
 */
const buildOrderRow = compileOrderRow();

function compileOrderRow(): (order: Order, syncedAt: string, h: RowHelpers) => NewOrderRow {
  const fields = Object.entries(ORDER_COLUMNS).map(([column, spec]) => {
    const from = "from" in spec ? spec.from : undefined;
    const name = typeof from === "object" ? from.rawAddressOf : column;
    for (const id of [column, name]) {
      if (!/^[a-z_][a-z0-9_]*$/.test(id)) throw new TypeError(`order column ${JSON.stringify(id)} is no identifier`);
    }
    const value =
      from === "unknown_fields"
        ? "h.extra(order)"
        : from === "sync_time"
          ? "syncedAt"
          : from !== undefined
            ? `h.raw(order.${name})`
            : spec.kind !== "time"
              ? `order.${name} ?? ${JSON.stringify("whenAbsent" in spec ? spec.whenAbsent : null)}`
              : "required" in spec
                ? `h.time(order.${name})`
                : `h.timeOrNull(order.${name})`;
    return `${column}: ${value}`;
  });
  return new Function("order", "syncedAt", "h", `return { ${fields.join(", ")} };`) as never;
}

interface RowHelpers {
  extra(order: Order): string;
  raw(address: unknown): string | null;
  time(value: unknown): string;
  timeOrNull(value: unknown): string | null;
}

const HELPERS: RowHelpers = {
  extra: (order) => extraJson(order, ORDER_FIELDS),
  raw: (address) => rawAddressOrNull(address as string | null | undefined),
  time: (value) => storedTime(value as string),
  timeOrNull: (value) => storedTimeOrNull(value as string | null | undefined),
};

/** API fields a column covers (its own name, or the one it is derived from, or a twin such as `price_ton`); the rest go to `extra`. */
const ORDER_FIELDS: ReadonlySet<string> = new Set(
  Object.entries(ORDER_COLUMNS).flatMap(([column, spec]) => {
    const from = "from" in spec ? spec.from : undefined;
    if (from === "unknown_fields" || from === "sync_time") return [];
    return [typeof from === "object" ? from.rawAddressOf : column, ...("covers" in spec ? spec.covers : [])];
  }),
);

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

/** The API's order as the store's row, column by column as the store declares them (ORDER_COLUMNS). */
export function orderToRow(order: Order, syncedAt: string): NewOrderRow {
  return buildOrderRow(order, syncedAt, HELPERS);
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
    // Every amount of the service is in TON (the page): the currency it does not name is TON.
    currency: balance.currency ?? "TON",
    updated_at: storedTimeOrNull(balance.updated_at),
  };
}
