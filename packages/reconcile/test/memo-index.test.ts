import { Address } from "@ton/core";
import { describe, expect, it } from "vitest";
import { asciiFoldPrint, foldedClaimants, MemoIndex } from "../src/matcher/memo-index.js";
import { order, PAY, PAY2 } from "./match-fixtures.js";

const pay = PAY.toRawString();
const pay2 = PAY2.toRawString();

describe("MemoIndex: which order a comment pays exactly", () => {
  it("finds every memo among many, and no order for a comment that is no memo", () => {
    const orders = Array.from({ length: 5000 }, (_, i) => order(i, { payment_memo: `M-${i}` }));
    const index = new MemoIndex(orders);
    for (let i = 0; i < 5000; i += 7) expect(index.exactClaimant(`M-${i}`, pay)).toBe(i);
    expect(index.exactClaimant("M-5000", pay)).toBe(-1);
    expect(index.exactClaimant("m-1", pay)).toBe(-1);
  });

  it("compares memos trimmed, and gives a shared memo to the lowest position taking the address", () => {
    const orders = [
      order(1, { payment_memo: " A ", payment_address: PAY2.toString() }),
      order(2, { payment_memo: "B" }),
      order(3, { payment_memo: "A" }),
      order(4, { payment_memo: "A", payment_address: null }),
      order(5, { payment_memo: "  " }),
    ];
    const index = new MemoIndex(orders);
    expect(index.exactClaimant("A", pay2)).toBe(0);
    expect(index.exactClaimant("A", pay)).toBe(2);
    expect(index.exactClaimant("A", new Address(0, Buffer.alloc(32, 0x77)).toRawString())).toBe(3);
    expect(index.exactClaimant("B", pay2)).toBe(-1);
  });
});

describe("foldedClaimants: comments that match a memo once both are upper-cased", () => {
  it("finds the lowest position whose memo folds to the comment, ASCII or not", () => {
    const orders = [
      order(1, { payment_memo: "abc" }),
      order(2, { payment_memo: "straße" }),
      order(3, { payment_memo: "ABC" }),
    ];
    const out = foldedClaimants(orders, [
      { comment: "AbC", address: pay },
      { comment: "STRASSE", address: pay },
      { comment: "xyz", address: pay },
    ]);
    expect([...out]).toEqual([0, 1, -1]);
  });

  it("prints ASCII text as its upper-cased form does, and gives other text no print", () => {
    expect(asciiFoldPrint("stars-1a")).toBe(asciiFoldPrint("STARS-1A"));
    expect(asciiFoldPrint("stars-1a")).not.toBe(asciiFoldPrint("stars-1b"));
    expect(asciiFoldPrint("straße")).toBe(-1);
  });
});
