import { describe, expect, it } from "vitest";
import { isTxHashHex, txHashHexToBase64, txHashToHex, txHashToHexOrNull } from "./hash.js";

const hex = "3f7a0c5e9d2b41f68e0a7c3d5b9f1e2a4c6d8e0f1a2b3c4d5e6f708192a3b4c5";

describe("transaction hashes", () => {
  it("keeps hex, lowercased", () => {
    expect(txHashToHex(hex.toUpperCase())).toBe(hex);
    expect(isTxHashHex(hex)).toBe(true);
    expect(isTxHashHex(hex.toUpperCase())).toBe(false);
  });
  it("converts standard and URL-safe base64", () => {
    const b64 = txHashHexToBase64(hex);
    expect(b64).toMatch(/=$/);
    expect(txHashToHex(b64)).toBe(hex);
    const url = b64.replace(/\+/g, "-").replace(/\//g, "_").replace(/=$/, "");
    expect(txHashToHex(url)).toBe(hex);
  });
  it("refuses anything else with a message naming the value", () => {
    expect(() => txHashToHex("abc")).toThrow(/"abc"/);
    expect(() => txHashToHex(hex.slice(2))).toThrow(RangeError);
    expect(() => txHashHexToBase64("zz")).toThrow(RangeError);
  });
  it("keeps empty values as null", () => {
    expect(txHashToHexOrNull(null)).toBeNull();
    expect(txHashToHexOrNull("")).toBeNull();
    expect(txHashToHexOrNull(hex)).toBe(hex);
  });
});
