import { readFileSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { CsvFile } from "../src/index.js";
import { tempDir } from "./fixture.js";

describe("CsvFile", () => {
  it("writes what one Papa.unparse of every row writes, across chunks, full buffers and huge rows", () => {
    const rows: (string | number | null)[][] = [];
    for (let i = 0; i < 5_000; i++) {
      rows.push([i, `ünïcødé 🚀 ${i}`, i % 7 === 0 ? null : `a, "b"\n${i}`, "€".repeat(i % 50)]);
      if (i % 1_000 === 0) rows.push(["x".repeat(70_000), "🚀".repeat(30_000), i]);
    }
    for (const bom of [false, true]) {
      const path = join(tempDir(), "t.csv");
      const file = new CsvFile(path, ["n", "text", "quoted", "euros"], { bom });
      for (const row of rows) file.add(row);
      file.commit();
      const unparse = (data: unknown[][]) => Papa.unparse(data, { header: false, newline: "\r\n", quotes: false });
      const expected = `${bom ? "\uFEFF" : ""}${unparse([["n", "text", "quoted", "euros"]])}\r\n${unparse(rows)}\r\n`;
      expect(readFileSync(path, "utf8") === expected).toBe(true);
      expect(file.rows).toBe(rows.length);
    }
  });
});
