import { formatTon, parseTon } from "@omrecon/core";
import { testDatabase } from "@omrecon/store/testing";
import { expect, it } from "vitest";
import { BridgeError, chainGap, ordersGap, writeReports } from "../src/index.js";
import { describeEachDialect, tempDir } from "./fixture.js";
import { everyKind, reconciledWorld } from "./world-harness.js";

describeEachDialect("the bridge over reconciled sandbox worlds", (dialect) => {
  it.each([1, 2, 3, "omrecon"])(
    "closes on every day and for the period in seed %s with every finding kind planted",
    async (seed) => {
      const w = await reconciledWorld({ seed, orders: 400, days: 7, plant: everyKind(2), tricky: true }, dialect);
      try {
        for (const timeZone of ["UTC", "Europe/Berlin", "Pacific/Kiritimati"]) {
          const result = await writeReports(
            { store: w.store },
            { out: tempDir(), window: w.window, timeZone, formats: ["csv"] },
          );
          const b = result.summary.bridge;
          expect(b.checked).toBe(true);
          for (const day of b.days) {
            expect(ordersGap(day.orders), `${timeZone} ${day.date} orders`).toBe(0n);
            expect(chainGap(day.chain), `${timeZone} ${day.date} chain`).toBe(0n);
          }
          // Each side is its own data: the planted money shows on both, and nothing is left over.
          expect(b.total.orders.shortfall_nano > 0n).toBe(true);
          expect(b.total.orders.excess_nano > 0n).toBe(true);
          expect(b.total.orders.from_balance_nano > 0n).toBe(true);
          expect(b.total.chain.duplicates_nano > 0n).toBe(true);
          expect(b.total.chain.orphans_nano > 0n).toBe(true);
          expect(b.total.chain.unbilled_nano > 0n).toBe(true);
          // The findings the world planted are the ones the period lists (all in the window).
          expect(result.summary.findings.in_period).toBe(w.run.findings.length);
        }
      } finally {
        await w.close();
      }
    },
    120_000,
  );

  it("closes for one day at a time too, counting payments that came after midnight for the evening's orders", async () => {
    // A fixed present: whether an evening's order is paid after midnight depends on where the world's
    // days fall (a world made at the wall clock's time failed this at 12:00 and 21:20 UTC, passed at
    // 00:00 and 06:00).
    const now = Date.parse("2026-04-16T00:00:00Z");
    const w = await reconciledWorld({ seed: 9, orders: 600, days: 4, plant: everyKind(1), tricky: true, now }, dialect);
    try {
      const start = Date.parse(w.window.from.toISOString().slice(0, 10));
      let crossed = 0;
      for (let day = start; day < w.window.to.getTime(); day += 86_400_000) {
        const window = {
          from: new Date(Math.max(day, w.window.from.getTime())),
          to: new Date(Math.min(day + 86_400_000, w.window.to.getTime())),
        };
        if (window.from >= window.to) continue;
        const result = await writeReports({ store: w.store }, { out: tempDir(), window, formats: ["csv"] });
        const total = result.summary.bridge.total;
        expect(chainGap(total.chain)).toBe(0n);
        // What arrived that day for the orders of other days is in the chain side, not the orders side.
        if (total.chain.covering_nano !== total.orders.received_nano) crossed += 1;
      }
      expect(crossed).toBeGreaterThan(0);
    } finally {
      await w.close();
    }
  }, 120_000);

  it("refuses to deliver a report whose orders side does not close, naming the day and the side", async () => {
    const w = await reconciledWorld({ seed: 5, orders: 300, days: 3, plant: { underpaid: 1 } }, dialect);
    try {
      // The mirror changes after the reconciliation: one matched order now costs a nanoton more.
      const order = await testDatabase(w.store)
        .db.selectFrom("orders as o")
        .innerJoin("order_matches as m", "m.order_id", "o.id")
        .select(["o.id", "o.created_at", "o.price_nano"])
        .where("m.reconciliation", "=", "matched")
        .where("o.status", "=", "completed")
        .where("o.payment_method", "=", "ton_memo")
        .orderBy("o.id")
        .executeTakeFirstOrThrow();
      await testDatabase(w.store)
        .db.updateTable("orders")
        .set({ price_nano: order.price_nano + 1n })
        .where("id", "=", order.id)
        .execute();
      const out = tempDir();
      const error = await writeReports({ store: w.store }, { out, window: w.window, formats: ["csv"] }).catch((e) => e);
      expect(error).toBeInstanceOf(BridgeError);
      const day = order.created_at.slice(0, 10);
      expect(error).toMatchObject({ day, side: "orders", exitCode: 2, code: "bridge_open" });
      expect(error.message).toContain(`for ${day} (orders side)`);
      expect(error.message).toContain(`0.000000001 TON unexplained; order ${order.id} differs from its price`);
      expect(error.message.split("\n")).toHaveLength(1);
    } finally {
      await w.close();
    }
  });

  it("refuses one whose chain side does not close: a payment nobody reconciled", async () => {
    const w = await reconciledWorld({ seed: 6, orders: 300, days: 3, plant: { orphan_transfer: 1 } }, dialect);
    try {
      const address = await testDatabase(w.store)
        .db.selectFrom("orders")
        .select("payment_address_raw")
        .where("payment_address_raw", "is not", null)
        .executeTakeFirstOrThrow();
      const at = Math.floor(w.window.to.getTime() / 1000) - 3600;
      await testDatabase(w.store)
        .db.insertInto("chain_transfers")
        .values({
          hash: "fe".repeat(32),
          lt: 1,
          utime: at,
          address: address.payment_address_raw!,
          source: null,
          value_nano: parseTon("2.5"),
          comment: "nobody knows",
          body_kind: "text",
          external: 0,
          bounced: 0,
          aborted: 0,
          sent_back: 0,
          read_at: "2026-04-17T00:00:00.000Z",
        })
        .execute();
      const error = await writeReports(
        { store: w.store },
        { out: tempDir(), window: w.window, formats: ["csv"] },
      ).catch((e) => e);
      const day = new Date(at * 1000).toISOString().slice(0, 10);
      expect(error).toMatchObject({ name: "BridgeError", day, side: "chain" });
      expect(error.message).toContain(
        `${formatTon(parseTon("2.5"))} TON that no order or finding accounts for (transfer ${"fe".repeat(32)})`,
      );
    } finally {
      await w.close();
    }
  });
});
