import { OpenMoneyClient, PermissionError } from "@omrecon/client";
import type { PartnerApi } from "@omrecon/sandbox";
import { getSyncState, listOrders, openStore, SYNC_STATE_KEYS, writeTransaction } from "@omrecon/store";
import { afterEach, expect, it } from "vitest";
import { DEFAULT_PAGES_IN_FLIGHT, runSync } from "../src/index.js";
import { MAX_COMMIT_DELAY_MS, MAX_PAGES_PER_COMMIT } from "../src/page-walk.js";
import { closeClients, contextFor, describeEachDialect, dumpMirror, startApi } from "./helpers.js";
import { createTestWorld } from "./world.js";

const PAGE = 100;

/** The offset of a `GET /orders` list request, or null for any other request. */
function listOffset(method: string, path: string): number | null {
  if (method !== "GET" || !path.startsWith("/orders?")) return null;
  return Number(new URLSearchParams(path.slice("/orders?".length)).get("offset") ?? 0);
}

describeEachDialect("pages committed in groups", (dialect) => {
  const open: { close(): Promise<void> }[] = [];
  const clients: OpenMoneyClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.close();
    await closeClients();
    for (const o of open.splice(0).reverse()) await o.close();
  });

  async function setup(orders: number) {
    const world = createTestWorld({ orders });
    const api = await startApi(world);
    open.push(api);
    const path = await dialect.location();
    const store = await openStore(path);
    open.push(store);
    // A second connection sees only what is committed (WAL), like a process started after a crash.
    const reader = await openStore(path, { readonly: true });
    open.push(reader);
    // The walk's committed cursor; null when no walk is recorded (before its first commit, or after
    // its end: a read that a loaded machine delays past the end of the walk finds none).
    const walkOffset = async () =>
      (await getSyncState<{ offset: number }>(reader.db, SYNC_STATE_KEYS.ordersWalk))?.offset ?? null;
    const committedOffset = async () => (await walkOffset()) ?? 0;
    const client = (onList: (offset: number) => void, onListAnswer: (offset: number) => void = () => {}) => {
      const c = new OpenMoneyClient({
        apiKey: api.state.partner.apiKey,
        baseUrl: api.url,
        maxRetries: 0,
        timeout: 10_000,
        onRequest: (e) => {
          const offset = listOffset(e.method, e.path);
          if (offset !== null) onList(offset);
        },
        onResponse: (e) => {
          const offset = listOffset(e.method, e.path);
          if (offset !== null) onListAnswer(offset);
        },
      });
      clients.push(c);
      return c;
    };
    return { world, api, path, store, committedOffset, walkOffset, client };
  }

  async function cleanMirror(api: PartnerApi, world: ReturnType<typeof createTestWorld>) {
    const s = await openStore(await dialect.location());
    open.push(s);
    await runSync(contextFor(api, s, world));
    return dumpMirror(s);
  }

  it("writes consecutive pages in one transaction with the cursor of the last, never more than the bound", async () => {
    const { world, api, store, walkOffset, client } = await setup(2_500);
    const gaps: Promise<number | null>[] = [];
    const source = client((offset) => {
      // Pages requested but not committed: the group's pages so far, the one just arrived included
      // (read at once on a second connection, which sees what is committed).
      gaps.push(walkOffset().then((committed) => (committed === null ? null : offset - committed)));
    });
    const result = await runSync({ ...contextFor(api, store, world), source });
    const measured = (await Promise.all(gaps)).filter((gap): gap is number => gap !== null);
    const widest = Math.max(...measured);
    expect(result.orders.inserted).toBe(2_500);
    expect(widest).toBeGreaterThan(PAGE);
    // The group's pages, plus the pages requested ahead of the one being written.
    expect(widest).toBeLessThanOrEqual((MAX_PAGES_PER_COMMIT + DEFAULT_PAGES_IN_FLIGHT - 1) * PAGE);
    expect(await dumpMirror(store)).toEqual(await cleanMirror(api, world));
  });

  it("keeps the asked number of list pages in flight, and asks for none past the end of the list", async () => {
    for (const pagesInFlight of [1, 2, 3]) {
      const { world, api, store, client } = await setup(2_550);
      let outstanding = 0;
      let most = 0;
      const offsets: number[] = [];
      const source = client(
        (offset) => {
          offsets.push(offset);
          most = Math.max(most, ++outstanding);
        },
        () => outstanding--,
      );
      const result = await runSync({ ...contextFor(api, store, world), source }, { pagesInFlight });
      expect(result.orders.inserted).toBe(2_550);
      expect(most).toBe(pagesInFlight);
      // Exactly the 26 pages of the list, each once, in order.
      expect(offsets).toEqual(Array.from({ length: 26 }, (_, i) => i * PAGE));
      expect(await dumpMirror(store)).toEqual(await cleanMirror(api, world));
    }
    const { world, api, store } = await setup(10);
    await expect(runSync(contextFor(api, store, world), { pagesInFlight: 0 })).rejects.toThrow(/pagesInFlight/);
  });

  it("commits the pages in hand when a request fails, then the next pass reads on from there", async () => {
    const { world, api, store, committedOffset, client } = await setup(2_500);
    const source = client((offset) => {
      if (offset === 5 * PAGE) api.faults.next("*", { kind: "error", status: 403, code: "FORBIDDEN" });
    });
    // One page at a time, so that the request the fault meets is the one at that offset.
    await expect(runSync({ ...contextFor(api, store, world), source }, { pagesInFlight: 1 })).rejects.toThrow(
      PermissionError,
    );
    expect(await committedOffset()).toBe(5 * PAGE);
    expect(await listOrders(store.db)).toHaveLength(5 * PAGE);
    const rest = await runSync(contextFor(api, store, world));
    expect(rest.orders.inserted).toBe(2_000);
    expect(await dumpMirror(store)).toEqual(await cleanMirror(api, world));
  });

  it("commits while a slow page is awaited, and a stop then ends the pass without waiting for it", async () => {
    const { world, api, path, store, committedOffset, client } = await setup(2_500);
    const stop = new AbortController();
    const other = await openStore(path, { busyTimeoutMs: 0 });
    open.push(other);
    let slowAnswered = false;
    let whileWaiting: { offset: number; otherCouldWrite: boolean } | undefined;
    const source = client(
      (offset) => {
        if (offset !== 3 * PAGE) return;
        api.faults.next("*", { kind: "latency", ms: 2_500 });
        setTimeout(async () => {
          // With no busy timeout, another connection gets the write lock only if nobody holds it.
          const otherCouldWrite = await writeTransaction(other.db, async () => true).catch(() => false);
          whileWaiting = { offset: await committedOffset(), otherCouldWrite };
          stop.abort();
        }, MAX_COMMIT_DELAY_MS * 3);
      },
      (offset) => {
        if (offset === 3 * PAGE) slowAnswered = true;
      },
    );
    const result = await runSync(
      { ...contextFor(api, store, world, { stopSignal: stop.signal }), source },
      {
        pagesInFlight: 1,
      },
    );
    expect(whileWaiting).toEqual({ offset: 3 * PAGE, otherCouldWrite: true });
    expect(result).toMatchObject({ stopped: true, orders: { inserted: 3 * PAGE } });
    // The pass ended before the slow page's answer came: the stop did not wait for it.
    expect(slowAnswered).toBe(false);
    expect(await committedOffset()).toBe(3 * PAGE);
  });
});
