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
import { memoKey, rawAddressOrNull } from "@omrecon/core";
import type { MatchOrder } from "./types.js";

export class MemoIndex {
  /**
   * Open addressing over the distinct memos: for each slot, 1 + the lowest position holding its
   * memo, 0 when empty. A table of numbers probed by our own hash of the memo: at a million orders,
   * a `Map` of a million strings costs several times more to fill, and as much to ask.
   */
  private readonly table: Int32Array;
  /** The hash of each slot's memo, so that a probe compares strings only when they may be equal. */
  private readonly hashes: Int32Array;
  private readonly mask: number;
  /** For a memo several orders share: every position holding it, ascending, by its lowest. */
  private shared: Map<number, number[]> | null = null;

  /** @param orders sorted by id; orders without a memo (after trimming) are paid by no comment */
  constructor(private readonly orders: readonly MatchOrder[]) {
    let size = 2;
    while (size < orders.length * 2) size *= 2;
    this.table = new Int32Array(size);
    this.hashes = new Int32Array(size);
    this.mask = size - 1;
    for (let i = 0; i < orders.length; i++) {
      const key = memoOf(orders[i]!);
      if (key === null) continue;
      const h = textHash(key);
      for (let s = h & this.mask; ; s = (s + 1) & this.mask) {
        const at = this.table[s]! - 1;
        if (at < 0) {
          this.table[s] = i + 1;
          this.hashes[s] = h;
          break;
        }
        if (this.hashes[s] !== h || memoOf(orders[at]!) !== key) continue;
        this.shared ??= new Map();
        const list = this.shared.get(at);
        if (list) list.push(i);
        else this.shared.set(at, [at, i]);
        break;
      }
    }
  }

  /**
   * The position of the lowest-id order whose memo equals `comment`, taking transfers into
   * `address` (raw); -1 for none.
   * @param comment trimmed, not empty
   */
  exactClaimant(comment: string, address: string): number {
    const h = textHash(comment);
    for (let s = h & this.mask; ; s = (s + 1) & this.mask) {
      const at = this.table[s]! - 1;
      if (at < 0) return -1;
      if (this.hashes[s] !== h || memoOf(this.orders[at]!) !== comment) continue;
      const list = this.shared?.get(at);
      if (list === undefined) return takes(this.orders[at]!, address) ? at : -1;
      for (const i of list) if (takes(this.orders[i]!, address)) return i;
      return -1;
    }
  }
}

/** FNV-1a over the code units, as a signed 32-bit integer: equal strings, equal hashes. */
function textHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h | 0;
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
  // A print of each ASCII key: an ASCII memo whose print is not among them can match none, and
  // costs no upper-cased copy (almost every memo of the mirror is such a memo).
  const prints = new Set<number>();
  for (const { comment } of left) {
    const key = memoKey(comment);
    wanted.set(key, []);
    const print = asciiFoldPrint(key);
    if (print >= 0) prints.add(print);
  }
  for (let i = 0; i < orders.length; i++) {
    const memo = orders[i]!.payment_memo;
    if (memo == null) continue;
    const print = asciiFoldPrint(memo.trim());
    if (print >= 0 && !prints.has(print)) continue;
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

/**
 * A number that ASCII text shares with its upper-cased form (FNV-1a over the code units, a-z
 * counted as A-Z), or -1 when the text is not ASCII: upper-casing other text can change its length.
 */
export function asciiFoldPrint(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0x80) return -1;
    if (c >= 0x61 && c <= 0x7a) c -= 0x20;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The order takes transfers into `address` (raw): it names that address in any form, or none. One
 * that names something that is no address takes none: its payments stay visible as findings.
 */
function takes(order: MatchOrder, address: string): boolean {
  const own = order.payment_address;
  // The common case, an address already in the transfer's raw form, needs no parsing.
  if (own === address || own === null || own.trim() === "") return true;
  return rawAddressOrNull(own) === address;
}
