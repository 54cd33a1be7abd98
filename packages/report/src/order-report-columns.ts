/**
 * The orders report's columns, each declared once: its header (docs/cli.md#report-files, in that
 * order), the kind and width of its workbook cell, and how its CSV cell and its workbook value are
 * made from a `ReportOrderRow` (read by name through `REPORT_ORDER`). `ORDERS_COLUMNS` (the CSV
 * header), `SHEET_COLUMNS.orders` and both row functions (`OrderRows`) come from this list, so a
 * column added here appears in the CSV file and the Orders sheet at the same place, or nowhere.
 */
import { type IntValue, REPORT_ORDER, type ReportOrderColumn, type ReportOrderRow } from "@omrecon/store";
import { type TimeCells, textCell, tonCellOf } from "./cells.js";
import type { CsvCell } from "./csv-file.js";
import type { SheetColumn } from "./workbook-sheet.js";
import type { Zone } from "./zone.js";

/**
 * What more than one CSV cell of a row is made from, worked out once per row before the cells
 * (one object per report, refilled for each row: nothing is allocated for it per row).
 */
export interface OrderCsvShared {
  readonly times: TimeCells;
  /** `created_at` as stored. */
  created: string;
  /** Its `created_at_utc` cell (`created_at_local` is the same text in UTC). */
  createdUtc: string;
  price: IntValue;
  /** The `price_ton` cell (`paid_ton` reuses it when the amounts are equal). */
  priceCell: string;
}

export interface OrderReportColumn<H extends string = string> extends SheetColumn {
  readonly header: H;
  /** Left out of the Orders sheet when the report's zone is UTC (it would repeat `created_at_utc`). */
  readonly sheetOutsideUtcOnly?: true;
  /** The cell of orders.csv: outside text guarded by `textCell`, amounts exact decimals. */
  csv(row: ReportOrderRow, shared: OrderCsvShared): CsvCell;
  /** The value `SheetWriter.add` takes for the column's kind. */
  value(row: ReportOrderRow, zone: Zone): unknown;
}

/** Outside text as the store holds it: a guarded CSV cell, a text cell in the workbook. */
function text<C extends ReportOrderColumn>(name: C, width: number): OrderReportColumn<C> {
  const i = REPORT_ORDER[name];
  return {
    header: name,
    kind: "text",
    width,
    csv: (row) => textCell(row[i] as string | null),
    value: (row) => row[i],
  };
}

/** A count as the store holds it (`IntValue`: papaparse prints a number as `String(n)`). */
function int<C extends ReportOrderColumn>(name: C): OrderReportColumn<C> {
  const i = REPORT_ORDER[name];
  return { header: name, kind: "int", csv: (row) => row[i] as IntValue, value: (row) => row[i] };
}

const ORDER_ID = REPORT_ORDER.order_id;
const CREATED_AT = REPORT_ORDER.created_at;
const PRICE = REPORT_ORDER.price_nano;
const PAID = REPORT_ORDER.paid_nano;

export const ORDER_REPORT_COLUMNS = [
  // Decimal text the store made (ids may pass 2^53): nothing to guard.
  { header: "order_id", kind: "text", width: 12, csv: (row) => row[ORDER_ID] as string, value: (row) => row[ORDER_ID] },
  { header: "created_at_utc", kind: "time", csv: (_, s) => s.createdUtc, value: (row) => row[CREATED_AT] },
  {
    header: "created_at_local",
    kind: "time",
    sheetOutsideUtcOnly: true,
    csv: (_, s) => s.times.localOr(s.created, s.createdUtc),
    value: (row, zone) => {
      const created = row[CREATED_AT] as string;
      const ms = Date.parse(created);
      return Number.isNaN(ms) ? created : zone.wallMs(ms);
    },
  },
  text("status", 14),
  text("order_type", 11),
  text("recipient_username", 20),
  int("stars_amount"),
  int("premium_months"),
  { header: "price_ton", kind: "ton", csv: (_, s) => s.priceCell, value: (row) => row[PRICE] },
  text("payment_method", 14),
  text("payment_memo", 18),
  text("client_reference", 22),
  {
    header: "paid_ton",
    kind: "ton",
    csv: (row, s) => {
      const paid = row[PAID] as IntValue;
      return paid === s.price ? s.priceCell : tonCellOf(paid);
    },
    value: (row) => row[PAID],
  },
  text("tx_hash", 66),
  text("reconciliation", 22),
] as const satisfies readonly OrderReportColumn[];

const COLUMNS: readonly OrderReportColumn[] = ORDER_REPORT_COLUMNS;

type Headers<T extends readonly { header: string }[]> = { readonly [K in keyof T]: T[K]["header"] };

/** The header of orders.csv. */
export const ORDER_HEADERS = ORDER_REPORT_COLUMNS.map((c) => c.header) as unknown as Headers<
  typeof ORDER_REPORT_COLUMNS
>;

/** The Orders sheet's columns outside UTC (every column, as in the CSV). */
export const ORDER_SHEET_COLUMNS: readonly SheetColumn[] = COLUMNS.map(({ header, kind, width }) =>
  width === undefined ? { header, kind } : { header, kind, width },
);

/**
 * `(row, shared) => [f0(row, shared), f1(row, shared), …]` over the columns' functions, built once:
 * a call site per column, which V8 inlines, and one array literal. A loop calling each column in
 * turn through one call site cost ~2× per row (measured: 52 vs 28 ms of CPU per 100k rows).
 */
function rowFunction<S>(
  cells: readonly ((row: ReportOrderRow, shared: S) => unknown)[],
): (row: ReportOrderRow, shared: S) => unknown[] {
  const names = cells.map((_, i) => `c${i}`);
  const body = `return (row, shared) => [${names.map((n) => `${n}(row, shared)`).join(", ")}];`;
  return new Function(...names, body)(...cells) as never;
}

/** The row functions of one report: orders.csv's cells and the Orders sheet's values of a row. */
export class OrderRows {
  /** The Orders sheet's columns in the report's zone. */
  readonly sheetColumns: readonly SheetColumn[];
  readonly #values: (row: ReportOrderRow, zone: Zone) => unknown[];
  readonly #csv: (row: ReportOrderRow, shared: OrderCsvShared) => CsvCell[];
  readonly #zone: Zone;
  readonly #shared: OrderCsvShared;

  constructor(times: TimeCells, zone: Zone) {
    this.#zone = zone;
    const sheet = zone.utc ? COLUMNS.filter((c) => c.sheetOutsideUtcOnly !== true) : COLUMNS;
    this.sheetColumns = ORDER_SHEET_COLUMNS.filter((_, i) => sheet.includes(COLUMNS[i]!));
    this.#values = rowFunction(sheet.map((c) => c.value));
    this.#csv = rowFunction(COLUMNS.map((c) => c.csv)) as (row: ReportOrderRow, shared: OrderCsvShared) => CsvCell[];
    this.#shared = { times, created: "", createdUtc: "", price: null, priceCell: "" };
  }

  /** orders.csv's cells, in `ORDERS_COLUMNS` order. */
  csv(row: ReportOrderRow): CsvCell[] {
    const s = this.#shared;
    s.created = row[CREATED_AT] as string;
    s.createdUtc = s.times.utc(s.created);
    s.price = row[PRICE] as IntValue;
    s.priceCell = tonCellOf(s.price);
    return this.#csv(row, s);
  }

  /** The Orders sheet's values, in `sheetColumns` order. */
  values(row: ReportOrderRow): unknown[] {
    return this.#values(row, this.#zone);
  }
}
