/**
 * The chain read against TON endpoints that lie, stall or wander, through the production path
 * (`chainReaderFor` → TonClient → our transport → reader → store) inside a whole `reconcile()`:
 * the run fails with exit status 2 and one line naming the address and TON_ENDPOINT, the cursor
 * stays where it was, and the next run against an honest endpoint holds every transfer.
 */
import { isOmreconError } from "@omrecon/core";
import {
  createTonChain,
  type SimulatedTonChain,
  type ToncenterTransaction,
  toncenterTransaction,
} from "@omrecon/sandbox";
import { getChainCursor, listTransfers, type Store } from "@omrecon/store";
import { Address } from "@ton/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type ChainRetryPolicy, chainReaderFor, type ReconcileSettings, reconcile } from "../src/index.js";
import { type HostileTon, startHostileTon } from "./hostile-ton.js";
import { TOPUP } from "./match-fixtures.js";
import { putLedger, tempStore } from "./store-fixtures.js";

const KEY = "ton-key-that-must-stay-home-0123456789";
const FAST: Partial<ChainRetryPolicy> = { maxRetries: 3, baseDelayMs: 5, maxDelayMs: 20, random: () => 0.5 };
const T0 = 1_760_000_000;
const payer = new Address(0, Buffer.alloc(32, 0x55));

let chain: SimulatedTonChain;
let store: Store;
let servers: HostileTon[] = [];
let utime = T0;

function add(n: number): void {
  for (let i = 0; i < n; i++) {
    chain.add({ to: TOPUP, from: payer, value: 1_000_000n + BigInt(i), body: { kind: "none" }, utime: utime++ });
  }
}

async function serve(options: Parameters<typeof startHostileTon>[1] = {}): Promise<HostileTon> {
  const server = await startHostileTon(chain, options);
  servers.push(server);
  return server;
}

async function run(url: string, settings: Partial<ReconcileSettings> = {}) {
  const readChain = chainReaderFor({ tonEndpoint: url, tonApiKey: KEY, ...settings }, { store, chainRetry: FAST });
  return reconcile({ store, readChain }, { from: new Date("2025-01-01"), to: new Date("2026-01-01") });
}

/** The run's failure: an OmreconError with exit status 2 and a one-line message. */
async function failure(promise: Promise<unknown>): Promise<{ code: string; exitCode: number; message: string }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isOmreconError(error)) throw new Error(`expected the run to fail with an OmreconError, got ${String(error)}`);
  expect(error.message).not.toContain("\n");
  expect(error.message).not.toContain(KEY);
  return { code: error.code, exitCode: error.exitCode, message: error.message };
}

const hashes = () => chain.transactionsOf(TOPUP).map((t) => t.hashHex);
const stored = async () => (await listTransfers(store.db)).map((r) => r.hash);

/** The honest page one longer, less the transaction at `drop`: as full as asked, one missing. */
function fullPageWithout(params: Record<string, unknown>, drop: number): ToncenterTransaction[] {
  const fromLt = params.lt === undefined ? undefined : BigInt(String(params.lt));
  const longer = chain.history(TOPUP, { ...(fromLt ? { fromLt } : {}), limit: Number(params.limit) + 1 });
  return longer.filter((_, i) => i !== drop).map(toncenterTransaction);
}

beforeEach(async () => {
  chain = createTonChain();
  utime = T0;
  store = await tempStore();
  await putLedger(store, [], 0n);
});

afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
  await store.close();
});

