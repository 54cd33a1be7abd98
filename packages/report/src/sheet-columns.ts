/** The workbook's table sheets: the CSV files' columns (columns.ts) with the kind of cell each holds. */
import { ORDER_SHEET_COLUMNS } from "./order-report-columns.js";
import type { SheetColumn } from "./workbook-sheet.js";

const col = (header: string, kind: SheetColumn["kind"], width?: number): SheetColumn =>
  width === undefined ? { header, kind } : { header, kind, width };

export const SHEET_COLUMNS = {
  /** Every orders column; `OrderRows.sheetColumns` leaves `created_at_local` out in UTC. */
  orders: ORDER_SHEET_COLUMNS,
  daily: [
    col("date", "date"),
    col("order_type", "text", 11),
    col("orders", "int"),
    col("completed", "int"),
    col("pending", "int"),
    col("expired", "int"),
    col("cancelled", "int"),
    col("other", "int"),
    col("stars", "int"),
    col("premium_months", "int"),
    col("billed_ton", "ton"),
    col("received_ton", "ton"),
    col("paid_from_balance_ton", "ton", 22),
    col("shortfall_ton", "ton"),
    col("excess_ton", "ton"),
    col("received_unbilled_ton", "ton", 22),
    col("partial_day", "bool"),
    col("findings_critical", "int", 16),
    col("findings_warning", "int", 16),
  ],
  findings: [
    col("key", "text", 40),
    col("kind", "text", 22),
    col("severity", "text", 10),
    col("order_id", "text", 12),
    col("payment_memo", "text", 18),
    col("tx_hash", "text", 66),
    col("expected_ton", "ton"),
    col("received_ton", "ton"),
    col("amount_ton", "ton"),
    col("first_seen_utc", "time"),
    col("message", "text", 80),
  ],
  ledger: [
    col("id", "text", 10),
    col("created_at_utc", "time"),
    col("type", "text", 14),
    col("amount_ton", "ton"),
    col("balance_after_ton", "ton"),
    col("order_id", "text", 12),
    col("tx_hash", "text", 66),
    col("chain_status", "text", 12),
  ],
} as const satisfies Record<string, readonly SheetColumn[]>;
