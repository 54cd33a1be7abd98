/**
 * Which order each valid transfer pays. A transfer pays the order whose memo its comment equals
 * (trimmed; case folding allowed and recorded), into that order's payment address. Every order in
 * the mirror claims transfers, not only those of the window, so that a late payment of an older
 * order is never taken for an orphan.
 */
import { matchMemo, memoKey } from "@omrecon/core";
import { byLt } from "./transfers.js";
import type { MatchOrder, MatchTransfer } from "./types.js";

export interface PaidTransfer {
  transfer: MatchTransfer;
  /** The comment needed case folding to equal the memo. */
  normalized: boolean;
}

export interface Attribution {
  /** Order id → its transfers in `lt` order. */
  byOrder: Map<number, PaidTransfer[]>;
  /** Valid transfers into a payment address that pay no order (no comment included). */
  unclaimed: MatchTransfer[];
}

/**
 * @param orders every order, payment addresses already in raw form
 * @param transfers valid transfers into payment addresses (not the top-up address), raw addresses
 */
export function attribute(orders: readonly MatchOrder[], transfers: readonly MatchTransfer[]): Attribution {
  const byMemo = new Map<string, MatchOrder[]>();
  for (const order of orders) {
    if (order.payment_memo == null || order.payment_memo.trim() === "") continue;
    const key = memoKey(order.payment_memo);
    const list = byMemo.get(key);
    if (list) list.push(order);
    else byMemo.set(key, [order]);
  }
  for (const list of byMemo.values()) list.sort((a, b) => a.id - b.id);

  const byOrder = new Map<number, PaidTransfer[]>();
  const unclaimed: MatchTransfer[] = [];
  for (const transfer of transfers) {
    const claim = transfer.comment == null ? null : claimant(byMemo.get(memoKey(transfer.comment)), transfer);
    if (!claim) {
      unclaimed.push(transfer);
      continue;
    }
    const paid = { transfer, normalized: claim.normalized };
    const list = byOrder.get(claim.order.id);
    if (list) list.push(paid);
    else byOrder.set(claim.order.id, [paid]);
  }
  // Each order's few transfers in time order; sorting these is far cheaper than sorting them all.
  for (const list of byOrder.values()) if (list.length > 1) list.sort((a, b) => byLt(a.transfer, b.transfer));
  return { byOrder, unclaimed };
}

/**
 * Among orders whose memo folds to the same key, an exact match wins over one that needs case
 * folding; ties go to the lowest id, so the choice is repeatable.
 */
function claimant(
  candidates: readonly MatchOrder[] | undefined,
  transfer: MatchTransfer,
): { order: MatchOrder; normalized: boolean } | null {
  if (!candidates) return null;
  let folded: MatchOrder | null = null;
  for (const order of candidates) {
    if (order.payment_address != null && order.payment_address !== transfer.address) continue;
    const how = matchMemo(transfer.comment, order.payment_memo);
    if (how === "exact") return { order, normalized: false };
    if (how === "normalized" && folded === null) folded = order;
  }
  return folded ? { order: folded, normalized: true } : null;
}
