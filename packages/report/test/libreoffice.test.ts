import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Store } from "@omrecon/store";
import { legacyReportHandles } from "@omrecon/store";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeReports } from "../src/index.js";
import { addFinding, addMatch, addOrder, addRun, tempDir, tempStore } from "./fixture.js";

// LibreOffice is a Debian package CI installs (.ci/run); where it is missing this check says so and skips.
const soffice = spawnSync("sh", ["-c", "command -v soffice"], { encoding: "utf8" }).stdout.trim();
if (!soffice) console.warn("libreoffice.test: soffice not found; the spreadsheet check is skipped");

interface Cell {
  type: string;
  value: string | undefined;
  text: string;
}

/** Rows of the first sheet of a flat ODS document: each cell's type, numeric value and text. */
function sheetRows(fods: string): Cell[][] {
  const rows: Cell[][] = [];
  for (const row of fods.matchAll(/<table:table-row[^>]*>([\s\S]*?)<\/table:table-row>/g)) {
    const cells: Cell[] = [];
    for (const cell of (row[1] ?? "").matchAll(/<table:table-cell([^>]*?)(?:\/>|>([\s\S]*?)<\/table:table-cell>)/g)) {
      const attrs = cell[1] ?? "";
      const repeat = Number(/table:number-columns-repeated="(\d+)"/.exec(attrs)?.[1] ?? 1);
      const text = [...(cell[2] ?? "").matchAll(/<text:p>([\s\S]*?)<\/text:p>/g)]
        .map((p) => (p[1] ?? "").replace(/<[^>]+>/g, ""))
        .join("\n")
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&amp;/g, "&");
      const c = {
        type: /office:value-type="(\w+)"/.exec(attrs)?.[1] ?? "empty",
        value: /office:value="([^"]+)"/.exec(attrs)?.[1],
        text,
      };
      for (let i = 0; i < Math.min(repeat, 64); i++) cells.push(c);
    }
    rows.push(cells);
  }
  return rows;
}

describe.skipIf(!soffice)("the CSV files in LibreOffice Calc", () => {
  let store: Store;
  let out: string;
  beforeAll(async () => {
    store = await tempStore();
    const run = await addRun(store);
    const prices = ["0.418", "0.3", "12.5", "1.005", "0.000000001"];
    for (const [i, price] of prices.entries()) {
      const id = await addOrder(store, {
        price,
        created_at: `2026-04-1${i}T10:00:00Z`,
        recipient_username: ["pandus", "=1+2", 'ünï, "cødé"', "line\nbreak", "@here"][i]!,
        client_reference: i === 2 ? "-42" : `inv-${i}`,
      });
      await addMatch(store, id, run, i === 4 ? null : price, i === 4 ? "unpaid" : "matched");
      if (i === 1)
        await addFinding(store, run, {
          key: `underpaid:${id}`,
          kind: "underpaid",
          severity: "critical",
          order_id: id,
          expected: price,
          received: "0.1",
          message: '=HYPERLINK("x")',
        });
    }
    for (const [id, amount, after] of [
      [1, "10", "10"],
      [2, "-0.418", "9.582"],
    ] as const) {
      await legacyReportHandles(store)
        .db.insertInto("balance_transactions")
        .values({
          id,
          type: id === 1 ? "topup" : "order_debit",
          amount_nano: BigInt(Math.round(Number(amount) * 1000)) * 1_000_000n,
          balance_after_nano: BigInt(Math.round(Number(after) * 1000)) * 1_000_000n,
          order_id: null,
          tx_hash: null,
          description: null,
          created_at: `2026-04-1${id}T00:00:00.000Z`,
          extra: "{}",
          synced_at: "t",
        })
        .execute();
    }
    out = tempDir();
    await writeReports(
      { store },
      { out, window: { from: new Date("2026-04-10T00:00:00Z"), to: new Date("2026-04-17T00:00:00Z") } },
    );
    const files = ["orders.csv", "daily_summary.csv", "findings.csv", "balance_ledger.csv"].map((f) => join(out, f));
    const r = spawnSync(
      soffice,
      ["--headless", "--convert-to", "fods", "--infilter=CSV:44,34,76,1,,1033,false,false", "--outdir", out, ...files],
      {
        encoding: "utf8",
        timeout: 120_000,
        env: { ...process.env, HOME: tempDir("omrecon-lo-home-") },
      },
    );
    expect(r.status, r.stderr).toBe(0);
  }, 180_000);
  afterAll(async () => {
    await store?.close();
  });

  const AMOUNT_COLUMNS: Record<string, string[]> = {
    orders: ["price_ton", "paid_ton"],
    daily_summary: ["billed_ton", "received_ton"],
    findings: ["expected_ton", "received_ton"],
    balance_ledger: ["amount_ton", "balance_after_ton"],
  };

  for (const name of Object.keys(AMOUNT_COLUMNS)) {
    it(`opens ${name}.csv with every row intact, amounts as numbers and no formula`, () => {
      const csv = Papa.parse<string[]>(readFileSync(join(out, `${name}.csv`), "utf8"), { skipEmptyLines: true }).data;
      const fods = readFileSync(join(out, `${name}.fods`), "utf8");
      expect(fods).not.toContain("table:formula");
      const sheet = sheetRows(fods);
      expect(sheet.length).toBe(csv.length);
      const header = csv[0]!;
      for (let r = 1; r < csv.length; r++) {
        for (let c = 0; c < header.length; c++) {
          const text = csv[r]![c]!;
          const cell = sheet[r]![c]!;
          if (text === "") continue;
          if (AMOUNT_COLUMNS[name]!.includes(header[c]!)) {
            expect(cell.type, `${name} ${header[c]} row ${r}`).toBe("float");
            expect(Number(cell.value)).toBe(Number(text));
          } else if (cell.type === "string") {
            expect(cell.text).toBe(text);
          }
        }
      }
    });
  }
});
