export { intCell, textCell, timeCell, tonCell } from "./cells.js";
export {
  BALANCE_LEDGER_COLUMNS,
  DAILY_SUMMARY_COLUMNS,
  FINDINGS_COLUMNS,
  ORDERS_COLUMNS,
  REPORT_FILES,
} from "./columns.js";
export { CsvFile } from "./csv-file.js";
export { type ReportContext, type ReportFile, type ReportOptions, type ReportResult, writeReports } from "./report.js";
