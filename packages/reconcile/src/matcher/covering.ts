/**
 * The covering-set rule: an order's transfers are summed in `lt` order until the price is reached
 * (within tolerance); that prefix pays the order and every later transfer is a duplicate, never
 * part of any other sum.
 */
import type { PaidTransfer } from "./attribution.js";
import type { MatchTransfer } from "./types.js";

export interface Covering {
  /** The prefix that reaches the price, or every transfer when they never do. */
  covering: PaidTransfer[];
  /** Transfers after the price was reached. */
  duplicates: PaidTransfer[];
  /** Sum of the covering set. */
  coveredNano: bigint;
  paidInFull: boolean;
  /** The transfer that reached the price; null when it was never reached. */
  completing: MatchTransfer | null;
}

/** @param paid the order's transfers, already in `lt` order */
export function coveringSet(paid: readonly PaidTransfer[], priceNano: bigint, toleranceNano: bigint): Covering {
  const due = priceNano - toleranceNano;
  let sum = 0n;
  for (let i = 0; i < paid.length; i++) {
    const p = paid[i]!;
    sum += p.transfer.value_nano;
    if (sum >= due) {
      return {
        covering: paid.slice(0, i + 1),
        duplicates: paid.slice(i + 1),
        coveredNano: sum,
        paidInFull: true,
        completing: p.transfer,
      };
    }
  }
  return { covering: [...paid], duplicates: [], coveredNano: sum, paidInFull: false, completing: null };
}
