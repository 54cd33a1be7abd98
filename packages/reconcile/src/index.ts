export {
  type ChainLimits,
  type ChainRetryPolicy,
  DEFAULT_CHAIN_LIMITS,
  DEFAULT_CHAIN_RETRY,
} from "./chain/chain-limits.js";
export {
  type ChainPageRequest,
  type ChainSource,
  ChainSourceError,
  type TransactionId,
} from "./chain/chain-source.js";
export { ChainGapError, checkPage, type PageCheck } from "./chain/continuity.js";
export {
  createTonHttpAdapter,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_REQUEST_TIMEOUT_MS,
  type TonHttpAdapter,
  type TonHttpAdapterOptions,
  type TonRequestEvent,
} from "./chain/http-adapter.js";
export { type BodyKind, type ParsedTransfer, parseBody, parseTransfer } from "./chain/parse-transfer.js";
export {
  createRateLimiter,
  type RateLimiter,
  type RateLimiterOptions,
  TONCENTER_REQUESTS_PER_SECOND,
  toncenterRateLimiter,
} from "./chain/rate-limiter.js";
export {
  type AddressReadResult,
  type AddressReadStatus,
  type ReadNewTransfersOptions,
  type ReadNewTransfersResult,
  type ReadProgress,
  readNewTransfers,
} from "./chain/read-new-transfers.js";
export {
  type ClosableChainSource,
  shownEndpoint,
  type TonClientLike,
  type TonClientSourceOptions,
  tonClientSource,
} from "./chain/ton-client-source.js";
export { match } from "./matcher/match.js";
export { isBouncedTransfer, isValidTransfer } from "./matcher/transfers.js";
export type {
  MatchBalanceTransaction,
  MatchInput,
  MatchOptions,
  MatchOrder,
  MatchResult,
  MatchStats,
  MatchTotals,
  MatchTransfer,
  MatchWindow,
  OrderMatch,
  Reconciliation,
} from "./matcher/types.js";
export { type FindingJson, findingJson, type RunJson, runJson } from "./output/json.js";
export { humanSummary, type SummaryOptions } from "./output/summary.js";
export { type AppliedRun, type ApplyOptions, applyRun } from "./run/apply.js";
export {
  type ConnectDeps,
  type ConnectedReconcile,
  chainLimiterFor,
  chainReaderFor,
  connectReconcile,
  type ReconcileSettings,
} from "./run/connect.js";
export type {
  AlertDelivery,
  AppliedRunFacts,
  ChainReadResult,
  FetchStats,
  ListedFinding,
  ReadChain,
  ReconcileContext,
  ReconcileOptions,
  RunAlerts,
  RunOutcome,
  RunProgress,
  StatsUnavailable,
} from "./run/context.js";
export { exitStatusOf } from "./run/exit-status.js";
export { ReconcileInterruptedError } from "./run/interrupted.js";
export { loadStoredFacts, type StoredFacts, watchedAddresses } from "./run/load.js";
export { DEFAULT_MAX_SYNC_AGE_MS, MIRROR_SENSITIVE_KINDS } from "./run/mirror.js";
export { ChainReadError, ReconcileBusyError, reconcile } from "./run/reconcile.js";
export { type ResolveOptions, resolve } from "./run/resolve.js";
