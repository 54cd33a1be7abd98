export type { ApiCall } from "./call.js";
export {
  type ClientOptions,
  DEFAULT_BASE_URL,
  OpenMoneyClient,
  type RequestEvent,
  type ResponseEvent,
} from "./client.js";
export {
  ApiError,
  type ApiErrorDetails,
  AuthenticationError,
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
  ServerError,
  TimeoutError,
  ValidationError,
} from "./errors.js";
export { canonicalInstant } from "./instant.js";
export { MAX_PAGE_SIZE } from "./paginate.js";
export type { BalanceResource } from "./resources/balance.js";
export type { HealthResource } from "./resources/health.js";
export type { OrdersResource } from "./resources/orders.js";
export type { PricingResource } from "./resources/pricing.js";
export type { RecipientsResource } from "./resources/recipients.js";
export * from "./types.js";
export { VERSION } from "./version.js";
