export type { ApiCall } from "./call.js";
export {
  type ClientOptions,
  DEFAULT_BASE_URL,
  DEFAULT_MAX_RESPONSE_BYTES,
  OpenMoneyClient,
  type RequestEvent,
  type ResponseEvent,
} from "./client.js";
export {
  ApiError,
  type ApiErrorDetails,
  AuthenticationError,
  BaseUrlError,
  ConflictError,
  ConnectionError,
  InsufficientBalanceError,
  MalformedResponseError,
  NotFoundError,
  OpenMoneyError,
  PermissionError,
  RateLimitError,
  RequestAbortedError,
  type RequestInfo,
  ResponseTooLargeError,
  ServerError,
  TimeoutError,
  ValidationError,
  WalkLimitError,
} from "./errors.js";
export { type FieldKind, KIND_INFO, MAX_NANO } from "./fields.js";
export { canonicalInstant } from "./instant.js";
export { isLastPage, MAX_PAGE_SIZE } from "./paginate.js";
export type { ProbeOutcome, ProbeResult, RawAnswer } from "./probe.js";
export { LIST_KEYS, type Shape, TOTAL_KEYS } from "./reader.js";
export type { BalanceResource } from "./resources/balance.js";
export type { HealthResource } from "./resources/health.js";
export type { OrdersResource } from "./resources/orders.js";
export type { PricingResource } from "./resources/pricing.js";
export type { RecipientsResource } from "./resources/recipients.js";
export { describeDifference } from "./response.js";
export {
  BALANCE_SPEC,
  BALANCE_TRANSACTION_SPEC,
  ENDPOINTS,
  type EndpointRole,
  type EndpointSpec,
  FEES_SPEC,
  HEALTH_SPEC,
  ORDER_SPEC,
  PREMIUM_ESTIMATE_SPEC,
  paidByMemo,
  RECIPIENT_CHECK_SPEC,
  STARS_ESTIMATE_SPEC,
  STATS_SPEC,
  TON_RATE_SPEC,
} from "./schemas.js";
export {
  type Audit,
  type Difference,
  type DifferenceKind,
  type FieldSpec,
  type ObjectSpec,
  similarNames,
} from "./shape.js";
export { type OptionalStats, statsUnavailable } from "./stats.js";
export * from "./types.js";
export { VERSION } from "./version.js";
export {
  DEFAULT_MAX_PAGES_PER_WALK,
  DEFAULT_WALK_DEADLINE_MS,
  WalkBudget,
  type WalkLimits,
} from "./walk.js";