describe("a TON endpoint that leaves a transaction out", () => {
  it("fails the run on a short page missing its oldest transaction; the honest rerun stores every transfer", async () => {
    add(250);
    const first = chain.transactionsOf(TOPUP)[0]!;
    const liar = await serve({ tamper: (page) => page.filter((t) => t.transaction_id.lt !== first.lt.toString()) });
    const f = await failure(run(liar.url));
    expect(f).toMatchObject({ code: "chain_unreadable", exitCode: 2 });
    expect(f.message).toContain(TOPUP.toRawString());
    expect(f.message).toContain(`TON_ENDPOINT ${liar.url}`);
    expect(f.message).toMatch(/nothing older was served/);
    expect(await getChainCursor(store.db, TOPUP.toRawString())).toBeNull();

    const honest = await serve();
    await run(honest.url);
    expect(await stored()).toEqual(hashes());
  });

  it("fails the run on a short page missing a transaction in its middle", async () => {
    add(250);
    const gone = chain.transactionsOf(TOPUP)[20]!;
    const liar = await serve({ tamper: (page) => page.filter((t) => t.transaction_id.lt !== gone.lt.toString()) });
    const f = await failure(run(liar.url));
    expect(f.message).toMatch(/skips from lt \d+ .* to lt \d+/);
    expect(await stored()).toEqual([]);
    await run((await serve()).url);
    expect(await stored()).toEqual(hashes());
  });

  it("fails the run on a full page missing one transaction, and keeps the cursor of the previous run", async () => {
    add(120);
    await run((await serve()).url);
    const cursor = await getChainCursor(store.db, TOPUP.toRawString());
    expect(cursor?.hash).toBe(hashes().at(-1));

    add(250);
    const liar = await serve({ tamper: (page, params) => (params.lt ? fullPageWithout(params, 40) : page) });
    const f = await failure(run(liar.url));
    expect(f.message).toMatch(/a transaction was left out/);
    expect(await getChainCursor(store.db, TOPUP.toRawString())).toEqual(cursor);

    await run((await serve()).url);
    expect(await stored()).toEqual(hashes());
    expect((await getChainCursor(store.db, TOPUP.toRawString()))?.hash).toBe(hashes().at(-1));
  });

  it("recovers when the endpoint leaves a transaction out of a full page only once", async () => {
    add(250);
    const flaky = await serve({ tamper: (page, params, call) => (call === 2 ? fullPageWithout(params, 7) : page) });
    await run(flaky.url);
    expect(await stored()).toEqual(hashes());
    // Three pages, and the one that did not link up asked for again.
    expect(flaky.calls).toBe(4);
  });

  it("refuses a history that does not reach the stored cursor (another network)", async () => {
    add(30);
    await run((await serve()).url);
    const cursor = await getChainCursor(store.db, TOPUP.toRawString());
    chain = createTonChain();
    utime = T0 + 5;
    add(40);
    const f = await failure(run((await serve()).url));
    expect(f.message).toMatch(/stored cursor lt \d+ .* is not in the history served|ends without the stored cursor/);
    expect(await getChainCursor(store.db, TOPUP.toRawString())).toEqual(cursor);
  });
});

describe("a TON endpoint that never finishes", () => {
  it("ends a trickling answer at the chain deadline: exit status 2, nothing stored", async () => {
    add(5);
    const trickle = await serve({
      raw: (_req, res) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.write('{"ok":true,"result":[');
        const timer = setInterval(() => res.write(" "), 50);
        res.on("close", () => clearInterval(timer));
        return true;
      },
    });
    const f = await failure(run(trickle.url, { chainDeadlineMs: 1_500 }));
    expect(f).toMatchObject({ code: "chain_unreadable", exitCode: 2 });
    expect(f.message).toMatch(/0:3333\d*: the chain read passed its deadline of 1\.5 s from TON_ENDPOINT/);
    expect(f.message).toContain("OMRECON_CHAIN_DEADLINE");
    expect(await stored()).toEqual([]);
  });

  it("ends an endless history at the page cap, and at the deadline", async () => {
    add(6_000);
    const endless = await serve();
    const capped = await failure(run(endless.url, { chainMaxPages: 12 }));
    expect(capped.message).toMatch(/reached its cap of 12 page requests/);
    expect(endless.calls).toBe(12);
    expect(await getChainCursor(store.db, TOPUP.toRawString())).toBeNull();

    const late = await failure(run(endless.url, { chainDeadlineMs: 800 }));
    expect(late.message).toMatch(/passed its deadline of 0\.8 s/);
    expect(await getChainCursor(store.db, TOPUP.toRawString())).toBeNull();
  });
});

describe("a TON endpoint that redirects", () => {
  it.each([301, 302, 307, 308])("does not follow a %i, so the other host never sees the key", async (status) => {
    add(3);
    const elsewhere = await serve();
    const redirecting = await serve({
      raw: (_req, res) => {
        res.writeHead(status, { location: elsewhere.url }).end();
        return true;
      },
    });
    const f = await failure(run(redirecting.url));
    expect(f.message).toMatch(new RegExp(`HTTP ${status} \\(a redirect\\).*set TON_ENDPOINT to the final URL`));
    expect(redirecting.keysSeen).toEqual([KEY]);
    expect(elsewhere.calls).toBe(0);
    expect(elsewhere.keysSeen).toEqual([]);
  });
});
