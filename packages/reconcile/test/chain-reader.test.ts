import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { silentLogger } from "@omrecon/core";
import { createTonChain, startTonApi, type TonApi, type TonChain, type TransferSpec } from "@omrecon/sandbox";
import { getChainCursor, listTransfers, openStore, type Store, setChainCursor } from "@omrecon/store";
import { Address } from "@ton/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type ChainRetryPolicy,
  createRateLimiter,
  type ReadNewTransfersOptions,
  readNewTransfers,
  tonClientSource,
} from "../src/index.js";

const payment = new Address(0, Buffer.alloc(32, 0x11));
const topup = new Address(0, Buffer.alloc(32, 0x22));
const payer = new Address(0, Buffer.alloc(32, 0x33));
const T0 = 1_760_000_000;
const FAST_RETRY: Partial<ChainRetryPolicy> = { maxRetries: 2, baseDelayMs: 5, maxDelayMs: 20, random: () => 0.5 };

let chain: TonChain;
let api: TonApi | undefined;
let store: Store;
let utime = T0;

function add(n: number, overrides: Partial<TransferSpec> = {}): void {
  for (let i = 0; i < n; i++) {
    chain.add({
      to: payment,
      from: payer,
      value: 1_000_000n,
      body: { kind: "text", text: `MEMO-${utime}` },
      utime: utime++,
      ...overrides,
    });
  }
}

async function read(overrides: Partial<ReadNewTransfersOptions> = {}) {
  api ??= await startTonApi(chain);
  return readNewTransfers({
    source: tonClientSource({ endpoint: api.url }),
    store,
    addresses: [payment.toString(), topup.toString()],
    limiter: createRateLimiter({ requestsPerSecond: 1000 }),
    retry: FAST_RETRY,
    pageSize: 10,
    ...overrides,
  });
}

beforeEach(async () => {
  chain = createTonChain();
  utime = T0;
  store = await openStore(join(mkdtempSync(join(tmpdir(), "omrecon-chain-")), "db.sqlite"));
});

afterEach(async () => {
  await api?.close();
  api = undefined;
  await store.close();
});

