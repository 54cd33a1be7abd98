import { describe, expect, it } from "vitest";
import { match } from "../src/index.js";
import { input, ledger, order, ton, transfer } from "./match-fixtures.js";

const keys = (r: ReturnType<typeof match>) => r.findings.map((f) => f.key).sort();

describe("orders without payment_method (docs/partner-api.md#tolerance)", () => {
  it("a memo means paid by memo: a paid order whose memo no transfer carries is a missing payment", () => {
    const r = match(input({ orders: [order(1, { payment_method: null, status: "paid" })] }));
    expect(keys(r)).toEqual(["missing_payment:1"]);
  });

  it("and paid in full it is matched like any memo order", () => {
    const r = match(
      input({ orders: [order(1, { payment_method: null })], transfers: [transfer({ comment: "STARS-1" })] }),
    );
    expect(r.findings).toEqual([]);
    expect(r.orders[0]?.reconciliation).toBe("matched");
  });

  it("no memo means paid from the balance: it needs its order_debit, and its debit names an order paid from balance", () => {
    const noMemo = { payment_method: null, payment_memo: null, payment_address: null, status: "completed" };
    const debited = match(
      input({
        orders: [order(1, noMemo)],
        balanceTransactions: [ledger(1, "order_debit", "-0.418", "9.582", { order_id: 1 })],
      }),
    );
    expect(debited.findings).toEqual([]);
    expect(debited.orders[0]?.reconciliation).toBe("matched");
    expect(keys(match(input({ orders: [order(1, noMemo)] })))).toEqual(["balance_debit_mismatch:1"]);
  });

  it("a method omrecon does not know, with a memo, is still paid by memo; without one it is neither", () => {
    expect(keys(match(input({ orders: [order(1, { payment_method: "card", status: "paid" })] })))).toEqual([
      "missing_payment:1",
    ]);
    const other = { payment_method: "card", payment_memo: null, status: "paid" };
    expect(match(input({ orders: [order(1, other)] })).findings).toEqual([]);
  });
});

describe("statuses omrecon does not know", () => {
  it("are handled as not settled (no finding either way) and counted for the run's warning", () => {
    const paidOnTime = transfer({ comment: "STARS-2", value_nano: ton("0.418") });
    const r = match(
      input({
        orders: [
          order(1, { status: "awaiting_review" }),
          order(2, { status: "on_hold" }),
          order(3, { status: "on_hold" }),
        ],
        transfers: [paidOnTime],
      }),
    );
    expect(r.findings).toEqual([]);
    expect(r.unknownStatuses).toEqual({ awaiting_review: 1, on_hold: 2 });
    expect(match(input({ orders: [order(1)] })).unknownStatuses).toEqual({});
  });
});
