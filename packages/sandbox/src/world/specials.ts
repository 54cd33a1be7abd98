/**
 * Which orders are planted or tricky: the roles are listed per zone, then dealt onto random order
 * indexes of that zone (a partial Fisher–Yates over a sparse view, so a million-order world does
 * not allocate an index array per zone).
 */
import type { Random } from "../random.js";
import type { ResolvedWorldOptions } from "./options.js";
import { PLANTED_ORDER_KINDS, type PlantedOrderKind } from "./planted-orders.js";
import type { Timeline, ZoneNeeds } from "./timeline.js";
import { ORDER_TRICKY_KINDS, ORDERS_PER_TRICKY, type OrderTrickyKind } from "./tricky-orders.js";

export type Special =
  | { kind: "planted"; finding: PlantedOrderKind; variant: number }
  | { kind: "tricky"; tricky: OrderTrickyKind; variant: number };

export interface SpecialSlots {
  A: Special[];
  B1: Special[];
  B2: Special[];
}

export function listSpecials(options: ResolvedWorldOptions): SpecialSlots {
  const slots: SpecialSlots = { A: [], B1: [], B2: [] };
  for (const finding of PLANTED_ORDER_KINDS) {
    for (let k = 0; k < options.plant[finding]; k++) {
      // Every third balance_debit_mismatch is a debit naming no order: a ledger plant, no order.
      if (finding === "balance_debit_mismatch" && k % 3 === 2) continue;
      slots.A.push({ kind: "planted", finding, variant: k });
    }
  }
  for (const tricky of ORDER_TRICKY_KINDS) {
    const zone = tricky === "paid_pending_in_grace" ? "B2" : tricky === "paid_expired_in_grace" ? "B1" : "A";
    const count = options.tricky[tricky] * (ORDERS_PER_TRICKY[tricky] ?? 1);
    for (let k = 0; k < count; k++) slots[zone].push({ kind: "tricky", tricky, variant: k });
  }
  return slots;
}

export function needsOf(slots: SpecialSlots): ZoneNeeds {
  return { A: slots.A.length, B1: slots.B1.length, B2: slots.B2.length };
}

/** `count` distinct integers of [lo, hi), in random order. */
function sample(random: Random, count: number, lo: number, hi: number): number[] {
  const swapped = new Map<number, number>();
  const out: number[] = [];
  for (let k = 0; k < count; k++) {
    const j = random.int(lo + k, hi - 1);
    const atJ = swapped.get(j) ?? j;
    swapped.set(j, swapped.get(lo + k) ?? lo + k);
    out.push(atJ);
  }
  return out;
}

/** Order index → its special role. Order 0 stays ordinary when zone A has room to spare. */
export function dealSpecials(random: Random, slots: SpecialSlots, timeline: Timeline): Map<number, Special> {
  const dealt = new Map<number, Special>();
  const deal = (list: Special[], lo: number, hi: number) => {
    for (const [k, index] of sample(random, list.length, lo, hi).entries()) dealt.set(index, list[k]!);
  };
  deal(slots.A, timeline.b1 - 1 >= slots.A.length ? 1 : 0, timeline.b1);
  deal(slots.B1, timeline.b1, timeline.b2);
  deal(slots.B2, timeline.b2, timeline.orders);
  return dealt;
}
