import { txHashHexToBase64 } from "@omrecon/core";
import { sampleOrder } from "@omrecon/sandbox";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { OpenMoneyClient, Order } from "../src/index.js";
import { type Fixture, MINUTE, startFixture, T0 } from "./sandbox-fixture.js";

let fx: Fixture;
let client: OpenMoneyClient;

beforeEach(async () => {
  fx = await startFixture();
  client = fx.client();
});
afterEach(() => fx.close());

const HASH = "3f7a0c5e9d2b41f68e0a7c3d5b9f1e2a4c6d8e0f1a2b3c4d5e6f708192a3b4c5";

describe("orders", () => {
  it("creates a Stars order and returns it with the price in exact nanotons", async () => {
    const order = await client.orders.createStars({
      recipient_username: "pandus",
      quantity: 100,
      client_reference: "invoice-42",
    });
    expect(order).toMatchObject({
      id: 10_001,
      status: "pending_payment",
      order_type: "stars",
      stars_amount: 100,
      premium_months: null,
      price_ton: 0.485,
      price_nano: 485_000_000n,
      payment_method: "ton_memo",
      payment_currency: "TON",
      client_reference: "invoice-42",
      tx_hash: null,
      created_at: "2026-04-16T12:00:00Z",
      expires_at: "2026-04-16T12:15:00Z",
    });
    expect(order.payment_memo).toMatch(/^STARS-/);
  });

  it("creates a Premium order", async () => {
    const order = await client.orders.createPremium({ recipient_username: "pandus", months: 6 });
    expect(order).toMatchObject({ order_type: "premium", premium_months: 6, stars_amount: null });
    expect(order.price_nano).toBe(5_166_000_000n);
  });

  it("gets an order by id and by memo, and finds null where there is none", async () => {
    const created = await client.orders.createStars({ recipient_username: "pandus", quantity: 70 });
    expect(await client.orders.get(created.id)).toEqual(created);
    expect(await client.orders.getByMemo(created.payment_memo!)).toEqual(created);
    expect(await client.orders.find(created.id)).toEqual(created);
    expect(await client.orders.find(999_999)).toBeNull();
    expect(await client.orders.findByMemo("STARS-nothing")).toBeNull();
  });

  it("lists the orders of a client_reference as an array, escaping the reference in the path", async () => {
    const a = await client.orders.createStars({
      recipient_username: "pandus",
      quantity: 60,
      client_reference: "inv 1/2?x",
    });
    const b = await client.orders.createStars({
      recipient_username: "pandus",
      quantity: 61,
      client_reference: "inv 1/2?x",
    });
    const found = await client.orders.listByReference("inv 1/2?x");
    expect(found.map((o) => o.id).sort()).toEqual([a.id, b.id]);
    expect(await client.orders.listByReference("none")).toEqual([]);
  });

  it("cancels a pending order", async () => {
    const created = await client.orders.createStars({ recipient_username: "pandus", quantity: 100 });
    const cancelled = await client.orders.cancel(created.id);
    expect(cancelled).toMatchObject({ id: created.id, status: "cancelled" });
  });

  it("reads a page, and walks every page as an async iterator, newest first", async () => {
    for (let i = 0; i < 230; i++) fx.state.insertOrder(sampleOrder(1 + i, T0 + i * MINUTE));
    fx.clock.now = T0 + 1000 * MINUTE;
    const page = await client.orders.listPage({ limit: 10, offset: 5 });
    expect(page).toMatchObject({ total: 230, limit: 10, offset: 5 });
    expect(page.items.map((o) => o.id)).toEqual([225, 224, 223, 222, 221, 220, 219, 218, 217, 216]);
    const ids: number[] = [];
    for await (const order of client.orders.list()) ids.push(order.id);
    expect(ids).toEqual(Array.from({ length: 230 }, (_, i) => 230 - i));
    expect(fx.api.counters.requests("GET /orders")).toBe(1 + 3);
  });

  it("passes filters and the window through, as ISO strings or Dates", async () => {
    for (let i = 0; i < 20; i++) {
      fx.state.insertOrder(
        sampleOrder(1 + i, T0 + i * MINUTE, {
          status: i % 2 ? "completed" : "failed",
          order_type: i % 4 ? "stars" : "premium",
        }),
      );
    }
    const ids = async (params: Parameters<OpenMoneyClient["orders"]["list"]>[0]) => {
      const out: number[] = [];
      for await (const o of client.orders.list(params)) out.push(o.id);
      return out;
    };
    expect(await ids({ from: new Date(T0 + 5 * MINUTE), to: "2026-04-16T12:08:00Z" })).toEqual([8, 7, 6]);
    expect(await ids({ status: "failed", order_type: "premium" })).toEqual([17, 13, 9, 5, 1]);
    expect(await ids({ status: "failed", limit: 2 })).toEqual([19, 17, 15, 13, 11, 9, 7, 5, 3, 1]);
  });

  it("reads the stats summary for a window with the volume exact", async () => {
    for (let i = 0; i < 10; i++)
      fx.state.insertOrder(sampleOrder(1 + i, T0 + i * MINUTE, { price_nano: 100_000_000n + 1n }));
    const stats = await client.orders.stats({ from: "2026-04-16T12:02:00Z", to: new Date(T0 + 5 * MINUTE) });
    expect(stats).toEqual({
      total_orders: 3,
      by_status: { completed: 3 },
      stars_total: 300,
      premium_total: 0,
      volume_ton: 0.300000003,
      volume_nano: 300_000_003n,
    });
  });

  it("keeps amounts beyond double precision exact, converts base64 hashes to hex, keeps unknown fields and statuses", async () => {
    fx.state.insertOrder(
      sampleOrder(7, T0, {
        price_nano: 123_456_789_123_456_789n,
        status: "awaiting_review",
        tx_hash: txHashHexToBase64(HASH),
        extra: { risk: { score: 3 }, channel: "bot" },
      }),
    );
    const order: Order = await client.orders.get(7);
    expect(order.price_nano).toBe(123_456_789_123_456_789n);
    expect(order.price_ton).toBe(123456789.12345679);
    expect(order.status).toBe("awaiting_review");
    expect(order.tx_hash).toBe(HASH);
    expect(order.risk).toEqual({ score: 3 });
    expect(order.channel).toBe("bot");
    expect(Object.keys(order).slice(0, 8)).toEqual([
      "id",
      "status",
      "order_type",
      "stars_amount",
      "premium_months",
      "recipient_username",
      "price_ton",
      "price_nano",
    ]);
  });
});

