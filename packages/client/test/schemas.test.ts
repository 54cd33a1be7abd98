import { describe, expect, it } from "vitest";
import { balanceTransactionSchema, orderSchema } from "../src/schemas.js";

const minimal = {
  id: 10_421,
  status: "pending_payment",
  order_type: "stars",
  recipient_username: "pandus",
  price_ton: "0.418",
  created_at: "2026-04-16T12:00:00Z",
};

describe("orderSchema", () => {
  it("fills every optional field the API left out with null", () => {
    expect(orderSchema.parse(minimal)).toEqual({
      ...minimal,
      price_ton: 0.418,
      price_nano: 418_000_000n,
      stars_amount: null,
      premium_months: null,
      payment_method: null,
      payment_currency: null,
      payment_address: null,
      payment_memo: null,
      client_reference: null,
      tx_hash: null,
      expires_at: null,
      updated_at: null,
      paid_at: null,
      completed_at: null,
    });
  });

  it("accepts an amount already parsed as a number, rounding float artefacts away", () => {
    expect(orderSchema.parse({ ...minimal, price_ton: 0.1 + 0.2 }).price_nano).toBe(300_000_000n);
  });

  it("reports the field of a malformed value", () => {
    const bad = orderSchema.safeParse({ ...minimal, created_at: "yesterday", tx_hash: "xyz" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join(".")).sort()).toEqual(["created_at", "tx_hash"]);
    expect(orderSchema.safeParse({ ...minimal, id: "10421" }).success).toBe(false);
    expect(orderSchema.safeParse({ ...minimal, price_ton: "abc" }).success).toBe(false);
  });
});

describe("balanceTransactionSchema", () => {
  it("converts both amounts and keeps an unknown type", () => {
    const t = balanceTransactionSchema.parse({
      id: 881,
      type: "chargeback",
      amount_ton: "-0.418",
      balance_after_ton: "12.082",
      created_at: "2026-04-16T12:00:00Z",
      region: "eu",
    });
    expect(t).toMatchObject({
      type: "chargeback",
      amount_ton: -0.418,
      amount_nano: -418_000_000n,
      balance_after_nano: 12_082_000_000n,
      order_id: null,
      region: "eu",
    });
  });
});
