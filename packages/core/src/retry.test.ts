import { describe, expect, it } from "vitest";
import { backoffDelay, DEFAULT_RETRY_POLICY, parseRetryAfter, withRetry } from "./retry.js";

class Flaky extends Error {
  constructor(
    readonly retryable: boolean,
    readonly after: number | null = null,
  ) {
    super("flaky");
  }
}

function clock() {
  let t = 0;
  const waits: number[] = [];
  return {
    waits,
    now: () => t,
    sleep: async (ms: number) => {
      waits.push(ms);
      t += ms;
    },
  };
}

describe("withRetry", () => {
  it("retries a retryable failure with full-jitter backoff until it succeeds", async () => {
    const c = clock();
    let calls = 0;
    const value = await withRetry(
      async () => {
        if (++calls < 3) throw new Flaky(true);
        return "ok";
      },
      { retryable: (e: Flaky) => e.retryable, policy: { random: () => 0.5 }, now: c.now, sleep: c.sleep },
    );
    expect(value).toBe("ok");
    expect(c.waits).toEqual([250, 500]);
  });

  it("throws a failure that is not retryable at once", async () => {
    const c = clock();
    const error = new Flaky(false);
    await expect(
      withRetry(
        async () => {
          throw error;
        },
        { retryable: (e: Flaky) => e.retryable, now: c.now, sleep: c.sleep },
      ),
    ).rejects.toBe(error);
    expect(c.waits).toEqual([]);
  });

  it("waits the server's Retry-After instead of backing off", async () => {
    const c = clock();
    let calls = 0;
    await withRetry(
      async () => {
        if (++calls < 2) throw new Flaky(true, 1234);
        return 1;
      },
      { retryable: () => true, retryAfterMs: (e: Flaky) => e.after, now: c.now, sleep: c.sleep },
    );
    expect(c.waits).toEqual([1234]);
  });

  it("gives up after maxRetries, and before a wait that would pass the time budget", async () => {
    const c = clock();
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw new Flaky(true);
        },
        { retryable: () => true, policy: { maxRetries: 2, random: () => 0.99 }, now: c.now, sleep: c.sleep },
      ),
    ).rejects.toThrow("flaky");
    expect(calls).toBe(3);
    const budget = clock();
    calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw new Flaky(true, 5_000);
        },
        {
          retryable: () => true,
          retryAfterMs: (e: Flaky) => e.after,
          policy: { maxRetryTimeMs: 12_000 },
          now: budget.now,
          sleep: budget.sleep,
        },
      ),
    ).rejects.toThrow("flaky");
    expect(budget.waits).toEqual([5_000, 5_000]);
    expect(calls).toBe(3);
  });

  it("stops waiting when its signal is aborted and throws the abort reason", async () => {
    const controller = new AbortController();
    const promise = withRetry(
      async () => {
        throw new Flaky(true);
      },
      {
        retryable: () => true,
        policy: { baseDelayMs: 60_000, maxDelayMs: 60_000, random: () => 0.99 },
        signal: controller.signal,
      },
    );
    setTimeout(() => controller.abort(new Error("stopped")), 10);
    await expect(promise).rejects.toThrow("stopped");
  });
});

describe("backoffDelay and parseRetryAfter", () => {
  it("caps the exponential ceiling at maxDelayMs", () => {
    const policy = { ...DEFAULT_RETRY_POLICY, random: () => 0.999999 };
    expect(backoffDelay(1, policy)).toBe(499);
    expect(backoffDelay(10, policy)).toBe(9_999);
  });

  it("reads delta seconds and HTTP dates, and nothing else", () => {
    expect(parseRetryAfter("2")).toBe(2_000);
    expect(parseRetryAfter("0.5")).toBe(500);
    const now = Date.parse("2026-12-04T10:00:00Z");
    expect(parseRetryAfter("Fri, 04 Dec 2026 10:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("soon")).toBeNull();
    expect(parseRetryAfter(undefined)).toBeNull();
  });
});
