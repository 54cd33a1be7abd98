/**
 * One error hierarchy for everything the client can throw. Callers branch on the class or on
 * `errorCode`, never on message text. Messages are built from scrubbed text only: no message,
 * stack or `inspect()` output ever carries the API key.
 *
 *   OpenMoneyError
 *   ├─ ApiError (the API answered with its error envelope: status, errorCode, requestId)
 *   │  ├─ ValidationError (400/422) ├─ AuthenticationError (401) ├─ PermissionError (403)
 *   │  ├─ NotFoundError (404)       ├─ ConflictError (409)       ├─ InsufficientBalanceError (402)
 *   │  ├─ RateLimitError (429)      └─ ServerError (5xx)
 *   ├─ ConnectionError   ├─ TimeoutError   ├─ RequestAbortedError
 *   ├─ MalformedResponseError (a body that is not the envelope, or data omrecon cannot use: the field)
 *   ├─ ResponseTooLargeError (a body over the byte limit)   ├─ WalkLimitError (a list that never ends)
 *   └─ BaseUrlError (404 where the API must answer: OPENMONEY_BASE_URL is wrong)
 */

import { OmreconError } from "@omrecon/core";

export interface RequestInfo {
  method: string;
  /** Path under the base URL, with its query string. */
  path: string;
}

export class OpenMoneyError extends OmreconError {
  override name = "OpenMoneyError";
  /** The request that failed, when there was one. */
  readonly request: RequestInfo | null;
  /** How many attempts were made before giving up (1 when there was no retry). */
  attempts = 1;
  /** The Idempotency-Key a create or cancel was sent with: retry with it to get the same order. */
  idempotencyKey: string | null = null;

  constructor(message: string, request: RequestInfo | null = null, code = "api_error") {
    super(message, { code });
    this.request = request;
  }
}

export interface ApiErrorDetails {
  status: number;
  errorCode: string;
  /** The API's `error_message`, scrubbed. */
  errorMessage: string;
  requestId: string | null;
}

export class ApiError extends OpenMoneyError {
  override name = "ApiError";
  readonly status: number;
  readonly errorCode: string;
  readonly errorMessage: string;
  readonly requestId: string | null;

  constructor(details: ApiErrorDetails, request: RequestInfo | null, message?: string, code?: string) {
    super(
      message ?? `${describe(request)}${details.status} ${details.errorCode}: ${details.errorMessage}`,
      request,
      code ?? codeForStatus(details.status),
    );
    this.status = details.status;
    this.errorCode = details.errorCode;
    this.errorMessage = details.errorMessage;
    this.requestId = details.requestId;
  }
}

/** 400/422 VALIDATION_ERROR: the request was refused as invalid; the message says why. */
export class ValidationError extends ApiError {
  override name = "ValidationError";
}

/** 401 UNAUTHORIZED: the key is missing, wrong or revoked. */
export class AuthenticationError extends ApiError {
  override name = "AuthenticationError";
  constructor(details: ApiErrorDetails, request: RequestInfo | null) {
    super(
      details,
      request,
      `${describe(request)}the API refused the key (${details.status} ${details.errorCode}): check OPENMONEY_API_KEY`,
    );
  }
}

/** 403 FORBIDDEN. */
export class PermissionError extends ApiError {
  override name = "PermissionError";
}

/** 404 NOT_FOUND. */
export class NotFoundError extends ApiError {
  override name = "NotFoundError";
}

/** 409 CONFLICT, IDEMPOTENCY_CONFLICT or ORDER_NOT_CANCELLABLE (see `errorCode`). */
export class ConflictError extends ApiError {
  override name = "ConflictError";
}

/** 402 INSUFFICIENT_BALANCE: a balance-paid order costs more than the partner balance. */
export class InsufficientBalanceError extends ApiError {
  override name = "InsufficientBalanceError";
}

/** 429 RATE_LIMITED, after the retries ran out. */
export class RateLimitError extends ApiError {
  override name = "RateLimitError";
  /** From `Retry-After`, when the API sent one. */
  readonly retryAfterMs: number | null;
  constructor(details: ApiErrorDetails, request: RequestInfo | null, retryAfterMs: number | null) {
    super(details, request);
    this.retryAfterMs = retryAfterMs;
  }
}

