import { sampleOrder } from "@omrecon/sandbox";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Fixture, MINUTE, startFixture, T0 } from "./sandbox-fixture.js";

let fx: Fixture;
beforeEach(async () => {
  fx = await startFixture(T0 + 10_000 * MINUTE);
});
afterEach(() => fx.close());

describe("walking pages while the list changes", () => {
  it("yields every order once when new orders arrive at the head mid-walk", async () => {
    for (let i = 0; i < 250; i++) fx.state.insertOrder(sampleOrder(1 + i, T0 + i * MINUTE));
    const seen: number[] = [];
    for await (const order of fx.client().orders.list()) {
      seen.push(order.id);
      if (seen.length === 50) {
        for (let j = 0; j < 30; j++) fx.state.insertOrder(sampleOrder(1000 + j, T0 + (500 + j) * MINUTE));
      }
    }
    expect(seen).toEqual(Array.from({ length: 250 }, (_, i) => 250 - i));
    // 280 rows by the second page: the 30 shifted rows were read again and dropped, not yielded twice.
    expect(fx.api.counters.requests("GET /orders")).toBe(3);
  });

  it("skips none when orders leave a filtered list mid-walk", async () => {
    for (let i = 0; i < 250; i++) fx.state.insertOrder(sampleOrder(1 + i, T0 + i * MINUTE, { status: "paid" }));
    const seen: number[] = [];
    for await (const order of fx.client().orders.list({ status: "paid" })) {
      seen.push(order.id);
      if (seen.length === 100) {
        // The first page's orders complete: every later order moves 40 places towards the head.
        for (const id of seen.slice(0, 40)) fx.state.setStatus(id, "completed");
      }
    }
    expect(seen.sort((a, b) => b - a)).toEqual(Array.from({ length: 250 }, (_, i) => 250 - i));
  });

  it("starts at a given offset and uses the given page size", async () => {
    for (let i = 0; i < 12; i++) fx.state.insertOrder(sampleOrder(1 + i, T0 + i * MINUTE));
    const seen: number[] = [];
    for await (const order of fx.client().orders.list({ offset: 5, limit: 3 })) seen.push(order.id);
    expect(seen).toEqual([7, 6, 5, 4, 3, 2, 1]);
    expect(fx.api.counters.requests("GET /orders")).toBe(3);
  });
});
