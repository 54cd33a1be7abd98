import { spawnSync } from "node:child_process";
import { hostname } from "node:os";
import {
  appendBalanceTransactions,
  getOrder,
  getSyncState,
  latestBalanceSnapshot,
  listBalanceTransactions,
  listOrders,
  type Store,
  takeLock,
  upsertOrders,
} from "@omrecon/store";
import { afterEach, expect, it } from "vitest";
import { runSync, SyncLockedError } from "../src/index.js";
import { closeClients, contextFor, describeEachDialect, dumpMirror, openTempStore, startApi } from "./helpers.js";
import { createTestWorld, type TestWorldOptions } from "./world.js";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

describeEachDialect("runSync against the sandbox", (dialect) => {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await closeClients();
    for (const o of open.splice(0).reverse()) await o.close();
  });
  async function setup(orders: number, more: Partial<TestWorldOptions> = {}) {
    const world = createTestWorld({ orders, ...more });
    const api = await startApi(world);
    open.push(api);
    return { world, api };
  }
  async function store(): Promise<Store> {
    const s = await openTempStore(dialect);
    open.push(s);
    return s;
  }

  it("mirrors every order and ledger row on a first pass, amounts exact and unknown fields kept", async () => {
    const { world, api } = await setup(450);
    const s = await store();
    const result = await runSync(contextFor(api, s, world));
    expect(result).toMatchObject({
      mode: "full",
      stopped: false,
      orders: { fetched: 450, inserted: 450, updated: 0 },
      balance_transactions: { fetched: 112, inserted: 112 },
    });
    // 5 pages of orders, the stats of the orders older than the lookback (recorded for the next
    // pass), 1 balance, 2 pages of ledger.
    expect(result.requests).toBe(9);
    expect(api.counters.requests()).toBe(9);
    const premium = await getOrder(s.db, 10_001);
    expect(premium).toMatchObject({ order_type: "premium", price_nano: 12_345_678_900n, premium_months: 3n });
    expect(JSON.parse(premium!.extra)).toEqual({ fragment_id: "frag-0", nested: { a: 0 } });
    const paid = await getOrder(s.db, 10_002);
    expect(paid?.payment_address_raw).toMatch(/^0:[0-9a-f]{64}$/);
    expect(paid?.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const snapshot = await latestBalanceSnapshot(s.db);
    expect(snapshot?.balance_nano).toBe(world.state.balance);
  });

  it("gives the same mirror from a full then an incremental pass as from one full pass", async () => {
    const { world, api } = await setup(1200);
    const a = await store();
    await runSync(contextFor(api, a, world));

    world.advance(3 * DAY);
    const { state } = world;
    const old = state.orders().filter((o) => o.status === "failed" || o.status === "processing");
    state.setStatus(old[0]!.id, "refunded");
    state.setStatus(old[1]!.id, "completed");
    state.setStatus(old[2]!.id, "on_hold");
    const recent = state.orders().filter((o) => o.status === "pending_payment");
    state.setStatus(recent[0]!.id, "paid");
    for (let k = 0; k < 130; k++) {
      state.createStarsOrder({ recipient_username: `new_${k}`, quantity: 50 + k });
      world.advance(MINUTE);
    }
    state.addBalanceTx({ type: "topup", amount_nano: 7_000_000_000n, tx_hash: "ef".repeat(32) });
    world.advance(2 * MINUTE);

    const second = await runSync(contextFor(api, a, world));
    expect(second.mode).toBe("incremental");
    expect(second.orders.inserted).toBe(130);
    expect(second.balance_transactions.inserted).toBe(1);

    const b = await store();
    await runSync(contextFor(api, b, world));
    expect(await dumpMirror(a)).toEqual(await dumpMirror(b));
  });

  it("makes no more requests on an unchanged second pass than open orders ÷ page size + lookback pages + 3", async () => {
    const { world, api } = await setup(3000);
    const s = await store();
    await runSync(contextFor(api, s, world));
    world.advance(MINUTE);
    const before = api.counters.requests();
    const result = await runSync(contextFor(api, s, world));
    const made = api.counters.requests() - before;
    expect(result.requests).toBe(made);
    expect(result.orders).toMatchObject({ inserted: 0, updated: 0 });

    const now = world.now();
    const orders = world.state.orders();
    const open = orders.filter((o) => !["completed", "expired", "cancelled", "refunded"].includes(o.status)).length;
    const lookback = orders.filter((o) => o.created_at >= now - 7 * DAY).length;
    expect(made).toBeLessThanOrEqual(open / 100 + Math.ceil(lookback / 100) + 3);
  });

  it("brings status changes made between passes into the mirror, old open orders included", async () => {
    const { world, api } = await setup(800);
    const s = await store();
    await runSync(contextFor(api, s, world));
    const { state } = world;
    const oldFailed = state.orders().find((o) => o.status === "failed")!;
    const oldUnknown = state.orders().find((o) => o.status === "on_hold")!;
    const recentPending = state.orders().find((o) => o.status === "pending_payment")!;
    state.setStatus(oldFailed.id, "refunded");
    state.setStatus(oldUnknown.id, "completed", { tx_hash: "12".repeat(32) });
    state.setStatus(recentPending.id, "paid");
    world.advance(MINUTE);

    const result = await runSync(contextFor(api, s, world));
    expect(result.orders.updated).toBe(3);
    expect((await getOrder(s.db, oldFailed.id))?.status).toBe("refunded");
    expect(await getOrder(s.db, oldUnknown.id)).toMatchObject({ status: "completed", tx_hash: "12".repeat(32) });
    expect((await getOrder(s.db, recentPending.id))?.status).toBe("paid");
  });

  it("neither loses nor duplicates orders created while it walks", async () => {
    const { world, api } = await setup(1000);
    api.faults.setRates("GET /orders", { latencyMs: 5 });
    const s = await store();
    const before = world.state.orderCount;
    let created = 0;
    const timer = setInterval(() => {
      world.advance(1000);
      world.state.createStarsOrder({ recipient_username: `during_${created++}`, quantity: 60 });
    }, 3);
    let first: Awaited<ReturnType<typeof runSync>>;
    try {
      first = await runSync(contextFor(api, s, world));
    } finally {
      clearInterval(timer);
    }
    expect(created).toBeGreaterThan(0);
    expect(first.orders.inserted).toBe(before);
    world.advance(MINUTE);
    const second = await runSync(contextFor(api, s, world));
    expect(second.orders.inserted).toBe(created);
    expect((await dumpMirror(s)).orders).toHaveLength(world.state.orderCount);
  });

  it("repairs a damaged mirror with full", async () => {
    const { world, api } = await setup(600);
    const synced = await store();
    await runSync(contextFor(api, synced, world));
    const clean = await dumpMirror(synced);
    // The same mirror, damaged: three orders and a ledger row missing, one order garbled.
    const s = await store();
    const missing = new Set([10_010n, 10_020n, 10_030n]);
    const orders = (await listOrders(synced.db)).filter((o) => !missing.has(o.id));
    await upsertOrders(
      s.db,
      orders.map((o) => (o.id === 10_040n ? { ...o, status: "garbled" } : o)),
    );
    await appendBalanceTransactions(
      s.db,
      (await listBalanceTransactions(synced.db)).filter((r) => r.id !== 5n),
    );
    const result = await runSync(contextFor(api, s, world), { full: true });
    expect(result).toMatchObject({ mode: "full", orders: { inserted: 3, updated: 1 } });
    expect(result.balance_transactions.inserted).toBe(1);
    expect(await dumpMirror(s)).toEqual(clean);
  });

  it("stops after the page in hand when asked, and the next pass picks up from there", async () => {
    const { world, api } = await setup(900);
    const s = await store();
    const stop = new AbortController();
    let pages = 0;
    const progress = {
      update() {
        if (++pages === 3) stop.abort();
      },
      clear() {},
    };
    const stopped = await runSync(contextFor(api, s, world, { stopSignal: stop.signal, progress }));
    expect(stopped).toMatchObject({ stopped: true, orders: { inserted: 300 } });
    expect(await getSyncState(s.db, "orders.walk")).toMatchObject({ kind: "full", offset: 300 });
    const rest = await runSync(contextFor(api, s, world));
    expect(rest.orders.inserted).toBe(600);
    const fresh = await store();
    await runSync(contextFor(api, fresh, world));
    expect(await dumpMirror(s)).toEqual(await dumpMirror(fresh));
  });

  it("ends with the same mirror as a clean pass under 20% injected faults", async () => {
    const { world, api } = await setup(1500);
    const clean = await store();
    await runSync(contextFor(api, clean, world));
    api.faults.setRates("*", { server_error: 0.05, unavailable: 0.05, reset: 0.05, truncate: 0.05 });
    const faulty = await store();
    const before = api.counters.requests();
    const result = await runSync(contextFor(api, faulty, world));
    expect(api.counters.log().some((r) => r.fault !== null)).toBe(true);
    // Every attempt counts, retries included.
    expect(result.requests).toBe(api.counters.requests() - before);
    expect(await dumpMirror(faulty)).toEqual(await dumpMirror(clean));
  });

  it("refuses to start while another process holds the sync lock, writing nothing", async () => {
    const { world, api } = await setup(50);
    const s = await store();
    await takeLock(s.db, { name: "sync", owner: "otherhost:1:abc", heartbeat: false });
    await expect(runSync(contextFor(api, s, world))).rejects.toThrow(SyncLockedError);
    expect(api.counters.requests()).toBe(0);
    expect(await listOrders(s.db)).toHaveLength(0);
  });

  it("re-reads old open orders only when the stats show a change, even when the stats disagree with the lists", async () => {
    const { world, api } = await setup(2000, { statsOffset: { completed: 1 } });
    const s = await store();
    await runSync(contextFor(api, s, world));
    const lookbackPages = async () => {
      const now = world.now();
      const recent = world.state.orders().filter((o) => o.created_at >= now - 7 * DAY).length;
      return Math.ceil(recent / 100);
    };
    // The full pass recorded the planted difference, so already the first incremental pass skips
    // the old open orders, and so does the next.
    world.advance(MINUTE);
    const first = await runSync(contextFor(api, s, world));
    expect(first.requests).toBe((await lookbackPages()) + 3);
    world.advance(MINUTE);
    const quiet = await runSync(contextFor(api, s, world));
    expect(quiet.requests).toBe((await lookbackPages()) + 3);

    const old = world.state.orders().find((o) => o.status === "processing" && o.created_at < world.now() - 8 * DAY)!;
    world.state.setStatus(old.id, "completed");
    world.advance(MINUTE);
    const changed = await runSync(contextFor(api, s, world));
    expect(changed.orders.updated).toBe(1);
    expect((await getOrder(s.db, old.id))?.status).toBe("completed");
  });

  it("takes over the lock of a sync process on this host that died holding it", async () => {
    const { world, api } = await setup(50);
    const s = await store();
    const dead = spawnSync(process.execPath, ["-e", "process.exit(0)"]).pid;
    await takeLock(s.db, { name: "sync", owner: `${hostname()}:${dead}:gone`, heartbeat: false });
    const result = await runSync(contextFor(api, s, world));
    expect(result.orders.inserted).toBe(50);
    // Released at the end: the next pass takes it at once.
    const next = await takeLock(s.db, { name: "sync", heartbeat: false });
    expect("held" in next && next.held.tookOver).toBeNull();
  });
});
