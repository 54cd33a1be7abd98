import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PartnerApi } from "../src/api/server.js";
import { startPartnerApi } from "../src/api/server.js";
import { sampleOrder } from "../src/sample-order.js";
import { SandboxState } from "../src/state.js";
import { caller } from "./api-http.js";

const T0 = Date.parse("2026-04-16T12:00:00Z");
const MIN = 60_000;
let now = T0;
let api: PartnerApi;
let http: ReturnType<typeof caller>;

beforeEach(async () => {
  now = T0;
  api = await startPartnerApi(new SandboxState({ seed: 3, now: () => now }));
  http = caller(api);
});
afterEach(() => api.close());

const stars = { recipient_username: "pandus", quantity: 100, payment_method: "ton_memo", payment_currency: "TON" };

describe("partner API: orders", () => {
  it("creates a Stars order in the page's envelope and shape", async () => {
    const r = await http.post("/orders/stars", { ...stars, client_reference: "invoice-42" }, "key-1");
    expect(r.status).toBe(201);
    expect(r.headers.get("content-type")).toMatch(/^application\/json/);
    expect(r.json.ok).toBe(true);
    expect(r.json.data).toMatchObject({
      id: 10_001,
      status: "pending_payment",
      order_type: "stars",
      stars_amount: 100,
      recipient_username: "pandus",
      price_ton: 0.485,
      payment_method: "ton_memo",
      client_reference: "invoice-42",
      expires_at: "2026-04-16T12:15:00Z",
      created_at: "2026-04-16T12:00:00Z",
    });
    expect(r.text).toContain('"price_ton":0.485,');
    expect(r.json.data.payment_memo).toMatch(/^STARS-[0-9a-f]{6}$/);
    expect(api.counters.ordersCreated).toBe(1);
  });

  it("creates a Premium order", async () => {
    const r = await http.post("/orders/premium", { recipient_username: "pandus", months: 12 });
    expect(r.status).toBe(201);
    expect(r.json.data).toMatchObject({
      order_type: "premium",
      premium_months: 12,
      stars_amount: null,
      price_ton: 9.366,
    });
    expect(r.json.data.payment_memo).toMatch(/^PREM-/);
  });

  it("replays the same Idempotency-Key and body, and refuses the key with another body", async () => {
    const first = await http.post("/orders/stars", stars, "same-key");
    const again = await http.post("/orders/stars", stars, "same-key");
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.json.data).toEqual(first.json.data);
    const other = await http.post("/orders/stars", { ...stars, quantity: 200 }, "same-key");
    expect(other.status).toBe(409);
    expect(other.json).toEqual({
      ok: false,
      error_code: "IDEMPOTENCY_CONFLICT",
      error_message: expect.any(String),
      data: null,
    });
    expect(api.counters.ordersCreated).toBe(1);
    expect(api.counters.idempotencyKeys("POST /orders/stars")).toEqual(["same-key", "same-key", "same-key"]);
  });

  it("answers 400 for malformed requests and 422 for unacceptable values, as VALIDATION_ERROR", async () => {
    const cases: [unknown, number, RegExp][] = [
      ["{not json", 400, /not valid JSON/],
      [[1, 2], 400, /JSON object/],
      [{ quantity: 100 }, 400, /recipient_username is required/],
      [{ recipient_username: "pandus", quantity: "100" }, 400, /integer/],
      [{ recipient_username: "pandus", quantity: 49 }, 422, /^quantity must be between 50 and 10000$/],
      [{ ...stars, payment_method: "card" }, 422, /payment_method/],
      [{ ...stars, payment_currency: "USD" }, 422, /payment_currency/],
      [{ ...stars, recipient_username: "nobody_at_all" }, 422, /cannot receive Stars/],
    ];
    for (const [body, status, message] of cases) {
      const r = await http.post("/orders/stars", body);
      expect([r.status, r.json.error_code]).toEqual([status, "VALIDATION_ERROR"]);
      expect(r.json.error_message).toMatch(message);
      expect(r.json.data).toBeNull();
    }
    expect(api.counters.ordersCreated).toBe(0);
  });

  it("refuses a balance order without funds with 402 INSUFFICIENT_BALANCE", async () => {
    const r = await http.post("/orders/stars", { ...stars, payment_method: "balance" });
    expect([r.status, r.json.error_code]).toEqual([402, "INSUFFICIENT_BALANCE"]);
    api.state.addBalanceTx({ type: "topup", amount_nano: 10_000_000_000n });
    const ok = await http.post("/orders/stars", { ...stars, payment_method: "balance" });
    expect(ok.json.data).toMatchObject({ status: "paid", payment_memo: null, payment_address: null });
  });

  it("gets an order by id, by memo and by reference, and 404s the unknown", async () => {
    const o = (await http.post("/orders/stars", { ...stars, client_reference: "inv 7/a" })).json.data;
    await http.post("/orders/stars", { ...stars, client_reference: "inv 7/a" });
    expect((await http.get(`/orders/${o.id}`)).json.data).toEqual(o);
    expect((await http.get(`/orders/by-memo/${o.payment_memo}`)).json.data).toEqual(o);
    const byRef = await http.get(`/orders/by-reference/${encodeURIComponent("inv 7/a")}`);
    expect(byRef.json.data.map((x: { id: number }) => x.id)).toEqual([o.id + 1, o.id]);
    expect((await http.get("/orders/by-reference/nothing")).json.data).toEqual([]);
    for (const path of ["/orders/999", "/orders/abc", "/orders/by-memo/STARS-000000", "/nowhere"]) {
      const r = await http.get(path);
      expect([path, r.status, r.json.error_code]).toEqual([path, 404, "NOT_FOUND"]);
    }
  });

  it("expires a pending order once its TTL has passed", async () => {
    const o = (await http.post("/orders/stars", stars)).json.data;
    now = T0 + 15 * MIN + 1;
    expect((await http.get(`/orders/${o.id}`)).json.data).toMatchObject({
      status: "expired",
      updated_at: "2026-04-16T12:15:00Z",
    });
  });

  it("cancels a pending order once and then answers 409 ORDER_NOT_CANCELLABLE", async () => {
    const o = (await http.post("/orders/stars", stars)).json.data;
    const c = await http.post(`/orders/${o.id}/cancel`, undefined, "cancel-1");
    expect([c.status, c.json.data.status]).toEqual([200, "cancelled"]);
    const replay = await http.post(`/orders/${o.id}/cancel`, undefined, "cancel-1");
    expect([replay.status, replay.json.data.status]).toEqual([200, "cancelled"]);
    const again = await http.post(`/orders/${o.id}/cancel`, undefined, "cancel-2");
    expect([again.status, again.json.error_code]).toEqual([409, "ORDER_NOT_CANCELLABLE"]);
    expect((await http.post("/orders/424242/cancel")).status).toBe(404);
  });

  it("serves amounts as exact decimals, unknown fields and unknown statuses as given", async () => {
    api.state.insertOrder(
      sampleOrder(5, T0, {
        price_nano: 123_456_789_123_456_789n,
        status: "on_hold_new",
        tx_hash: "q".repeat(43) + "=",
        extra: { risk_score: 0.5, id: "ignored" },
      }),
    );
    const r = await http.get("/orders/5");
    expect(r.text).toContain('"price_ton":123456789.123456789,');
    expect(r.json.data).toMatchObject({ id: 5, status: "on_hold_new", risk_score: 0.5, tx_hash: `${"q".repeat(43)}=` });
  });
});

