/**
 * Which order a transfer's comment pays. A comment matches a memo when both, trimmed, are equal
 * ("exact") or equal once upper-cased ("folded"); an exact match wins, then the lowest id, and an
 * order with a payment address only takes transfers into that address.
 *
 * Orders are known by their position in a list sorted by id, so the lowest position is the lowest
 * id. Almost every comment equals its memo exactly, so the index holds trimmed memos as they are;
 * the few comments left over are folded together, in one pass over the orders (`foldedClaimants`),
 * rather than by indexing an upper-cased copy of every memo.
 */
import { memoKey } from "@omrecon/core";
import { rawAddressOrNull } from "./address.js";
import type { MatchOrder } from "./types.js";

/** One position, or several sharing a memo (ascending). */
type Slot = number | number[];

export class MemoIndex {
  private readonly exact = new Map<string, Slot>();

  /** @param orders sorted by id; orders without a memo (after trimming) are paid by no comment */
  constructor(private readonly orders: readonly MatchOrder[]) {
    // One `set` per order, from the last: the lowest position is written last and stays. A memo
    // already there (the map did not grow) is shared, and only those are gathered again, in order.
    let shared: Set<string> | null = null;
    for (let i = orders.length - 1; i >= 0; i--) {
      const key = memoOf(orders[i]!);
      if (key === null) continue;
      const size = this.exact.size;
      this.exact.set(key, i);
      if (this.exact.size === size) (shared ??= new Set()).add(key);
    }
    if (shared === null) return;
    const lists = new Map<string, number[]>();
    for (let i = 0; i < orders.length; i++) {
      const key = memoOf(orders[i]!);
      if (key === null || !shared.has(key)) continue;
      const list = lists.get(key);
      if (list) list.push(i);
      else lists.set(key, [i]);
    }
    for (const [key, list] of lists) this.exact.set(key, list);
  }

  /**
   * The position of the lowest-id order whose memo equals `comment`, taking transfers into
   * `address` (raw); -1 for none.
   * @param comment trimmed, not empty
   */
  exactClaimant(comment: string, address: string): number {
    const slot = this.exact.get(comment);
    if (slot === undefined) return -1;
    if (typeof slot === "number") return takes(this.orders[slot]!, address) ? slot : -1;
    for (const i of slot) if (takes(this.orders[i]!, address)) return i;
    return -1;
  }
}

/** The order's memo, trimmed; null when it has none (a comment never pays it then). */
function memoOf(order: MatchOrder): string | null {
  const memo = order.payment_memo;
  if (memo == null) return null;
  const key = memo.trim();
  return key === "" ? null : key;
}

/**
 * For comments that matched no memo exactly: the position of the lowest-id order whose memo equals
 * each once both are upper-cased, taking transfers into its address; -1 for none.
 *
 * @param orders sorted by id
 * @param left trimmed, non-empty comments with the raw address each came into
 */
export function foldedClaimants(
  orders: readonly MatchOrder[],
  left: readonly { comment: string; address: string }[],
): Int32Array {
  const out = new Int32Array(left.length).fill(-1);
  if (left.length === 0) return out;
  const wanted = new Map<string, number[]>();
  for (const { comment } of left) wanted.set(memoKey(comment), []);
  for (let i = 0; i < orders.length; i++) {
    const memo = orders[i]!.payment_memo;
    if (memo == null) continue;
    wanted.get(memoKey(memo))?.push(i);
  }
  for (let j = 0; j < left.length; j++) {
    const { comment, address } = left[j]!;
    for (const i of wanted.get(memoKey(comment))!) {
      if (!takes(orders[i]!, address)) continue;
      out[j] = i;
      break;
    }
  }
  return out;
}

/** The order takes transfers into `address` (raw): it names that address in any form, or none. */
function takes(order: MatchOrder, address: string): boolean {
  const own = order.payment_address;
  // The common case, an address already in the transfer's raw form, needs no parsing.
  if (own === address) return true;
  const raw = rawAddressOrNull(own);
  return raw === null || raw === address;
}
