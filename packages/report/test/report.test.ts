import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { formatTon, parseTon, sumNano } from "@omrecon/core";
import type { Store } from "@omrecon/store";
import { legacyReportHandles } from "@omrecon/store";
import Papa from "papaparse";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  BALANCE_LEDGER_COLUMNS,
  DAILY_SUMMARY_COLUMNS,
  FINDINGS_COLUMNS,
  ORDERS_COLUMNS,
  writeReports,
} from "../src/index.js";
import { addFinding, addMatch, addOrder, addRun, tempDir, tempStore } from "./fixture.js";

const window = { from: new Date("2026-04-10T00:00:00Z"), to: new Date("2026-04-17T00:00:00Z") };

function read(dir: string, file: string): string[][] {
  const text = readFileSync(join(dir, file), "utf8");
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

function records(dir: string, file: string): Record<string, string>[] {
  const [header, ...rows] = read(dir, file);
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ""])));
}

let store: Store;
beforeEach(async () => {
  store = await tempStore();
});
afterEach(async () => {
  await store.close();
});

describe("writeReports", () => {
  it("writes all four files with cli.md's headers even when there is nothing to report", async () => {
    const out = tempDir();
    const result = await writeReports({ store }, { out, window });
    expect(result.files.map((f) => [f.file, f.rows])).toEqual([
      ["orders.csv", 0],
      ["daily_summary.csv", 0],
      ["findings.csv", 0],
      ["balance_ledger.csv", 0],
    ]);
    expect(read(out, "orders.csv")).toEqual([[...ORDERS_COLUMNS]]);
    expect(read(out, "daily_summary.csv")).toEqual([[...DAILY_SUMMARY_COLUMNS]]);
    expect(read(out, "findings.csv")).toEqual([[...FINDINGS_COLUMNS]]);
    expect(read(out, "balance_ledger.csv")).toEqual([[...BALANCE_LEDGER_COLUMNS]]);
    expect(readFileSync(join(out, "orders.csv"), "utf8")).toBe(`${ORDERS_COLUMNS.join(",")}\r\n`);
  });

  it("lists the window's orders with exact decimals and outside text neutralised but intact", async () => {
    const run = await addRun(store);
    const a = await addOrder(store, {
      price: "0.3",
      recipient_username: '=HYPERLINK("http://evil")',
      client_reference: 'inv, "42"\nsecond line — ünïcødé 🚀',
      created_at: "2026-04-12T08:00:00Z",
    });
    await addMatch(store, a, run, "0.3", "matched");
    const b = await addOrder(store, {
      price: "123456789.123456789",
      payment_memo: "-STARS",
      client_reference: "@ref",
      created_at: "2026-04-13T08:00:00.250Z",
      status: "pending_payment",
    });
    await addMatch(store, b, run, null, "unpaid");
    await addOrder(store, { created_at: "2026-04-09T23:59:59.999Z" }); // before the window
    await addOrder(store, { created_at: "2026-04-17T00:00:00Z" }); // `to` is exclusive
    const out = tempDir();
    const result = await writeReports({ store }, { out, window });
    expect(result.files[0]?.rows).toBe(2);
    const rows = records(out, "orders.csv");
    expect(rows.map((r) => r.order_id)).toEqual([String(a), String(b)]);
    expect(rows[0]).toMatchObject({
      created_at: "2026-04-12T08:00:00Z",
      price_ton: "0.3",
      paid_ton: "0.3",
      recipient_username: '\'=HYPERLINK("http://evil")',
      client_reference: 'inv, "42"\nsecond line — ünïcødé 🚀',
      reconciliation: "matched",
    });
    expect(rows[1]).toMatchObject({
      created_at: "2026-04-13T08:00:00.250Z",
      price_ton: "123456789.123456789",
      paid_ton: "",
      payment_memo: "'-STARS",
      client_reference: "'@ref",
      reconciliation: "unpaid",
    });
  });

  it("sums each day's billed_ton to the prices of its paid, processing and completed orders", async () => {
    const prices = ["0.1", "0.2", "0.418", "1.005", "7"];
    const statuses = ["completed", "paid", "processing", "expired", "completed"];
    for (let i = 0; i < prices.length; i++) {
      await addOrder(store, { price: prices[i]!, status: statuses[i]!, created_at: `2026-04-14T1${i}:00:00Z` });
    }
    await addOrder(store, {
      order_type: "premium",
      price: "5.5",
      status: "pending_payment",
      created_at: "2026-04-14T12:00:00Z",
    });
    const out = tempDir();
    await writeReports({ store }, { out, window });
    const rows = records(out, "daily_summary.csv");
    expect(rows).toEqual([
      {
        date: "2026-04-14",
        order_type: "premium",
        orders: "1",
        completed: "0",
        pending: "1",
        expired: "0",
        cancelled: "0",
        other: "0",
        stars: "0",
        premium_months: "3",
        billed_ton: "0",
        received_ton: "0",
        findings_critical: "0",
        findings_warning: "0",
      },
      expect.objectContaining({
        date: "2026-04-14",
        order_type: "stars",
        orders: "5",
        completed: "2",
        expired: "1",
        other: "2",
        stars: "500",
      }),
    ]);
    const billed = sumNano(["0.1", "0.2", "0.418", "7"].map((p) => parseTon(p)));
    expect(rows[1]?.billed_ton).toBe(formatTon(billed));
    expect(rows[1]?.billed_ton).toBe("7.718");
  });

  it("keeps amounts and sums beyond 2^53 nanotons exact", async () => {
    const run = await addRun(store);
    const prices = ["6000000.000000001", "6000000.000000002", "9007199.254740993", "0.000000001"];
    for (const [i, price] of prices.entries()) {
      const id = await addOrder(store, { price, stars_amount: 2 ** 52 + i, created_at: `2026-04-14T1${i}:00:00Z` });
      await addMatch(store, id, run, price, "matched");
    }
    const out = tempDir();
    await writeReports({ store }, { out, window });
    const orders = records(out, "orders.csv");
    expect(orders.map((r) => [r.price_ton, r.paid_ton])).toEqual(prices.map((p) => [p, p]));
    expect(orders.map((r) => r.stars_amount)).toEqual(prices.map((_, i) => String(2 ** 52 + i)));
    const total = formatTon(sumNano(prices.map((p) => parseTon(p))));
    expect(total).toBe("21007199.254740997");
    expect(records(out, "daily_summary.csv")).toEqual([
      expect.objectContaining({
        orders: "4",
        stars: String(4n * 2n ** 52n + 6n),
        billed_ton: total,
        received_ton: total,
      }),
    ]);
  });

  it("cuts days at midnight of --tz, not of UTC", async () => {
    // 22:30 UTC on the 12th is 00:30 on the 13th in Berlin (CEST, UTC+2).
    await addOrder(store, { created_at: "2026-04-12T21:30:00Z" });
    await addOrder(store, { created_at: "2026-04-12T22:30:00Z" });
    const out = tempDir();
    await writeReports({ store }, { out, window, timeZone: "Europe/Berlin" });
    expect(records(out, "daily_summary.csv").map((r) => [r.date, r.orders])).toEqual([
      ["2026-04-12", "1"],
      ["2026-04-13", "1"],
    ]);
    const utc = tempDir();
    await writeReports({ store }, { out: utc, window });
    expect(records(utc, "daily_summary.csv").map((r) => [r.date, r.orders])).toEqual([["2026-04-12", "2"]]);
  });

  it("lists the latest run's open findings and counts them on their order's day", async () => {
    const old = await addRun(store);
    await addFinding(store, old, { key: "orphan_transfer:aa", kind: "orphan_transfer", severity: "warning" });
    const run = await addRun(store);
    const id = await addOrder(store, { created_at: "2026-04-15T10:00:00Z" });
    await addFinding(store, run, {
      key: `underpaid:${id}`,
      kind: "underpaid",
      severity: "critical",
      order_id: id,
      expected: "0.418",
      received: "0.4",
      message: "=cmd|' /C calc'!A0",
    });
    await addFinding(store, run, {
      key: `late_payment:${id}`,
      kind: "late_payment",
      severity: "warning",
      order_id: id,
      expected: "0.418",
      received: "0.418",
    });
    await addFinding(store, run, { key: "bounced_transfer:bb", kind: "bounced_transfer", severity: "info" });
    await addFinding(store, run, { key: "orphan_transfer:cc", kind: "orphan_transfer", severity: "warning" });
    // Resolved at the same amounts: gone. Resolved at other amounts: back.
    await legacyReportHandles(store)
      .db.insertInto("finding_resolutions")
      .values({
        key: "orphan_transfer:cc",
        resolved_at: "t",
        resolved_by: "ana",
        note: "refunded",
        expected_nano: null,
        received_nano: null,
      })
      .execute();
    await legacyReportHandles(store)
      .db.insertInto("finding_resolutions")
      .values({
        key: `late_payment:${id}`,
        resolved_at: "t",
        resolved_by: "ana",
        note: "ok",
        expected_nano: parseTon("0.418"),
        received_nano: parseTon("0.3"),
      })
      .execute();
    const out = tempDir();
    await writeReports({ store }, { out, window });
    const rows = records(out, "findings.csv");
    expect(rows.map((r) => r.key)).toEqual([`underpaid:${id}`, `late_payment:${id}`, "bounced_transfer:bb"]);
    expect(rows[0]).toMatchObject({
      expected_ton: "0.418",
      received_ton: "0.4",
      first_seen: "2026-04-17T00:00:00Z",
      message: "'=cmd|' /C calc'!A0",
    });
    expect(records(out, "daily_summary.csv")[0]).toMatchObject({ findings_critical: "1", findings_warning: "1" });
  });

  it("marks ledger rows ok, break or unconfirmed and keeps negative amounts numeric", async () => {
    const topupRaw = `0:${"ab".repeat(32)}`;
    const onChain = "cd".repeat(32);
    await legacyReportHandles(store)
      .db.insertInto("balance_snapshots")
      .values({
        taken_at: "t",
        balance_nano: 0n,
        topup_address: "UQ…",
        topup_address_raw: topupRaw,
        currency: "TON",
        updated_at: null,
      })
      .execute();
    await legacyReportHandles(store)
      .db.insertInto("chain_cursors")
      .values({ address: topupRaw, last_lt: 1, last_hash: onChain, updated_at: "t" })
      .execute();
    await legacyReportHandles(store)
      .db.insertInto("chain_transfers")
      .values({
        hash: onChain,
        lt: 1,
        utime: 1,
        address: topupRaw,
        source: null,
        value_nano: parseTon("10"),
        comment: null,
        body_kind: "none",
        external: 0,
        bounced: 0,
        aborted: 0,
        sent_back: 0,
        read_at: "t",
      })
      .execute();
    const rows: [number, string, string, string, string | null][] = [
      [1, "topup", "10", "10", onChain],
      [2, "order_debit", "-0.418", "9.582", null],
      [3, "order_debit", "-0.5", "9.000", null], // should be 9.082: a break
      [4, "topup", "1", "10", "ef".repeat(32)], // not on chain
    ];
    for (const [id, type, amount, after, hash] of rows) {
      await legacyReportHandles(store)
        .db.insertInto("balance_transactions")
        .values({
          id,
          type,
          amount_nano: parseTon(amount),
          balance_after_nano: parseTon(after),
          order_id: null,
          tx_hash: hash,
          description: null,
          created_at: `2026-04-1${id}T00:00:00.000Z`,
          extra: "{}",
          synced_at: "t",
        })
        .execute();
    }
    const out = tempDir();
    await writeReports({ store }, { out, window });
    const ledger = records(out, "balance_ledger.csv");
    expect(ledger.map((r) => [r.id, r.amount_ton, r.balance_after_ton, r.chain_status])).toEqual([
      ["1", "10", "10", "ok"],
      ["2", "-0.418", "9.582", "ok"],
      ["3", "-0.5", "9", "break"],
      ["4", "1", "10", "unconfirmed"],
    ]);
  });

  it("writes a byte-order mark only when asked", async () => {
    const plain = tempDir();
    await writeReports({ store }, { out: plain, window });
    expect(readFileSync(join(plain, "orders.csv"))[0]).toBe(0x6f); // "o"
    const bom = tempDir();
    await writeReports({ store }, { out: bom, window, bom: true });
    expect([...readFileSync(join(bom, "orders.csv")).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it("leaves no temporary or half-written file when writing fails", async () => {
    await addOrder(store, { created_at: "2026-04-12T08:00:00Z" });
    const out = tempDir();
    writeFileSync(join(out, "orders.csv"), "previous complete file\r\n");
    mkdirSync(join(out, "balance_ledger.csv")); // a folder where a file must go: the last rename fails
    await expect(writeReports({ store }, { out, window })).rejects.toThrow();
    expect(readdirSync(out).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    const orders = readFileSync(join(out, "orders.csv"), "utf8");
    expect(orders === "previous complete file\r\n" || orders.split("\r\n").length === 3).toBe(true);
  });
});
