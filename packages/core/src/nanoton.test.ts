import { describe, expect, it } from "vitest";
import { formatTon, nano, parseTon, sumNano } from "./nanoton.js";

describe("parseTon", () => {
  it.each([
    ["0.418", 418_000_000n],
    ["12.5", 12_500_000_000n],
    ["-0.418", -418_000_000n],
    ["1", 1_000_000_000n],
    ["0.000000001", 1n],
    ["1e-9", 1n],
    ["2.5E3", 2_500_000_000_000n],
    [".5", 500_000_000n],
    ["5.", 5_000_000_000n],
    ["123456789.123456789", 123_456_789_123_456_789n],
  ])("reads the decimal %s exactly", (text, expected) => {
    expect(parseTon(text)).toBe(expected);
  });

  it("reads JSON numbers through their shortest decimal form, never their binary value", () => {
    expect(parseTon(0.418)).toBe(418_000_000n);
    expect(parseTon(0.3)).toBe(300_000_000n);
    expect(parseTon(0.1) + parseTon(0.2)).toBe(parseTon(0.3));
    expect(parseTon(1e-7)).toBe(100n);
    expect(parseTon(-12.082)).toBe(-12_082_000_000n);
  });

  it("rounds float artefacts below one nanoton half away from zero", () => {
    expect(parseTon(0.1 + 0.2)).toBe(300_000_000n);
    expect(parseTon("0.41800000000000004")).toBe(418_000_000n);
    expect(parseTon("0.0000000015")).toBe(2n);
    expect(parseTon("-0.0000000015")).toBe(-2n);
    expect(parseTon("0.0000000014999")).toBe(1n);
  });

  it.each(["", "abc", "1.2.3", "--1", "NaN", "1e", "."])("refuses %j", (bad) => {
    expect(() => parseTon(bad)).toThrow(RangeError);
  });

  it("refuses non-finite numbers", () => {
    expect(() => parseTon(Number.NaN)).toThrow(RangeError);
    expect(() => parseTon(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe("formatTon", () => {
  it.each([
    [418_000_000n, "0.418"],
    [0n, "0"],
    [-5_000_000_000n, "-5"],
    [1n, "0.000000001"],
    [-418_000_000n, "-0.418"],
    [123_456_789_123_456_789n, "123456789.123456789"],
    [10n ** 30n, "1000000000000000000000"],
  ])("prints %s as %s", (amount, text) => {
    expect(formatTon(amount)).toBe(text);
  });

  it("round-trips with parseTon", () => {
    for (const v of [0n, 1n, -1n, 999_999_999n, 1_000_000_001n, 418_000_000n, -12_082_000_000n]) {
      expect(parseTon(formatTon(v))).toBe(v);
    }
  });
});

describe("nano and sumNano", () => {
  it("brands integers and refuses unsafe numbers", () => {
    expect(nano(5)).toBe(5n);
    expect(nano("7")).toBe(7n);
    expect(() => nano(0.5)).toThrow(RangeError);
  });
  it("sums exactly", () => {
    expect(sumNano([parseTon(0.1), parseTon(0.2)])).toBe(300_000_000n);
    expect(sumNano([])).toBe(0n);
  });
});