describe("balance", () => {
  it("reads the balance and the top-up address", async () => {
    fx.state.addBalanceTx({ type: "topup", amount_nano: 12_500_000_000n, tx_hash: HASH });
    expect(await client.balance.get()).toEqual({
      balance_ton: 12.5,
      balance_nano: 12_500_000_000n,
      topup_address: fx.state.partner.topupAddress,
      currency: "TON",
      updated_at: "2026-04-16T12:00:00Z",
    });
  });

  it("reads balance transactions by page and as an iterator, with signed exact amounts", async () => {
    fx.state.addBalanceTx({ type: "topup", amount_nano: 12_500_000_000n, tx_hash: txHashHexToBase64(HASH) });
    for (let i = 0; i < 150; i++) {
      fx.clock.now += MINUTE;
      fx.state.addBalanceTx({ type: "order_debit", amount_nano: -418_000_000n, order_id: 20_000 + i });
    }
    fx.state.addBalanceTx({ type: "refund", amount_nano: 418_000_000n, order_id: 20_000 });
    const page = await client.balance.transactionsPage({ limit: 2, offset: 150 });
    expect(page.total).toBe(152);
    expect(page.items[0]).toEqual({
      id: 2,
      type: "order_debit",
      amount_ton: -0.418,
      amount_nano: -418_000_000n,
      balance_after_ton: 12.082,
      balance_after_nano: 12_082_000_000n,
      order_id: 20_000,
      tx_hash: null,
      description: null,
      created_at: "2026-04-16T12:01:00Z",
    });
    expect(page.items[1]).toMatchObject({ id: 1, type: "topup", tx_hash: HASH });
    const ids: number[] = [];
    for await (const t of client.balance.transactions()) ids.push(t.id);
    expect(ids).toEqual(Array.from({ length: 152 }, (_, i) => 152 - i));
    const topups = await client.balance.transactionsPage({ type: "topup" });
    expect(topups.items.map((t) => t.id)).toEqual([1]);
  });
});

describe("pricing, recipients, health", () => {
  it("reads the TON rate and the fees", async () => {
    expect(await client.pricing.tonRate()).toEqual({ ton_usd: 3.25, updated_at: "2026-04-16T12:00:00Z" });
    expect(await client.pricing.fee()).toEqual({
      service_fee_percent: 5,
      min_stars: 50,
      max_stars: 10_000,
      premium_months: [3, 6, 12],
    });
  });

  it("estimates Stars and Premium prices exactly", async () => {
    expect(await client.pricing.estimateStars(100)).toEqual({
      quantity: 100,
      price_ton: 0.485,
      price_nano: 485_000_000n,
    });
    expect(await client.pricing.estimatePremium(3)).toEqual({
      months: 3,
      price_ton: 3.874,
      price_nano: 3_874_000_000n,
    });
  });

  it("checks whether a username can receive Stars or Premium", async () => {
    expect(await client.recipients.checkStars("@pandus")).toEqual({
      username: "pandus",
      can_receive: true,
      reason: null,
    });
    expect(await client.recipients.checkStars("nobody_home")).toMatchObject({
      can_receive: false,
      reason: "user not found",
    });
    expect((await client.recipients.checkPremium("premium_person")).can_receive).toBe(false);
  });

  it("probes health, sending the User-Agent omrecon/<version>", async () => {
    expect(await client.health.check()).toEqual({ status: "ok" });
    expect(fx.api.counters.log().at(-1)?.userAgent).toBe("omrecon/0.1.0");
    await fx.client({ userAgent: "sync" }).health.check();
    expect(fx.api.counters.log().at(-1)?.userAgent).toBe("omrecon/0.1.0 sync");
  });

  it("counts attempts and reports each to the hooks", async () => {
    const events: string[] = [];
    const c = fx.client({
      onRequest: (e) => events.push(`req ${e.method} ${e.path} #${e.attempt}`),
      onResponse: (e) => events.push(`res ${e.status} ${e.error?.name ?? "ok"}`),
    });
    fx.api.faults.next("GET /health", "unavailable");
    await c.health.check();
    await c.pricing.estimateStars(60);
    expect(events).toEqual([
      "req GET /health #1",
      "res 503 ServerError",
      "req GET /health #2",
      "res 200 ok",
      "req GET /pricing/estimate/stars?quantity=60 #1",
      "res 200 ok",
    ]);
    expect(c.requestCount).toBe(3);
  });
});
