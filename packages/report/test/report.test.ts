import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { formatTon, parseTon, sumNano } from "@omrecon/core";
import type { Store } from "@omrecon/store";
import { testDatabase } from "@omrecon/store/testing";
import Papa from "papaparse";
import { afterEach, beforeEach, expect, it } from "vitest";
import {
  BALANCE_LEDGER_COLUMNS,
  DAILY_SUMMARY_COLUMNS,
  FINDINGS_COLUMNS,
  ORDERS_COLUMNS,
  writeReports,
} from "../src/index.js";
import { addFinding, addMatch, addOrder, addRun, describeEachDialect, tempDir, tempStore } from "./fixture.js";

const window = { from: new Date("2026-04-10T00:00:00Z"), to: new Date("2026-04-17T00:00:00Z") };
const csvOnly = ["csv"] as const;

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

describeEachDialect("writeReports", (dialect) => {
  let store: Store;
  beforeEach(async () => {
    store = await tempStore(dialect);
  });
  afterEach(async () => {
    await store.close();
  });

  it("writes every file with docs/cli.md's headers even when there is nothing to report", async () => {
    const out = tempDir();
    const result = await writeReports({ store }, { out, window });
    expect(result.files.map((f) => [f.file, f.rows])).toEqual([
      ["orders.csv", 0],
      ["daily_summary.csv", 0],
      ["findings.csv", 0],
      ["balance_ledger.csv", 0],
      ["omrecon-report.xlsx", 0],
      ["summary.html", 0],
      ["manifest.json", 6],
    ]);
    expect(read(out, "orders.csv")).toEqual([[...ORDERS_COLUMNS]]);
    expect(read(out, "daily_summary.csv")).toEqual([[...DAILY_SUMMARY_COLUMNS]]);
    expect(read(out, "findings.csv")).toEqual([[...FINDINGS_COLUMNS]]);
    expect(read(out, "balance_ledger.csv")).toEqual([[...BALANCE_LEDGER_COLUMNS]]);
    expect(readFileSync(join(out, "orders.csv"), "utf8")).toBe(`${ORDERS_COLUMNS.join(",")}\r\n`);
    expect(readdirSync(out).sort()).toEqual([
      "balance_ledger.csv",
      "daily_summary.csv",
      "findings.csv",
      "manifest.json",
      "omrecon-report.xlsx",
      "orders.csv",
      "summary.html",
    ]);
  });

  it("writes only the formats asked for", async () => {
    const out = tempDir();
    const result = await writeReports({ store }, { out, window, formats: ["xlsx"] });
    expect(result.files.map((f) => f.file)).toEqual(["omrecon-report.xlsx", "manifest.json"]);
    expect(readdirSync(out).sort()).toEqual(["manifest.json", "omrecon-report.xlsx"]);
    const page = tempDir();
    const html = await writeReports({ store }, { out: page, window, formats: ["html"] });
    expect(html.files.map((f) => f.file)).toEqual(["summary.html", "manifest.json"]);
    expect(readdirSync(page).sort()).toEqual(["manifest.json", "summary.html"]);
    expect(readFileSync(join(page, "summary.html"), "utf8")).toContain('data-verdict="failed"');
  });

  it("lists the window's orders with exact decimals, spreadsheet times and outside text neutralised but intact", async () => {
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
    const result = await writeReports({ store }, { out, window, timeZone: "Europe/Berlin", formats: csvOnly });
    expect(result.files[0]?.rows).toBe(2);
    const rows = records(out, "orders.csv");
    expect(rows.map((r) => r.order_id)).toEqual([String(a), String(b)]);
    expect(rows[0]).toMatchObject({
      created_at_utc: "2026-04-12 08:00:00",
      created_at_local: "2026-04-12 10:00:00",
      price_ton: "0.3",
      paid_ton: "0.3",
      recipient_username: '\'=HYPERLINK("http://evil")',
      client_reference: 'inv, "42"\nsecond line — ünïcødé 🚀',
      reconciliation: "matched",
    });
    expect(rows[1]).toMatchObject({
      created_at_utc: "2026-04-13 08:00:00.250",
      created_at_local: "2026-04-13 10:00:00.250",
      price_ton: "123456789.123456789",
      paid_ton: "",
      payment_memo: "'-STARS",
      client_reference: "'@ref",
      reconciliation: "unpaid",
    });
  });

  it("sums each day's billed_ton to the prices of its paid, processing and completed orders, every day of the window listed", async () => {
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
    const result = await writeReports({ store }, { out, window, formats: csvOnly });
    const all = records(out, "daily_summary.csv");
    expect(all.map((r) => `${r.date} ${r.order_type}`)).toEqual(
      ["10", "11", "12", "13", "14", "15", "16"].flatMap((d) => [`2026-04-${d} premium`, `2026-04-${d} stars`]),
    );
    const rows = all.filter((r) => r.date === "2026-04-14");
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
        paid_from_balance_ton: "0",
        shortfall_ton: "0",
        excess_ton: "0",
        received_unbilled_ton: "0",
        partial_day: "false",
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
    // No reconciliation has run: the numbers are shown, the bridge is not held to closing.
    expect(result.summary.bridge.checked).toBe(false);
  });

  it("keeps amounts and sums beyond 2^53 nanotons exact", async () => {
    const run = await addRun(store);
    const prices = ["6000000.000000001", "6000000.000000002", "9007199.254740993", "0.000000001"];
    for (const [i, price] of prices.entries()) {
      const id = await addOrder(store, { price, stars_amount: 2 ** 52 + i, created_at: `2026-04-14T1${i}:00:00Z` });
      await addMatch(store, id, run, price, "matched");
    }
    const out = tempDir();
    const result = await writeReports({ store }, { out, window, formats: csvOnly });
    const orders = records(out, "orders.csv");
    expect(orders.map((r) => [r.price_ton, r.paid_ton])).toEqual(prices.map((p) => [p, p]));
    expect(orders.map((r) => r.stars_amount)).toEqual(prices.map((_, i) => String(2 ** 52 + i)));
    const total = formatTon(sumNano(prices.map((p) => parseTon(p))));
    expect(total).toBe("21007199.254740997");
    expect(records(out, "daily_summary.csv").filter((r) => r.date === "2026-04-14")).toEqual([
      expect.objectContaining({
        orders: "4",
        stars: String(4n * 2n ** 52n + 6n),
        billed_ton: total,
        received_ton: total,
      }),
    ]);
    expect(result.summary.bridge.checked).toBe(true);
    expect(result.summary.bridge.total.orders.billed_nano).toBe(parseTon(total));
  });

  it("cuts days at midnight of --tz, not of UTC", async () => {
    // 22:30 UTC on the 12th is 00:30 on the 13th in Berlin (CEST, UTC+2).
    await addOrder(store, { created_at: "2026-04-12T21:30:00Z" });
    await addOrder(store, { created_at: "2026-04-12T22:30:00Z" });
    const out = tempDir();
    await writeReports({ store }, { out, window, timeZone: "Europe/Berlin", formats: csvOnly });
    const count = (dir: string, date: string) => records(dir, "daily_summary.csv").find((r) => r.date === date)?.orders;
    expect([count(out, "2026-04-12"), count(out, "2026-04-13")]).toEqual(["1", "1"]);
    // The window starts at 02:00 Berlin time on the 10th and ends at 02:00 on the 17th: both days partial.
    const partial = records(out, "daily_summary.csv")
      .filter((r) => r.partial_day === "true")
      .map((r) => r.date);
    expect(partial).toEqual(["2026-04-10", "2026-04-17"]);
    const utc = tempDir();
    await writeReports({ store }, { out: utc, window, formats: csvOnly });
    expect(count(utc, "2026-04-12")).toBe("2");
  });

  it("lists the current open findings whose subject is in the window, with amounts, and counts them on their order's day", async () => {
    const old = await addRun(store);
    await addFinding(store, old, { key: "orphan_transfer:aa", kind: "orphan_transfer", severity: "warning" });
    const run = await addRun(store);
    const id = await addOrder(store, { created_at: "2026-04-15T10:00:00Z" });
    await addMatch(store, id, run, "0.4", "underpaid");
    await addFinding(store, run, {
      key: `underpaid:${id}`,
      kind: "underpaid",
      severity: "critical",
      order_id: id,
      expected: "0.418",
      received: "0.4",
      amount: "0.018",
      message: "=cmd|' /C calc'!A0",
    });
    await addFinding(store, run, {
      key: `late_payment:${id}`,
      kind: "late_payment",
      severity: "warning",
      order_id: id,
      expected: "0.418",
      received: "0.4",
      amount: "0.4",
    });
    await addFinding(store, run, { key: "bounced_transfer:bb", kind: "bounced_transfer", severity: "info" });
    await addFinding(store, run, { key: "orphan_transfer:cc", kind: "orphan_transfer", severity: "warning" });
    // An order of another week: open, but not in this window's findings.csv.
    const older = await addOrder(store, { created_at: "2026-04-01T10:00:00Z", status: "pending_payment" });
    await addMatch(store, older, run, "0.418", "unrecognized_payment");
    await addFinding(store, run, {
      key: `unrecognized_payment:${older}`,
      kind: "unrecognized_payment",
      severity: "critical",
      order_id: older,
      amount: "0.418",
    });
    // Resolved at the same amounts: gone. Resolved at other amounts: back.
    await testDatabase(store)
      .db.insertInto("finding_resolutions")
      .values({
        key: "orphan_transfer:cc",
        resolved_at: "2026-04-17T00:00:00.000Z",
        resolved_by: "ana",
        note: "refunded",
        expected_nano: null,
        received_nano: null,
      })
      .execute();
    await testDatabase(store)
      .db.insertInto("finding_resolutions")
      .values({
        key: `late_payment:${id}`,
        resolved_at: "2026-04-17T00:00:00.000Z",
        resolved_by: "ana",
        note: "ok",
        expected_nano: parseTon("0.418"),
        received_nano: parseTon("0.3"),
      })
      .execute();
    const out = tempDir();
    const result = await writeReports({ store }, { out, window, formats: csvOnly });
    const rows = records(out, "findings.csv");
    expect(rows.map((r) => r.key)).toEqual([`underpaid:${id}`, `late_payment:${id}`, "bounced_transfer:bb"]);
    expect(rows[0]).toMatchObject({
      expected_ton: "0.418",
      received_ton: "0.4",
      amount_ton: "0.018",
      first_seen_utc: "2026-04-17 00:00:00",
      message: "'=cmd|' /C calc'!A0",
    });
    const day = records(out, "daily_summary.csv").find((r) => r.date === "2026-04-15");
    expect(day).toMatchObject({ findings_critical: "1", findings_warning: "1", shortfall_ton: "0.018" });
    // The Summary's list holds every open finding, the other week's too.
    expect(result.summary.findings.open_now.map((f) => f.key)).toEqual([
      `underpaid:${id}`,
      `unrecognized_payment:${older}`,
      `late_payment:${id}`,
      "bounced_transfer:bb",
    ]);
    expect(result.summary.findings.by_severity.critical).toEqual({ count: 1, amount_nano: parseTon("0.018") });
  });

  it("marks ledger rows ok, break or unconfirmed and keeps negative amounts numeric", async () => {
    const topupRaw = `0:${"ab".repeat(32)}`;
    const onChain = "cd".repeat(32);
    await testDatabase(store)
      .db.insertInto("balance_snapshots")
      .values({
        taken_at: "2026-04-17T00:00:00.000Z",
        balance_nano: 0n,
        topup_address: "UQ…",
        topup_address_raw: topupRaw,
        currency: "TON",
        updated_at: null,
      })
      .execute();
    await testDatabase(store)
      .db.insertInto("chain_cursors")
      .values({ address: topupRaw, last_lt: 1, last_hash: onChain, updated_at: "2026-04-17T00:00:00.000Z" })
      .execute();
    await testDatabase(store)
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
        read_at: "2026-04-17T00:00:00.000Z",
      })
      .execute();
    const rows: [number, string, string, string, string | null][] = [
      [1, "topup", "10", "10", onChain],
      [2, "order_debit", "-0.418", "9.582", null],
      [3, "order_debit", "-0.5", "9.000", null], // should be 9.082: a break
      [4, "topup", "1", "10", "ef".repeat(32)], // not on chain
    ];
    for (const [id, type, amount, after, hash] of rows) {
      await testDatabase(store)
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
          synced_at: "2026-04-17T00:00:00.000Z",
        })
        .execute();
    }
    const out = tempDir();
    const result = await writeReports({ store }, { out, window, formats: csvOnly });
    const ledger = records(out, "balance_ledger.csv");
    expect(ledger.map((r) => [r.id, r.created_at_utc, r.amount_ton, r.balance_after_ton, r.chain_status])).toEqual([
      ["1", "2026-04-11 00:00:00", "10", "10", "ok"],
      ["2", "2026-04-12 00:00:00", "-0.418", "9.582", "ok"],
      ["3", "2026-04-13 00:00:00", "-0.5", "9", "break"],
      ["4", "2026-04-14 00:00:00", "1", "10", "unconfirmed"],
    ]);
    expect(result.summary.ledger).toEqual({
      rows: 4,
      breaks: 1,
      unconfirmed: 1,
      // Row 3 says 9 after −0.5, where row 2 left 9.582.
      first_break: {
        id: 3n,
        created_at: "2026-04-13T00:00:00.000Z",
        expected_nano: 9_082_000_000n,
        stated_nano: 9_000_000_000n,
      },
    });
  });

  it("writes a byte-order mark only when asked", async () => {
    const plain = tempDir();
    await writeReports({ store }, { out: plain, window, formats: csvOnly });
    expect(readFileSync(join(plain, "orders.csv"))[0]).toBe(0x6f); // "o"
    const bom = tempDir();
    await writeReports({ store }, { out: bom, window, bom: true, formats: csvOnly });
    expect([...readFileSync(join(bom, "orders.csv")).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it("removes the temporary files a killed report left in the folder, and only those", async () => {
    const out = tempDir();
    const dead = spawnSync(process.execPath, ["-e", ""]).pid!;
    const leftovers = [`.orders.csv.${dead}.0a1b2c3d.tmp`, `.omrecon-report.xlsx.${dead}.ffffffff.tmp`];
    for (const name of leftovers) writeFileSync(join(out, name), "half a file");
    const alive = `.orders.csv.${process.ppid}.12345678.tmp`; // another report still writing
    writeFileSync(join(out, alive), "in progress");
    writeFileSync(join(out, "notes.tmp"), "not ours");
    await writeReports({ store }, { out, window, formats: csvOnly });
    const left = readdirSync(out).filter((f) => f.endsWith(".tmp"));
    expect(left.sort()).toEqual([alive, "notes.tmp"].sort());
  });

  it("refuses an --out that is a file, or lies under one, in one line naming it", async () => {
    const dir = tempDir();
    const file = join(dir, "report.txt");
    writeFileSync(file, "x");
    await expect(writeReports({ store }, { out: file, window })).rejects.toThrow(
      `--out ${file} is a file, not a folder; pass a folder (it is created if missing)`,
    );
    await expect(writeReports({ store }, { out: join(file, "sub"), window })).rejects.toMatchObject({
      code: "report_output",
      exitCode: 2,
    });
  });

  it("leaves no temporary or half-written file when writing fails", async () => {
    await addOrder(store, { created_at: "2026-04-12T08:00:00Z" });
    const out = tempDir();
    writeFileSync(join(out, "orders.csv"), "previous complete file\r\n");
    mkdirSync(join(out, "balance_ledger.csv")); // a folder where a file must go: its rename fails
    await expect(writeReports({ store }, { out, window })).rejects.toThrow(
      /^cannot write the report into .*: a folder stands where a report file must be written; move it away$/,
    );
    expect(readdirSync(out).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    const orders = readFileSync(join(out, "orders.csv"), "utf8");
    expect(orders === "previous complete file\r\n" || orders.split("\r\n").length === 3).toBe(true);
  });
});