/** 5xx INTERNAL_ERROR / SERVICE_UNAVAILABLE, after the retries ran out. */
export class ServerError extends ApiError {
  override name = "ServerError";
  readonly retryAfterMs: number | null;
  constructor(details: ApiErrorDetails, request: RequestInfo | null, retryAfterMs: number | null = null) {
    super(details, request);
    this.retryAfterMs = retryAfterMs;
  }
}

/** The connection failed: refused, reset, closed before or during the answer. */
export class ConnectionError extends OpenMoneyError {
  override name = "ConnectionError";
  /** The transport's error code (`ECONNREFUSED`, `UND_ERR_SOCKET`, …) when known. */
  readonly transportCode: string | null;
  constructor(message: string, request: RequestInfo | null, transportCode: string | null) {
    super(`${describe(request)}connection failed: ${message}`, request, "api_unavailable");
    this.transportCode = transportCode;
  }
}

/** One attempt took longer than the `timeout`. */
export class TimeoutError extends OpenMoneyError {
  override name = "TimeoutError";
  readonly timeoutMs: number;
  constructor(timeoutMs: number, request: RequestInfo | null) {
    super(`${describe(request)}no complete answer within ${timeoutMs} ms`, request, "api_unavailable");
    this.timeoutMs = timeoutMs;
  }
}

/** The caller's AbortSignal fired. */
export class RequestAbortedError extends OpenMoneyError {
  override name = "RequestAbortedError";
  constructor(request: RequestInfo | null) {
    super(`${describe(request)}aborted by the caller`, request, "interrupted");
  }
}

/**
 * The answer was not what the API promises: not JSON (an HTML proxy page, a truncated transfer),
 * not the envelope, or data omrecon cannot use — a required field missing or a field of the wrong
 * kind (`field` names it, `where` the object: docs/partner-api.md#tolerance).
 */
export class MalformedResponseError extends OpenMoneyError {
  override name = "MalformedResponseError";
  readonly status: number;
  /** The first characters of the body, scrubbed. */
  readonly excerpt: string;
  /** `invalid_json`: the body does not parse; `unexpected_shape`: it parses but is not what omrecon needs. */
  readonly kind: "invalid_json" | "unexpected_shape";
  readonly retryAfterMs: number | null;
  /** The field that cannot be used (`price_ton`, `data`), when the data is the problem. */
  readonly field: string | null;
  /** Which object holds it: `order 10421 (item 4)`. */
  readonly where: string | null;
  /** What is wrong with the data, one phrase: `order 10421 (item 4): price_ton is missing`. */
  readonly problem: string | null;
  constructor(
    init: {
      status: number;
      excerpt: string;
      kind: "invalid_json" | "unexpected_shape";
      detail: string;
      retryAfterMs?: number | null;
      field?: string | null;
      where?: string | null;
      problem?: string | null;
    },
    request: RequestInfo | null,
  ) {
    const shaped = init.field !== undefined && init.field !== null;
    super(
      shaped
        ? `${describe(request)}${init.detail}`
        : `${describe(request)}${init.status} ${init.detail}: ${JSON.stringify(init.excerpt)}`,
      request,
      // Data of the wrong shape will not get better by waiting; a page that is not JSON may.
      shaped ? "api_incompatible" : "api_unavailable",
    );
    this.status = init.status;
    this.excerpt = init.excerpt;
    this.kind = init.kind;
    this.retryAfterMs = init.retryAfterMs ?? null;
    this.field = init.field ?? null;
    this.where = init.where ?? null;
    this.problem = init.problem ?? null;
  }
}

/** An answer larger than the client's `maxResponseBytes`: refused while it streams, never held. */
export class ResponseTooLargeError extends OpenMoneyError {
  override name = "ResponseTooLargeError";
  readonly limitBytes: number;
  constructor(limitBytes: number, request: RequestInfo | null) {
    super(
      `${describe(request)}the answer is larger than ${formatBytes(limitBytes)} (the client's maxResponseBytes) and was ` +
        "refused; a page of 100 orders is about 60 KB: check that OPENMONEY_BASE_URL points at the partner API",
      request,
      "api_limit",
    );
    this.limitBytes = limitBytes;
  }
}

