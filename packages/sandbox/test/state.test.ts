import { describe, expect, it } from "vitest";
import { pricePremium, priceStars } from "../src/pricing.js";
import { sampleOrder } from "../src/sample-order.js";
import { SandboxError } from "../src/sandbox-error.js";
import { SandboxState } from "../src/state.js";

const T0 = Date.parse("2026-04-16T12:00:00Z");
const MIN = 60_000;

function stateAt(t = T0) {
  let now = t;
  const state = new SandboxState({ seed: 7, now: () => now });
  return { state, advance: (ms: number) => (now += ms), set: (ms: number) => (now = ms) };
}

function refusal(fn: () => unknown): SandboxError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SandboxError) return e;
    throw e;
  }
  throw new Error("expected a SandboxError");
}

describe("pricing", () => {
  it("prices exactly in nanotons, rounded up to 0.001 TON", () => {
    // 100 × 0.015 USD × 1.05 / 3.25 USD per TON = 0.4846… TON
    expect(priceStars(100)).toBe(485_000_000n);
    expect(priceStars(10_000)).toBe(48_462_000_000n);
    expect(pricePremium(12)).toBe(9_366_000_000n);
    expect(priceStars(100) % 1_000_000n).toBe(0n);
  });
});

describe("SandboxState orders", () => {
  it("creates a Stars order awaiting a memo payment for 15 minutes", () => {
    const { state } = stateAt();
    const { order: o, replayed } = state.createStarsOrder({ recipient_username: "pandus", quantity: 100 });
    expect(replayed).toBe(false);
    expect(o).toMatchObject({
      id: 10_001,
      status: "pending_payment",
      order_type: "stars",
      stars_amount: 100,
      premium_months: null,
      price_nano: 485_000_000n,
      payment_method: "ton_memo",
      payment_currency: "TON",
      created_at: T0,
      expires_at: T0 + 15 * MIN,
    });
    expect(o.payment_memo).toMatch(/^STARS-[0-9a-f]{6}$/);
    expect(state.partner.paymentAddresses).toContain(o.payment_address);
    expect(state.getOrderByMemo(o.payment_memo!)).toBe(o);
  });

  it("creates Premium orders for 3, 6 or 12 months only", () => {
    const { state } = stateAt();
    const o = state.createPremiumOrder({ recipient_username: "pandus", months: 6 }).order;
    expect(o).toMatchObject({ order_type: "premium", premium_months: 6, stars_amount: null });
    expect(o.payment_memo).toMatch(/^PREM-[0-9a-f]{6}$/);
    expect(refusal(() => state.createPremiumOrder({ recipient_username: "pandus", months: 4 }))).toMatchObject({
      code: "VALIDATION_ERROR",
      status: 422,
    });
  });

  it("accepts 50 and 10000 Stars and refuses 49, 10001 and non-integers", () => {
    const { state } = stateAt();
    expect(state.createStarsOrder({ recipient_username: "pandus", quantity: 50 }).order.stars_amount).toBe(50);
    expect(state.createStarsOrder({ recipient_username: "pandus", quantity: 10_000 }).order.stars_amount).toBe(10_000);
    const low = refusal(() => state.createStarsOrder({ recipient_username: "pandus", quantity: 49 }));
    expect(low).toMatchObject({ status: 422, message: "quantity must be between 50 and 10000" });
    expect(refusal(() => state.createStarsOrder({ recipient_username: "pandus", quantity: 10_001 })).status).toBe(422);
    expect(refusal(() => state.createStarsOrder({ recipient_username: "pandus", quantity: 50.5 })).status).toBe(400);
    expect(state.orderCount).toBe(2);
  });

  it("refuses recipients that cannot receive, and usernames with @", () => {
    const { state } = stateAt();
    expect(refusal(() => state.createStarsOrder({ recipient_username: "nobody_here", quantity: 100 })).message).toMatch(
      /user not found/,
    );
    expect(refusal(() => state.createStarsOrder({ recipient_username: "@pandus", quantity: 100 })).status).toBe(422);
    expect(refusal(() => state.createPremiumOrder({ recipient_username: "premium_guy", months: 3 })).status).toBe(422);
    expect(state.createStarsOrder({ recipient_username: "premium_guy", quantity: 100 }).order.status).toBe(
      "pending_payment",
    );
  });

  it("expires a pending order lazily once the clock passes expires_at", () => {
    const { state, advance } = stateAt();
    const o = state.createStarsOrder({ recipient_username: "pandus", quantity: 100 }).order;
    advance(15 * MIN);
    expect(state.getOrder(o.id)?.status).toBe("pending_payment");
    advance(1);
    expect(state.getOrder(o.id)).toMatchObject({ status: "expired", updated_at: o.expires_at });
  });

  it("does not expire an order inserted with expire: false", () => {
    const { state } = stateAt(T0 + 60 * MIN);
    state.insertOrder(sampleOrder(5, T0, { status: "pending_payment" }), { expire: false });
    state.insertOrder(sampleOrder(6, T0, { status: "pending_payment" }));
    expect(state.getOrder(5)?.status).toBe("pending_payment");
    expect(state.getOrder(6)?.status).toBe("expired");
  });

  it("cancels only while pending_payment", () => {
    const { state, advance } = stateAt();
    const a = state.createStarsOrder({ recipient_username: "pandus", quantity: 100 }).order;
    const b = state.createStarsOrder({ recipient_username: "pandus", quantity: 100 }).order;
    expect(state.cancelOrder(a.id).order.status).toBe("cancelled");
    expect(refusal(() => state.cancelOrder(a.id)).code).toBe("ORDER_NOT_CANCELLABLE");
    advance(16 * MIN);
    expect(refusal(() => state.cancelOrder(b.id))).toMatchObject({ code: "ORDER_NOT_CANCELLABLE", status: 409 });
    expect(refusal(() => state.cancelOrder(999))).toMatchObject({ code: "NOT_FOUND", status: 404 });
  });

  it("replays a create with the same Idempotency-Key and refuses the key for another request", () => {
    const { state } = stateAt();
    const first = state.createStarsOrder({ recipient_username: "pandus", quantity: 100 }, { idempotencyKey: "k" });
    const again = state.createStarsOrder({ recipient_username: "pandus", quantity: 100 }, { idempotencyKey: "k" });
    expect(again).toEqual({ order: first.order, replayed: true });
    expect(state.orderCount).toBe(1);
    const other = refusal(() =>
      state.createStarsOrder({ recipient_username: "pandus", quantity: 101 }, { idempotencyKey: "k" }),
    );
    expect(other).toMatchObject({ code: "IDEMPOTENCY_CONFLICT", status: 409 });
    expect(refusal(() => state.cancelOrder(first.order.id, { idempotencyKey: "k" })).code).toBe("IDEMPOTENCY_CONFLICT");
  });

  it("replays a cancel with the same key instead of refusing it", () => {
    const { state } = stateAt();
    const o = state.createStarsOrder({ recipient_username: "pandus", quantity: 100 }).order;
    state.cancelOrder(o.id, { idempotencyKey: "c1" });
    expect(state.cancelOrder(o.id, { idempotencyKey: "c1" })).toMatchObject({ replayed: true });
  });

  it("moves statuses and stamps paid_at and completed_at", () => {
    const { state, advance } = stateAt();
    const o = state.createStarsOrder({ recipient_username: "pandus", quantity: 100 }).order;
    advance(MIN);
    state.setStatus(o.id, "paid", { tx_hash: "ab".repeat(32) });
    advance(MIN);
    state.setStatus(o.id, "completed");
    expect(o).toMatchObject({ paid_at: T0 + MIN, completed_at: T0 + 2 * MIN, updated_at: T0 + 2 * MIN });
    expect(o.tx_hash).toBe("ab".repeat(32));
    advance(60 * MIN);
    expect(state.getOrder(o.id)?.status).toBe("completed");
  });
});

