import { inspect } from "node:util";
import type { Logger } from "@omrecon/core";
import { sampleOrder } from "@omrecon/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OpenMoneyClient, OpenMoneyError } from "../src/index.js";
import { type Fixture, startFixture, T0 } from "./sandbox-fixture.js";

let fx: Fixture;
beforeAll(async () => {
  fx = await startFixture();
});
afterAll(() => fx.close());

/** Every way a secret could surface from a value. */
function renderings(value: unknown): string[] {
  const out = [inspect(value, { showHidden: true, depth: Number.POSITIVE_INFINITY }), String(value)];
  try {
    out.push(JSON.stringify(value) ?? "");
  } catch {
    // a cycle: inspect covers it
  }
  if (value instanceof Error) out.push(value.message, value.stack ?? "");
  return out;
}

function expectNoSecret(value: unknown, secret: string): void {
  // The random part alone must not appear either (a mask that kept it would still leak the key).
  const tail = secret.slice(-16);
  for (const text of renderings(value)) {
    expect(text).not.toContain(secret);
    expect(text).not.toContain(tail);
  }
}

async function caught(pending: Promise<unknown>): Promise<OpenMoneyError> {
  try {
    await pending;
  } catch (error) {
    expect(error).toBeInstanceOf(OpenMoneyError);
    return error as OpenMoneyError;
  }
  throw new Error("expected a failure");
}

describe("the API key never leaks", () => {
  it("from any error class, the client, its logs or its hook events", async () => {
    const logs: unknown[] = [];
    const logger: Logger = {
      debug: (msg, fields) => logs.push([msg, fields]),
      info: (msg, fields) => logs.push([msg, fields]),
      warn: (msg, fields) => logs.push([msg, fields]),
      error: (msg, fields) => logs.push([msg, fields]),
    };
    const events: unknown[] = [];
    const client = fx.client({
      maxRetries: 1,
      logger,
      onRequest: (e) => events.push(e),
      onResponse: (e) => events.push(e),
    });
    const key = fx.key;
    const faults = fx.api.faults;
    fx.state.insertOrder(sampleOrder(5, T0, { tx_hash: "bad-hash" }));
    const errors: OpenMoneyError[] = [];
    // Retried faults are scripted for both attempts (maxRetries: 1); the others once.
    const scripted = async (
      route: string,
      fault: Parameters<typeof faults.next>[1],
      call: () => Promise<unknown>,
      count = 2,
    ) => {
      faults.next(route, fault, count);
      errors.push(await caught(call()));
    };

    errors.push(await caught(client.orders.createStars({ recipient_username: "pandus", quantity: 1 }))); // ValidationError
    errors.push(await caught(client.orders.get(999))); // NotFoundError
    errors.push(
      await caught(
        client.orders.createStars({ recipient_username: "pandus", quantity: 100, payment_method: "balance" }),
      ),
    );
    await client.orders.createStars(
      { recipient_username: "pandus", quantity: 100 },
      { idempotencyKey: "6ba7b810-9dad-11d1-80b4-00c04fd430c8" },
    );
    errors.push(
      await caught(
        client.orders.createStars(
          { recipient_username: "pandus", quantity: 60 },
          { idempotencyKey: "6ba7b810-9dad-11d1-80b4-00c04fd430c8" },
        ),
      ),
    );
    await scripted("GET /balance", { kind: "error", status: 403, code: "FORBIDDEN" }, () => client.balance.get(), 1);
    await scripted("GET /health", { kind: "rate_limit", retryAfter: 0 }, () => client.health.check());
    await scripted("GET /health", "unavailable", () => client.health.check());
    await scripted("GET /health", "html", () => client.health.check());
    await scripted("GET /health", "drop", () => client.health.check());
    await scripted("GET /health", { kind: "latency", ms: 1000 }, () => client.health.check({ timeout: 50 }));
    errors.push(await caught(client.orders.get(5))); // MalformedResponseError (shape)
    errors.push(await caught(client.health.check({ signal: AbortSignal.abort() })));
    // The server echoing the key back must not carry it into a message or an excerpt.
    await scripted(
      "GET /health",
      { kind: "error", status: 400, code: "VALIDATION_ERROR", message: `bad key ${key}` },
      () => client.health.check(),
      1,
    );
    expect(faults.pending()).toBe(0);

    const wrongKey = "osk_live_0123456789abcdef0123";
    const wrong = new OpenMoneyClient({ apiKey: wrongKey, baseUrl: fx.api.url, logger });
    const auth = await caught(wrong.health.check());
    await wrong.close();
    const refused = new OpenMoneyClient({ apiKey: key, baseUrl: "http://127.0.0.1:1/api/v1", maxRetries: 0 });
    errors.push(await caught(refused.health.check())); // ConnectionError (refused)
    await refused.close();

    const names = new Set([...errors, auth].map((e) => e.name));
    expect([...names].sort()).toEqual([
      "AuthenticationError",
      "ConflictError",
      "ConnectionError",
      "InsufficientBalanceError",
      "MalformedResponseError",
      "NotFoundError",
      "PermissionError",
      "RateLimitError",
      "RequestAbortedError",
      "ServerError",
      "TimeoutError",
      "ValidationError",
    ]);
    for (const e of errors) expectNoSecret(e, key);
    expectNoSecret(auth, wrongKey);
    expect(errors.at(-2)?.message).toContain("[REDACTED]");
    expectNoSecret(client, key);
    expectNoSecret(wrong, wrongKey);
    expectNoSecret(logs, key);
    expectNoSecret(events, key);
    expect(logs.length).toBeGreaterThan(0);
  });

  it("shows a redacted placeholder where the key would be", () => {
    const client = new OpenMoneyClient({ apiKey: "osk_live_secret_value_1", baseUrl: "http://127.0.0.1:9/api/v1" });
    expect(inspect(client)).toBe(`OpenMoneyClient { baseUrl: "http://127.0.0.1:9/api/v1", apiKey: '[REDACTED]' }`);
    expect(JSON.parse(JSON.stringify({ client }))).toEqual({
      client: { baseUrl: "http://127.0.0.1:9/api/v1", apiKey: "[REDACTED]" },
    });
    return client.close();
  });
});
