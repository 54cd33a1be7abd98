/**
 * Orders sorted by id, each known by its position. The store's ids are unique, but the matcher
 * takes any input: orders sharing an id share their transfers, as if keyed by id.
 */
import type { MatchOrder } from "./types.js";

export interface OrdersById {
  /** Sorted by id; orders sharing an id keep their input order. */
  list: readonly MatchOrder[];
  /** For each position, the first position holding the same id; null when every id is unique. */
  firstOfId: Int32Array | null;
}

export function ordersById(orders: readonly MatchOrder[]): OrdersById {
  // The store hands orders over by id already: checking that is cheaper than sorting.
  const list = isSortedById(orders) ? orders : orders.slice().sort((a, b) => a.id - b.id);
  let firstOfId: Int32Array | null = null;
  for (let i = 1; i < list.length; i++) {
    if (list[i]!.id !== list[i - 1]!.id) continue;
    firstOfId ??= Int32Array.from(list.keys());
    firstOfId[i] = firstOfId[i - 1]!;
  }
  return { list, firstOfId };
}

function isSortedById(orders: readonly MatchOrder[]): boolean {
  for (let i = 1; i < orders.length; i++) if (orders[i - 1]!.id > orders[i]!.id) return false;
  return true;
}

/** The position standing for the id of the order at `i`. */
export function idSlot(orders: OrdersById, i: number): number {
  return orders.firstOfId === null ? i : orders.firstOfId[i]!;
}
