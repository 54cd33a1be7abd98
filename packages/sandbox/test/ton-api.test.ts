import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Address, Cell, loadTransaction } from "@ton/core";
import { afterEach, describe, expect, it } from "vitest";
import {
  createTonApiHandler,
  createTonChain,
  startTonApi,
  type TonApi,
  type TonChain,
  type ToncenterTransaction,
} from "../src/index.js";

/** toncenter's envelope, as the tests read it. */
interface Reply {
  ok: boolean;
  result: ToncenterTransaction[];
  error?: string;
  code?: number;
  id?: unknown;
}

const payment = new Address(0, Buffer.alloc(32, 0x11));
const payer = new Address(0, Buffer.alloc(32, 0x33));
const T0 = 1_760_000_000;

function chainOf(n: number): TonChain {
  const chain = createTonChain();
  for (let i = 0; i < n; i++) {
    chain.add({
      to: payment,
      from: i % 5 === 4 ? null : payer,
      value: i % 5 === 4 ? 0n : BigInt(1000 + i),
      body: i % 5 === 4 ? { kind: "none" } : { kind: "text", text: `MEMO-${i}` },
      utime: T0 + i,
      sendBack: i % 4 === 2 && i % 5 !== 4,
    });
  }
  return chain;
}

let api: TonApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

async function rpc(url: string, method: string, params: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify({ id: "7", jsonrpc: "2.0", method, params }),
  });
  const text = await res.text();
  // Undefined when the body is not JSON (the HTML and truncated faults).
  let json = undefined as unknown as Reply;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: res.status, json, text, type: res.headers.get("content-type") };
}

