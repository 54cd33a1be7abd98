import { describe, expect, it } from "vitest";
import {
  ConnectionError,
  MalformedResponseError,
  NotFoundError,
  RateLimitError,
  ResponseTooLargeError,
  ServerError,
  TimeoutError,
  ValidationError,
  WalkLimitError,
} from "../src/errors.js";
import { isRetryable, retryAfterOf } from "../src/retry.js";

const details = (status: number, errorCode: string) => ({ status, errorCode, errorMessage: "", requestId: null });
const malformed = (status: number, kind: "invalid_json" | "unexpected_shape") =>
  new MalformedResponseError({ status, excerpt: "", kind, detail: "x" }, null);
const GET = { method: "GET", idempotent: false };
const POST_WITH_KEY = { method: "POST", idempotent: true };
const POST_WITHOUT_KEY = { method: "POST", idempotent: false };

describe("isRetryable", () => {
  it.each([
    ["429", new RateLimitError(details(429, "RATE_LIMITED"), null, null), true],
    ["5xx", new ServerError(details(503, "SERVICE_UNAVAILABLE"), null), true],
    ["connection", new ConnectionError("reset", null, "ECONNRESET"), true],
    ["timeout", new TimeoutError(10, null), true],
    ["truncated 200", malformed(200, "invalid_json"), true],
    ["HTML 502", malformed(502, "invalid_json"), true],
    ["HTML 403", malformed(403, "invalid_json"), false],
    ["200 of the wrong shape", malformed(200, "unexpected_shape"), false],
    [
      "a 502 envelope whose data lacks a field",
      new MalformedResponseError(
        { status: 502, excerpt: "", kind: "unexpected_shape", detail: "x", field: "id" },
        null,
      ),
      false,
    ],
    ["a body over the limit", new ResponseTooLargeError(1024, null), false],
    ["a walk past its deadline", new WalkLimitError("deadline", 1000, null), false],
    ["404", new NotFoundError(details(404, "NOT_FOUND"), null), false],
    ["422", new ValidationError(details(422, "VALIDATION_ERROR"), null), false],
    ["a bug", new TypeError("x"), false],
  ])("GET: %s → %s", (_name, error, expected) => {
    expect(isRetryable(error, GET)).toBe(expected);
  });

  it("retries a POST only when it carries its Idempotency-Key", () => {
    const e = new ServerError(details(500, "INTERNAL_ERROR"), null);
    expect(isRetryable(e, POST_WITH_KEY)).toBe(true);
    expect(isRetryable(e, POST_WITHOUT_KEY)).toBe(false);
  });
});

describe("retryAfterOf", () => {
  it("gives the wait the server asked for, and nothing for errors without one (core's backoff then)", () => {
    expect(retryAfterOf(new RateLimitError(details(429, "RATE_LIMITED"), null, 1000))).toBe(1000);
    expect(retryAfterOf(new RateLimitError(details(429, "RATE_LIMITED"), null, null))).toBeNull();
    expect(retryAfterOf(new TimeoutError(1, null))).toBeNull();
    expect(retryAfterOf(null)).toBeNull();
  });
});
