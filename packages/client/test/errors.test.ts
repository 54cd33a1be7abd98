import { createServer } from "node:net";
import { sampleOrder } from "@omrecon/sandbox";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ApiError,
  AuthenticationError,
  ConflictError,
  ConnectionError,
  InsufficientBalanceError,
  MalformedResponseError,
  NotFoundError,
  OpenMoneyClient,
  OpenMoneyError,
  PermissionError,
  RateLimitError,
  RequestAbortedError,
  ServerError,
  TimeoutError,
  ValidationError,
} from "../src/index.js";
import { type Fixture, startFixture, T0 } from "./sandbox-fixture.js";

let fx: Fixture;
let client: OpenMoneyClient;

beforeEach(async () => {
  fx = await startFixture();
  client = fx.client({ maxRetries: 0 });
});
afterEach(() => fx.close());

async function failure(pending: Promise<unknown>): Promise<OpenMoneyError> {
  try {
    await pending;
  } catch (error) {
    expect(error).toBeInstanceOf(OpenMoneyError);
    return error as OpenMoneyError;
  }
  throw new Error("expected the call to fail");
}

const stars = { recipient_username: "pandus", quantity: 100 };

describe("API error envelopes become typed errors", () => {
  it("VALIDATION_ERROR 422 and 400 → ValidationError with the API's message", async () => {
    const e = await failure(client.orders.createStars({ recipient_username: "pandus", quantity: 10 }));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e).toMatchObject({
      status: 422,
      errorCode: "VALIDATION_ERROR",
      errorMessage: "quantity must be between 50 and 10000",
    });
    expect(e.message).toBe("POST /orders/stars: 422 VALIDATION_ERROR: quantity must be between 50 and 10000");
    expect((e as ApiError).requestId).toMatch(/^req_/);
    const bad = await failure(client.orders.listPage({ limit: 0 }));
    expect(bad).toBeInstanceOf(ValidationError);
    expect((bad as ApiError).status).toBe(400);
  });

  it("UNAUTHORIZED → AuthenticationError saying to check OPENMONEY_API_KEY", async () => {
    const wrong = new OpenMoneyClient({ apiKey: "osk_wrong_key_123", baseUrl: fx.api.url });
    const e = await failure(wrong.health.check());
    await wrong.close();
    expect(e).toBeInstanceOf(AuthenticationError);
    expect(e).toMatchObject({ status: 401, errorCode: "UNAUTHORIZED" });
    expect(e.message).toMatch(/check OPENMONEY_API_KEY/);
    expect(fx.api.counters.requests("GET /health")).toBe(1);
  });

  it("FORBIDDEN → PermissionError", async () => {
    fx.api.faults.next("GET /balance", { kind: "error", status: 403, code: "FORBIDDEN", message: "suspended" });
    const e = await failure(client.balance.get());
    expect(e).toBeInstanceOf(PermissionError);
    expect(e).toMatchObject({ status: 403, errorCode: "FORBIDDEN" });
  });

  it("NOT_FOUND → NotFoundError", async () => {
    const e = await failure(client.orders.get(424_242));
    expect(e).toBeInstanceOf(NotFoundError);
    expect(e).toMatchObject({ status: 404, errorCode: "NOT_FOUND" });
  });

  it("IDEMPOTENCY_CONFLICT and ORDER_NOT_CANCELLABLE → ConflictError, told apart by errorCode", async () => {
    await client.orders.createStars(stars, { idempotencyKey: "0f6c1f1e-5b8a-4c1e-9d52-3a1b2c3d4e5f" });
    const conflict = await failure(
      client.orders.createStars(
        { ...stars, quantity: 200 },
        { idempotencyKey: "0f6c1f1e-5b8a-4c1e-9d52-3a1b2c3d4e5f" },
      ),
    );
    expect(conflict).toBeInstanceOf(ConflictError);
    expect(conflict).toMatchObject({ status: 409, errorCode: "IDEMPOTENCY_CONFLICT" });
    fx.state.insertOrder(sampleOrder(30_000, T0));
    const notCancellable = await failure(client.orders.cancel(30_000));
    expect(notCancellable).toBeInstanceOf(ConflictError);
    expect(notCancellable).toMatchObject({ errorCode: "ORDER_NOT_CANCELLABLE" });
  });

  it("INSUFFICIENT_BALANCE → InsufficientBalanceError", async () => {
    const e = await failure(client.orders.createStars({ ...stars, payment_method: "balance" }));
    expect(e).toBeInstanceOf(InsufficientBalanceError);
    expect(e).toMatchObject({ status: 402 });
    expect(fx.api.counters.requests("POST /orders/stars")).toBe(1);
  });

  it("RATE_LIMITED → RateLimitError carrying Retry-After once retries are spent", async () => {
    fx.api.faults.next("GET /health", { kind: "rate_limit", retryAfter: 7 });
    const e = await failure(client.health.check());
    expect(e).toBeInstanceOf(RateLimitError);
    expect(e).toMatchObject({ status: 429, errorCode: "RATE_LIMITED", retryAfterMs: 7000 });
  });

  it("INTERNAL_ERROR and SERVICE_UNAVAILABLE → ServerError once retries are spent", async () => {
    fx.api.faults.next("GET /health", "server_error");
    fx.api.faults.next("GET /health", "unavailable");
    expect(await failure(client.health.check())).toMatchObject({
      name: "ServerError",
      status: 500,
      errorCode: "INTERNAL_ERROR",
    });
    const e = await failure(client.health.check());
    expect(e).toBeInstanceOf(ServerError);
    expect(e).toMatchObject({ status: 503, errorCode: "SERVICE_UNAVAILABLE" });
  });

  it("an error_code it does not know → the class of its HTTP status, code kept", async () => {
    fx.api.faults.next("GET /health", { kind: "error", status: 409, code: "ORDER_LOCKED" });
    fx.api.faults.next("GET /health", { kind: "error", status: 418, code: "TEAPOT" });
    expect(await failure(client.health.check())).toMatchObject({ name: "ConflictError", errorCode: "ORDER_LOCKED" });
    const e = await failure(client.health.check());
    expect(e.constructor).toBe(ApiError);
    expect(e).toMatchObject({ status: 418, errorCode: "TEAPOT" });
  });
});

