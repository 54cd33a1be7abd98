export * from "./api/index.js";
export { ChronoList } from "./chrono-list.js";
export type { SandboxBalanceTx, SandboxBalanceTxType, SandboxOrder, SandboxPartner } from "./model.js";
export { derivedAddress } from "./partner.js";
export {
  DEFAULT_PRICING,
  isPremiumMonths,
  PREMIUM_MONTHS,
  type PremiumMonths,
  type PricingConfig,
  pricePremium,
  priceStars,
} from "./pricing.js";
export { createRandom, type Random, type Seed } from "./random.js";
export {
  deadPort,
  deadUrl,
  type ReceivedRequest,
  type Receiver,
  type ReceiverAnswer,
  type ReceiverOptions,
  startReceiver,
} from "./receiver.js";
export { checkRecipient, type GiftKind, type RecipientVerdict } from "./recipients.js";
export { sampleOrder } from "./sample-order.js";
export { type Sandbox, type SandboxCounters, type SandboxOptions, startSandbox } from "./sandbox.js";
export { SandboxError, type SandboxErrorCode } from "./sandbox-error.js";
export {
  type BalanceTxFilter,
  type CreatePremiumInput,
  type CreateStarsInput,
  type ListResult,
  type NewBalanceTx,
  ORDER_TTL_MS,
  type OrderFilter,
  type OrderResult,
  SandboxState,
  type SandboxStateOptions,
  type StatsResult,
} from "./state.js";
export { buildBodyCell, ENCRYPTED_COMMENT_OP } from "./ton/body-cell.js";
export { createTonChain, type SimulatedTonChain } from "./ton/chain.js";
export { getTransactions as toncenterGetTransactions, TonApiError } from "./ton/get-transactions.js";
export {
  createTonApiHandler,
  startTonApi,
  TON_API_PREFIX,
  type TonApi,
  type TonApiHandler,
  type TonApiHandlerOptions,
  type TonApiOptions,
} from "./ton/ton-api.js";
export type { TonApiCounters } from "./ton/ton-api-counters.js";
export { type ToncenterMessage, type ToncenterTransaction, toncenterTransaction } from "./ton/toncenter-json.js";
export type { ToncenterRateLimitOptions } from "./ton/toncenter-rate-limit.js";
export { buildTransactionCell } from "./ton/transaction-cell.js";
export type {
  ChainTransaction,
  HistoryOptions,
  TonChain,
  TransferBody,
  TransferSpec,
} from "./ton/types.js";
export { type Actors, type AddressForm, type AddressForms, formsOf } from "./world/actors.js";
export type { StatsOffset } from "./world/builder.js";
export { generateWorld, type World } from "./world/generate.js";
export { type LiveWorld, liveWorld, type PayOrderOptions, type TopUpOptions, worldClock } from "./world/live.js";
export {
  type PlantAmount,
  type ResolvedWorldOptions,
  resolveWorldOptions,
  type WorldOptions,
} from "./world/options.js";
export {
  type ExpectedFinding,
  type GroundTruth,
  TRICKY_KINDS,
  type TrickyCase,
  type TrickyKind,
} from "./world/truth.js";
export { type LoadWorldOptions, loadWorld, WorldState } from "./world/world-state.js";