describe("partner API: lists", () => {
  beforeEach(() => {
    now = T0 + 1000 * MIN;
    for (let i = 0; i < 250; i++) {
      api.state.insertOrder(
        sampleOrder(1 + i, T0 + i * MIN, {
          order_type: i % 5 === 0 ? "premium" : "stars",
          status: i % 10 === 0 ? "failed" : "completed",
        }),
      );
    }
  });

  it("pages newest first with limit, offset and total", async () => {
    const r = await http.get("/orders?limit=3&offset=2");
    expect(r.json.data).toMatchObject({ total: 250, limit: 3, offset: 2 });
    expect(r.json.data.items.map((o: { id: number }) => o.id)).toEqual([248, 247, 246]);
  });

  it("clamps a limit above 100 and refuses a limit below 1 or a bad offset", async () => {
    const r = await http.get("/orders?limit=1000");
    expect([r.json.data.limit, r.json.data.items.length]).toEqual([100, 100]);
    for (const q of ["limit=0", "limit=x", "offset=-1", `offset=${"9".repeat(400)}`]) {
      const bad = await http.get(`/orders?${q}`);
      expect([q, bad.status, bad.json.error_code]).toEqual([q, 400, "VALIDATION_ERROR"]);
    }
  });

  it("filters by status, order_type and a from-inclusive, to-exclusive window", async () => {
    const from = new Date(T0 + 10 * MIN).toISOString();
    const to = new Date(T0 + 20 * MIN).toISOString();
    const win = await http.get(`/orders?from=${from}&to=${to}&limit=100`);
    expect(win.json.data.items.map((o: { id: number }) => o.id)).toEqual([20, 19, 18, 17, 16, 15, 14, 13, 12, 11]);
    const failedPremium = await http.get(`/orders?status=failed&order_type=premium&limit=2&offset=1`);
    expect(failedPremium.json.data.total).toBe(25);
    expect(failedPremium.json.data.items.map((o: { id: number }) => o.id)).toEqual([231, 221]);
    expect((await http.get("/orders?from=yesterday")).status).toBe(400);
  });

  it("summarises the same window for stats", async () => {
    const from = new Date(T0 + 10 * MIN).toISOString();
    const to = new Date(T0 + 20 * MIN).toISOString();
    const r = await http.get(`/orders/stats/summary?from=${from}&to=${to}`);
    expect(r.json.data).toEqual({
      total_orders: 10,
      by_status: { completed: 9, failed: 1 },
      stars_total: 1000,
      premium_total: 2,
      volume_ton: 3.762,
    });
    expect(r.text).toContain('"volume_ton":3.762}');
  });
});

