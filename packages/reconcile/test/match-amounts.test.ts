import { FINDING_KINDS, type Finding } from "@omrecon/core";
import { describe, expect, it } from "vitest";
import { match } from "../src/index.js";
import { at, input, ledger, order, TOPUP, ton, transfer, utime } from "./match-fixtures.js";

const amountOf = (findings: readonly Finding[], key: string) => findings.find((f) => f.key === key)?.amount_nano;

describe("match: the amount at stake on every finding", () => {
  // One world with every kind, so the last test can check that none is left without an amount.
  const dup1 = transfer({ comment: "STARS-4", value_nano: ton("0.5") });
  const dup2 = transfer({ comment: "STARS-4", value_nano: ton("0.7") });
  const orphan = transfer({ comment: "nobody", value_nano: ton("3.25") });
  const bounced = transfer({ comment: "STARS-9", value_nano: ton("1.5"), bounced: true });
  const split = [
    transfer({ comment: "STARS-5", value_nano: ton("0.2") }),
    transfer({ comment: "STARS-5", value_nano: ton("0.1") }),
  ];
  const topupUncredited = transfer({ comment: null, address: TOPUP.toRawString(), value_nano: ton("12") });
  const topupCredited = transfer({ comment: null, address: TOPUP.toRawString(), value_nano: ton("5") });
  const orders = [
    order(1), // missing_payment: the price
    order(2, { price_nano: ton("1") }), // underpaid 0.3 of 1: the difference
    order(3, { price_nano: ton("1") }), // overpaid 1.25 for 1: the difference
    order(4, { price_nano: ton("0.5") }), // duplicate of 0.7: the transfer
    order(5, { status: "pending_payment", price_nano: ton("0.3") }), // unrecognized: the covering set (split)
    order(6, { expires_at: at(1), price_nano: ton("2") }), // late: the money that came late
    order(7, { tx_hash: "ab".repeat(32), price_nano: ton("4") }), // tx_hash_mismatch: the price
    order(8, { payment_method: "balance", payment_memo: null, payment_address: null, price_nano: ton("2") }),
  ];
  const transfers = [
    transfer({ comment: "STARS-2", value_nano: ton("0.3") }),
    transfer({ comment: "STARS-3", value_nano: ton("1.25") }),
    dup1,
    dup2,
    ...split,
    transfer({ comment: "STARS-6", value_nano: ton("2"), utime: utime(30) }),
    transfer({ comment: "STARS-7", value_nano: ton("4") }),
    orphan,
    bounced,
    topupUncredited,
    topupCredited,
  ];
  const rows = [
    ledger(1, "topup", "5", "5", { tx_hash: topupCredited.hash }),
    ledger(2, "order_debit", "-1.5", "3.5", { order_id: 8 }), // debit 1.5 for a price of 2: 0.5
    ledger(3, "adjustment", "1", "4.75"), // breaks the chain by 0.25
    ledger(4, "topup", "7", "11.75", { tx_hash: "cd".repeat(32) }), // credit without a transfer: 7
    ledger(5, "order_debit", "-0.75", "11", { order_id: 99 }), // debit naming no order: 0.75
  ];
  const r = match(
    input({
      orders,
      transfers,
      balanceTransactions: rows,
      balance: { balance_nano: ton("10.6"), topup_address: TOPUP.toString() },
      stats: { total_orders: 9, by_status: { completed: 8 }, volume_nano: ton("11.25") },
    }),
  );

  it.each([
    ["missing_payment:1", "0.418"],
    ["underpaid:2", "0.7"],
    ["overpaid:3", "0.25"],
    [`duplicate_payment:${dup2.hash}`, "0.7"],
    ["unrecognized_payment:5", "0.3"],
    ["late_payment:6", "2"],
    ["tx_hash_mismatch:7", "4"],
    ["balance_debit_mismatch:8", "0.5"],
    [`orphan_transfer:${orphan.hash}`, "3.25"],
    [`bounced_transfer:${bounced.hash}`, "1.5"],
    [`topup_without_credit:${topupUncredited.hash}`, "12"],
    ["credit_without_topup:4", "7"],
    ["balance_chain_break:3", "0.25"],
    ["balance_debit_mismatch:btx-5", "0.75"],
    ["balance_mismatch:5", "0.4"],
  ])("%s carries %s TON", (key, amount) => {
    expect(amountOf(r.findings, key)).toBe(ton(amount));
  });

  it("gives a control-total mismatch the difference of the billed volume when the stats carry one", () => {
    // Billed in the mirror: 0.418 + 1 + 1 + 0.5 + 2 + 4 + 2 = 10.918 against 11.25.
    expect(amountOf(r.findings, "control_total_mismatch:2026-04-16..2026-04-17")).toBe(ton("0.332"));
    const without = match(input({ orders: [order(1)], stats: { total_orders: 2, by_status: { completed: 2 } } }));
    expect(without.findings.find((f) => f.kind === "control_total_mismatch")?.amount_nano).toBeNull();
  });

  it("leaves no kind without an amount, and none negative", () => {
    expect(new Set(r.findings.map((f) => f.kind))).toEqual(new Set(FINDING_KINDS));
    for (const f of r.findings) {
      expect(f.amount_nano, f.key).not.toBeNull();
      expect(f.amount_nano! >= 0n, f.key).toBe(true);
    }
  });

  it("keeps the key, expected and received of each finding as they were", () => {
    const underpaid = r.findings.find((f) => f.key === "underpaid:2")!;
    expect([underpaid.expected_nano, underpaid.received_nano]).toEqual([ton("1"), ton("0.3")]);
    expect(r.findings.find((f) => f.key === "missing_payment:1")).toMatchObject({
      expected_nano: null,
      received_nano: null,
    });
  });
});
