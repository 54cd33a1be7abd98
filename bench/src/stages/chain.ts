/**
 * Chain read through `TonClient` from the sandbox's toncenter simulator. Ours: `readNewTransfers`
 * over every watched address of the synced mirror (parse, store, move the cursors). Baseline: the
 * same pages walked with a bare `TonClient`, transactions parsed by it and dropped. Then a second
 * read with nothing new, where only the request count matters.
 */
import { createRateLimiter, readNewTransfers, tonClientSource, watchedAddresses } from "@omrecon/reconcile";
import { openStore } from "@omrecon/store";
import { Address } from "@ton/core";
import { TonClient } from "@ton/ton";
import { copyDb, fixturePath } from "../fixtures.js";
import type { Job, TaskResult } from "../job.js";
import { endpointsOf } from "./sandbox-client.js";
import { type Task, timed } from "./task.js";

/** What `tonClientSource` asks for per page (toncenter's 100, less the one TonClient adds). */
const PAGE_LIMIT = 99;
const WARM_UP_PAGES = 3;

/** The simulator has no toncenter quota: pace requests not at all. */
const unlimited = () => createRateLimiter({ requestsPerSecond: 1_000_000, marginMs: 0 });

async function watched(job: Job): Promise<string[]> {
  const store = await openStore(fixturePath(job.workDir, "synced"));
  try {
    return await watchedAddresses(store);
  } finally {
    await store.close();
  }
}

/** Walks one account's history newest-first as our source pages it; returns transactions seen. */
async function walk(client: TonClient, address: Address, maxPages = Number.POSITIVE_INFINITY): Promise<number> {
  let seen = 0;
  let before: { lt: string; hash: string } | undefined;
  for (let page = 0; page < maxPages; page++) {
    const txs = await client.getTransactions(address, { limit: PAGE_LIMIT, archival: true, ...before });
    seen += txs.length;
    const last = txs.at(-1);
    if (txs.length < PAGE_LIMIT || !last) break;
    before = { lt: last.lt.toString(), hash: last.hash().toString("base64") };
  }
  return seen;
}

async function warmUp(job: Job, addresses: readonly string[]): Promise<void> {
  const client = new TonClient({ endpoint: endpointsOf(job).tonEndpoint });
  for (const a of addresses.slice(0, 1)) await walk(client, Address.parse(a), WARM_UP_PAGES);
}

/** Our reader into a copy of the synced mirror, which becomes the chained mirror. */
const ours: Task = async (job) => {
  const db = fixturePath(job.workDir, "chained");
  copyDb(fixturePath(job.workDir, "synced"), db);
  const addresses = await watched(job);
  await warmUp(job, addresses);
  return readTimed(job, db, addresses);
};

/** The same pages through a bare TonClient: request, decode, drop. */
const baseline: Task = async (job) => {
  const addresses = await watched(job);
  await warmUp(job, addresses);
  const client = new TonClient({ endpoint: endpointsOf(job).tonEndpoint });
  const { ms, value: transactions } = await timed(async () => {
    let n = 0;
    for (const a of addresses) n += await walk(client, Address.parse(a));
    return n;
  });
  return { ms, rows: 0, extra: { transactions } };
};

/** A second read of the chained mirror: nothing is new, one request per address is the target. */
const incremental: Task = async (job) => {
  const addresses = await watched(job);
  return readTimed(job, fixturePath(job.workDir, "chained"), addresses);
};

export const tasks: Record<string, Task> = { ours, baseline, incremental };

/** Our reader into the mirror at `db`, only the read itself timed (the first and the incremental read). */
async function readTimed(job: Job, db: string, addresses: string[]): Promise<TaskResult> {
  const store = await openStore(db);
  const source = tonClientSource({ endpoint: endpointsOf(job).tonEndpoint });
  const { ms, value: result } = await timed(() => readNewTransfers({ source, store, addresses, limiter: unlimited() }));
  await store.close();
  if (result.status !== "ok") throw new Error(`chain read ${result.status}`);
  return {
    ms,
    rows: result.newTransfers,
    extra: { requests: result.requests, addresses: addresses.length, transfers: result.newTransfers },
  };
}
