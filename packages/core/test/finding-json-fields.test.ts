import { describe, expect, it } from "vitest";
import { findingJsonFields } from "../src/finding-json-fields.js";

describe("findingJsonFields", () => {
  it("prints amounts as exact decimal strings and a stored row's bigint order id as a number, in the documents' order", () => {
    const json = JSON.stringify(
      findingJsonFields({
        key: "underpaid:42",
        kind: "underpaid",
        severity: "critical",
        order_id: 42n,
        payment_memo: "om-42",
        tx_hash: null,
        expected_nano: 123_456_789_012_345_678_901n,
        received_nano: 1n,
        amount_nano: 123_456_789_012_345_678_900n,
      }),
    );
    expect(json).toBe(
      '{"key":"underpaid:42","kind":"underpaid","severity":"critical","order_id":42,"payment_memo":"om-42","tx_hash":null,' +
        '"expected_nano":"123456789012345678901","received_nano":"1","amount_nano":"123456789012345678900"}',
    );
  });

  it("keeps nulls null", () => {
    const fields = findingJsonFields({
      key: "control_total_mismatch:2026-01-01..2026-01-02",
      kind: "control_total_mismatch",
      severity: "critical",
      order_id: null,
      payment_memo: null,
      tx_hash: null,
      expected_nano: null,
      received_nano: null,
      amount_nano: null,
    });
    expect([fields.order_id, fields.expected_nano, fields.received_nano, fields.amount_nano]).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });
});
