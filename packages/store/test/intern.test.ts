import { describe, expect, it } from "vitest";
import { Interner } from "../src/intern.js";

/** A copy of `s` that is a different string object (as SQLite hands out per row). */
const copy = (s: string) => s.split("").join("");

describe("Interner", () => {
  it("returns one copy for every equal string, and null as null", () => {
    const strings = new Interner();
    const first = strings.intern(copy("completed"));
    expect(strings.intern(copy("expired"))).toBe("expired");
    expect(strings.intern(copy("completed"))).toBe(first);
    expect(strings.intern(null)).toBeNull();
  });

  it("keeps new strings as they come once it holds its limit, and still knows the old ones", () => {
    const strings = new Interner(2);
    strings.intern("a");
    strings.intern("b");
    expect(strings.intern("c")).toBe("c");
    expect(strings.intern("a")).toBe("a");
    expect(strings.intern("")).toBe("");
  });
});

describe("Interner of amounts", () => {
  it("returns one bigint for every equal amount", () => {
    const amounts = new Interner<bigint>();
    const first = amounts.intern(BigInt("418000000"));
    expect(amounts.intern(BigInt("418000000"))).toBe(first);
    expect(amounts.intern(5n)).toBe(5n);
    expect(amounts.intern(null)).toBeNull();
  });
});