/** A list walk passed its page cap or its deadline: the list does not end (or the API is too slow). */
export class WalkLimitError extends OpenMoneyError {
  override name = "WalkLimitError";
  readonly limit: "pages" | "deadline";
  constructor(limit: "pages" | "deadline", value: number, request: RequestInfo | null) {
    super(
      limit === "pages"
        ? `${describe(request)}one walk of the list passed ${value.toLocaleString("en-US")} pages (maxPagesPerWalk) and ` +
            "was stopped: the API keeps sending full pages; check OPENMONEY_BASE_URL and run `pnpm check`"
        : `${describe(request)}one walk of the list passed its deadline of ${formatDuration(value)} (walkDeadlineMs) and ` +
            "was stopped; what was read before is kept, and the next run goes on from there",
      request,
      "api_limit",
    );
    this.limit = limit;
  }
}

/** 404 from an endpoint that always exists: there is no partner API at the base URL. */
export class BaseUrlError extends OpenMoneyError {
  override name = "BaseUrlError";
  constructor(baseUrl: string, request: RequestInfo | null) {
    super(
      `${describe(request)}404 from ${baseUrl}: there is no partner API there; check OPENMONEY_BASE_URL ` +
        "(the default is https://api.theopenmoney.info/api/v1)",
      request,
      "config",
    );
  }
}

function formatBytes(n: number): string {
  if (n >= 1 << 20) return `${Math.round((n / (1 << 20)) * 10) / 10} MB`;
  if (n >= 1 << 10) return `${Math.round(n / (1 << 10))} KB`;
  return `${n} bytes`;
}

function formatDuration(ms: number): string {
  if (ms >= 3_600_000) return `${Math.round((ms / 3_600_000) * 10) / 10} h`;
  if (ms >= 60_000) return `${Math.round((ms / 60_000) * 10) / 10} min`;
  return `${Math.round(ms / 100) / 10} s`;
}

/** The `code` of an API error by its HTTP status (docs/cli.md#exit-status). */
function codeForStatus(status: number): string {
  if (status === 401) return "api_key_refused";
  if (status === 403) return "api_forbidden";
  if (status === 429 || status >= 500) return "api_unavailable";
  return "api_error";
}

function describe(request: RequestInfo | null): string {
  return request ? `${request.method} ${request.path}: ` : "";
}

/** The error class for an error envelope: by `error_code` first, by HTTP status for codes it does not know. */
export function apiErrorFor(
  details: ApiErrorDetails,
  request: RequestInfo | null,
  retryAfterMs: number | null,
): ApiError {
  switch (details.errorCode) {
    case "VALIDATION_ERROR":
      return new ValidationError(details, request);
    case "UNAUTHORIZED":
      return new AuthenticationError(details, request);
    case "FORBIDDEN":
      return new PermissionError(details, request);
    case "NOT_FOUND":
      return new NotFoundError(details, request);
    case "CONFLICT":
    case "IDEMPOTENCY_CONFLICT":
    case "ORDER_NOT_CANCELLABLE":
      return new ConflictError(details, request);
    case "INSUFFICIENT_BALANCE":
      return new InsufficientBalanceError(details, request);
    case "RATE_LIMITED":
      return new RateLimitError(details, request, retryAfterMs);
    case "INTERNAL_ERROR":
    case "SERVICE_UNAVAILABLE":
      return new ServerError(details, request, retryAfterMs);
  }
  const s = details.status;
  if (s === 400 || s === 422) return new ValidationError(details, request);
  if (s === 401) return new AuthenticationError(details, request);
  if (s === 402) return new InsufficientBalanceError(details, request);
  if (s === 403) return new PermissionError(details, request);
  if (s === 404) return new NotFoundError(details, request);
  if (s === 409) return new ConflictError(details, request);
  if (s === 429) return new RateLimitError(details, request, retryAfterMs);
  if (s >= 500) return new ServerError(details, request, retryAfterMs);
  return new ApiError(details, request);
}
