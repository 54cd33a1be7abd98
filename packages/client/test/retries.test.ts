import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConflictError, type OpenMoneyError, RateLimitError, ServerError, ValidationError } from "../src/index.js";
import { type Fixture, startFixture } from "./sandbox-fixture.js";

let fx: Fixture;
beforeEach(async () => {
  fx = await startFixture();
});
afterEach(() => fx.close());

const stars = { recipient_username: "pandus", quantity: 100 };
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("retries of POSTs", () => {
  it("creates exactly one order when the response to a create is dropped and the POST retried", async () => {
    fx.api.faults.next("POST /orders/stars", "drop");
    const order = await fx.client().orders.createStars(stars);
    expect(fx.api.counters.requests("POST /orders/stars")).toBe(2);
    expect(fx.api.counters.ordersCreated).toBe(1);
    expect(fx.state.orderCount).toBe(1);
    expect(order.id).toBe(fx.state.orders()[0]!.id);
  });

  it("re-sends the same generated Idempotency-Key on every retry of a create", async () => {
    fx.api.faults.next("POST /orders/premium", "unavailable");
    fx.api.faults.next("POST /orders/premium", "reset");
    fx.api.faults.next("POST /orders/premium", "truncate");
    await fx.client().orders.createPremium({ recipient_username: "pandus", months: 3 });
    const keys = fx.api.counters.idempotencyKeys("POST /orders/premium");
    expect(keys).toHaveLength(4);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(UUID_V4);
    expect(fx.api.counters.ordersCreated).toBe(1);
  });

  it("uses a new key per logical call, and the caller's key unchanged when given", async () => {
    const client = fx.client();
    await client.orders.createStars(stars);
    await client.orders.createStars(stars);
    fx.api.faults.next("POST /orders/stars", "server_error");
    await client.orders.createStars(stars, { idempotencyKey: "550e8400-e29b-41d4-a716-446655440000" });
    const keys = fx.api.counters.idempotencyKeys("POST /orders/stars");
    expect(keys[0]).not.toBe(keys[1]);
    expect(keys.slice(2)).toEqual(["550e8400-e29b-41d4-a716-446655440000", "550e8400-e29b-41d4-a716-446655440000"]);
    expect(fx.api.counters.ordersCreated).toBe(3);
  });

  it("refuses a caller's key that is not a UUID before sending anything", async () => {
    const client = fx.client();
    await expect(client.orders.createStars(stars, { idempotencyKey: "invoice-42" })).rejects.toMatchObject({
      code: "usage",
      message: expect.stringContaining("idempotencyKey must be a UUID"),
    });
    expect(fx.api.counters.requests()).toBe(0);
  });

  it("says which Idempotency-Key a create was sent with when it fails after the retries", async () => {
    const client = fx.client({ maxRetries: 1 });
    fx.api.faults.next("POST /orders/stars", "drop", 2);
    const error = await client.orders.createStars(stars).catch((e: unknown) => e as OpenMoneyError);
    const [key] = fx.api.counters.idempotencyKeys("POST /orders/stars");
    expect(error).toMatchObject({ name: "ConnectionError", idempotencyKey: key, attempts: 2 });
    expect((error as Error).message).toContain(`sent with Idempotency-Key ${key}: retry with it`);
    // Retrying with it returns the order the dropped answers were about, and creates nothing new.
    const order = await client.orders.createStars(stars, { idempotencyKey: key! });
    expect(fx.api.counters.ordersCreated).toBe(1);
    expect(order.status).toBe("pending_payment");
  });

  it("sends a recipient given as @name without its @", async () => {
    const order = await fx.client().orders.createPremium({ recipient_username: "@pandus", months: 3 });
    expect(order.recipient_username).toBe("pandus");
  });

  it("retries a cancel whose response was dropped with the same key, and gets the cancelled order", async () => {
    const client = fx.client();
    const order = await client.orders.createStars(stars);
    fx.api.faults.next("POST /orders/{id}/cancel", "drop");
    const cancelled = await client.orders.cancel(order.id);
    expect(cancelled.status).toBe("cancelled");
    const keys = fx.api.counters.idempotencyKeys("POST /orders/{id}/cancel");
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
  });

  it("re-sends the same key when a POST times out", async () => {
    fx.api.faults.next("POST /orders/stars", { kind: "latency", ms: 1500 });
    await fx.client({ timeout: 200 }).orders.createStars(stars);
    const keys = fx.api.counters.idempotencyKeys("POST /orders/stars");
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
  });
});