describe("SandboxState balance", () => {
  it("pays a balance order with an order_debit and a correct running balance", () => {
    const { state } = stateAt();
    state.addBalanceTx({ type: "topup", amount_nano: 1_000_000_000n, tx_hash: "cd".repeat(32) });
    const o = state.createStarsOrder({ recipient_username: "pandus", quantity: 100, payment_method: "balance" }).order;
    expect(o).toMatchObject({ status: "paid", payment_memo: null, payment_address: null, paid_at: T0 });
    const txs = state.balanceTransactions();
    expect(txs.map((t) => [t.type, t.amount_nano, t.balance_after_nano, t.order_id])).toEqual([
      ["topup", 1_000_000_000n, 1_000_000_000n, null],
      ["order_debit", -485_000_000n, 515_000_000n, o.id],
    ]);
    expect(state.balance).toBe(515_000_000n);
  });

  it("refuses a balance order without funds and creates nothing", () => {
    const { state } = stateAt();
    state.addBalanceTx({ type: "topup", amount_nano: 400_000_000n });
    const e = refusal(() =>
      state.createStarsOrder({ recipient_username: "pandus", quantity: 100, payment_method: "balance" }),
    );
    expect(e).toMatchObject({ code: "INSUFFICIENT_BALANCE", status: 402 });
    expect(state.orderCount).toBe(0);
    expect(state.balanceTransactions()).toHaveLength(1);
  });

  it("keeps a planted /balance offset while the ledger runs on", () => {
    const { state } = stateAt();
    state.addBalanceTx({ type: "topup", amount_nano: 5_000_000_000n });
    state.setBalance(5_100_000_000n);
    const t = state.addBalanceTx({ type: "adjustment", amount_nano: -1_000_000_000n });
    expect(t.balance_after_nano).toBe(4_000_000_000n);
    expect(state.balance).toBe(4_100_000_000n);
  });

  it("serves inserted ledger rows as given, the balance following the last", () => {
    const { state } = stateAt();
    state.insertBalanceTx({
      id: 40,
      type: "topup",
      amount_nano: 3n,
      balance_after_nano: 3n,
      order_id: null,
      tx_hash: null,
      description: null,
      created_at: T0,
    });
    state.insertBalanceTx({
      id: 41,
      type: "refund",
      amount_nano: 2n,
      balance_after_nano: 9n,
      order_id: null,
      tx_hash: null,
      description: null,
      created_at: T0,
    });
    expect(state.balance).toBe(9n);
    expect(state.addBalanceTx({ type: "adjustment", amount_nano: 1n }).id).toBe(42);
  });
});

