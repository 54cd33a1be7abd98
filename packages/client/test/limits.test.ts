import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { BaseUrlError, OpenMoneyClient, ResponseTooLargeError, WalkLimitError } from "../src/index.js";
import { type LocalServer, pageOrder, sendData, startLocalServer } from "./local-server.js";
import { type Fixture, startFixture } from "./sandbox-fixture.js";

const KEY = "osk_test_limits";
let server: LocalServer | undefined;
let fx: Fixture | undefined;
afterEach(async () => {
  await server?.close();
  await fx?.close();
  server = undefined;
  fx = undefined;
});

const GB = 1024 ** 3;

/** Streams `total` bytes of an endless JSON string, honouring backpressure; counts what left. */
function streamHuge(total: number, declareLength: boolean) {
  const sent = { bytes: 0 };
  return {
    sent,
    handle: async (_req: unknown, res: import("node:http").ServerResponse) => {
      res.writeHead(200, {
        "content-type": "application/json",
        ...(declareLength && { "content-length": String(total) }),
      });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      res.write('{"ok":true,"data":"');
      sent.bytes += 19;
      while (sent.bytes < total && !res.destroyed) {
        const more = res.write(chunk);
        sent.bytes += chunk.length;
        if (!more) await drainOrClose(res);
      }
      res.end();
    },
  };
}

/** Until the socket takes more, or is gone; leaves no listener behind. */
function drainOrClose(res: import("node:http").ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

describe("a byte limit on every answer", () => {
  it("refuses a body over maxResponseBytes while it streams, naming the endpoint", async () => {
    const huge = streamHuge(64 * 1024 * 1024, false);
    server = await startLocalServer(huge.handle);
    const client = new OpenMoneyClient({ apiKey: KEY, baseUrl: `${server.origin}/api/v1`, maxResponseBytes: 1 << 20 });
    const error = await client.balance.get().catch((e: unknown) => e);
    await client.close();
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toMatchObject({ code: "api_limit", attempts: 1 });
    expect((error as Error).message).toBe(
      "GET /balance: the answer is larger than 1 MB (the client's maxResponseBytes) and was refused; a page of 100 orders is about 60 KB: check that OPENMONEY_BASE_URL points at the partner API",
    );
    // The client stopped reading: the server never got its 64 MB out.
    expect(huge.sent.bytes).toBeLessThan(32 * 1024 * 1024);
  });

  it("refuses a declared Content-Length over the limit before reading", async () => {
    const huge = streamHuge(GB, true);
    server = await startLocalServer(huge.handle);
    const client = new OpenMoneyClient({ apiKey: KEY, baseUrl: `${server.origin}/api/v1`, maxResponseBytes: 1 << 20 });
    await expect(client.orders.listPage()).rejects.toBeInstanceOf(ResponseTooLargeError);
    await client.close();
    expect(huge.sent.bytes).toBeLessThan(64 * 1024 * 1024);
  });

  it("reads a 1 GB answer with the default limit in a process whose RSS stays under 300 MB", async () => {
    const huge = streamHuge(GB, false);
    server = await startLocalServer(huge.handle);
    const tsx = createRequire(import.meta.url).resolve("tsx");
    const child = new URL("./huge-body-child.mts", import.meta.url).pathname;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--conditions=@omrecon/source", "--import", tsx, child, `${server.origin}/api/v1`],
      { encoding: "utf8" },
    );
    const out = JSON.parse(stdout);
    expect(out.outcome).toMatchObject({ name: "ResponseTooLargeError", code: "api_limit" });
    expect(out.outcome.message).toContain("GET /orders?limit=100: the answer is larger than 8 MB");
    expect(out.maxRssMb).toBeLessThan(300);
    expect(huge.sent.bytes).toBeLessThan(GB / 4);
  });
});

