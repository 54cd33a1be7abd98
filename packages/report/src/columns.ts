import { ReportUsageError } from "./errors.js";
import { ORDER_HEADERS } from "./order-report-columns.js";

/**
 * The report files and their columns, in order, exactly as docs/cli.md#report-files lists them.
 * orders.csv's come from its columns' one declaration (order-report-columns.ts).
 */
export const ORDERS_COLUMNS = ORDER_HEADERS;

export const DAILY_SUMMARY_COLUMNS = [
  "date",
  "order_type",
  "orders",
  "completed",
  "pending",
  "expired",
  "cancelled",
  "other",
  "stars",
  "premium_months",
  "billed_ton",
  "received_ton",
  "paid_from_balance_ton",
  "shortfall_ton",
  "excess_ton",
  "received_unbilled_ton",
  "partial_day",
  "findings_critical",
  "findings_warning",
] as const;

export const FINDINGS_COLUMNS = [
  "key",
  "kind",
  "severity",
  "order_id",
  "payment_memo",
  "tx_hash",
  "expected_ton",
  "received_ton",
  "amount_ton",
  "first_seen_utc",
  "message",
] as const;

export const BALANCE_LEDGER_COLUMNS = [
  "id",
  "created_at_utc",
  "type",
  "amount_ton",
  "balance_after_ton",
  "order_id",
  "tx_hash",
  "chain_status",
] as const;

export const REPORT_FILES = {
  orders: "orders.csv",
  dailySummary: "daily_summary.csv",
  findings: "findings.csv",
  balanceLedger: "balance_ledger.csv",
  workbook: "omrecon-report.xlsx",
  summaryHtml: "summary.html",
  manifest: "manifest.json",
} as const;

/** The workbook's sheets, in order. */
export const SHEETS = ["Summary", "Orders", "Daily", "Findings", "Ledger"] as const;

/** Which files `--format` asks for. */
export const FORMATS = ["csv", "xlsx", "html"] as const;
export type ReportFormat = (typeof FORMATS)[number];

/** `--format csv,xlsx,html` (docs/cli.md#commands): which files to write; all when not given. */
export function formatsFlag(value: string | undefined): ReportFormat[] {
  if (value === undefined) return [...FORMATS];
  const asked = value.split(",").map((f) => f.trim().toLowerCase());
  if (asked.some((f) => !(FORMATS as readonly string[]).includes(f))) {
    throw new ReportUsageError(
      `--format must be csv, xlsx, html or a comma-separated list of them (csv,xlsx,html), got ${JSON.stringify(value)}`,
    );
  }
  return FORMATS.filter((f) => asked.includes(f));
}
