/**
 * When orders are created. Ids ascend with `created_at` (a real service assigns both at creation),
 * and the recent past is laid out in zones so that every case that depends on the grace period or
 * on an order still being open has a place of its own, whatever the size of the world:
 *
 *   A  [start, now − 60 min)      settled history: every planted anomaly lives here, so each
 *                                 payment in it is older than the 30-minute grace at as-of = now
 *   B1 [now − 25 min, now − 16 min) expired by now, yet every payment in it is within the grace
 *   B2 [now − 14 min, now − 2 min)  still open at now (expires_at > now)
 */
import type { Random } from "../random.js";

const MINUTE = 60_000;
export const ORDER_TTL_MS = 15 * MINUTE;
export type Zone = "A" | "B1" | "B2";

export interface ZoneNeeds {
  A: number;
  B1: number;
  B2: number;
}

export interface Timeline {
  start: number;
  now: number;
  /** Order index ranges: A = [0, b1), B1 = [b1, b2), B2 = [b2, orders). */
  b1: number;
  b2: number;
  orders: number;
  /** created_at of each order index, epoch ms on whole seconds, non-decreasing. */
  created: Float64Array;
  /** End (exclusive) of zone A. */
  settledBefore: number;
}

export function zoneOf(timeline: Timeline, index: number): Zone {
  return index < timeline.b1 ? "A" : index < timeline.b2 ? "B1" : "B2";
}

function spread(created: Float64Array, from: number, count: number, lo: number, hi: number, random: Random): void {
  const span = hi - lo;
  for (let k = 0; k < count; k++) {
    const at = lo + ((k + random.next()) / count) * span;
    created[from + k] = Math.floor(at / 1000) * 1000;
  }
}

export function createTimeline(random: Random, orders: number, days: number, now: number, needs: ZoneNeeds): Timeline {
  const start = now - Math.round(days * 24 * 60) * MINUTE;
  const span = now - start;
  const nB1 = Math.max(needs.B1, Math.round((orders * 9 * MINUTE) / span));
  const nB2 = Math.max(needs.B2, Math.round((orders * 12 * MINUTE) / span));
  const nA = orders - nB1 - nB2;
  if (nA < needs.A) {
    throw new RangeError(
      `a world of ${orders} orders is too small for what it must hold (${needs.A + needs.B1 + needs.B2} orders ` +
        "for planted findings and tricky cases); add orders, plant less, or pass tricky: false",
    );
  }
  const created = new Float64Array(orders);
  const settledBefore = now - 60 * MINUTE;
  spread(created, 0, nA, start, settledBefore, random);
  spread(created, nA, nB1, now - 25 * MINUTE, now - 16 * MINUTE, random);
  spread(created, nA + nB1, nB2, now - 14 * MINUTE, now - 2 * MINUTE, random);
  return { start, now, b1: nA, b2: nA + nB1, orders, created, settledBefore };
}
