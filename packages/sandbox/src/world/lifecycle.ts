/** Status transitions the service would make, shared by ordinary, planted and tricky orders. */
import type { SandboxOrder } from "../model.js";
import type { WorldBuilder } from "./builder.js";

/** A payment delay in seconds, mostly early, always before expiry: within (0, 15 min). */
export function paymentDelay(builder: WorldBuilder): number {
  return 5 + Math.floor(builder.random.next() ** 2 * 835);
}

/** Latest second a payment of this order may take in its zone (never at or after `now`). */
export function payableUntil(builder: WorldBuilder, order: SandboxOrder): number {
  return Math.min(order.expires_at / 1000, builder.nowSec - 60);
}

/** The second an on-time single payment arrives. */
export function onTimeSecond(builder: WorldBuilder, order: SandboxOrder): number {
  const created = order.created_at / 1000;
  return Math.min(created + paymentDelay(builder), Math.max(created, payableUntil(builder, order)));
}

export function markPaid(order: SandboxOrder, second: number): void {
  order.status = "paid";
  order.paid_at = second * 1000;
  order.updated_at = order.paid_at;
}

/** Completion shortly after payment, never at or after the world's now. */
export function markCompleted(builder: WorldBuilder, order: SandboxOrder, paidSecond: number): void {
  order.status = "completed";
  order.paid_at = paidSecond * 1000;
  order.completed_at = Math.min(order.paid_at + builder.random.int(2, 120) * 1000, builder.timeline.now - 1000);
  order.updated_at = order.completed_at;
}

export function markExpired(order: SandboxOrder): void {
  order.status = "expired";
  order.updated_at = order.expires_at;
}

export function markCancelled(builder: WorldBuilder, order: SandboxOrder): void {
  order.status = "cancelled";
  const latest = Math.min(order.expires_at, builder.timeline.now) / 1000 - 1;
  order.updated_at = builder.random.int(order.created_at / 1000, Math.max(order.created_at / 1000, latest)) * 1000;
}

/** Sets the credited transaction (served in the order's hash form later). */
export function credit(builder: WorldBuilder, index: number, event: number): void {
  builder.credit[index] = event;
}
