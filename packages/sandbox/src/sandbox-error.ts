/** A refusal the partner API serves as its error envelope: the spec's `error_code` and HTTP status. */

export type SandboxErrorCode =
  | "VALIDATION_ERROR"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "IDEMPOTENCY_CONFLICT"
  | "ORDER_NOT_CANCELLABLE"
  | "INSUFFICIENT_BALANCE"
  | "RATE_LIMITED"
  | "INTERNAL_ERROR"
  | "SERVICE_UNAVAILABLE";

export class SandboxError extends Error {
  override readonly name = "SandboxError";
  constructor(
    readonly code: SandboxErrorCode,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** 400: the request is malformed (bad JSON, a missing field, a wrong type, a bad query parameter). */
export const badRequest = (message: string) => new SandboxError("VALIDATION_ERROR", 400, message);
/** 422: well-formed, but a value is not acceptable (out of range, unknown method, recipient refused). */
export const unprocessable = (message: string) => new SandboxError("VALIDATION_ERROR", 422, message);
export const notFound = (message: string) => new SandboxError("NOT_FOUND", 404, message);