describe("partner API: balance, pricing, recipients, health", () => {
  it("serves the balance and its transactions newest first with paging and filters", async () => {
    api.state.addBalanceTx({ type: "topup", amount_nano: 12_500_000_000n, tx_hash: "ab".repeat(32) });
    now += MIN;
    api.state.addBalanceTx({ type: "order_debit", amount_nano: -418_000_000n, order_id: 10_421 });
    now += MIN;
    api.state.addBalanceTx({ type: "adjustment", amount_nano: 1n });
    const b = await http.get("/balance");
    expect(b.json.data).toEqual({
      balance_ton: 12.082000001,
      topup_address: api.state.partner.topupAddress,
      currency: "TON",
      updated_at: "2026-04-16T12:02:00Z",
    });
    const page = await http.get("/balance/transactions?limit=2");
    expect(page.json.data).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(page.json.data.items[0]).toMatchObject({ id: 3, type: "adjustment", amount_ton: 0.000000001 });
    expect(page.json.data.items[1]).toEqual({
      id: 2,
      type: "order_debit",
      amount_ton: -0.418,
      balance_after_ton: 12.082,
      order_id: 10_421,
      tx_hash: null,
      description: null,
      created_at: "2026-04-16T12:01:00Z",
    });
    expect(page.text).toContain('"amount_ton":-0.418,');
    const topups = await http.get("/balance/transactions?type=topup");
    expect(topups.json.data.items.map((t: { id: number }) => t.id)).toEqual([1]);
    const windowed = await http.get(`/balance/transactions?from=2026-04-16T12:01:00Z&to=2026-04-16T12:02:00Z`);
    expect(windowed.json.data.items.map((t: { id: number }) => t.id)).toEqual([2]);
  });

  it("serves the rate, the fees and estimates that equal what orders cost", async () => {
    expect((await http.get("/pricing/ton-rate")).json.data).toEqual({
      ton_usd: 3.25,
      updated_at: "2026-04-16T12:00:00Z",
    });
    expect((await http.get("/pricing/fee")).json.data).toEqual({
      service_fee_percent: 5,
      min_stars: 50,
      max_stars: 10_000,
      premium_months: [3, 6, 12],
    });
    expect((await http.get("/pricing/estimate/stars?quantity=100")).json.data).toEqual({
      quantity: 100,
      price_ton: 0.485,
    });
    expect((await http.get("/pricing/estimate/premium?months=3")).json.data).toEqual({ months: 3, price_ton: 3.874 });
    const order = await http.post("/orders/premium", { recipient_username: "pandus", months: 3 });
    expect(order.json.data.price_ton).toBe(3.874);
    expect((await http.get("/pricing/estimate/stars?quantity=10")).status).toBe(422);
    expect((await http.get("/pricing/estimate/stars")).status).toBe(400);
    expect((await http.get("/pricing/estimate/premium?months=5")).status).toBe(422);
  });

  it("checks recipients by the deterministic rule", async () => {
    expect((await http.get("/recipients/stars?username=pandus")).json.data).toEqual({
      username: "pandus",
      can_receive: true,
      reason: null,
    });
    expect((await http.get("/recipients/stars?username=nobody42")).json.data).toMatchObject({ can_receive: false });
    expect((await http.get("/recipients/premium?username=premium_fan")).json.data.can_receive).toBe(false);
    expect((await http.get("/recipients/stars?username=premium_fan")).json.data.can_receive).toBe(true);
    expect((await http.get("/recipients/premium")).status).toBe(400);
  });

  it("answers the health probe", async () => {
    expect((await http.get("/health")).json).toEqual({ ok: true, data: { status: "ok" } });
  });

  it("refuses a missing or wrong key with 401 UNAUTHORIZED on every route", async () => {
    for (const [who, c] of [
      ["none", caller(api, null)],
      ["wrong", caller(api, "osk_wrong")],
    ] as const) {
      for (const r of [await c.get("/health"), await c.get("/orders"), await c.post("/orders/stars", stars)]) {
        expect([who, r.status, r.json]).toEqual([
          who,
          401,
          { ok: false, error_code: "UNAUTHORIZED", error_message: expect.any(String), data: null },
        ]);
      }
    }
    expect(api.counters.ordersCreated).toBe(0);
  });

  it("counts requests per route pattern and resets", async () => {
    await http.get("/orders/1");
    await http.get("/orders/2");
    await http.get("/health");
    expect(api.counters.requests("GET /orders/{id}")).toBe(2);
    expect(api.counters.requests()).toBe(3);
    expect(api.counters.snapshot()).toEqual({ "GET /orders/{id}": 2, "GET /health": 1 });
    api.counters.reset();
    expect(api.counters.requests()).toBe(0);
    expect(api.counters.log()).toEqual([]);
  });
});