describe("SandboxState lists", () => {
  it("lists newest first with a from-inclusive, to-exclusive window and filters", () => {
    const { state } = stateAt(T0 + 100 * MIN);
    for (let i = 0; i < 10; i++) {
      state.insertOrder(
        sampleOrder(100 + i, T0 + i * MIN, {
          order_type: i % 2 ? "premium" : "stars",
          status: i < 3 ? "paid" : "completed",
        }),
      );
    }
    const all = state.listOrders({}, 3, 0);
    expect(all.total).toBe(10);
    expect(all.items.map((o) => o.id)).toEqual([109, 108, 107]);
    expect(state.listOrders({}, 3, 9).items.map((o) => o.id)).toEqual([100]);
    const win = state.listOrders({ from: T0 + 2 * MIN, to: T0 + 5 * MIN }, 100, 0);
    expect(win.items.map((o) => o.id)).toEqual([104, 103, 102]);
    const paidPremium = state.listOrders({ status: "paid", order_type: "premium" }, 100, 0);
    expect(paidPremium).toMatchObject({ total: 1, items: [{ id: 101 }] });
    expect(state.listOrders({ status: "completed" }, 2, 1).items.map((o) => o.id)).toEqual([108, 107]);
  });

  it("orders by created_at when ids and times disagree", () => {
    const { state } = stateAt();
    state.insertOrder(sampleOrder(1, T0 + 2 * MIN));
    state.insertOrder(sampleOrder(2, T0));
    state.insertOrder(sampleOrder(3, T0 + MIN));
    expect(state.listOrders({}, 10, 0).items.map((o) => o.id)).toEqual([1, 3, 2]);
    expect(state.listOrders({ to: T0 + 2 * MIN }, 10, 0).items.map((o) => o.id)).toEqual([3, 2]);
    expect(() => state.insertOrder(sampleOrder(3, T0))).toThrow(RangeError);
  });

  it("sums stats over the window, volume over paid, processing and completed only", () => {
    const { state } = stateAt(T0 + 100 * MIN);
    const statuses = ["paid", "processing", "completed", "failed", "pending_payment", "weird_new_status"];
    statuses.forEach((status, i) => {
      state.insertOrder(sampleOrder(i + 1, T0 + i * MIN, { status }), { expire: false });
    });
    state.insertOrder(sampleOrder(7, T0 + 6 * MIN, { order_type: "premium", stars_amount: null, premium_months: 3 }));
    const s = state.stats({ from: T0 + MIN });
    expect(s).toEqual({
      total_orders: 6,
      by_status: { processing: 1, completed: 2, failed: 1, pending_payment: 1, weird_new_status: 1 },
      stars_total: 500,
      premium_total: 1,
      volume_nano: 3n * 418_000_000n,
    });
  });

  it("finds orders by client_reference, oldest first, and continues ids after loaded orders", () => {
    const { state } = stateAt();
    state.insertOrder(sampleOrder(20_001, T0, { client_reference: "inv-1" }));
    state.insertOrder(sampleOrder(20_002, T0, { client_reference: "inv-2" }));
    state.insertOrder(sampleOrder(20_003, T0, { client_reference: "inv-1" }));
    expect(state.ordersByReference("inv-1").map((o) => o.id)).toEqual([20_001, 20_003]);
    expect(state.ordersByReference("none")).toEqual([]);
    expect(state.createStarsOrder({ recipient_username: "pandus", quantity: 60 }).order.id).toBe(20_004);
  });
});
