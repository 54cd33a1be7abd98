export { sql } from "kysely";
export {
  type BalanceSnapshotRow,
  insertBalanceSnapshot,
  latestBalanceSnapshot,
  type NewBalanceSnapshotRow,
} from "./balance-snapshots.js";
export {
  appendBalanceTransactions,
  type BalanceTransactionRow,
  lastBalanceTransaction,
  listBalanceTransactions,
  type NewBalanceTransactionRow,
} from "./balance-transactions.js";
export {
  type ChainCursor,
  type ChainCursorRow,
  type ChainTransferRow,
  getChainCursor,
  type ListTransfersFilter,
  listChainCursors,
  listTransfers,
  type NewChainTransferRow,
  setChainCursor,
  upsertTransfers,
} from "./chain.js";
export {
  type FindingRow,
  getFinding,
  listOpenFindings,
  type RecordedFinding,
  type ResolutionRow,
  type ResolveRequest,
  type ResolveResult,
  recordRunFindings,
  resolutionsOf,
  resolveFinding,
} from "./findings.js";
export {
  acquireLock,
  type LockRequest,
  type LockResult,
  type LockRow,
  refreshLock,
  releaseLock,
  takeOverLock,
} from "./locks.js";
export { type OpenStoreOptions, openStore, type Store, StoreError } from "./open.js";
export {
  type CreatedWindow,
  countOrdersByStatus,
  getOrder,
  type ListOrdersFilter,
  listNonTerminalOrders,
  listOrders,
  type NewOrderRow,
  newestOrderCreatedAt,
  type OrderRef,
  type OrderRow,
  type UpsertCounts,
  upsertOrders,
} from "./orders.js";
export { type ArrivalRow, type CoveringClaim, VALID_TRANSFER_SQL } from "./report-chain.js";
export type { IntValue } from "./report-columns.js";
export type { ReportFindingRow, ReportRunRow } from "./report-findings.js";
export type { ReportLedgerRow } from "./report-ledger.js";
export { REPORT_ORDER, type ReportOrderColumn, type ReportOrderRow } from "./report-orders.js";
export { type ReportReader, readReportSnapshot } from "./report-reader.js";
export {
  failRun,
  finishRun,
  getRun,
  insertRun,
  latestRun,
  type NewRun,
  type OrderMatchRecord,
  type RunRow,
  type RunStatus,
  type RunTotals,
  saveOrderMatches,
} from "./runs.js";
export type * from "./schema.js";
export { deleteSyncState, getSyncState, setSyncState } from "./sync-state.js";
export { type StoreDb, writeTransaction } from "./transaction.js";