describe("toncenter v2 simulator", () => {
  it("serves getTransactions newest first in toncenter's shape, with the transaction's BOC in data", async () => {
    const chain = chainOf(12);
    api = await startTonApi(chain);
    expect(api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v2\/jsonRPC$/);
    const { status, json } = await rpc(api.url, "getTransactions", { address: payment.toString(), limit: 5 });
    expect(status).toBe(200);
    expect(json.ok).toBe(true);
    expect(json.id).toBe("7");
    const newest = [...chain.transactionsOf(payment)].reverse().slice(0, 5);
    expect(json.result).toHaveLength(5);
    json.result.forEach((item, i) => {
      const tx = newest[i]!;
      expect(item.transaction_id.lt).toBe(tx.lt.toString());
      expect(Buffer.from(item.transaction_id.hash, "base64").toString("hex")).toBe(tx.hashHex);
      expect(item.utime).toBe(tx.spec.utime);
      for (const k of ["fee", "storage_fee", "other_fee"] as const) expect(typeof item[k]).toBe("string");
      expect(Array.isArray(item.out_msgs)).toBe(true);
      expect(item.in_msg).toBeTypeOf("object");
      const cell = Cell.fromBoc(Buffer.from(item.data, "base64"))[0]!;
      expect(cell.hash().toString("hex")).toBe(tx.hashHex);
      expect(loadTransaction(cell.beginParse()).lt).toBe(tx.lt);
    });
    const text = json.result.find((r) => r.in_msg.msg_data["@type"] === "msg.dataText")!;
    expect(text.in_msg.message).toMatch(/^MEMO-\d+$/);
    const external = json.result.find((r) => r.in_msg.source === "")!;
    expect(external.in_msg.value).toBe("0");
    const returned = json.result.find((r) => r.out_msgs.length > 0)!;
    expect(Address.parse(returned.out_msgs[0]!.destination).equals(payer)).toBe(true);
  });

  it("starts at lt+hash inclusive (hash in hex or base64), stops above to_lt, for any address form", async () => {
    const chain = chainOf(20);
    api = await startTonApi(chain);
    const all = [...chain.transactionsOf(payment)].reverse();
    const start = all[4]!;
    const b64 = Buffer.from(start.hashHex, "hex").toString("base64");
    const forms = [payment.toRawString(), payment.toString({ bounceable: false }), payment.toString()];
    const hashes = [start.hashHex, start.hashHex.toUpperCase(), b64, b64.replace(/\+/g, "-").replace(/\//g, "_")];
    for (const [i, hash] of hashes.entries()) {
      const { json } = await rpc(api.url, "getTransactions", {
        address: forms[i % forms.length],
        lt: start.lt.toString(),
        hash,
        limit: 3,
      });
      expect(json.result.map((r) => r.transaction_id.lt)).toEqual(all.slice(4, 7).map((t) => t.lt.toString()));
    }
    const { json } = await rpc(api.url, "getTransactions", {
      address: payment.toString(),
      to_lt: all[3]!.lt.toString(),
      limit: 100,
    });
    expect(json.result.map((r) => r.transaction_id.lt)).toEqual(all.slice(0, 3).map((t) => t.lt.toString()));
    const rest = await fetch(
      `${api.url.replace(/jsonRPC$/, "getTransactions")}?address=${payment.toString()}&limit=2&archival=true`,
    );
    expect(((await rest.json()) as Reply).result).toHaveLength(2);
  });

  it("answers bad requests the way toncenter does", async () => {
    const chain = chainOf(3);
    api = await startTonApi(chain);
    const address = payment.toString();
    const cases: [Record<string, unknown>, number, RegExp][] = [
      [{ address, limit: 101 }, 422, /limit should be less or equal 100/],
      [{ address, limit: 0 }, 422, /limit should be positive/],
      [{ address, lt: "5" }, 422, /lt and hash should be used together/],
      [{ address: "not-an-address" }, 422, /failed to parse address/],
      [{ address, lt: "5", hash: "zz" }, 422, /failed to parse hash/],
      [{ address, lt: "5", hash: "00".repeat(32) }, 500, /LITE_SERVER_UNKNOWN/],
    ];
    for (const [params, code, error] of cases) {
      const { status, json } = await rpc(api.url, "getTransactions", params);
      expect(status).toBe(code);
      expect(json).toMatchObject({ ok: false, code, id: "7" });
      expect(json.error).toMatch(error);
    }
    const unknown = await rpc(api.url, "getMasterchainInfo", {});
    expect(unknown.status).toBe(422);
    expect(unknown.json.error).toBe("Unknown method");
    const empty = await rpc(api.url, "getTransactions", { address: new Address(0, Buffer.alloc(32, 9)).toString() });
    expect(empty.json).toMatchObject({ ok: true, result: [] });
    expect(api.counters.requests("getTransactions")).toBe(cases.length + 1);
    expect(api.counters.responses(422)).toBe(6);
  });

  it("limits callers without an API key to 1 request a second when asked to, and keys to their own quota", async () => {
    let now = 1_000_000;
    api = await startTonApi(chainOf(1), { rateLimit: { withoutKey: 1, withKey: 3 }, now: () => now });
    const params = { address: payment.toString(), limit: 1 };
    expect((await rpc(api.url, "getTransactions", params)).status).toBe(200);
    const refused = await rpc(api.url, "getTransactions", params);
    expect(refused.status).toBe(429);
    expect(refused.json).toMatchObject({ ok: false, error: "Ratelimit exceed", code: 429 });
    const keyed = [];
    for (let i = 0; i < 4; i++)
      keyed.push((await rpc(api.url, "getTransactions", params, { "X-API-Key": "k1" })).status);
    expect(keyed).toEqual([200, 200, 200, 429]);
    now += 999;
    expect((await rpc(api.url, "getTransactions", params)).status).toBe(429);
    now += 1;
    expect((await rpc(api.url, "getTransactions", params)).status).toBe(200);
    expect(api.counters.rateLimited).toBe(3);
  });

  it("does not limit anyone by default", async () => {
    api = await startTonApi(chainOf(1));
    const statuses = await Promise.all(
      Array.from({ length: 10 }, () => rpc(api!.url, "getTransactions", { address: payment.toString() })),
    );
    expect(statuses.map((s) => s.status)).toEqual(Array(10).fill(200));
  });

  it("injects scripted faults per method: 5xx, 429, an HTML proxy page, cut and truncated responses", async () => {
    api = await startTonApi(chainOf(2));
    const params = { address: payment.toString() };
    api.faults.next("getTransactions", "server_error");
    api.faults.next("getTransactions", "rate_limit");
    api.faults.next("getTransactions", "html");
    api.faults.next("getTransactions", "truncate");
    api.faults.next("getTransactions", "drop");
    expect((await rpc(api.url, "getTransactions", params)).json).toMatchObject({ ok: false, code: 500 });
    expect((await rpc(api.url, "getTransactions", params)).status).toBe(429);
    const html = await rpc(api.url, "getTransactions", params);
    expect([html.status, html.type, html.json]).toEqual([502, "text/html", undefined]);
    const truncated = await rpc(api.url, "getTransactions", params);
    expect([truncated.status, truncated.json]).toEqual([200, undefined]);
    await expect(rpc(api.url, "getTransactions", params)).rejects.toThrow();
    expect((await rpc(api.url, "getTransactions", params)).status).toBe(200);
    expect(api.faults.pending()).toBe(0);
    expect(api.counters.requests("getTransactions")).toBe(6);
  });

  it("mounts beside other routes on one server and leaves other paths alone", async () => {
    const handler = createTonApiHandler(chainOf(2));
    const server = createServer((req, res) => {
      if (!handler.handle(req, res)) res.writeHead(204).end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect((await fetch(`${base}/api/v1/health`)).status).toBe(204);
      const { json } = await rpc(`${base}/api/v2/jsonRPC`, "getTransactions", { address: payment.toString() });
      expect(json.result).toHaveLength(2);
      expect(handler.counters.requests()).toBe(1);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
