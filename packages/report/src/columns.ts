/** The report files and their columns, in order, exactly as cli.md lists them. */
export const ORDERS_COLUMNS = [
  "order_id",
  "created_at",
  "status",
  "order_type",
  "recipient_username",
  "stars_amount",
  "premium_months",
  "price_ton",
  "payment_method",
  "payment_memo",
  "client_reference",
  "paid_ton",
  "tx_hash",
  "reconciliation",
] as const;

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
  "first_seen",
  "message",
] as const;

export const BALANCE_LEDGER_COLUMNS = [
  "id",
  "created_at",
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
} as const;
