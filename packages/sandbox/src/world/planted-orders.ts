/**
 * Orders planted to produce exactly one finding each. Every variant is chosen so that no other
 * rule of `docs/reconciliation.md` fires: an order that names a hash names one of its own valid
 * transfers unless the plant is about that hash, every payment is in settled history (older than
 * the grace at as-of), and nothing relies on a tolerance.
 */
import type { FindingKind } from "@omrecon/core";
import type { SandboxOrder } from "../model.js";
import type { WorldBuilder } from "./builder.js";
import { findingDraft } from "./drafts.js";
import { credit, markCancelled, markCompleted, markExpired, markPaid, onTimeSecond } from "./lifecycle.js";
import type { OrderFactory } from "./order-factory.js";

export const PLANTED_ORDER_KINDS = [
  "missing_payment",
  "unrecognized_payment",
  "underpaid",
  "overpaid",
  "late_payment",
  "duplicate_payment",
  "tx_hash_mismatch",
  "balance_debit_mismatch",
] as const satisfies readonly FindingKind[];
export type PlantedOrderKind = (typeof PLANTED_ORDER_KINDS)[number];

/** `count` distinct ascending seconds in [from, to]. */
export function secondsWithin(builder: WorldBuilder, count: number, from: number, to: number): number[] {
  const out: number[] = [];
  let lo = from;
  for (let k = 0; k < count; k++) {
    const s = builder.random.int(lo, Math.max(lo, to - (count - 1 - k)));
    out.push(s);
    lo = s + 1;
  }
  return out;
}

/** A share of `amount` between `lo` and `hi` percent, at least 1 nanoton and less than `amount`. */
export function share(builder: WorldBuilder, amount: bigint, lo: number, hi: number): bigint {
  const part = (amount * BigInt(builder.random.int(lo, hi))) / 100n;
  return part < 1n ? 1n : part >= amount ? amount - 1n : part;
}

function onTimeSeconds(builder: WorldBuilder, order: SandboxOrder, count: number): number[] {
  return secondsWithin(builder, count, order.created_at / 1000 + 1, order.expires_at / 1000);
}

function last<T>(items: readonly T[]): T {
  return items[items.length - 1]!;
}

const UNRECOGNIZED_STATUSES = ["expired", "cancelled", "failed", "pending_payment"] as const;