describe("readNewTransfers through TonClient and the toncenter simulator", () => {
  it("stores every incoming message of the watched addresses with its body kind and flags", async () => {
    add(1, { body: { kind: "text", text: "STARS-a1b2c3" } });
    add(1, { body: { kind: "binary", bytes: new Uint8Array([1, 2]) } });
    add(1, { body: { kind: "encrypted", bytes: new Uint8Array(40) } });
    add(1, { body: { kind: "op", op: 7 } });
    add(1, { body: { kind: "none" } });
    add(1, { bounced: true });
    add(1, { aborted: true });
    add(1, { sendBack: true });
    add(1, { from: null, value: 0n, body: { kind: "none" } });
    add(1, { body: { kind: "op", op: 0, bytes: new Uint8Array([0xc3, 0x28]) } });
    add(3, { to: topup, value: 5_000_000_000n });

    const warnings: [string, Record<string, unknown> | undefined][] = [];
    const logger = {
      ...silentLogger,
      warn: (msg: string, fields?: Record<string, unknown>) => warnings.push([msg, fields]),
    };
    const result = await read({ logger });
    expect(result.status).toBe("ok");
    expect(result.newTransfers).toBe(13);
    expect(warnings).toEqual([
      [
        "transfer body not read as a comment",
        { hash: chain.transactionsOf(payment)[9]!.hashHex, problem: "text comment is not valid UTF-8" },
      ],
    ]);
    const rows = await listTransfers(store.db, { addresses: [payment.toRawString()] });
    const expected = chain.transactionsOf(payment);
    expect(rows.map((r) => r.hash)).toEqual(expected.map((t) => t.hashHex));
    expect(rows.map((r) => [r.body_kind, r.comment])).toEqual([
      ["text", "STARS-a1b2c3"],
      ["binary", null],
      ["encrypted", null],
      ["op", null],
      ["none", null],
      ["text", `MEMO-${T0 + 5}`],
      ["text", `MEMO-${T0 + 6}`],
      ["text", `MEMO-${T0 + 7}`],
      ["none", null],
      ["op", null],
    ]);
    expect(rows.map((r) => [r.bounced, r.aborted, r.sent_back, r.external].map(Number).join(""))).toEqual([
      "0000",
      "0000",
      "0000",
      "0000",
      "0000",
      "1000",
      "0100",
      "0010",
      "0001",
      "0000",
    ]);
    expect(rows[0]).toMatchObject({ source: payer.toRawString(), value_nano: 1_000_000n, utime: BigInt(T0) });
    expect(rows[8]).toMatchObject({ source: null, value_nano: 0n });
    const topups = await listTransfers(store.db, { addresses: [topup.toRawString()] });
    expect(topups.map((r) => r.value_nano)).toEqual([5_000_000_000n, 5_000_000_000n, 5_000_000_000n]);
    const cursor = await getChainCursor(store.db, payment.toRawString());
    expect(cursor).toEqual({ address: payment.toRawString(), lt: expected.at(-1)!.lt, hash: expected.at(-1)!.hashHex });
  });

  it("reads only what is new on the next run, and makes one request per address when nothing is", async () => {
    add(35);
    add(4, { to: topup });
    const first = await read();
    expect(first.addresses.map((a) => [a.newTransfers, a.requests])).toEqual([
      [35, 4],
      [4, 1],
    ]);

    add(12);
    const before = api!.counters.requests("getTransactions");
    const second = await read();
    expect(second.addresses.map((a) => [a.newTransfers, a.requests])).toEqual([
      [12, 2],
      [0, 1],
    ]);
    expect(api!.counters.requests("getTransactions") - before).toBe(3);

    const idle = api!.counters.requests("getTransactions");
    const third = await read();
    expect(third.newTransfers).toBe(0);
    expect(api!.counters.requests("getTransactions") - idle).toBe(2);
    expect((await listTransfers(store.db)).length).toBe(51);
  });

  it("watches the EQ, UQ and raw forms of one account once", async () => {
    add(3);
    const result = await read({
      addresses: [
        payment.toString(),
        payment.toString({ bounceable: false }),
        payment.toRawString(),
        ` ${payment.toString({ urlSafe: false })} `,
      ],
    });
    expect(result.addresses.map((a) => a.address)).toEqual([payment.toRawString()]);
    expect(api!.counters.requests()).toBe(1);
  });

  it("stores nothing and keeps the cursor when a read fails midway; the next read stores each transfer once", async () => {
    add(15);
    await read();
    const cursor = await getChainCursor(store.db, payment.toRawString());
    add(35);
    api!.faults.next("getTransactions", { kind: "latency", ms: 0 }, 2);
    api!.faults.next("getTransactions", "server_error", 3);
    const failed = await read({ addresses: [payment.toString()] });
    expect(failed.status).toBe("failed");
    expect(failed.addresses[0]).toMatchObject({ status: "failed", newTransfers: 0, requests: 5 });
    expect(failed.addresses[0]!.error).toMatch(/HTTP 500/);
    expect(await getChainCursor(store.db, payment.toRawString())).toEqual(cursor);
    expect((await listTransfers(store.db)).length).toBe(15);

    const retried = await read({ addresses: [payment.toString()] });
    expect(retried.newTransfers).toBe(35);
    const rows = await listTransfers(store.db);
    expect(rows.map((r) => r.hash)).toEqual(chain.transactionsOf(payment).map((t) => t.hashHex));
  });

  it("stores a long backlog in parts but moves the cursor only once all of it is read", async () => {
    add(35);
    api = await startTonApi(chain);
    api.faults.next("getTransactions", { kind: "latency", ms: 0 }, 2);
    api.faults.next("getTransactions", "server_error", 3);
    const failed = await read({ addresses: [payment.toString()], maxBufferedTransfers: 10 });
    expect(failed.addresses[0]).toMatchObject({ status: "failed", newTransfers: 20 });
    expect(await getChainCursor(store.db, payment.toRawString())).toBeNull();

    const resumed = await read({ addresses: [payment.toString()], maxBufferedTransfers: 10 });
    expect(resumed.addresses[0]).toMatchObject({ status: "ok", newTransfers: 15 });
    expect((await listTransfers(store.db)).length).toBe(35);
    expect((await getChainCursor(store.db, payment.toRawString()))?.hash).toBe(
      chain.transactionsOf(payment).at(-1)!.hashHex,
    );
  });

  it("retries a 429, a 5xx, an HTML proxy page, a cut connection and a truncated body, then reads everything", async () => {
    add(25);
    api = await startTonApi(chain);
    for (const fault of ["rate_limit", "unavailable", "html", "drop", "truncate"] as const) {
      api.faults.next("getTransactions", fault);
    }
    const result = await read({ addresses: [payment.toString()], retry: { ...FAST_RETRY, maxRetries: 5 } });
    expect(result.addresses[0]).toMatchObject({ status: "ok", newTransfers: 25, requests: 3 + 5 });
  });

  it("never gets a 429 at its configured rate from a simulator enforcing that rate", async () => {
    add(290);
    api = await startTonApi(chain, { rateLimit: { withoutKey: 20, windowMs: 1000 } });
    const result = await read({
      addresses: [payment.toString()],
      limiter: createRateLimiter({ requestsPerSecond: 20 }),
    });
    expect(result.addresses[0]).toMatchObject({ status: "ok", newTransfers: 290, requests: 29 });
    expect(api.counters.responses(429)).toBe(0);
    expect(api.counters.rateLimited).toBe(0);
  });

  it("backs off and still reads everything when its rate is above the server's", async () => {
    add(60);
    api = await startTonApi(chain, { rateLimit: { withoutKey: 20, windowMs: 1000 } });
    const result = await read({
      addresses: [payment.toString()],
      limiter: createRateLimiter({ requestsPerSecond: 500 }),
      pageSize: 2,
      retry: { maxRetries: 8, baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.5 },
    });
    expect(result.addresses[0]).toMatchObject({ status: "ok", newTransfers: 60 });
    expect(api.counters.rateLimited).toBeGreaterThan(0);
  });

  it("stops when aborted, storing nothing for the address it was reading", async () => {
    add(35);
    const controller = new AbortController();
    const result = await read({
      signal: controller.signal,
      onProgress: (p) => {
        if (p.pages === 2) controller.abort();
      },
    });
    expect(result.status).toBe("aborted");
    expect(result.addresses.map((a) => a.status)).toEqual(["aborted", "aborted"]);
    expect(await listTransfers(store.db)).toEqual([]);
  });

  it("refuses a stored cursor that the endpoint's history does not contain", async () => {
    add(20);
    const stranger = chain.transactionsOf(payment)[5]!;
    const wrong = { address: payment.toRawString(), lt: stranger.lt, hash: "ab".repeat(32) };
    await setChainCursor(store.db, wrong);
    const result = await read({ addresses: [payment.toString()] });
    expect(result.addresses[0]!.status).toBe("failed");
    expect(result.addresses[0]!.error).toMatch(/stored cursor .* is not in the history served/);
    expect(await getChainCursor(store.db, payment.toRawString())).toEqual(wrong);
    expect(await listTransfers(store.db)).toEqual([]);
  });

  it("reports an address it cannot parse and still reads the others", async () => {
    add(2);
    const result = await read({ addresses: ["not-an-address", payment.toString()] });
    expect(result.status).toBe("partial");
    expect(result.addresses.map((a) => [a.address, a.status])).toEqual([
      ["not-an-address", "invalid"],
      [payment.toRawString(), "ok"],
    ]);
  });
});
