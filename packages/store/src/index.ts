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
export type { DialectName } from "./driver.js";
export { StoreError } from "./errors.js";
export { type ClearScope, clearUnseenFindings } from "./finding-clearing.js";
export {
  type FindingFilter,
  type FindingRunRow,
  type FindingState,
  type FindingStatus,
  findingKeysByPrefix,
  getFindingState,
  listFindingStates,
  runsOfFinding,
} from "./finding-history.js";
export {
  type FindingRow,
  findingOfRow,
  getFinding,
  listFindings,
  listOpenFindings,
  listRunFindings,
  type RecordedFinding,
  type RecordRunOptions,
  type ResolutionRow,
  type ResolveRequest,
  type ResolveResult,
  recordRunFindings,
  resolutionsOf,
  resolveFinding,
  sameAmounts,
} from "./findings.js";
export { inspectStore, type StoreInspection } from "./inspect.js";
export {
  DEFAULT_LOCK_TTL_MS,
  describeOwner,
  type HeldLock,
  type LockAttempt,
  LockLostError,
  type LockOptions,
  newLockOwner,
  type TakenOver,
  takeLock,
} from "./lock.js";
export type { LockRow } from "./locks.js";
export {
  type MatchBalance,
  type MatchBalanceTransaction,
  type MatchFacts,
  type MatchOrder,
  type MatchTransfer,
  readMatchFacts,
  watchedAddresses,
} from "./match-input.js";
export {
  type NewOrderRow,
  ORDER_COLUMNS,
  type OrderColumn,
  type OrderColumnKind,
  type OrderColumnSpec,
  type OrderRow,
  type UpsertCounts,
} from "./order-columns.js";
export {
  listOrderMatches,
  type OrderMatchRecord,
  type OrderMatchRow,
  saveOrderMatches,
} from "./order-matches.js";
export {
  type CreatedWindow,
  countOrdersByStatus,
  getOrder,
  type ListOrdersFilter,
  listNonTerminalOrders,
  listOrders,
  newestOrderCreatedAt,
  type OrderRef,
  upsertOrders,
} from "./orders.js";
export {
  countPendingAlerts,
  enqueueAlerts,
  expireAlerts,
  listAlerts,
  markAlertDelivered,
  markAlertFailed,
  type NewOutboxAlert,
  type OutboxRow,
  type OutboxStatus,
  pendingAlerts,
} from "./outbox.js";
export { type ArrivalRow, type CoveringClaim, VALID_TRANSFER_SQL } from "./report-chain.js";
export type { IntValue } from "./report-columns.js";
export type { ReportFindingRow, ReportRunRow } from "./report-findings.js";
export type { ReportBalanceRow, ReportRunHistoryRow } from "./report-history.js";
export type { ReportLedgerRow } from "./report-ledger.js";
export { REPORT_ORDER, type ReportOrderColumn, type ReportOrderRow } from "./report-orders.js";
export { type ReportReader, readReportSnapshot } from "./report-reader.js";
export {
  type EndedRun,
  endRun,
  type FinishedRun,
  failAbandonedRuns,
  failRun,
  finishRun,
  getRun,
  insertRun,
  latestRun,
  listRecentRuns,
  listRuns,
  type NewRun,
  type RunRow,
  type RunStatus,
  type RunTotals,
} from "./runs.js";
export type { StoreDb } from "./session.js";
export {
  lastStepRun,
  latestStepRuns,
  type NewStepRun,
  recordStepRun,
  type StepHistory,
  type StepRunRow,
  type StepRunStatus,
} from "./step-runs.js";
export { databaseName, type OpenStoreOptions, openStore, type Store, storeExists } from "./store.js";
export {
  deleteSyncState,
  getSyncState,
  type MirrorState,
  readMirrorState,
  recordCompletePass,
  SYNC_STATE_KEYS,
  setSyncState,
} from "./sync-state.js";
export { writeTransaction } from "./transaction.js";
