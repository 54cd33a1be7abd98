import { describe, expect, it } from "vitest";
import { didYouMean, quoteWord } from "../src/index.js";

const COMMANDS = ["sync", "reconcile", "resolve", "report", "nightly", "sandbox", "demo", "bench"];

describe("didYouMean", () => {
  it("suggests the command a typo meant: a letter missing, two swapped, one wrong", () => {
    expect(didYouMean("recocile", COMMANDS)).toBe("reconcile");
    expect(didYouMean("snyc", COMMANDS)).toBe("sync");
    expect(didYouMean("reprot", COMMANDS)).toBe("report");
    expect(didYouMean("nighlty", COMMANDS)).toBe("nightly");
    expect(didYouMean("sandbx", COMMANDS)).toBe("sandbox");
    expect(didYouMean("Bench", COMMANDS)).toBe("bench");
  });

  it("suggests the one command a word begins, and nothing when it begins several or is too short", () => {
    expect(didYouMean("recon", COMMANDS)).toBe("reconcile");
    expect(didYouMean("night", COMMANDS)).toBe("nightly");
    expect(didYouMean("tolerance", ["db", "tolerance-ton", "grace-minutes"])).toBe("tolerance-ton");
    expect(didYouMean("res", COMMANDS)).toBe("resolve");
    expect(didYouMean("s", COMMANDS)).toBeUndefined();
  });

  it("suggests nothing for a word close to no command", () => {
    expect(didYouMean("xyz", COMMANDS)).toBeUndefined();
    expect(didYouMean("check", COMMANDS)).toBeUndefined();
    expect(didYouMean("bogus", ["db", "json", "bom", "out"])).toBeUndefined();
    expect(didYouMean("", COMMANDS)).toBeUndefined();
  });
});

describe("quoteWord", () => {
  it("quotes a word for one line: control characters escaped, long words cut", () => {
    expect(quoteWord("recocile")).toBe('"recocile"');
    expect(quoteWord("a\nb\u001b[31m\u009b")).toBe('"a\\nb\\u001b[31m\\u009b"');
    expect(quoteWord("x".repeat(100))).toBe(`"${"x".repeat(60)}…"`);
  });
});
