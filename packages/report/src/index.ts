export { intCell, textCell, tonCell, tonCellOf, utcTimeCell } from "./cells.js";
export {
  BALANCE_LEDGER_COLUMNS,
  DAILY_SUMMARY_COLUMNS,
  FINDINGS_COLUMNS,
  FORMATS,
  formatsFlag,
  ORDERS_COLUMNS,
  REPORT_FILES,
  type ReportFormat,
  SHEETS,
} from "./columns.js";
export { CsvFile } from "./csv-file.js";
export { EXCEL_DIGITS, needsText } from "./digits.js";
export { BridgeError, ReportOutputError, ReportUsageError } from "./errors.js";
export { type SummaryPageOptions, summaryPage } from "./html-page.js";
export { type Verdict, type VerdictStatus, verdictOf } from "./html-verdict.js";
export type { LedgerBreak } from "./ledger-lines.js";
export { MANIFEST_FORMAT, type ManifestFile } from "./manifest.js";
export {
  PERIODS,
  type PeriodFlags,
  type PeriodName,
  type PeriodOptions,
  type ReportPeriod,
  reportPeriod,
} from "./period.js";
export { type ReportContext, type ReportFile, type ReportOptions, type ReportResult, writeReports } from "./report.js";
export { bridgeLines, fileContents, reportJson, reportText, tonText } from "./report-output.js";
export type {
  BalanceCheck,
  ChainBridge,
  DayBridge,
  FindingCount,
  OrdersBridge,
  ReportSummary,
  RunHistoryEntry,
  SummaryFinding,
} from "./summary.js";
export { chainGap, HISTORY_RUNS, ordersGap } from "./summary.js";
export { Zone } from "./zone.js";
