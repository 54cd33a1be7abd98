import type { Order } from "@omrecon/client";
import { toStoredTime } from "@omrecon/core";
import { describe, expect, it } from "vitest";
import { orderToRow } from "../src/index.js";

const order = {
  id: 10_421,
  status: "paid",
  order_type: "stars",
  stars_amount: 100,
  premium_months: null,
  recipient_username: "pandus",
  price_ton: 0.418,
  price_nano: 418_000_000n,
  payment_method: "ton_memo",
  payment_currency: "TON",
  payment_address: "UQBFJTkJ5hZdH7i6rWQTnm43zn6h2dPBV9lFZ2e98WvWABy_",
  payment_memo: "STARS-a1b2c3",
  client_reference: null,
  tx_hash: null,
  expires_at: "2026-04-16T12:15:00Z",
  created_at: "2026-04-16T12:00:00Z",
  updated_at: null,
  paid_at: "2026-04-16T12:01:00Z",
  completed_at: null,
} as unknown as Order;

const SYNCED_AT = "2026-04-17T00:00:00.000Z";

describe("orderToRow", () => {
  it("stores every form of time the API may send exactly as core's toStoredTime does", () => {
    for (const time of [
      "2026-04-16T12:00:00Z",
      "2026-04-16T12:00:00.123Z",
      "2024-02-29T23:59:59Z",
      "2026-04-16T14:00:00+02:00",
      "2026-04-16T12:00:00.5Z",
    ]) {
      const row = orderToRow({ ...order, created_at: time, paid_at: time }, SYNCED_AT);
      expect(row.created_at, time).toBe(toStoredTime(time));
      expect(row.paid_at, time).toBe(toStoredTime(time));
    }
    // What core's strict reader refuses never reaches a row (the client refuses the answer first).
    for (const time of [
      "yesterday",
      "2026-02-30T00:00:00Z",
      "2026-04-16T24:00:00Z",
      "2026-04-16",
      "Thu, 16 Apr 2026 12:00:00 GMT",
    ]) {
      expect(() => orderToRow({ ...order, created_at: time }, SYNCED_AT), time).toThrow(RangeError);
    }
    expect(orderToRow({ ...order, expires_at: "" as unknown as null }, SYNCED_AT).expires_at).toBeNull();
  });

  it("keeps unknown fields as sorted JSON, and writes {} when there are none", () => {
    expect(orderToRow(order, SYNCED_AT).extra).toBe("{}");
    const extended = { ...order, zeta: 1n, channel: "api", gone: undefined, promo: null } as Order;
    expect(orderToRow(extended, SYNCED_AT).extra).toBe('{"channel":"api","promo":null,"zeta":"1"}');
    expect(orderToRow({ ...order, gone: undefined } as Order, SYNCED_AT).extra).toBe("{}");
  });
});
