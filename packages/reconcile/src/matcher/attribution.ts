/**
 * Which order each valid transfer pays. A transfer pays the order whose memo its comment equals
 * (trimmed; case folding allowed and recorded), into that order's payment address. Every order in
 * the mirror claims transfers, not only those of the window, so that a late payment of an older
 * order is never taken for an orphan.
 */
import { foldedClaimants, MemoIndex } from "./memo-index.js";
import { idSlot, type OrdersById } from "./orders-by-id.js";
import { byLt } from "./transfers.js";
import type { MatchTransfer } from "./types.js";

/** An order's transfers: most orders have one, kept bare rather than in an array of its own. */
export type Paid = MatchTransfer | MatchTransfer[];

export interface Attribution {
  /** By the position standing for each order id (`idSlot`): its transfers, in `lt` order when several. */
  paid: (Paid | undefined)[];
  /** Transfers whose comment needed case folding to equal the memo of the order they pay. */
  folded: Set<MatchTransfer>;
  /** Valid transfers into a payment address that pay no order (no comment included). */
  unclaimed: MatchTransfer[];
}

/**
 * @param orders every order (payment addresses in any form)
 * @param transfers valid transfers into payment addresses (not the top-up address), raw addresses
 */
export function attribute(orders: OrdersById, transfers: readonly MatchTransfer[]): Attribution {
  const index = new MemoIndex(orders.list);
  // Each transfer's order (a position in orders.list), or -1: exact matches first, then the rest folded.
  const claimant = new Int32Array(transfers.length).fill(-1);
  const left: { comment: string; address: string; k: number }[] = [];
  for (let k = 0; k < transfers.length; k++) {
    const t = transfers[k]!;
    const comment = t.comment?.trim() ?? "";
    if (comment === "") continue;
    claimant[k] = index.exactClaimant(comment, t.address);
    if (claimant[k]! < 0) left.push({ comment, address: t.address, k });
  }
  const folded = new Set<MatchTransfer>();
  const byFolding = foldedClaimants(orders.list, left);
  for (let j = 0; j < left.length; j++) {
    if (byFolding[j]! < 0) continue;
    claimant[left[j]!.k] = byFolding[j]!;
    folded.add(transfers[left[j]!.k]!);
  }

  const paid: (Paid | undefined)[] = new Array(orders.list.length).fill(undefined);
  const unclaimed: MatchTransfer[] = [];
  for (let k = 0; k < transfers.length; k++) {
    const t = transfers[k]!;
    if (claimant[k]! < 0) {
      unclaimed.push(t);
      continue;
    }
    const slot = idSlot(orders, claimant[k]!);
    const before = paid[slot];
    if (before === undefined) paid[slot] = t;
    else if (Array.isArray(before)) before.push(t);
    else paid[slot] = [before, t];
  }
  // Each order's few transfers in time order; sorting these is far cheaper than sorting them all.
  for (const p of paid) if (Array.isArray(p)) p.sort(byLt);
  return { paid, folded, unclaimed };
}