export function plantedOrder(
  builder: WorldBuilder,
  factory: OrderFactory,
  index: number,
  kind: PlantedOrderKind,
  v: number,
): void {
  const { random } = builder;
  const order = factory.make(index, { method: kind === "balance_debit_mismatch" ? "balance" : "ton_memo" });
  const price = order.price_nano;
  const push = (planted: string, fields: Parameters<typeof findingDraft>[2]) =>
    builder.findings.push(findingDraft(kind, planted, { order: index, ...fields }));

  switch (kind) {
    case "missing_payment": {
      // The service says paid but no transfer carries the memo; the order names no hash.
      const status = (["completed", "paid", "processing"] as const)[v % 3]!;
      const second = onTimeSecond(builder, order);
      if (status === "completed") markCompleted(builder, order, second);
      else {
        markPaid(order, second);
        order.status = status;
      }
      push(`status ${status}, no transfer`, {});
      break;
    }
    case "unrecognized_payment": {
      const status = UNRECOGNIZED_STATUSES[v % 4]!;
      const split = Math.floor(v / 4) % 2 === 1;
      const parts = split ? [share(builder, price, 20, 80)] : [price];
      if (split) parts.push(price - parts[0]!);
      const events = builder.pay(index, parts, onTimeSeconds(builder, order, parts.length));
      const paidAt = builder.events.utimeOf(last(events)) * 1000;
      if (status === "expired") markExpired(order);
      else if (status === "cancelled") markCancelled(builder, order);
      else if (status === "failed") {
        order.status = "failed";
        order.updated_at = paidAt + random.int(10, 600) * 1000;
      } else builder.neverExpire.push(order.id);
      push(`status ${status}, paid in full on time by ${parts.length} transfer(s)`, { event: last(events) });
      break;
    }
    case "underpaid": {
      const short = price - share(builder, price, 1, 30);
      const two = Math.floor(v / 2) % 2 === 1;
      const parts = two ? [share(builder, short, 20, 80)] : [short];
      if (two) parts.push(short - parts[0]!);
      const events = builder.pay(index, parts, onTimeSeconds(builder, order, parts.length));
      if (v % 2 === 0) markExpired(order);
      else {
        markCompleted(builder, order, builder.events.utimeOf(last(events)));
        credit(builder, index, last(events));
      }
      push(`${order.status}, ${parts.length} transfer(s) summing short`, {
        event: last(events),
        expected: price,
        received: short,
      });
      break;
    }
    case "overpaid": {
      const extra = share(builder, price, 1, 50);
      // Two transfers: the first short of the price, so the second (overshooting) is in the covering set.
      const first = price - share(builder, price, 10, 50);
      const parts = v % 2 === 0 ? [price + extra] : [first, price + extra - first];
      const events = builder.pay(index, parts, onTimeSeconds(builder, order, parts.length));
      markCompleted(builder, order, builder.events.utimeOf(last(events)));
      credit(builder, index, last(events));
      push(`covering set of ${parts.length} transfer(s) sums over the price`, {
        event: last(events),
        expected: price,
        received: price + extra,
      });
      break;
    }
    case "late_payment": {
      const variant = v % 3;
      const lateSecond = order.expires_at / 1000 + random.int(1, 600);
      let events: number[];
      if (variant === 2) {
        const first = share(builder, price, 20, 80);
        const early = onTimeSecond(builder, order);
        events = builder.pay(index, [first, price - first], [Math.min(early, lateSecond - 1), lateSecond]);
      } else events = builder.pay(index, [price], [lateSecond]);
      if (variant === 1) markExpired(order);
      else {
        markCompleted(builder, order, lateSecond);
        credit(builder, index, last(events));
      }
      push(variant === 2 ? "part on time, the rest late" : `one late transfer, status ${order.status}`, {
        event: last(events),
        expected: price,
        received: price,
      });
      break;
    }
    case "duplicate_payment": {
      const second = onTimeSecond(builder, order);
      const value = v % 2 === 0 ? price : share(builder, price, 10, 99);
      const dupSecond = second + random.int(30, 1800);
      const [paid, dup] = builder.pay(index, [price, value], [second, dupSecond]);
      markCompleted(builder, order, second);
      credit(builder, index, paid!);
      push(`a second transfer ${dupSecond - second}s after the covering one`, {
        event: dup!,
        expected: price,
        received: value,
      });
      break;
    }
    case "tx_hash_mismatch": {
      const second = onTimeSecond(builder, order);
      builder.pay(index, [price], [second]);
      markCompleted(builder, order, second);
      if (v % 2 === 1 && builder.lastOrdinaryPayment >= 0) {
        credit(builder, index, builder.lastOrdinaryPayment);
        push("names another order's payment", { event: builder.lastOrdinaryPayment });
      } else {
        const foreign = random.hex(64);
        builder.foreignTx.set(index, foreign);
        push("names a hash that is not on chain", { foreignHash: foreign });
      }
      break;
    }
    case "balance_debit_mismatch": {
      markCompleted(builder, order, order.created_at / 1000);
      if (v % 2 === 0) {
        push("balance order without a debit", { expected: price, received: 0n });
        break;
      }
      const delta = share(builder, price, 1, 20);
      const amount = Math.floor(v / 2) % 2 === 0 ? price + delta : price - delta;
      builder.ensureBalance(amount, order.created_at);
      builder.row(order.created_at, "order_debit", -amount, { orderId: order.id, description: `order ${order.id}` });
      push("debit of another amount than the price", { expected: price, received: amount });
      break;
    }
  }
}
