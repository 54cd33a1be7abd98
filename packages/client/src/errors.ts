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
 *   └─ MalformedResponseError (a body that is not the envelope: status and a short excerpt)
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
 * not the envelope, or data of an unexpected shape.
 */
export class MalformedResponseError extends OpenMoneyError {
  override name = "MalformedResponseError";
  readonly status: number;
  /** The first characters of the body, scrubbed. */
  readonly excerpt: string;
  /** `invalid_json`: the body does not parse; `unexpected_shape`: it parses but is not what the schema expects. */
  readonly kind: "invalid_json" | "unexpected_shape";
  readonly retryAfterMs: number | null;
  constructor(
    init: {
      status: number;
      excerpt: string;
      kind: "invalid_json" | "unexpected_shape";
      detail: string;
      retryAfterMs?: number | null;
    },
    request: RequestInfo | null,
  ) {
    super(
      `${describe(request)}${init.status} ${init.detail}: ${JSON.stringify(init.excerpt)}`,
      request,
      "api_unavailable",
    );
    this.status = init.status;
    this.excerpt = init.excerpt;
    this.kind = init.kind;
    this.retryAfterMs = init.retryAfterMs ?? null;
  }
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
