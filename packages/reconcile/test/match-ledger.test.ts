import { txHashHexToBase64 } from "@omrecon/core";
import { describe, expect, it } from "vitest";
import { match } from "../src/index.js";
import { at, hash, input, ledger, order, TOPUP, ton, transfer, utime } from "./match-fixtures.js";

const keys = (r: ReturnType<typeof match>) => r.findings.map((f) => f.key).sort();
const balance = (amount: string) => ({ balance_nano: ton(amount), topup_address: TOPUP.toString() });

describe("match: transfers that pay no order", () => {
  it("reports orphan_transfer for a comment that matches no order, and for no comment at all", () => {
    const unknown = transfer({ comment: "STARS-999" });
    const none = transfer({ comment: null });
    const r = match(input({ orders: [order(1, { status: "pending_payment" })], transfers: [unknown, none] }));
    expect(keys(r)).toEqual([`orphan_transfer:${unknown.hash}`, `orphan_transfer:${none.hash}`].sort());
    expect(r.findings[0]).toMatchObject({ severity: "warning", order_id: null, expected_nano: null });
  });

  it("scopes orphans and bounces by the time the transfer arrived", () => {
    const before = transfer({ comment: null, utime: utime(-13 * 60) });
    const bounced = transfer({ comment: null, bounced: true, utime: utime(13 * 60) });
    expect(match(input({ transfers: [before, bounced] })).findings).toEqual([]);
  });

  it("reports bounced_transfer for the bounced flag and for value the chain bounced back, as info", () => {
    const flagged = transfer({ comment: null, bounced: true });
    const bouncedBack = transfer({ comment: "x", aborted: true, sent_back: true, bounce_sent: true });
    const returned = transfer({ comment: "x", sent_back: true });
    const r = match(input({ transfers: [flagged, bouncedBack, returned] }));
    expect(keys(r)).toEqual([`bounced_transfer:${flagged.hash}`, `bounced_transfer:${bouncedBack.hash}`].sort());
    expect(r.findings.every((f) => f.severity === "info")).toBe(true);
  });
});

describe("match: top-ups", () => {
  it("finds nothing when every top-up transfer is credited with its amount", () => {
    const t = transfer({ comment: null, address: TOPUP.toRawString(), value_nano: ton(5) });
    const rows = [ledger(1, "topup", "5", "5", { tx_hash: txHashHexToBase64(t.hash) })];
    expect(match(input({ transfers: [t], balanceTransactions: rows, balance: balance("5") })).findings).toEqual([]);
  });

  it("reports topup_without_credit for a top-up transfer no topup row names", () => {
    const t = transfer({ comment: "hi", address: TOPUP.toString({ bounceable: false }), value_nano: ton(5) });
    const r = match(input({ transfers: [t], balance: balance("0") }));
    expect(r.findings).toMatchObject([
      { key: `topup_without_credit:${t.hash}`, severity: "critical", tx_hash: t.hash },
    ]);
  });

  it("reports credit_without_topup for a row without hash, with an unknown hash, or with another amount", () => {
    const t = transfer({ comment: null, address: TOPUP.toRawString(), value_nano: ton(5) });
    const payment = transfer({ comment: null, value_nano: ton(2) });
    const rows = [
      ledger(1, "topup", "5", "5", { tx_hash: null }),
      ledger(2, "topup", "2", "7", { tx_hash: payment.hash }),
      ledger(3, "topup", "6", "13", { tx_hash: t.hash }),
    ];
    const r = match(input({ transfers: [t, payment], balanceTransactions: rows, balance: balance("13") }));
    const credit = r.findings.filter((f) => f.kind === "credit_without_topup");
    expect(credit.map((f) => [f.key, f.expected_nano, f.received_nano])).toEqual([
      ["credit_without_topup:1", 0n, ton(5)],
      ["credit_without_topup:2", 0n, ton(2)],
      ["credit_without_topup:3", ton(5), ton(6)],
    ]);
  });

  it("does not count a bounced top-up as received", () => {
    const t = transfer({ comment: null, address: TOPUP.toRawString(), value_nano: ton(5), bounced: true });
    const rows = [ledger(1, "topup", "5", "5", { tx_hash: t.hash })];
    const r = match(input({ transfers: [t], balanceTransactions: rows, balance: balance("5") }));
    expect(keys(r)).toEqual([`bounced_transfer:${t.hash}`, "credit_without_topup:1"]);
  });
});

