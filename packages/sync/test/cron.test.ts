import { OpenMoneyClient } from "@omrecon/client";
import type { Logger } from "@omrecon/core";
import type { PartnerApi } from "@omrecon/sandbox";
import { getSyncState, type Store, takeLock } from "@omrecon/store";
import { afterEach, describe, expect, it } from "vitest";
import { type SyncCron, type SyncResult, startSyncCron } from "../src/index.js";
import { closeClients, contextFor, openTempStore, startApi } from "./helpers.js";
import { createTestWorld } from "./world.js";

const EVERY_SECOND = "* * * * * *";

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function recordingLogger(lines: string[]): Logger {
  const log = (level: string) => (msg: string, fields?: Record<string, unknown>) =>
    lines.push(`${level} ${msg} ${JSON.stringify(fields ?? {})}`);
  return { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") };
}

describe("startSyncCron", () => {
  const open: { close(): Promise<void> }[] = [];
  const crons: SyncCron[] = [];
  afterEach(async () => {
    for (const c of crons.splice(0)) await c.stop();
    await closeClients();
    for (const o of open.splice(0).reverse()) await o.close();
  });
  async function setup(
    orders: number,
  ): Promise<{ api: PartnerApi; store: Store; world: ReturnType<typeof createTestWorld> }> {
    const world = createTestWorld({ orders });
    const api = await startApi(world);
    const store = await openTempStore();
    open.push(api, store);
    return { api, store, world };
  }

  it("runs passes on the schedule, one at a time, until stopped", async () => {
    const { api, store, world } = await setup(400);
    // Each pass takes longer than the one-second schedule, so ticks fall due while one runs.
    api.faults.setRates("*", { latencyMs: 150 });
    const passes: { start: number; end: number; result: SyncResult }[] = [];
    const cron = startSyncCron(
      contextFor(api, store, world),
      {},
      {
        expression: EVERY_SECOND,
        timezone: "Europe/Berlin",
        onPass: (result) => passes.push({ start: Date.now() - result.duration_ms, end: Date.now(), result }),
      },
    );
    crons.push(cron);
    expect(cron.nextRun()).toBeInstanceOf(Date);
    await until(() => passes.length >= 2, "two passes");
    await cron.stop();
    await cron.finished;
    expect(cron.nextRun()).toBeNull();
    expect(passes[0]!.result.mode).toBe("full");
    expect(passes[1]!.result.mode).toBe("incremental");
    for (let i = 1; i < passes.length; i++) expect(passes[i]!.start).toBeGreaterThanOrEqual(passes[i - 1]!.end - 5);
    const requests = api.counters.requests();
    await new Promise((r) => setTimeout(r, 1500));
    expect(api.counters.requests()).toBe(requests);
  });

  it("skips a tick while another process holds the lock, and syncs once it is free", async () => {
    const { api, store, world } = await setup(50);
    const other = await takeLock(store.db, { name: "sync", owner: "elsewhere:1:abcd", heartbeat: false });
    if (!("held" in other)) throw new Error("the lock should be free");
    const lines: string[] = [];
    const passes: SyncResult[] = [];
    const cron = startSyncCron(
      contextFor(api, store, world, { logger: recordingLogger(lines) }),
      {},
      { expression: EVERY_SECOND, onPass: (r) => passes.push(r) },
    );
    crons.push(cron);
    await until(() => lines.some((l) => l.startsWith("warn pass skipped")), "a skipped tick");
    expect(passes).toHaveLength(0);
    expect(api.counters.requests()).toBe(0);
    await other.held.release();
    await until(() => passes.length >= 1, "a pass after the lock was freed");
  });

  it("stops a running pass after its current page and leaves the walk to resume", async () => {
    const { api, store, world } = await setup(1500);
    api.faults.setRates("GET /orders", { latencyMs: 100 });
    const passes: SyncResult[] = [];
    const cron = startSyncCron(
      contextFor(api, store, world),
      {},
      {
        expression: EVERY_SECOND,
        onPass: (r) => passes.push(r),
      },
    );
    crons.push(cron);
    await until(() => api.counters.requests("GET /orders") >= 2, "the walk to start");
    await cron.stop();
    expect(passes).toHaveLength(1);
    expect(passes[0]!.stopped).toBe(true);
    const walk = await getSyncState<{ offset: number }>(store.db, "orders.walk");
    expect(walk?.offset).toBe(passes[0]!.orders.inserted);
    expect(walk!.offset).toBeLessThan(1500);
  });

  it("ends the schedule when the key is refused", async () => {
    const { api, store, world } = await setup(10);
    const source = new OpenMoneyClient({ apiKey: "osk_wrong_key", baseUrl: api.url });
    open.push(source);
    const cron = startSyncCron({ ...contextFor(api, store, world), source }, {}, { expression: EVERY_SECOND });
    crons.push(cron);
    await expect(cron.finished).rejects.toMatchObject({ name: "AuthenticationError" });
  });

  it("rejects an expression that is not cron", async () => {
    const { api, store, world } = await setup(1);
    expect(() => startSyncCron(contextFor(api, store, world), {}, { expression: "every day" })).toThrow(/cron/);
  });
});
