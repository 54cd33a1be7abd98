import { readFileSync } from "node:fs";
import { join } from "node:path";
import { testDatabase } from "@omrecon/store/testing";
import Papa from "papaparse";
import { expect, it } from "vitest";
import { reportPeriod, writeReports } from "../src/index.js";
import { describeEachDialect, tempDir } from "./fixture.js";
import { everyKind, reconciledWorld } from "./world-harness.js";

const records = (dir: string, file: string) =>
  Papa.parse<Record<string, string>>(readFileSync(join(dir, file), "utf8"), { header: true, skipEmptyLines: true })
    .data;

describeEachDialect("--period last-month --tz Europe/Berlin on a world across the change to summer time", (dialect) => {
  it("reports the 31 days of March in Berlin, the short one included, every order on its local day", async () => {
    const now = Date.parse("2026-04-02T10:00:00Z");
    const w = await reconciledWorld(
      { seed: 21, orders: 1200, days: 40, now, plant: everyKind(1), tricky: true },
      dialect,
    );
    try {
      const period = reportPeriod(
        { period: "last-month" },
        { timeZone: "Europe/Berlin", now: new Date(now), parseWindow: () => ({ from: new Date(0), to: new Date(0) }) },
      );
      expect([period.from.toISOString(), period.to.toISOString()]).toEqual([
        "2026-02-28T23:00:00.000Z",
        "2026-03-31T22:00:00.000Z",
      ]);
      const out = tempDir();
      const result = await writeReports(
        { store: w.store },
        { out, window: period, periodName: period.name, timeZone: "Europe/Berlin", formats: ["csv"] },
      );
      const march = Array.from({ length: 31 }, (_, i) => `2026-03-${String(i + 1).padStart(2, "0")}`);
      expect(result.summary.period.days).toEqual(march);
      expect(result.summary.partial_days).toEqual([]);
      const orders = records(out, "orders.csv");
      const inPeriod = await testDatabase(w.store)
        .db.selectFrom("orders")
        .select((eb) => eb.fn.countAll<bigint>().as("n"))
        .where("created_at", ">=", period.from.toISOString())
        .where("created_at", "<", period.to.toISOString())
        .executeTakeFirstOrThrow();
      expect(BigInt(orders.length)).toBe(inPeriod.n);
      expect(orders.length).toBeGreaterThan(800);
      // Each order on the day its Berlin wall clock shows, and the days' counts add up to it.
      const perDay = new Map<string, number>();
      for (const o of orders)
        perDay.set(o.created_at_local!.slice(0, 10), (perDay.get(o.created_at_local!.slice(0, 10)) ?? 0) + 1);
      const daily = records(out, "daily_summary.csv");
      for (const date of march) {
        const counted = daily.filter((r) => r.date === date).reduce((n, r) => n + Number(r.orders), 0);
        expect(counted, date).toBe(perDay.get(date) ?? 0);
      }
      expect([...perDay.keys()].every((d) => d.startsWith("2026-03-"))).toBe(true);
      // Around the change: 00:30 UTC on the 29th is 01:30 CET, 01:30 UTC is 03:30 CEST.
      const local = (utc: string) => orders.find((o) => o.created_at_utc === utc)?.created_at_local;
      for (const o of orders.filter((r) => r.created_at_utc!.startsWith("2026-03-29 0"))) {
        const hour = Number(o.created_at_utc!.slice(11, 13));
        expect(Number(o.created_at_local!.slice(11, 13)), o.created_at_utc).toBe(hour < 1 ? hour + 1 : hour + 2);
      }
      expect(local("nothing")).toBeUndefined();
      expect(result.summary.bridge.checked).toBe(true);
    } finally {
      await w.close();
    }
  }, 180_000);
});
