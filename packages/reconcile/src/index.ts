export { type AlertPayload, alertPayload } from "./alerts/payload.js";
export { postWebhook, signatureOf, type WebhookResult, type WebhookTarget } from "./alerts/webhook.js";
export { match } from "./matcher/match.js";
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
export { type AppliedRun, applyRun } from "./run/apply.js";
export type {
  FetchStats,
  ListedFinding,
  ReadChain,
  ReconcileContext,
  ReconcileOptions,
  RunOutcome,
  RunProgress,
} from "./run/context.js";
export { exitStatusOf } from "./run/exit-status.js";
export { loadStoredFacts, type StoredFacts, watchedAddresses } from "./run/load.js";
export { ReconcileBusyError, reconcile } from "./run/reconcile.js";
export { type ResolveOptions, resolve } from "./run/resolve.js";
