import { describe, expect, it } from "vitest";
import { matchMemo, memoKey } from "./memo.js";

describe("matchMemo", () => {
  it("matches exactly after trimming surrounding whitespace", () => {
    expect(matchMemo("STARS-a1b2c3", "STARS-a1b2c3")).toBe("exact");
    expect(matchMemo("  STARS-a1b2c3\n\t", "STARS-a1b2c3")).toBe("exact");
  });
  it("matches with case folding and says so", () => {
    expect(matchMemo("stars-A1B2C3", "STARS-a1b2c3")).toBe("normalized");
    expect(memoKey(" stars-A1B2C3 ")).toBe(memoKey("STARS-a1b2c3"));
  });
  it("does not match other text, inner whitespace or missing values", () => {
    expect(matchMemo("STARS-a1b2c4", "STARS-a1b2c3")).toBeNull();
    expect(matchMemo("STARS- a1b2c3", "STARS-a1b2c3")).toBeNull();
    expect(matchMemo(null, "STARS-a1b2c3")).toBeNull();
    expect(matchMemo("", "")).toBeNull();
  });
});