describe("match: the balance ledger", () => {
  it("reports balance_chain_break on the row whose balance_after does not follow, with the amounts", () => {
    const rows = [
      ledger(1, "adjustment", "10", "10"),
      ledger(2, "adjustment", "-1", "9"),
      ledger(4, "adjustment", "-1", "7.5"),
      ledger(5, "adjustment", "1", "8.5"),
    ];
    const r = match(input({ balanceTransactions: rows, balance: balance("8.5") }));
    expect(r.findings.map((f) => [f.key, f.expected_nano, f.received_nano])).toEqual([
      ["balance_chain_break:4", ton(8), ton("7.5")],
    ]);
  });

  it("does not check the first row of the mirror against anything", () => {
    const rows = [ledger(7, "adjustment", "1", "100")];
    expect(match(input({ balanceTransactions: rows, balance: balance("100") })).findings).toEqual([]);
  });

  it("reports balance_mismatch keyed by the last row when /balance differs from its balance_after", () => {
    const rows = [ledger(1, "adjustment", "10", "10"), ledger(2, "adjustment", "-1", "9")];
    const r = match(input({ balanceTransactions: rows, balance: balance("9.5") }));
    expect(r.findings.map((f) => [f.key, f.expected_nano, f.received_nano])).toEqual([
      ["balance_mismatch:2", ton(9), ton("9.5")],
    ]);
  });

  it("reports balance_debit_mismatch for a balance order without its debit, or with another amount", () => {
    const orders = [
      order(1, { payment_method: "balance", payment_memo: null, payment_address: null }),
      order(2, { payment_method: "balance", payment_memo: null, payment_address: null }),
      order(3, { payment_method: "balance", payment_memo: null, payment_address: null }),
      order(4, { payment_method: "balance", payment_memo: null, payment_address: null, status: "cancelled" }),
    ];
    const rows = [
      ledger(1, "adjustment", "10", "10"),
      ledger(2, "order_debit", "-0.418", "9.582", { order_id: 2 }),
      ledger(3, "order_debit", "-0.4", "9.182", { order_id: 3 }),
    ];
    const r = match(input({ orders, balanceTransactions: rows, balance: balance("9.182") }));
    expect(r.findings.map((f) => [f.key, f.expected_nano, f.received_nano])).toEqual([
      ["balance_debit_mismatch:1", ton("0.418"), 0n],
      ["balance_debit_mismatch:3", ton("0.418"), ton("0.4")],
    ]);
    expect(r.orders.map((o) => o.reconciliation)).toEqual([
      "balance_debit_mismatch",
      "matched",
      "balance_debit_mismatch",
      "unpaid",
    ]);
  });

  it("reports a debit naming no order paid from balance by its ledger id", () => {
    const rows = [
      ledger(1, "adjustment", "10", "10"),
      ledger(2, "order_debit", "-1", "9", { order_id: 77 }),
      ledger(3, "order_debit", "-1", "8", { order_id: null }),
    ];
    const r = match(input({ balanceTransactions: rows, balance: balance("8") }));
    expect(r.findings.map((f) => [f.key, f.expected_nano, f.received_nano])).toEqual([
      ["balance_debit_mismatch:btx-2", 0n, ton(1)],
      ["balance_debit_mismatch:btx-3", 0n, ton(1)],
    ]);
  });

  it("checks ledger rows created in the window only", () => {
    const rows = [
      ledger(1, "adjustment", "10", "10"),
      ledger(2, "adjustment", "1", "99", { created_at: at(-13 * 60) }),
    ];
    expect(match(input({ balanceTransactions: rows, balance: null })).findings).toEqual([]);
  });
});

describe("match: control totals", () => {
  it("reports control_total_mismatch when the API's summary disagrees on the total or any status", () => {
    const orders = [order(1), order(2, { status: "expired" }), order(3, { created_at: at(-24 * 60) })];
    const transfers = [transfer({ comment: "STARS-1" })];
    const agree = match(
      input({ orders, transfers, stats: { total_orders: 2, by_status: { completed: 1, expired: 1 } } }),
    );
    expect(agree.findings).toEqual([]);
    const r = match(input({ orders, transfers, stats: { total_orders: 2, by_status: { completed: 2 } } }));
    expect(r.findings).toMatchObject([
      { key: "control_total_mismatch:2026-04-16..2026-04-17", kind: "control_total_mismatch", severity: "critical" },
    ]);
    expect(r.findings[0]?.message).toContain("expired API 0 vs mirror 1");
  });
});

describe("match: hashes", () => {
  it("writes every hash as 64 lowercase hex whatever form it came in", () => {
    const h = hash();
    const t = transfer({ comment: null, hash: txHashHexToBase64(h) });
    expect(match(input({ transfers: [t] })).findings[0]?.key).toBe(`orphan_transfer:${h}`);
  });
});
