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
