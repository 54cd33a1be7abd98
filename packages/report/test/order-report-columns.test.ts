/**
 * The orders report's columns are declared once (order-report-columns.ts); these tests fail when the
 * CSV header, the Orders sheet, the row functions, docs/cli.md or the store's order columns stop
 * agreeing with that declaration, so that no column can shift, go missing or be added silently.
 */
import { readFileSync } from "node:fs";
import { ORDER_COLUMNS, REPORT_ORDER, type ReportOrderRow } from "@omrecon/store";
import { describe, expect, it } from "vitest";
import { TimeCells, textCell } from "../src/cells.js";
import { ORDERS_COLUMNS } from "../src/columns.js";
import { ORDER_REPORT_COLUMNS, OrderRows } from "../src/order-report-columns.js";
import { SHEET_COLUMNS } from "../src/sheet-columns.js";
import { Zone } from "../src/zone.js";

const ZONES = ["UTC", "Etc/UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata"];
const LOCAL = "created_at_local";

/**
 * Order columns the report leaves out, each on purpose: the key is `order_id`; the payment's
 * address and currency, the order's other times and `extra` are in the mirror for the matcher and
 * for `findings`, not for the accountant's list. An order column in neither this list nor the report
 * fails below: whoever adds one decides whether the report shows it.
 */
const NOT_IN_REPORT = new Set([
  "id",
  "payment_currency",
  "payment_address",
  "payment_address_raw",
  "expires_at",
  "updated_at",
  "paid_at",
  "completed_at",
  "extra",
  "synced_at",
]);
/** Report columns made from an order column of another name. */
const FROM_COLUMN: Record<string, string> = {
  created_at_utc: "created_at",
  created_at_local: "created_at",
  price_ton: "price_nano",
};

const created = "2026-03-29T01:30:00.000Z"; // Berlin's change to summer time: 03:30 there.

/** A row whose every cell is its own (text that a spreadsheet would run, to see the guard). */
function rowOf(price: number, paid: number | null): ReportOrderRow {
  const row: ReportOrderRow = [];
  for (const [name, i] of Object.entries(REPORT_ORDER)) row[i] = `=${name} of order 7`;
  row[REPORT_ORDER.order_id] = "9007199254740993";
  row[REPORT_ORDER.created_at] = created;
  row[REPORT_ORDER.stars_amount] = 1_001;
  row[REPORT_ORDER.premium_months] = 1_002;
  row[REPORT_ORDER.price_nano] = price;
  row[REPORT_ORDER.paid_nano] = paid;
  return row;
}

describe("the orders report's columns", () => {
  const headers: string[] = ORDER_REPORT_COLUMNS.map((c) => c.header);

  it("are the CSV header, the Orders sheet and docs/cli.md's orders.csv list, in one order", () => {
    expect([...ORDERS_COLUMNS]).toEqual(headers);
    expect(SHEET_COLUMNS.orders.map((c) => c.header)).toEqual(headers);
    expect(new Set(headers).size).toBe(headers.length);
    const doc = readFileSync(new URL("../../../docs/cli.md", import.meta.url), "utf8");
    const line = doc.split("\n").find((l) => l.startsWith("| `orders.csv` |"));
    expect(line, "docs/cli.md lists orders.csv's columns").toBeDefined();
    const listed = line!.split("|")[3]!.replaceAll("`", "").split(",");
    expect(listed.map((h) => h.trim())).toEqual(headers);
  });

  it("show every order column, or leave it out by a decision written above", () => {
    const shown = new Set(headers.map((h) => FROM_COLUMN[h] ?? h));
    const undecided = Object.keys(ORDER_COLUMNS).filter((c) => !shown.has(c) && !NOT_IN_REPORT.has(c));
    expect(undecided).toEqual([]);
    for (const c of NOT_IN_REPORT) expect(Object.keys(ORDER_COLUMNS)).toContain(c);
  });

  for (const name of ZONES) {
    it(`make as many cells as headers, each under its own header, in ${name}`, () => {
      const zone = new Zone(name);
      const rows = new OrderRows(new TimeCells(zone), zone);
      const sheet = rows.sheetColumns.map((c) => c.header);
      expect(sheet).toEqual(zone.utc ? headers.filter((h) => h !== LOCAL) : headers);
      expect(rows.sheetColumns).toEqual(SHEET_COLUMNS.orders.filter((c) => sheet.includes(c.header)));

      for (const [price, paid] of [
        [1_500_000_000, 2_000_000_001],
        [1_500_000_000, 1_500_000_000],
        [418_000_000, null],
      ] as const) {
        const row = rowOf(price, paid);
        const csv = rows.csv(row);
        const values = rows.values(row);
        expect(csv).toHaveLength(ORDERS_COLUMNS.length);
        expect(values).toHaveLength(sheet.length);
        const cell = (h: string) => csv[headers.indexOf(h)];
        const value = (h: string) => values[sheet.indexOf(h)];

        for (const c of ORDER_REPORT_COLUMNS) {
          if (!(c.header in REPORT_ORDER)) continue;
          const stored = row[REPORT_ORDER[c.header as keyof typeof REPORT_ORDER]];
          const expected = c.kind === "text" && c.header !== "order_id" ? textCell(stored as string) : stored;
          expect(cell(c.header), c.header).toBe(expected);
          expect(value(c.header), c.header).toBe(stored);
        }
        expect(cell("status")).toBe("'=status of order 7");
        expect(cell("created_at_utc")).toBe("2026-03-29 01:30:00");
        expect(cell(LOCAL)).toBe(
          { "Europe/Berlin": "2026-03-29 03:30:00", "America/New_York": "2026-03-28 21:30:00" }[name] ??
            (name === "Asia/Kolkata" ? "2026-03-29 07:00:00" : "2026-03-29 01:30:00"),
        );
        expect(value("created_at_utc")).toBe(created);
        if (!zone.utc) expect(value(LOCAL)).toBe(zone.wallMs(Date.parse(created)));
        expect(cell("price_ton")).toBe(price === 418_000_000 ? "0.418" : "1.5");
        expect(cell("paid_ton")).toBe(paid === null ? "" : paid === price ? "1.5" : "2.000000001");
        expect(value("price_ton")).toBe(price);
        expect(value("paid_ton")).toBe(paid);
      }
    });
  }
});
