import { describe, expect, it } from "vitest";
import { balanceShape, balanceTransactionPageShape, orderPageShape, orderShape, statsShape } from "../src/schemas.js";

/** The page's own example order (docs/reference/openmoney-partner-api-page.txt), amounts as json.ts leaves them. */
const pageExample = {
  id: 10_421,
  status: "pending_payment",
  order_type: "stars",
  stars_amount: 100,
  recipient_username: "pandus",
  price_ton: "0.418",
  payment_address: "UQBFJTkJ5hZdH7i6rWQTnm43zn6h2dPBV9lFZ2e98WvWABy_",
  payment_memo: "STARS-a1b2c3",
  expires_at: "2026-04-16T12:15:00Z",
  created_at: "2026-04-16T12:00:00Z",
};

describe("orders as the page shows them", () => {
  it("reads the page's example, every field it leaves out null", () => {
    expect(orderShape.read(pageExample)).toEqual({
      ...pageExample,
      price_ton: 0.418,
      price_nano: 418_000_000n,
      premium_months: null,
      payment_method: null,
      payment_currency: null,
      client_reference: null,
      tx_hash: null,
      updated_at: null,
      paid_at: null,
      completed_at: null,
    });
  });

  it("takes order_id where id is absent, and the order type from what was ordered", () => {
    const { id, order_type, ...rest } = pageExample;
    const read = orderShape.read({ ...rest, order_id: id });
    expect(read).toMatchObject({ id: 10_421, order_type: "stars" });
    expect(read).not.toHaveProperty("order_id");
    expect(orderShape.read({ ...rest, id, stars_amount: null, premium_months: 6 })?.order_type).toBe("premium");
    expect(orderShape.read({ ...rest, id, stars_amount: null })?.order_type).toBeNull();
  });

  it("keeps unknown fields and unknown statuses, noting them", () => {
    const read = orderShape.read({ ...pageExample, status: "awaiting_review", risk: { score: 3 } });
    expect(read).toMatchObject({ status: "awaiting_review", risk: { score: 3 } });
    const { notes, problems } = orderShape.audit({ ...pageExample, status: "awaiting_review", risk: 1 });
    expect(problems).toEqual([]);
    expect(notes.filter((n) => n.kind !== "absent")).toEqual([
      {
        kind: "unknown_value",
        field: "status",
        detail: 'is "awaiting_review", a value omrecon does not know (kept as sent)',
        where: "order 10421",
      },
      { kind: "extra", field: "risk", detail: "is not one omrecon reads (kept)", where: "order 10421" },
    ]);
  });

  it("reads an order paid from the balance with nothing but id, status, price and time", () => {
    const balanceOrder = { id: 5, status: "paid", price_ton: "1.5", created_at: "2026-04-16T12:00:00+02:00" };
    expect(orderShape.read(balanceOrder)).toMatchObject({ id: 5, price_nano: 1_500_000_000n, payment_memo: null });
  });

  it("refuses what reconciliation needs when it is missing or mistyped, naming the field", () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...pageExample, price_ton: undefined }, "price_ton", "is missing"],
      [{ ...pageExample, id: "10421" }, "id", 'is a string ("10421"), not an integer'],
      [{ ...pageExample, status: null }, "status", "is null"],
      [{ ...pageExample, price_ton: "abc" }, "price_ton", 'is "abc", not a TON amount'],
      [{ ...pageExample, price_ton: "1e20" }, "price_ton", "more TON than omrecon can hold"],
      [{ ...pageExample, created_at: "2026-04-16T12:00:00" }, "created_at", "has no time zone"],
      [{ ...pageExample, expires_at: "2026-02-30T12:15:00Z" }, "expires_at", "2026-02-30 is not a calendar date"],
      [{ ...pageExample, expires_at: undefined }, "expires_at", "is missing on an order paid by memo"],
      [{ ...pageExample, payment_address: undefined }, "payment_address", "is missing on an order paid by memo"],
      [
        { ...pageExample, payment_memo: undefined, payment_method: "ton_memo" },
        "payment_memo",
        "is missing on an order paid by ton_memo",
      ],
      [{ ...pageExample, tx_hash: "xyz" }, "tx_hash", "not a 32-byte hash"],
      [{ ...pageExample, stars_amount: 1.5 }, "stars_amount", "not an integer"],
    ];
    for (const [input, field, detail] of cases) {
      const clean = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
      expect(orderShape.read(clean), field).toBeUndefined();
      const [first] = orderShape.audit(clean).problems;
      expect(first?.field, field).toBe(field);
      expect(first?.detail, field).toContain(detail);
    }
  });

  it("says when a missing field is most likely renamed", () => {
    const { price_ton, ...rest } = pageExample;
    const [problem] = orderShape.audit({ ...rest, price: price_ton }).problems;
    expect(problem).toMatchObject({ kind: "renamed", field: "price_ton", renamedTo: "price" });
    expect(problem?.detail).toBe("is missing; the answer has price (renamed?)");
    // An optional field renamed is a note (check warns): without it the order would look paid from the balance.
    const { payment_memo, ...noMemo } = pageExample;
    const notes = orderShape.audit({ ...noMemo, memo: payment_memo }).notes;
    expect(notes.find((n) => n.field === "payment_memo")).toMatchObject({ kind: "renamed", renamedTo: "memo" });
  });
});

