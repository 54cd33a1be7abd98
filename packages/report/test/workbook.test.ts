import { join } from "node:path";
import ExcelJS from "exceljs";
import { expect, it } from "vitest";
import { writeReports } from "../src/index.js";
import { addMatch, addOrder, addRun, describeEachDialect, tempDir, tempStore } from "./fixture.js";

describeEachDialect("omrecon-report.xlsx", (dialect) => {
  it("freezes each table's header row, filters it and gives every column a width", async () => {
    const store = await tempStore(dialect);
    const run = await addRun(store);
    const id = await addOrder(store, { created_at: "2026-04-12T08:00:00Z" });
    await addMatch(store, id, run, "0.418", "matched");
    const out = tempDir();
    await writeReports(
      { store },
      { out, window: { from: new Date("2026-04-10T00:00:00Z"), to: new Date("2026-04-17T00:00:00Z") } },
    );
    await store.close();
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(out, "omrecon-report.xlsx"));
    expect(book.worksheets.map((s) => s.name)).toEqual(["Summary", "Orders", "Daily", "Findings", "Ledger"]);
    for (const name of ["Orders", "Daily", "Findings", "Ledger"]) {
      const sheet = book.getWorksheet(name)!;
      expect(sheet.views[0], name).toMatchObject({ state: "frozen", ySplit: 1 });
      expect(sheet.autoFilter, name).toBeTruthy();
      for (const column of sheet.columns) expect(column.width, `${name} ${column.letter}`).toBeGreaterThanOrEqual(10);
    }
    // UTC: no local-time column.
    expect(book.getWorksheet("Orders")!.getRow(1).values).not.toContain("created_at_local");
    const tx = book.getWorksheet("Orders")!.getColumn(13);
    expect(tx.width).toBe(66);
  });
});