describe("answers that are not the envelope", () => {
  it("an HTML proxy page → MalformedResponseError with the status and a short excerpt", async () => {
    fx.api.faults.next("GET /balance", "html");
    const e = await failure(client.balance.get());
    expect(e).toBeInstanceOf(MalformedResponseError);
    expect(e).toMatchObject({ status: 502, kind: "invalid_json" });
    expect((e as MalformedResponseError).excerpt).toMatch(/^<html> <head><title>502 Bad Gateway/);
    expect((e as MalformedResponseError).excerpt.length).toBeLessThanOrEqual(201);
  });

  it("truncated JSON → MalformedResponseError once retries are spent", async () => {
    fx.api.faults.next("GET /orders", "truncate");
    const e = await failure(client.orders.listPage());
    expect(e).toMatchObject({ name: "MalformedResponseError", status: 200, kind: "invalid_json" });
  });

  it("data of an unexpected shape → MalformedResponseError naming the field", async () => {
    fx.state.insertOrder(sampleOrder(5, T0, { tx_hash: "not-a-hash" }));
    const e = await failure(client.orders.get(5));
    expect(e).toMatchObject({ name: "MalformedResponseError", status: 200, kind: "unexpected_shape" });
    expect(e.message).toMatch(/tx_hash/);
  });
});

describe("transport failures", () => {
  it("a refused connection → ConnectionError with its code", async () => {
    const port = await freePort();
    const c = new OpenMoneyClient({ apiKey: fx.key, baseUrl: `http://127.0.0.1:${port}/api/v1`, maxRetries: 0 });
    const e = await failure(c.health.check());
    await c.close();
    expect(e).toBeInstanceOf(ConnectionError);
    expect((e as ConnectionError).transportCode).toBe("ECONNREFUSED");
  });

  it("a connection closed before the answer → ConnectionError", async () => {
    fx.api.faults.next("GET /health", "drop");
    expect(await failure(client.health.check())).toBeInstanceOf(ConnectionError);
  });

  it("a connection broken in the middle of the body → ConnectionError", async () => {
    fx.api.faults.next("GET /orders", "reset");
    expect(await failure(client.orders.listPage())).toBeInstanceOf(ConnectionError);
  });

  it("an attempt slower than `timeout` → TimeoutError", async () => {
    fx.api.faults.next("GET /health", { kind: "latency", ms: 2000 });
    const e = await failure(client.health.check({ timeout: 100 }));
    expect(e).toBeInstanceOf(TimeoutError);
    expect(e).toMatchObject({ timeoutMs: 100 });
  });

  it("the caller's AbortSignal → RequestAbortedError, never retried", async () => {
    fx.api.faults.next("GET /health", { kind: "latency", ms: 2000 });
    const c = fx.client({ maxRetries: 5 });
    const controller = new AbortController();
    const pending = failure(c.health.check({ signal: controller.signal }));
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toBeInstanceOf(RequestAbortedError);
    expect(fx.api.counters.requests("GET /health")).toBe(1);
  });

  it("an already aborted signal sends nothing", async () => {
    const e = await failure(client.health.check({ signal: AbortSignal.abort() }));
    expect(e).toBeInstanceOf(RequestAbortedError);
    expect(fx.api.counters.requests()).toBe(0);
  });
});

describe("construction", () => {
  it("refuses a missing or malformed key without echoing it, and a bad base URL", () => {
    expect(() => new OpenMoneyClient({ apiKey: "" })).toThrow(/OPENMONEY_API_KEY/);
    expect(() => new OpenMoneyClient({ apiKey: "osk_a\nb" })).toThrow(/control characters/);
    expect(() => new OpenMoneyClient({ apiKey: "osk_a\nb" })).not.toThrow(/osk_a/);
    expect(() => new OpenMoneyClient({ apiKey: "osk_x", baseUrl: "ftp://x" })).toThrow(/baseUrl/);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