describe("lists in every form the tolerance rule names", () => {
  const item = { ...pageExample };
  it.each([
    ["{items, total, limit, offset}", { items: [item], total: 1, limit: 100, offset: 0 }, 1, 100],
    ["{items} without total", { items: [item] }, null, null],
    ["the array itself", [item], null, null],
    ["{results}", { results: [item], total: 7 }, 7, null],
    ["{data}", { data: [item], total_count: 3 }, 3, null],
    ["{orders}", { orders: [item] }, null, null],
  ])("reads %s", (_name, data, total, limit) => {
    const page = orderPageShape.read(data);
    expect(page?.items.map((o) => o.id)).toEqual([10_421]);
    expect(page?.total).toBe(total);
    expect(page?.limit).toBe(limit);
  });

  it("names the list's problem, and the row's with its id and place", () => {
    expect(orderPageShape.audit({ rows: [item] }).problems[0]).toMatchObject({ field: "data" });
    expect(orderPageShape.audit({ items: [item], total: "many" }).problems[0]).toMatchObject({ field: "data.total" });
    const bad = orderPageShape.audit({ items: [item, { ...item, id: 7, price_ton: null }] }).problems;
    expect(bad).toEqual([{ kind: "null", field: "price_ton", detail: "is null", where: "order 7 (item 2)" }]);
  });
});

describe("the other objects", () => {
  it("reads a ledger row with an unknown type and both amounts exact", () => {
    const page = balanceTransactionPageShape.read({
      items: [
        {
          id: 881,
          type: "chargeback",
          amount_ton: "-0.418",
          balance_after_ton: "12.082",
          created_at: "2026-04-16T12:00:00Z",
          region: "eu",
        },
      ],
    });
    expect(page?.items[0]).toMatchObject({
      type: "chargeback",
      amount_ton: -0.418,
      amount_nano: -418_000_000n,
      balance_after_nano: 12_082_000_000n,
      order_id: null,
      region: "eu",
    });
  });

  it("needs of the balance only the amount and the top-up address", () => {
    expect(balanceShape.read({ balance_ton: "12.5", topup_address: "UQx" })).toMatchObject({
      balance_nano: 12_500_000_000n,
      currency: null,
      updated_at: null,
    });
    expect(balanceShape.audit({ balance: "12.5", topup_address: "UQx" }).problems[0]).toMatchObject({
      field: "balance_ton",
      kind: "renamed",
    });
  });

  it("needs of the stats only the control totals", () => {
    expect(statsShape.read({ total_orders: 3, by_status: { paid: 3 } })).toMatchObject({ volume_nano: null });
    expect(statsShape.read({ total_orders: 3, by_status: { paid: -1 } })).toBeUndefined();
  });
});
