/**
 * The ordinary life of an order, by zone: none of it produces a finding. Settled history is mostly
 * completed orders paid on time by one exact transfer; some expire or are cancelled unpaid, some
 * are paid from the balance (debited at creation, sometimes failed and refunded), a few are
 * refunded after payment. Recent orders are still open, or paid and on their way.
 */
import type { TransferBody } from "../ton/types.js";
import { TON, type WorldBuilder } from "./builder.js";
import { credit, markCancelled, markCompleted, markExpired, markPaid, onTimeSecond } from "./lifecycle.js";
import type { OrderFactory } from "./order-factory.js";
import { zoneOf } from "./timeline.js";

type Ordinary =
  | "completed"
  | "paid"
  | "processing"
  | "pending"
  | "expired"
  | "cancelled"
  | "refunded"
  | "balance"
  | "balance_refunded"
  | "balance_failed";

function pick(builder: WorldBuilder, index: number): Ordinary {
  // The first order is always an ordinary paid one, so even a tiny world watches a payment wallet.
  if (index === 0) return "completed";
  const r = builder.random.next();
  switch (zoneOf(builder.timeline, index)) {
    case "A":
      if (r < 0.8) return "completed";
      if (r < 0.88) return "expired";
      if (r < 0.91) return "cancelled";
      if (r < 0.92) return "refunded";
      if (r < 0.985) return "balance";
      return r < 0.995 ? "balance_refunded" : "balance_failed";
    case "B1":
      if (r < 0.7) return "completed";
      if (r < 0.9) return "expired";
      return r < 0.95 ? "cancelled" : "balance";
    case "B2":
      if (r < 0.45) return "pending";
      if (r < 0.6) return "paid";
      if (r < 0.7) return "processing";
      return r < 0.92 ? "completed" : "balance";
  }
}

/** Pays an order exactly and on time in one transfer and credits it (usually naming the hash). */
export function payOrdinary(builder: WorldBuilder, index: number): number {
  const order = builder.orders[index]!;
  const second = onTimeSecond(builder, order);
  const [event] = builder.pay(index, [order.price_nano], [second]);
  if (builder.random.chance(0.95)) credit(builder, index, event!);
  builder.lastOrdinaryPayment = event!;
  return second;
}

function debit(builder: WorldBuilder, index: number): void {
  const order = builder.orders[index]!;
  builder.ensureBalance(order.price_nano, order.created_at);
  builder.row(order.created_at, "order_debit", -order.price_nano, {
    orderId: order.id,
    description: `order ${order.id}`,
  });
}

/** Now and then the service adjusts the balance by hand (a goodwill credit, a fee correction). */
function maybeAdjust(builder: WorldBuilder, at: number): void {
  const { random } = builder;
  if (!random.chance(0.002)) return;
  const amount = BigInt(random.int(1, 5000)) * 1_000_000n;
  if (random.chance(0.5) && builder.balanceFloor - amount > 2n * TON) {
    builder.row(at, "adjustment", -amount, { description: "fee correction" });
  } else {
    builder.row(at, "adjustment", amount, { description: "goodwill credit" });
  }
}

export function ordinaryOrder(builder: WorldBuilder, factory: OrderFactory, index: number): void {
  const role = pick(builder, index);
  const balance = role === "balance" || role === "balance_refunded" || role === "balance_failed";
  const order = factory.make(index, { method: balance ? "balance" : "ton_memo" });
  const { random } = builder;
  const now = builder.timeline.now;
  switch (role) {
    case "completed":
      markCompleted(builder, order, payOrdinary(builder, index));
      break;
    case "paid":
    case "processing":
      markPaid(order, payOrdinary(builder, index));
      order.status = role;
      break;
    case "pending":
      break;
    case "expired":
      markExpired(order);
      break;
    case "cancelled":
      markCancelled(builder, order);
      break;
    case "refunded": {
      const paid = payOrdinary(builder, index);
      markPaid(order, paid);
      order.status = "refunded";
      order.updated_at = Math.min((paid + random.int(60, 1800)) * 1000, now - 1000);
      // The service sends the money back from its wallet: an external-in transaction there.
      const body: TransferBody = { kind: "none" };
      builder.events.add({ utime: order.updated_at / 1000, target: builder.wallet[index]!, from: -1, value: 0n, body });
      break;
    }
    case "balance":
      debit(builder, index);
      if (zoneOf(builder.timeline, index) === "B2" && random.chance(0.5)) markPaid(order, order.created_at / 1000);
      else markCompleted(builder, order, order.created_at / 1000);
      break;
    case "balance_refunded": {
      debit(builder, index);
      markPaid(order, order.created_at / 1000);
      const at = Math.min(order.created_at + random.int(60, 1200) * 1000, now - 1000);
      builder.row(at, "refund", order.price_nano, { orderId: order.id, description: `refund of order ${order.id}` });
      order.status = "refunded";
      order.updated_at = at;
      break;
    }
    case "balance_failed":
      debit(builder, index);
      markPaid(order, order.created_at / 1000);
      order.status = "failed";
      order.updated_at = order.created_at + random.int(30, 300) * 1000;
      break;
  }
  if (zoneOf(builder.timeline, index) === "A") maybeAdjust(builder, order.created_at);
}
