/**
 * One streamed sheet of the workbook with typed cells (docs/cli.md#report-files): times are
 * date-time cells (serial days, formatted), amounts number cells shown with 9 decimals, ids, memos,
 * hashes, references and usernames text cells (an inline string is never a formula, so they need no
 * apostrophe). The header row is frozen and carries an auto-filter.
 */

import type { IntValue } from "@omrecon/store";
import type ExcelJS from "exceljs";
import { instantMs, tonCellOf } from "./cells.js";
import { needsText } from "./digits.js";
import { drained } from "./workbook-stream.js";

export type CellKind = "text" | "int" | "ton" | "time" | "date" | "bool";

export interface SheetColumn {
  header: string;
  kind: CellKind;
  /** Characters. */
  width?: number;
}

/** Excel's limit on the characters of one cell. */
const MAX_TEXT = 32_767;
/** Days from Excel's epoch (1899-12-30) to 1970-01-01. */
const EPOCH_DAYS = 25_569;
const DAY_MS = 86_400_000;

const STYLE = {
  time: { numFmt: "yyyy-mm-dd hh:mm:ss" },
  timeMs: { numFmt: "yyyy-mm-dd hh:mm:ss.000" },
  date: { numFmt: "yyyy-mm-dd" },
  ton: { numFmt: "0.000000000" },
  text: { numFmt: "@" },
  header: { font: { bold: true } },
} as const satisfies Record<string, Partial<ExcelJS.Style>>;

const WIDTH: Record<CellKind, number> = { text: 16, int: 12, ton: 18, time: 20, date: 12, bool: 10 };

/** A sheet whose rows are added one by one; `add` may be followed by `await sheet.drain()` now and then. */
export class SheetWriter {
  readonly #sheet: ExcelJS.Worksheet;
  readonly #book: ExcelJS.stream.xlsx.WorkbookWriter;
  readonly #columns: readonly SheetColumn[];
  #rows = 0;

  constructor(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, columns: readonly SheetColumn[]) {
    this.#columns = columns;
    this.#book = workbook;
    this.#sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1, xSplit: 0 }] });
    this.#sheet.columns = columns.map((c) => ({ header: c.header, width: c.width ?? WIDTH[c.kind] }));
    this.#sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
    this.#sheet.getRow(1).font = STYLE.header.font;
  }

  get rows(): number {
    return this.#rows;
  }

  /** Amount cells written as text so far (more than 15 significant digits). */
  textAmounts = 0;

  /**
   * One row, values in column order: text as string (null: empty), int as `IntValue`, ton as
   * `IntValue` or bigint nanotons, time as an ISO instant or epoch ms (`wall` when already shifted to
   * the local wall clock), date as `YYYY-MM-DD`, bool as boolean.
   */
  add(values: readonly unknown[]): void {
    const row = this.#sheet.addRow([]);
    for (let i = 0; i < this.#columns.length; i++) {
      const value = values[i];
      if (value === null || value === undefined || value === "") continue;
      const cell = row.getCell(i + 1);
      switch (this.#columns[i]!.kind) {
        case "text": {
          const text = String(value);
          cell.value = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
          cell.style = STYLE.text;
          break;
        }
        case "int":
          cell.value = typeof value === "number" && Number.isSafeInteger(value) ? value : String(value);
          break;
        case "ton":
          this.#ton(cell, value as IntValue | bigint);
          break;
        case "time": {
          const ms = typeof value === "number" ? value : instantMs(String(value));
          if (Number.isNaN(ms)) cell.value = String(value);
          else {
            cell.value = ms / DAY_MS + EPOCH_DAYS;
            cell.style = ms % 1000 === 0 ? STYLE.time : STYLE.timeMs;
          }
          break;
        }
        case "date":
          cell.value = Date.parse(`${String(value)}T00:00:00Z`) / DAY_MS + EPOCH_DAYS;
          cell.style = STYLE.date;
          break;
        case "bool":
          // As text, like the CSV: LibreOffice turns a boolean cell into a =FALSE() formula.
          cell.value = value ? "true" : "false";
          break;
      }
    }
    row.commit();
    this.#rows += 1;
  }

  #ton(cell: ExcelJS.Cell, nano: IntValue | bigint): void {
    if (needsText(nano)) {
      // Excel keeps 15 significant digits: the exact decimal stays exact as text.
      cell.value = tonCellOf(typeof nano === "bigint" ? nano.toString() : nano);
      cell.alignment = { horizontal: "right" };
      this.textAmounts += 1;
      return;
    }
    // At most 15 significant digits: the double nearest to n / 10^9 prints as the exact decimal.
    cell.value = Number(nano) / 1e9;
    cell.style = STYLE.ton;
  }

  /** Waits until the zip has taken what was written (every few hundred rows keeps memory flat). */
  async drain(): Promise<void> {
    await drained(this.#book, this.#sheet);
  }

  commit(): void {
    this.#sheet.commit();
  }
}
