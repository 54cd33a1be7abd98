import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Store } from "@omrecon/store";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ReportResult, writeReports } from "../src/index.js";
import { addFinding, addMatch, addOrder, addRun, tempDir, tempStore } from "./fixture.js";
import { type Cell, soffice, tables, toFods, wallMs } from "./fods.js";

if (!soffice) console.warn("libreoffice.test: soffice not found; the spreadsheet checks are skipped");

/** Text a spreadsheet likes to change on opening, and must not. */
const REFERENCES = [
  "000123",
  "12345678901234567890",
  "1E5",
  "2026-03-04",
  '=HYPERLINK("http://evil.example","click")',
  "Привет, мир",
  "🚀 emoji ünïcødé",
  "-42",
  "@here",
];
const PLANTED = "123456789.123456789"; // 18 significant digits: more than Excel's 15

describe.skipIf(!soffice)("the report in LibreOffice Calc", () => {
  let store: Store;
  let out: string;
  let result: ReportResult;
  let book: Map<string, Cell[][]>;
  beforeAll(async () => {
    store = await tempStore();
    const run = await addRun(store);
    const prices = ["0.418", "0.3", "12.5", "1.005", "0.000000001", "7", "2.25", "0.1", "3"];
    for (const [i, price] of prices.entries()) {
      const id = await addOrder(store, {
        price,
        created_at: `2026-04-1${i % 7}T10:00:0${i}.${i === 3 ? "250" : "000"}Z`,
        recipient_username: ["pandus", "=1+2", "Пётр", "line\nbreak", "@here", "ok", "x", "y", "z"][i]!,
        client_reference: REFERENCES[i]!,
      });
      await addMatch(store, id, run, price, "matched");
    }
    const big = await addOrder(store, { price: PLANTED, created_at: "2026-04-15T12:00:00Z", client_reference: "big" });
    await addMatch(store, big, run, PLANTED, "matched");
    const under = await addOrder(store, { price: "1", created_at: "2026-04-15T13:00:00Z" });
    await addMatch(store, under, run, "0.25", "underpaid");
    await addFinding(store, run, {
      key: `underpaid:${under}`,
      kind: "underpaid",
      severity: "critical",
      order_id: under,
      expected: "1",
      received: "0.25",
      amount: "0.75",
      message: '=HYPERLINK("x") Привет 🚀',
    });
    out = tempDir();
    result = await writeReports(
      { store },
      {
        out,
        window: { from: new Date("2026-04-10T00:00:00Z"), to: new Date("2026-04-17T00:00:00Z") },
        timeZone: "Europe/Berlin",
      },
    );
    toFods([join(out, "omrecon-report.xlsx")], out);
    book = tables(readFileSync(join(out, "omrecon-report.fods"), "utf8"));
    // A plain import: only the separator, quote, UTF-8 and the first line, everything else as LibreOffice defaults.
    const csvs = ["orders.csv", "daily_summary.csv", "findings.csv", "balance_ledger.csv"].map((f) => join(out, f));
    toFods(csvs, out, "CSV:44,34,76,1");
  }, 300_000);
  afterAll(async () => {
    await store?.close();
  });

  const csvRecords = (file: string) =>
    Papa.parse<Record<string, string>>(readFileSync(join(out, file), "utf8"), { header: true, skipEmptyLines: true })
      .data;

  it("has the five sheets, in order", () => {
    expect([...book.keys()]).toEqual(["Summary", "Orders", "Daily", "Findings", "Ledger"]);
  });

  it("writes times as date-time cells equal to the instants, in UTC and on the Berlin wall clock", () => {
    const sheet = book.get("Orders")!;
    const header = sheet[0]!.map((c) => c.text);
    const csv = csvRecords("orders.csv");
    expect(sheet.length - 1).toBe(csv.length);
    for (const [r, record] of csv.entries()) {
      for (const column of ["created_at_utc", "created_at_local"]) {
        const cell = sheet[r + 1]![header.indexOf(column)]!;
        expect(cell.type, `${column} row ${r}`).toBe("date");
        expect(wallMs(cell.date!), `${column} row ${r}`).toBe(wallMs(record[column]!));
      }
    }
    expect(csv.find((r) => r.created_at_utc?.endsWith(".250"))?.created_at_local).toBe("2026-04-13 12:00:03.250");
  });

  it("writes every amount as a number equal to its exact decimal, and the planted 18-digit one as exact text", () => {
    let text = 0;
    for (const name of ["Orders", "Daily", "Findings", "Ledger"]) {
      const sheet = book.get(name)!;
      const header = sheet[0]!.map((c) => c.text);
      const file = {
        Orders: "orders.csv",
        Daily: "daily_summary.csv",
        Findings: "findings.csv",
        Ledger: "balance_ledger.csv",
      }[name]!;
      const csv = csvRecords(file);
      for (const [r, record] of csv.entries()) {
        for (const column of header.filter((h) => h.endsWith("_ton"))) {
          const exact = record[column]!;
          const cell = sheet[r + 1]![header.indexOf(column)];
          if (exact === "") continue;
          if (exact.replace(/[-.]/g, "").replace(/0+$/, "").length > 15) {
            expect(cell, `${name} ${column} ${r}`).toMatchObject({ type: "string", text: exact });
            text += 1;
          } else {
            expect(cell?.type, `${name} ${column} ${r}`).toBe("float");
            expect(Number(cell?.value), `${name} ${column} ${r}`).toBe(Number(exact));
          }
        }
      }
    }
    const summary = book.get("Summary")!;
    const digits = (t: string) => t.replace(/[-.]/g, "").replace(/0+$/, "").length;
    for (const row of summary)
      for (const c of row) if (c.type === "string" && /^-?\d+(\.\d+)?$/.test(c.text) && digits(c.text) > 15) text += 1;
    expect(text).toBeGreaterThan(2);
    expect(result.summary.text_amount_cells).toBe(text);
    const count = summary.flat().find((c) => c.text.startsWith("amounts written as text"));
    expect(count?.text).toMatch(new RegExp(`: ${text}$`));
  });

  it("keeps references, names, hashes and messages as the exact text, never a formula", () => {
    const sheet = book.get("Orders")!;
    const header = sheet[0]!.map((c) => c.text);
    const refs = sheet.slice(1).map((row) => row[header.indexOf("client_reference")]!);
    for (const want of REFERENCES) expect(refs).toContainEqual(expect.objectContaining({ type: "string", text: want }));
    const names = sheet.slice(1).map((row) => row[header.indexOf("recipient_username")]!.text);
    expect(names).toEqual(expect.arrayContaining(["=1+2", "Пётр", "line\nbreak", "@here"]));
    const ids = sheet.slice(1).map((row) => row[header.indexOf("order_id")]!);
    expect(ids.every((c) => c.type === "string")).toBe(true);
    const findings = book.get("Findings")!;
    expect(findings[1]![findings[0]!.map((c) => c.text).indexOf("message")]).toMatchObject({
      type: "string",
      text: '=HYPERLINK("x") Привет 🚀',
    });
    expect(readFileSync(join(out, "omrecon-report.fods"), "utf8")).not.toContain("table:formula");
  });

  it("shows the bridge on the Summary sheet and partial days on the Daily one", () => {
    const summary = book.get("Summary")!.map((row) => row.map((c) => c.text));
    const billed = summary.find((row) => row[0] === "billed");
    expect(billed?.[1]).toBe(
      result.summary.bridge.total.orders.billed_nano
        .toString()
        .replace(/(\d{9})$/, ".$1")
        .replace(/\.?0+$/, ""),
    );
    const daily = book.get("Daily")!;
    const header = daily[0]!.map((c) => c.text);
    const partial = daily.slice(1).filter((row) => row[header.indexOf("partial_day")]?.text === "true");
    expect(new Set(partial.map((row) => row[0]!.date?.slice(0, 10)))).toEqual(new Set(["2026-04-10", "2026-04-17"]));
  });

  it("opens the CSV times under a plain import as date-times, and the CSV amounts as numbers", () => {
    for (const [file, columns] of [
      ["orders", ["created_at_utc", "created_at_local"]],
      ["findings", ["first_seen_utc"]],
    ] as const) {
      const sheet = [...tables(readFileSync(join(out, `${file}.fods`), "utf8")).values()][0]!;
      const header = sheet[0]!.map((c) => c.text);
      const csv = csvRecords(`${file}.csv`);
      for (const [r, record] of csv.entries()) {
        for (const column of columns) {
          const cell = sheet[r + 1]![header.indexOf(column)]!;
          expect(cell.type, `${file} ${column} ${r}`).toBe("date");
          expect(wallMs(cell.date!)).toBe(wallMs(record[column]!));
        }
      }
    }
  });
});