describe("a deadline and a page cap on every walk of a list", () => {
  /** A list that never ends: full pages of fresh ids at every offset, no total. */
  const endless = () =>
    startLocalServer((_req, res, url) => {
      const offset = Number(url.searchParams.get("offset") ?? 0);
      const limit = Number(url.searchParams.get("limit") ?? 100);
      sendData(res, { items: Array.from({ length: limit }, (_, i) => pageOrder(1_000_000_000 - offset - i)) });
    });

  it("stops the client's own walk at maxPagesPerWalk", async () => {
    server = await endless();
    const client = new OpenMoneyClient({ apiKey: KEY, baseUrl: `${server.origin}/api/v1`, maxPagesPerWalk: 5 });
    let seen = 0;
    const error = await (async () => {
      for await (const _ of client.orders.list({ limit: 10 })) seen++;
    })().catch((e: unknown) => e);
    await client.close();
    expect(error).toBeInstanceOf(WalkLimitError);
    expect(error).toMatchObject({ code: "api_limit", limit: "pages" });
    expect((error as Error).message).toMatch(/^GET \/orders\?limit=10&offset=50: one walk of the list passed 5 pages/);
    expect(seen).toBe(50);
    expect(server.requests).toHaveLength(5);
  });

  it("stops page-by-page callers too (sync): the pages of one list and filters are one walk", async () => {
    server = await endless();
    const client = new OpenMoneyClient({ apiKey: KEY, baseUrl: `${server.origin}/api/v1`, maxPagesPerWalk: 3 });
    const to = "2026-04-17T00:00:00Z";
    for (let offset = 0; offset < 300; offset += 100) await client.orders.listPage({ to, limit: 100, offset });
    await expect(client.orders.listPage({ to, limit: 100, offset: 300 })).rejects.toBeInstanceOf(WalkLimitError);
    // Another list is another walk, and a walk from offset 0 starts afresh.
    await client.orders.listPage({ to, status: "paid", limit: 100, offset: 0 });
    await client.orders.listPage({ to, limit: 100, offset: 0 });
    await client.close();
  });

  it("stops a walk at its deadline, also while an answer is slow to come", async () => {
    server = await startLocalServer(async (_req, res, url) => {
      const offset = Number(url.searchParams.get("offset") ?? 0);
      // Ever slower pages: the walk's deadline cuts the one in flight short.
      await new Promise((resolve) => setTimeout(resolve, offset === 0 ? 0 : 60_000));
      sendData(res, { items: Array.from({ length: 10 }, (_, i) => pageOrder(1_000_000 - offset - i)) });
    });
    const client = new OpenMoneyClient({ apiKey: KEY, baseUrl: `${server.origin}/api/v1`, walkDeadlineMs: 300 });
    const error = await (async () => {
      for await (const _ of client.orders.list({ limit: 10 })) {
        // read on
      }
    })().catch((e: unknown) => e);
    await client.close();
    expect(error).toBeInstanceOf(WalkLimitError);
    expect(error).toMatchObject({ limit: "deadline" });
    expect((error as Error).message).toContain("passed its deadline of 0.3 s (walkDeadlineMs)");
  });
});

describe("a 404 where the API always answers", () => {
  it("names OPENMONEY_BASE_URL when the base path is wrong (the sandbox answers its own 404 there)", async () => {
    fx = await startFixture();
    const wrong = fx.api.url.replace("/api/v1", "/api/v2");
    const client = fx.client({ baseUrl: wrong, maxRetries: 0 });
    const error = await client.orders.listPage().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BaseUrlError);
    expect(error).toMatchObject({ code: "config" });
    expect((error as Error).message).toBe(
      `GET /orders: 404 from ${wrong}: there is no partner API there; check OPENMONEY_BASE_URL (the default is https://api.theopenmoney.info/api/v1)`,
    );
    // An order that does not exist is no reason to doubt the base URL.
    expect(await fx.client().orders.find(123)).toBeNull();
  });

  it("names OPENMONEY_BASE_URL when another server answers with its own 404 page", async () => {
    server = await startLocalServer((_req, res) => {
      res.writeHead(404, { "content-type": "text/html" });
      res.end("<h1>Not Found</h1>");
    });
    const client = new OpenMoneyClient({ apiKey: KEY, baseUrl: `${server.origin}/v1`, maxRetries: 0 });
    await expect(client.balance.get()).rejects.toBeInstanceOf(BaseUrlError);
    await expect(client.orders.get(5)).rejects.toBeInstanceOf(BaseUrlError);
    // The stats are optional: their 404 is an answer about the stats, not about the base URL.
    expect(await client.orders.optionalStats()).toEqual({
      stats: null,
      warning:
        "control totals skipped: GET /orders/stats/summary answered 404 without the API's envelope (no stats endpoint; if every call fails so, check OPENMONEY_BASE_URL)",
    });
    await client.close();
  });
});
