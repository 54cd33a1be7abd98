/**
 * The covering-set rule: an order's transfers are summed in `lt` order until the price is reached
 * (within tolerance); that prefix pays the order and every later transfer is a duplicate, never
 * part of any other sum.
 */
import type { MatchTransfer } from "./types.js";

export interface Covering {
  /** How many transfers, from the first, the covering set holds: all of them when the price is never reached. */
  size: number;
  /** Sum of the covering set. */
  coveredNano: bigint;
  paidInFull: boolean;
  /** The transfer that reached the price; null when it was never reached. */
  completing: MatchTransfer | null;
}

/** @param paid the order's transfers, already in `lt` order */
export function coveringSet(paid: readonly MatchTransfer[], priceNano: bigint, toleranceNano: bigint): Covering {
  const due = toleranceNano === 0n ? priceNano : priceNano - toleranceNano;
  let sum = 0n;
  for (let i = 0; i < paid.length; i++) {
    const t = paid[i]!;
    sum = i === 0 ? t.value_nano : sum + t.value_nano;
    if (sum >= due) return { size: i + 1, coveredNano: sum, paidInFull: true, completing: t };
  }
  return { size: paid.length, coveredNano: sum, paidInFull: false, completing: null };
}
