/**
 * The partner API's limits seen from the programs: an endless list and a 404 on the base URL end a
 * sync with exit status 2 and one line, by the CLI's own mapping (`describeError`).
 */
import { mkdtempSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeError } from "@omrecon/cli";
import { OpenMoneyClient } from "@omrecon/client";
import { openStore } from "@omrecon/store";
import { testDatabase } from "@omrecon/store/testing";
import { runSync } from "@omrecon/sync";
import { afterEach, describe, expect, it } from "vitest";

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

/** Under /api/v1, full pages of fresh orders at every offset, no total: a list that never ends. */
async function endlessApi(): Promise<string> {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (!url.pathname.startsWith("/api/v1/")) {
      res.writeHead(404, { "content-type": "text/html" });
      res.end("<h1>404 Not Found</h1>");
      return;
    }
    const offset = Number(url.searchParams.get("offset") ?? 0);
    const limit = Number(url.searchParams.get("limit") ?? 100);
    const items = Array.from({ length: limit }, (_, i) => ({
      id: 1_000_000_000 - offset - i,
      status: "completed",
      price_ton: 0.418,
      created_at: "2026-04-16T12:00:00Z",
    }));
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ ok: true, data: { items } }));
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
}

async function syncWith(baseUrl: string, limits: { maxPagesPerWalk?: number }) {
  const store = await openStore(join(mkdtempSync(join(tmpdir(), "omrecon-limits-")), "db.sqlite"));
  const client = new OpenMoneyClient({ apiKey: "osk_test_limits", baseUrl, maxRetries: 0, ...limits });
  try {
    return await runSync({ source: client, store }).then(
      () => null,
      (error: unknown) => ({
        error,
        orders: testDatabase(store).sqlite.prepare("select count(*) as n from orders").get(),
      }),
    );
  } finally {
    await client.close();
    await store.close();
  }
}

describe("sync against a partner API that misbehaves", () => {
  it("ends an endless list at the page cap with exit 2, keeping the pages it read", async () => {
    const failed = await syncWith(await endlessApi(), { maxPagesPerWalk: 30 });
    expect(failed).not.toBeNull();
    const { exitCode, message } = describeError(failed!.error);
    expect(exitCode).toBe(2);
    expect(message).toMatch(
      /^GET \/orders\?to=[^ ]+&limit=100&offset=3000: one walk of the list passed 30 pages \(maxPagesPerWalk\)/,
    );
    // Committed page groups are kept: the next run goes on from there, nothing is lost.
    expect(failed!.orders).toEqual({ n: 3000n });
  });

  it("ends with exit 2 and a line naming OPENMONEY_BASE_URL when the base URL answers 404", async () => {
    const base = await endlessApi();
    const failed = await syncWith(base.replace("/api/v1", ""), {});
    const { exitCode, message } = describeError(failed!.error);
    expect(exitCode).toBe(2);
    expect(message).toMatch(
      /^GET \/orders\?to=.*: 404 from http:\/\/127\.0\.0\.1:\d+: there is no partner API there; check OPENMONEY_BASE_URL/,
    );
  });
});