describe("retries of GETs", () => {
  it("waits for Retry-After: 1 before retrying a 429", async () => {
    fx.api.faults.next("GET /balance", { kind: "rate_limit", retryAfter: 1 });
    const events: string[] = [];
    const client = fx.client({
      // Jitter alone would wait at most a few milliseconds with this base.
      retryBaseDelayMs: 1,
      onRequest: (e) => events.push(`attempt ${e.attempt}`),
      onResponse: (e) => events.push(`status ${e.status}`),
    });
    const balance = await client.balance.get();
    expect(balance.currency).toBe("TON");
    expect(events).toEqual(["attempt 1", "status 429", "attempt 2", "status 200"]);
    const [first, second] = fx.api.counters.log();
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(990);
  });

  it("retries truncated JSON, a broken body, an HTML 502 and 5xx envelopes", async () => {
    for (const fault of ["truncate", "reset", "html", "server_error", "unavailable"] as const) {
      fx.api.faults.next("GET /orders", fault);
    }
    const page = await fx.client({ maxRetries: 5 }).orders.listPage();
    expect(page.total).toBe(0);
    expect(fx.api.counters.requests("GET /orders")).toBe(6);
  });

  it("retries an attempt that timed out", async () => {
    fx.api.faults.next("GET /health", { kind: "latency", ms: 1500 });
    expect(await fx.client({ timeout: 200 }).health.check()).toEqual({ status: "ok" });
    expect(fx.api.counters.requests("GET /health")).toBe(2);
  });
});

describe("what is not retried, and the bounds", () => {
  it("never retries a 4xx other than 429", async () => {
    const client = fx.client();
    await expect(client.orders.createStars({ ...stars, quantity: 1 })).rejects.toBeInstanceOf(ValidationError);
    await client.orders.createStars(stars, { idempotencyKey: "7d444840-9dc0-11d1-b245-5ffdce74fad2" });
    await expect(
      client.orders.createStars({ ...stars, quantity: 99 }, { idempotencyKey: "7d444840-9dc0-11d1-b245-5ffdce74fad2" }),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(client.orders.get(9_999_999)).rejects.toMatchObject({ status: 404 });
    expect(fx.api.counters.snapshot()).toEqual({ "POST /orders/stars": 3, "GET /orders/{id}": 1 });
  });

  it("stops after maxRetries and says how many attempts it made", async () => {
    fx.api.faults.next("GET /health", "unavailable", 10);
    const e = await fx
      .client({ maxRetries: 2 })
      .health.check()
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ServerError);
    expect((e as ServerError).attempts).toBe(3);
    expect(fx.api.counters.requests("GET /health")).toBe(3);
  });

  it("honours a per-call maxRetries", async () => {
    fx.api.faults.next("GET /health", "unavailable", 10);
    await expect(fx.client().health.check({ maxRetries: 0 })).rejects.toBeInstanceOf(ServerError);
    expect(fx.api.counters.requests("GET /health")).toBe(1);
  });

  it("gives up at once when Retry-After is beyond the total retry time", async () => {
    fx.api.faults.next("GET /health", { kind: "rate_limit", retryAfter: 120 });
    const e = await fx
      .client({ maxRetryTimeMs: 5_000 })
      .health.check()
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RateLimitError);
    expect((e as RateLimitError).retryAfterMs).toBe(120_000);
    expect(fx.api.counters.requests("GET /health")).toBe(1);
  });

  it("stops waiting when the caller aborts during the backoff", async () => {
    fx.api.faults.next("GET /health", { kind: "rate_limit", retryAfter: 30 });
    const controller = new AbortController();
    const client = fx.client({ onResponse: () => setTimeout(() => controller.abort(), 10) });
    await expect(client.health.check({ signal: controller.signal })).rejects.toMatchObject({
      name: "RequestAbortedError",
    });
    expect(fx.api.counters.requests("GET /health")).toBe(1);
  });
});
