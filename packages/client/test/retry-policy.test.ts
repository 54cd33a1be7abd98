import { describe, expect, it } from "vitest";
import {
  ConnectionError,
  MalformedResponseError,
  NotFoundError,
  RateLimitError,
  ServerError,
  TimeoutError,
  ValidationError,
} from "../src/errors.js";
import { DEFAULT_RETRY_POLICY, isRetryable, parseRetryAfter, retryDelay } from "../src/retry.js";

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

describe("retryDelay", () => {
  it("waits what Retry-After asked", () => {
    const e = new RateLimitError(details(429, "RATE_LIMITED"), null, 1000);
    expect(retryDelay(e, 3, DEFAULT_RETRY_POLICY)).toBe(1000);
  });

  it("draws full jitter under a doubling, capped ceiling", () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
    const e = new TimeoutError(1, null);
    expect(retryDelay(e, 1, { ...policy, random: () => 0.999 })).toBe(99);
    expect(retryDelay(e, 3, { ...policy, random: () => 0.5 })).toBe(200);
    expect(retryDelay(e, 10, { ...policy, random: () => 0.5 })).toBe(500);
    expect(retryDelay(e, 2, { ...policy, random: () => 0 })).toBe(0);
  });
});

describe("parseRetryAfter", () => {
  it("reads delta seconds and HTTP dates", () => {
    const now = Date.parse("2026-04-16T12:00:00Z");
    expect(parseRetryAfter("1", now)).toBe(1000);
    expect(parseRetryAfter(" 2.5 ", now)).toBe(2500);
    expect(parseRetryAfter("Thu, 16 Apr 2026 12:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Thu, 16 Apr 2026 11:00:00 GMT", now)).toBe(0);
  });

  it("ignores absent or unreadable values", () => {
    expect(parseRetryAfter(undefined)).toBeNull();
    expect(parseRetryAfter("soon")).toBeNull();
  });
});
