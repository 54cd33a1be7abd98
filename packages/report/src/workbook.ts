/**
 * `omrecon-report.xlsx`: the Summary sheet, then the four tables as typed sheets, written by exceljs's
 * streaming WorkbookWriter (why exceljs: packages/report/README.md). Sheets are written one after
 * another (a zip holds one entry at a time), each drained as it goes, so memory stays flat.
 */
import ExcelJS from "exceljs";
import type { ReportSummary } from "./summary.js";
import { type SheetColumn, SheetWriter } from "./workbook-sheet.js";
import { writeSummarySheet } from "./workbook-summary.js";

export class ReportWorkbook {
  readonly #book: ExcelJS.stream.xlsx.WorkbookWriter;
  /** Amount cells written as text (more than 15 significant digits), all sheets. */
  #textAmounts = 0;
  readonly rows: Record<string, number> = {};

  constructor(path: string) {
    this.#book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
    this.#book.creator = "omrecon";
  }

  get textAmounts(): number {
    return this.#textAmounts;
  }

  summary(summary: ReportSummary): void {
    const sheet = this.#book.addWorksheet("Summary");
    this.rows.Summary = writeSummarySheet(sheet, summary);
    sheet.commit();
  }

  /** A table sheet from rows of values in column order (see `SheetWriter.add`); awaits the zip every 200 rows. */
  async table(
    name: string,
    columns: readonly SheetColumn[],
    rows: Iterable<readonly unknown[]> | AsyncIterable<readonly unknown[]>,
  ): Promise<number> {
    const sheet = new SheetWriter(this.#book, name, columns);
    for await (const row of rows) {
      sheet.add(row);
      if (sheet.rows % 200 === 0) await sheet.drain();
    }
    sheet.commit();
    this.#textAmounts += sheet.textAmounts;
    this.rows[name] = sheet.rows;
    return sheet.rows;
  }

  async commit(): Promise<void> {
    await this.#book.commit();
  }
}
