/**
 * Sync over HTTP. Ours: `runSync` into an empty mirror (a first, full pass), then again with
 * nothing new (an incremental pass). Baseline: the very requests our full pass made, replayed in a
 * plain undici loop that reads each body and drops it.
 */
import { TERMINAL_STATUSES } from "@omrecon/client";
import { countOrdersByStatus, listNonTerminalOrders, openStore } from "@omrecon/store";
import { runSync } from "@omrecon/sync";
import { Pool } from "undici";
import { fixturePath, readJson, removeDb, writeJson } from "../fixtures.js";
import type { Job } from "../job.js";
import { endpointsOf, sandboxClient, worldClock } from "./sandbox-client.js";
import { type Task, timed } from "./task.js";

const PAGE_SIZE = 100;
const LOOKBACK_DAYS = 7;
const WARM_UP_PAGES = 5;

/** The first pages of the list, not stored: both sides start against a warm server. */
async function warmUpOurs(job: Job): Promise<void> {
  const client = sandboxClient(job);
  const to = new Date(job.world.nowMs).toISOString();
  for (let i = 0; i < WARM_UP_PAGES; i++) await client.orders.listPage({ to, limit: PAGE_SIZE, offset: i * PAGE_SIZE });
  await client.close();
}

/** Our full sync into a new mirror; records its requests for the baseline. */
const ours: Task = async (job) => {
  const db = (job.args?.db as string | undefined) ?? fixturePath(job.workDir, "synced");
  removeDb(db);
  await warmUpOurs(job);
  const requests: string[] = [];
  const client = sandboxClient(job, (e) => requests.push(`${e.method} ${e.path}`));
  const store = await openStore(db);
  const { ms, value: result } = await timed(() => runSync({ source: client, store, now: worldClock(job) }));
  if (job.args?.record !== false) {
    writeJson(fixturePath(job.workDir, "syncRequests"), requests);
    // The control totals the matcher compares with, read here once so later stages need no server.
    const stats = await client.orders.stats(job.world.window);
    writeJson(fixturePath(job.workDir, "stats"), { total_orders: stats.total_orders, by_status: stats.by_status });
  }
  await client.close();
  await store.close();
  return {
    ms,
    rows: result.orders.fetched + result.balance_transactions.fetched,
    extra: {
      requests: result.requests,
      orders: result.orders.fetched,
      balance_transactions: result.balance_transactions.fetched,
    },
  };
};

/** The same GETs in a plain loop: read each body, keep nothing. */
const baseline: Task = async (job) => {
  const { apiUrl, apiKey } = endpointsOf(job);
  const url = new URL(apiUrl);
  const basePath = url.pathname.replace(/\/+$/, "");
  const requests = readJson<string[]>(fixturePath(job.workDir, "syncRequests")).map((r) => r.split(" "));
  const pool = new Pool(url.origin);
  const headers = { authorization: `Bearer ${apiKey}`, accept: "application/json" };
  const get = async (method: string, path: string) => {
    const res = await pool.request({ method: method as "GET", path: basePath + path, headers });
    await res.body.arrayBuffer();
    if (res.statusCode !== 200) throw new Error(`${method} ${path} answered ${res.statusCode}`);
  };
  for (const [method, path] of requests.slice(0, WARM_UP_PAGES)) await get(method!, path!);
  const { ms } = await timed(async () => {
    for (const [method, path] of requests) await get(method!, path!);
  });
  await pool.close();
  return { ms, rows: 0, extra: { requests: requests.length } };
};

/** `GET /orders?status=paid&…` → `GET /orders status=paid`: what a request was for. */
function routeOf(method: string, path: string): string {
  const [route, query] = path.split("?");
  const status = new URLSearchParams(query ?? "").get("status");
  return `${method} ${route}${status ? ` status=${status}` : ""}`;
}

/**
 * Two passes with nothing new on the synced mirror: the first after the full sync, then the
 * nightly steady state (the first one records what the next compares with). Request counts matter.
 */
const incremental: Task = async (job) => {
  const store = await openStore(fixturePath(job.workDir, "synced"));
  let routes: Record<string, number> = {};
  const client = sandboxClient(job, (e) => {
    const r = routeOf(e.method, e.path);
    routes[r] = (routes[r] ?? 0) + 1;
  });
  const pass = async () => {
    routes = {};
    const { ms, value } = await timed(() =>
      runSync({ source: client, store, now: worldClock(job) }, { lookbackDays: LOOKBACK_DAYS }),
    );
    return { ms, requests: value.requests, fetched: value.orders.fetched, routes };
  };
  const first = await pass();
  const steady = await pass();
  // The incremental sync's bound (bench/README.md): ⌈open orders / page⌉ + ⌈lookback orders / page⌉ + 3.
  const open = await listNonTerminalOrders(store.db, { terminalStatuses: TERMINAL_STATUSES });
  const since = new Date(job.world.nowMs - LOOKBACK_DAYS * 86_400_000).toISOString();
  const lookback = Object.values(await countOrdersByStatus(store.db, { from: since })).reduce((a, b) => a + b, 0);
  await client.close();
  await store.close();
  const lookbackOrders = lookback;
  const bound = Math.ceil(open.length / PAGE_SIZE) + Math.ceil(lookbackOrders / PAGE_SIZE) + 3;
  return {
    ms: steady.ms,
    rows: steady.fetched,
    extra: {
      requests: steady.requests,
      routes: steady.routes,
      first_ms: first.ms,
      first_requests: first.requests,
      first_routes: first.routes,
      request_bound: bound,
      non_terminal_orders: open.length,
      lookback_orders: lookbackOrders,
    },
  };
};

export const tasks: Record<string, Task> = { ours, baseline, incremental };
