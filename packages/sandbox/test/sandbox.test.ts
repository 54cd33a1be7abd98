import { parseTon, txHashToHex } from "@omrecon/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../src/sandbox.js";

const NOW = Date.UTC(2026, 3, 16, 12, 0, 0);

async function get(sb: Sandbox, path: string) {
  const res = await fetch(`${sb.apiUrl}${path}`, { headers: { Authorization: `Bearer ${sb.apiKey}` } });
  return { status: res.status, headers: res.headers, body: JSON.parse(await res.text()) };
}

describe("startSandbox", () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({
      seed: 21,
      orders: 600,
      days: 3,
      now: NOW,
      plant: { control_total_mismatch: 1, balance_mismatch: 1, underpaid: 2 },
    });
  });
  afterAll(() => sb.stop());

  it("serves the world's orders, ledger and balance through the partner API", async () => {
    const orders = await get(sb, "/orders?limit=100");
    expect(orders.body.data.total).toBe(600);
    expect(orders.body.data.items[0].id).toBe(sb.world.orders[599]!.id);
    const ledger = await get(sb, "/balance/transactions?limit=1");
    expect(ledger.body.data.total).toBe(sb.world.balanceTxs.length);
    const balance = await get(sb, "/balance");
    expect(parseTon(balance.body.data.balance_ton)).toBe(sb.world.balance);
    expect(balance.body.data.topup_address).toBe(sb.partner.topupAddress);
  });

  it("serves stats that disagree with the listed orders when control_total_mismatch is planted", async () => {
    const q = `from=${sb.truth.window.from}&to=${sb.truth.window.to}`;
    const stats = await get(sb, `/orders/stats/summary?${q}`);
    const listed = await get(sb, `/orders?limit=1&${q}`);
    expect(stats.body.data.total_orders).toBe(listed.body.data.total + 1);
    expect(sb.truth.counts.control_total_mismatch).toBe(1);
  });

  it("prints env lines naming the URLs and the key", () => {
    expect(sb.env).toEqual([
      `OPENMONEY_BASE_URL=${sb.apiUrl}`,
      `OPENMONEY_API_KEY=${sb.apiKey}`,
      `TON_ENDPOINT=${sb.tonEndpoint}`,
      "TON_API_KEY=sandbox",
    ]);
    expect(sb.apiKey).toMatch(/^osk_/);
  });

  it("serves the world's transactions through the TON JSON-RPC endpoint, newest first, hashes in base64", async () => {
    const wallet = sb.world.actors.paymentWallets[0]!;
    const res = await fetch(sb.tonEndpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        id: 1,
        jsonrpc: "2.0",
        method: "getTransactions",
        params: { address: wallet.toString(), limit: 5 },
      }),
    });
    const body = (await res.json()) as { ok: boolean; result: { transaction_id: { hash: string } }[] };
    expect(body.ok).toBe(true);
    const newest = sb.chain.transactionsOf(wallet).slice(-5).reverse();
    expect(body.result.map((t) => txHashToHex(t.transaction_id.hash))).toEqual(newest.map((t) => t.hashHex));
    expect(sb.counters.ton.requests("getTransactions")).toBe(1);
  });

  it("counts requests per route", async () => {
    const before = sb.counters.api.requests("GET /balance");
    await get(sb, "/balance");
    expect(sb.counters.api.requests("GET /balance")).toBe(before + 1);
  });
});

describe("startSandbox live helpers", () => {
  it("pays a pending order on chain and moves it to paid naming the transaction", async () => {
    const sb = await startSandbox({ seed: 8, orders: 400, days: 2, now: NOW, tricky: false });
    try {
      const pending = sb.world.orders.find((o) => o.status === "pending_payment" && o.expires_at > NOW)!;
      const tx = sb.payOrder(pending.id);
      const served = await get(sb, `/orders/${pending.id}`);
      expect(served.body.data.status).toBe("paid");
      expect(txHashToHex(served.body.data.tx_hash)).toBe(tx.hashHex);
      expect(tx.spec.body).toEqual({ kind: "text", text: pending.payment_memo });
      expect(tx.spec.value).toBe(pending.price_nano);
    } finally {
      await sb.stop();
    }
  });

  it("expires pending orders once time is advanced past their expiry", async () => {
    const sb = await startSandbox({ seed: 8, orders: 400, days: 2, now: NOW, tricky: false });
    try {
      const pending = sb.world.orders.find((o) => o.status === "pending_payment" && o.expires_at > NOW)!;
      sb.advance(20 * 60_000);
      expect(sb.now()).toBe(NOW + 20 * 60_000);
      const served = await get(sb, `/orders/${pending.id}`);
      expect(served.body.data.status).toBe("expired");
    } finally {
      await sb.stop();
    }
  });

  it("tops up on chain and credits the ledger, or leaves it uncredited on request", async () => {
    const sb = await startSandbox({ seed: 8, orders: 100, days: 2, now: NOW, tricky: false });
    try {
      const before = sb.state.balance;
      const { tx, row } = sb.topUp(5_000_000_000n);
      expect(row?.tx_hash).toBe(tx.hashHex);
      expect(sb.state.balance).toBe(before + 5_000_000_000n);
      const uncredited = sb.topUp(1_000_000_000n, { credit: false });
      expect(uncredited.row).toBeNull();
      expect(sb.state.balance).toBe(before + 5_000_000_000n);
    } finally {
      await sb.stop();
    }
  });

  it("passes a rate limit through: every request answered 429 with Retry-After", async () => {
    const sb = await startSandbox({ seed: 8, orders: 50, now: NOW, rateLimit: { rate: 1, retryAfter: 2 } });
    try {
      const res = await get(sb, "/balance");
      expect(res.status).toBe(429);
      expect(res.headers.get("retry-after")).toBe("2");
      expect(res.body.error_code).toBe("RATE_LIMITED");
    } finally {
      await sb.stop();
    }
  });

  it("passes TON faults through per JSON-RPC method", async () => {
    const sb = await startSandbox({
      seed: 8,
      orders: 50,
      now: NOW,
      tonFaults: { getTransactions: { unavailable: 1 } },
    });
    try {
      const res = await fetch(sb.tonEndpoint, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          id: 1,
          jsonrpc: "2.0",
          method: "getTransactions",
          params: { address: sb.partner.topupAddress, limit: 1 },
        }),
      });
      expect(res.status).toBe(503);
    } finally {
      await sb.stop();
    }
  });

  it("stops serving both APIs after stop()", async () => {
    const sb = await startSandbox({ seed: 8, orders: 20, now: NOW });
    await sb.stop();
    await expect(fetch(`${sb.apiUrl}/health`)).rejects.toThrow();
    await expect(fetch(sb.tonEndpoint, { method: "POST", body: "{}" })).rejects.toThrow();
  });
});
