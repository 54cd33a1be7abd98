import { txHashHexToBase64 } from "@omrecon/core";
import { describe, expect, it } from "vitest";
import { match } from "../src/index.js";
import { at, input, order, PAY, PAY2, ton, transfer, utime } from "./match-fixtures.js";

const kinds = (r: ReturnType<typeof match>) => r.findings.map((f) => f.key).sort();

describe("match: orders paid by memo", () => {
  it("finds nothing for an order paid exactly, and calls it matched", () => {
    const t = transfer({ comment: "STARS-1" });
    const r = match(input({ orders: [order(1)], transfers: [t] }));
    expect(r.findings).toEqual([]);
    expect(r.orders[0]).toMatchObject({
      order_id: 1,
      covering: [t.hash],
      paid_nano: ton("0.418"),
      paid_in_full: true,
      completing_tx_hash: t.hash,
      memo_normalized: false,
      reconciliation: "matched",
    });
    expect(r.totals).toEqual({ orders: 1, transfers: 1, matched: 1, findings: 0 });
  });

  it("does not flag a price of 0.3 paid as 0.1 + 0.2 (exact nanotons, no floats)", () => {
    const a = transfer({ comment: "STARS-1", value_nano: ton(0.1) });
    const b = transfer({ comment: "STARS-1", value_nano: ton(0.2) });
    const r = match(input({ orders: [order(1, { price_nano: ton(0.3) })], transfers: [b, a].reverse() }));
    expect(r.findings).toEqual([]);
    expect(r.orders[0]?.covering).toEqual([a.hash, b.hash]);
    expect(r.orders[0]?.paid_nano).toBe(300_000_000n);
  });

  it("matches a comment that differs in case and surrounding whitespace, recording memo_normalized", () => {
    const r = match(input({ orders: [order(1)], transfers: [transfer({ comment: "  stars-1\n" })] }));
    expect(r.findings).toEqual([]);
    expect(r.orders[0]).toMatchObject({ reconciliation: "matched", memo_normalized: true });
  });

  it("matches surrounding whitespace alone without calling it normalized", () => {
    const r = match(input({ orders: [order(1)], transfers: [transfer({ comment: "\tSTARS-1  " })] }));
    expect(r.findings).toEqual([]);
    expect(r.orders[0]?.memo_normalized).toBe(false);
  });

  it("records memo_normalized on the findings of an order matched by case folding", () => {
    const r = match(input({ orders: [order(1)], transfers: [transfer({ comment: "stars-1", value_nano: ton(0.1) })] }));
    expect(r.findings[0]).toMatchObject({ key: "underpaid:1", details: { memo_normalized: true } });
  });

  it("counts a payment at exactly expires_at as on time", () => {
    const o = order(1, { status: "pending_payment", expires_at: at(15) });
    const r = match(input({ orders: [o], transfers: [transfer({ comment: "STARS-1", utime: utime(15) })] }));
    expect(kinds(r)).toEqual(["unrecognized_payment:1"]);
  });

  it("matches whatever form the addresses come in: UQ on the order, EQ or raw on the chain", () => {
    const orders = [
      order(1, { payment_address: PAY.toString({ bounceable: false }) }),
      order(2, { payment_address: PAY.toString({ bounceable: true, urlSafe: false }) }),
      order(3, { payment_address: PAY.toRawString() }),
    ];
    const transfers = [
      transfer({ comment: "STARS-1", address: PAY.toString({ bounceable: true }) }),
      transfer({ comment: "STARS-2", address: PAY.toRawString() }),
      transfer({ comment: "STARS-3", address: PAY.toString({ bounceable: false, testOnly: true }) }),
    ];
    const r = match(input({ orders, transfers }));
    expect(r.findings).toEqual([]);
    expect(r.orders.map((o) => o.reconciliation)).toEqual(["matched", "matched", "matched"]);
  });

  it("reports missing_payment for a paid, processing or completed order without any transfer", () => {
    const orders = ["paid", "processing", "completed", "pending_payment", "expired", "cancelled", "refunded"].map(
      (status, i) => order(i + 1, { status }),
    );
    const r = match(input({ orders }));
    expect(kinds(r)).toEqual(["missing_payment:1", "missing_payment:2", "missing_payment:3"]);
    expect(r.orders.map((o) => o.reconciliation)).toEqual([
      "missing_payment",
      "missing_payment",
      "missing_payment",
      "unpaid",
      "unpaid",
      "unpaid",
      "unpaid",
    ]);
  });

  it("keeps a finding's message on one line when the API's memo holds a line break", () => {
    const r = match(input({ orders: [order(1, { payment_memo: "STARS-1\r\n=evil" })] }));
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]?.message).not.toMatch(/[\r\n]/);
    expect(r.findings[0]?.message).toContain("STARS-1\\r\\n=evil");
  });

  it("does not take a transfer into another payment wallet as payment of the order", () => {
    const t = transfer({ comment: "STARS-1", address: PAY2.toRawString() });
    const r = match(input({ orders: [order(1)], transfers: [t] }));
    expect(kinds(r)).toEqual(["missing_payment:1", `orphan_transfer:${t.hash}`]);
  });

  it("reports underpaid with the price expected and the sum of every transfer received", () => {
    const a = transfer({ comment: "STARS-1", value_nano: ton("0.3") });
    const b = transfer({ comment: "STARS-1", value_nano: ton("0.1") });
    const r = match(input({ orders: [order(1)], transfers: [a, b] }));
    expect(r.findings).toMatchObject([
      { key: "underpaid:1", kind: "underpaid", severity: "critical", order_id: 1, payment_memo: "STARS-1" },
    ]);
    expect(r.findings[0]?.expected_nano).toBe(ton("0.418"));
    expect(r.findings[0]?.received_nano).toBe(ton("0.4"));
    expect(r.orders[0]).toMatchObject({ paid_nano: ton("0.4"), paid_in_full: false, reconciliation: "underpaid" });
  });

  it("reports underpaid whatever the order's status", () => {
    const r = match(
      input({
        orders: [order(1, { status: "expired" })],
        transfers: [transfer({ comment: "STARS-1", value_nano: 1n })],
      }),
    );
    expect(kinds(r)).toEqual(["underpaid:1"]);
  });

  it("lets --tolerance-ton widen equal on both sides", () => {
    const options = { toleranceNano: ton("0.001"), graceMs: 0 };
    const short = match(
      input({ options, orders: [order(1)], transfers: [transfer({ comment: "STARS-1", value_nano: ton("0.4175") })] }),
    );
    expect(short.findings).toEqual([]);
    const long = match(
      input({ options, orders: [order(1)], transfers: [transfer({ comment: "STARS-1", value_nano: ton("0.419") })] }),
    );
    expect(long.findings).toEqual([]);
    const over = match(
      input({ options, orders: [order(1)], transfers: [transfer({ comment: "STARS-1", value_nano: ton("0.4191") })] }),
    );
    expect(kinds(over)).toEqual(["overpaid:1"]);
  });

  it("reports overpaid on the covering set only, the later duplicate apart", () => {
    const a = transfer({ comment: "STARS-1", value_nano: ton("0.3") });
    const b = transfer({ comment: "STARS-1", value_nano: ton("0.3") });
    const c = transfer({ comment: "STARS-1", value_nano: ton("0.418") });
    const r = match(input({ orders: [order(1)], transfers: [a, b, c] }));
    expect(kinds(r)).toEqual([`duplicate_payment:${c.hash}`, "overpaid:1"].sort());
    const over = r.findings.find((f) => f.kind === "overpaid")!;
    expect([over.expected_nano, over.received_nano]).toEqual([ton("0.418"), ton("0.6")]);
    expect(r.orders[0]).toMatchObject({ covering: [a.hash, b.hash], duplicates: [c.hash], paid_nano: ton("0.6") });
  });

  it("reports late_payment when the completing transfer came after expires_at", () => {
    const a = transfer({ comment: "STARS-1", value_nano: ton("0.2"), utime: utime(10) });
    const b = transfer({ comment: "STARS-1", value_nano: ton("0.218"), utime: utime(16) });
    const r = match(input({ orders: [order(1)], transfers: [a, b] }));
    expect(r.findings).toMatchObject([{ key: "late_payment:1", severity: "warning", tx_hash: b.hash }]);
    expect(r.findings[0]?.received_nano).toBe(ton("0.418"));
  });

  it("reports each transfer after the price was covered as its own duplicate_payment", () => {
    const first = transfer({ comment: "STARS-1" });
    const second = transfer({ comment: "STARS-1" });
    const third = transfer({ comment: "stars-1", value_nano: ton("0.01") });
    const r = match(input({ orders: [order(1)], transfers: [third, second, first] }));
    expect(kinds(r)).toEqual([`duplicate_payment:${second.hash}`, `duplicate_payment:${third.hash}`].sort());
    const dup = r.findings.find((f) => f.tx_hash === third.hash)!;
    expect(dup).toMatchObject({
      order_id: 1,
      payment_memo: "STARS-1",
      expected_nano: ton("0.418"),
      received_nano: ton("0.01"),
    });
    expect(r.orders[0]?.reconciliation).toBe("duplicate_payment");
    expect(r.orders[0]?.paid_nano).toBe(ton("0.418"));
  });

  it("reports tx_hash_mismatch when the order names a hash that is not a valid transfer with its memo", () => {
    const paid = transfer({ comment: "STARS-1" });
    const other = transfer({ comment: "STARS-2" });
    const orders = [order(1, { tx_hash: other.hash }), order(2, { tx_hash: txHashHexToBase64(other.hash) })];
    const r = match(input({ orders, transfers: [paid, other] }));
    expect(kinds(r)).toEqual(["tx_hash_mismatch:1"]);
    expect(r.findings[0]?.tx_hash).toBe(other.hash);
  });

  it("reports unrecognized_payment for a fully paid, on-time order still not paid, once the grace period is over", () => {
    const statuses = ["pending_payment", "expired", "cancelled", "failed", "refunded", "completed"];
    const orders = statuses.map((status, i) => order(i + 1, { status }));
    const transfers = statuses.map((_, i) => transfer({ comment: `STARS-${i + 1}`, utime: utime(10) }));
    const late = match(input({ orders, transfers, asOf: at(41) }));
    expect(kinds(late)).toEqual([
      "unrecognized_payment:1",
      "unrecognized_payment:2",
      "unrecognized_payment:3",
      "unrecognized_payment:4",
    ]);
    const withinGrace = match(input({ orders, transfers, asOf: at(40) }));
    expect(withinGrace.findings).toEqual([]);
  });

  it("does not call a late payment of an expired order unrecognized", () => {
    const o = order(1, { status: "expired" });
    const r = match(input({ orders: [o], transfers: [transfer({ comment: "STARS-1", utime: utime(20) })] }));
    expect(kinds(r)).toEqual(["late_payment:1"]);
  });

  it("ignores bounced, bounced-back, returned, external and zero-value messages as payments", () => {
    const transfers = [
      transfer({ comment: "STARS-1", bounced: true }),
      transfer({ comment: "STARS-1", aborted: true, sent_back: true, bounce_sent: true }),
      transfer({ comment: "STARS-1", sent_back: true }),
      transfer({ comment: "STARS-1", external: true, source: null, value_nano: 0n }),
      transfer({ comment: "STARS-1", value_nano: 0n }),
    ];
    const r = match(input({ orders: [order(1)], transfers }));
    expect(kinds(r)).toEqual(
      ["missing_payment:1", `bounced_transfer:${transfers[0]!.hash}`, `bounced_transfer:${transfers[1]!.hash}`].sort(),
    );
  });

  it.each([
    ["a non-bounceable transfer into an undeployed wallet", { aborted: true }],
    ["a bounceable one whose bounce could not be paid", { aborted: true }],
  ])("takes %s (aborted, coins kept) as the payment: no finding", (_, flags) => {
    const kept = transfer({ comment: "STARS-1", ...flags });
    const r = match(input({ orders: [order(1)], transfers: [kept] }));
    expect(r.findings).toEqual([]);
    expect(r.orders[0]).toMatchObject({ order_id: 1, reconciliation: "matched", paid_nano: kept.value_nano });
  });

  it("does not report a balance-paid order for having no transfer", () => {
    const o = order(1, { payment_method: "balance", payment_memo: null, payment_address: null });
    expect(match(input({ orders: [o] })).findings.map((f) => f.kind)).not.toContain("missing_payment");
  });

  it("reports only orders created in the window, but lets orders outside it claim their transfers", () => {
    const old = order(1, { created_at: at(-24 * 60), expires_at: at(-24 * 60 + 15), status: "expired" });
    const t = transfer({ comment: "STARS-1", utime: utime(5) });
    const r = match(input({ orders: [old], transfers: [t] }));
    expect(r.findings).toEqual([]);
    expect(r.orders).toEqual([]);
    expect(r.totals.orders).toBe(0);
  });

  it("gives the same result for the same input, in a stable order", () => {
    const transfers = [transfer({ comment: "STARS-1", value_nano: 1n }), transfer({ comment: null })];
    const i = input({ orders: [order(1), order(2)], transfers });
    expect(match(i)).toEqual(match({ ...i, transfers: [...transfers].reverse(), orders: [order(2), order(1)] }));
  });
});
