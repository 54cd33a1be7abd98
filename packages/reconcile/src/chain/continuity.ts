/**
 * Every transaction names its account's previous one (`prev_trans_lt`, `prev_trans_hash`), so a
 * history read newest first must link up: each transaction is the previous one's predecessor, the
 * oldest read links to the stored cursor, or to nothing (lt 0) at the start of the account. A page
 * that breaks the chain, or a history that stops before the cursor or the start, is a gap the TON
 * API left: retried, and never allowed to move the cursor.
 */
import type { Transaction } from "@ton/core";
import type { TransactionId } from "./chain-source.js";

/** The API served a history that does not link up (a transaction left out, another network, …). */
export class ChainGapError extends Error {
  override name = "ChainGapError";
}

export interface PageCheck {
  /** Transactions newer than the cursor, newest first, each linked to the next. */
  fresh: Transaction[];
  /** The walk is complete: it reached the cursor, or the start of the account's history. */
  done: boolean;
  /** What the next (older) page must start with: the oldest fresh transaction's predecessor. */
  next: TransactionId | null;
  /** The oldest fresh transaction (where the next page starts below). */
  oldest: TransactionId | null;
}

const ZERO_HASH = "0".repeat(64);

export function idOf(tx: Transaction): TransactionId {
  return { lt: tx.lt, hash: tx.hash().toString("hex") };
}

export function prevOf(tx: Transaction): TransactionId {
  return { lt: tx.prevTransactionLt, hash: tx.prevTransactionHash.toString(16).padStart(64, "0") };
}

const same = (a: TransactionId, b: TransactionId) => a.lt === b.lt && a.hash === b.hash;
const short = (id: TransactionId) => `lt ${id.lt} (${id.hash.slice(0, 8)}…)`;

/**
 * Checks one page (newest first) against what the walk expects next (`expected`: null for the
 * first page) and the stored cursor. Throws `ChainGapError` for a page that does not link up.
 */
export function checkPage(
  page: readonly Transaction[],
  expected: TransactionId | null,
  cursor: TransactionId | null,
): PageCheck {
  let want = expected;
  let oldest: TransactionId | null = null;
  const fresh: Transaction[] = [];
  for (const tx of page) {
    const id = idOf(tx);
    if (want && !same(id, want)) {
      throw new ChainGapError(`the history skips from ${short(want)} to ${short(id)}: a transaction was left out`);
    }
    if (cursor && id.lt <= cursor.lt) {
      if (same(id, cursor)) return { fresh, done: true, next: null, oldest };
      throw new ChainGapError(`the stored cursor ${short(cursor)} is not in the history served (found ${short(id)})`);
    }
    fresh.push(tx);
    oldest = id;
    want = prevOf(tx);
  }
  if (want === null) {
    if (cursor) throw new ChainGapError(`no transactions were served, although ${short(cursor)} is stored`);
    return { fresh, done: true, next: null, oldest };
  }
  if (cursor && same(want, cursor)) return { fresh, done: true, next: null, oldest };
  if (want.lt === 0n && want.hash === ZERO_HASH) {
    if (cursor) throw new ChainGapError(`the history ends without the stored cursor ${short(cursor)}`);
    return { fresh, done: true, next: null, oldest };
  }
  if (cursor && want.lt < cursor.lt) {
    throw new ChainGapError(
      `the history passes the stored cursor ${short(cursor)} without it (next is ${short(want)})`,
    );
  }
  if (fresh.length === 0) {
    throw new ChainGapError(`nothing older was served, although the history continues at ${short(want)}`);
  }
  return { fresh, done: false, next: want, oldest };
}
