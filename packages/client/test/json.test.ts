import { createRandom } from "@omrecon/sandbox";
import { describe, expect, it } from "vitest";
import { parseJsonExact } from "../src/json.js";
import { isAmountField } from "../src/schemas.js";

/** The sandbox's seeded generator: the same cases on every run. */
const seeded = (seed: number): (() => number) => {
  const r = createRandom(seed);
  return () => r.next();
};

const parse = (text: string) => parseJsonExact(text, isAmountField);

describe("parseJsonExact", () => {
  it("keeps the exact text of amount numbers that a double cannot hold", () => {
    expect(parse('{"price_ton":123456789.123456789,"n":123456789.123456789}')).toEqual({
      price_ton: "123456789.123456789",
      n: 123456789.12345679,
    });
  });

  it("handles signs, exponents, whitespace, nesting and arrays", () => {
    expect(parse('{ "a_ton" : -0.418 , "items":[{"b_ton":1e-9},{"c_ton":2.5E3}], "d_ton": 7}')).toEqual({
      a_ton: "-0.418",
      items: [{ b_ton: "1e-9" }, { c_ton: "2.5E3" }],
      d_ton: "7",
    });
  });

  it("leaves strings that merely look like amount keys alone", () => {
    expect(parse('{"note":"\\"x_ton\\":1.5","x_ton":"0.1","y_ton":null}')).toEqual({
      note: '"x_ton":1.5',
      x_ton: "0.1",
      y_ton: null,
    });
  });

  it("throws SyntaxError on text that is not JSON", () => {
    expect(() => parse('{"price_ton":0.4')).toThrow(SyntaxError);
    expect(() => parse("<html>")).toThrow(SyntaxError);
  });
});

/** The rewrite as it was before the no-escape fast path: the reference the fast path must equal. */
function reference(text: string): unknown {
  const pattern = /"(?:[^"\\]|\\.)*"(?:(\s*:\s*)(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)(?=\s*[,}\]]))?/g;
  const rewritten = text.replace(pattern, (token: string, separator?: string, literal?: string) => {
    if (literal === undefined || separator === undefined) return token;
    const rawKey = token.slice(0, token.length - separator.length - literal.length);
    return isAmountField(JSON.parse(rawKey) as string) ? `${rawKey}${separator}"${literal}"` : token;
  });
  return JSON.parse(rewritten);
}

function outcome(fn: () => unknown): unknown {
  try {
    return { value: fn() };
  } catch (error) {
    return { error: (error as Error).name };
  }
}

const KEYS = ["price_ton", "x_ton", "_ton", "id", "a_to", "ton", "k\u00a0_ton", "tx_ton_hash", "é_ton"];
const NUMBERS = ["0.418", "-12", "1e-9", "2.5E+3", "007", "123456789.123456789", "0", "-0.0", "5e400"];
const STRINGS = ["text", "x_ton: 1.5", "_ton", "a,b}", "é", "\u00a0", 'say "x_ton": 1'];
const SPACES = ["", " ", "\n", "\t", "\r\n  "];

/** Random JSON text: nested objects and arrays, amount-like keys, numbers in many spellings. */
function randomJson(next: () => number, depth = 0): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const space = () => pick(SPACES);
  const value = (): string => {
    const r = next();
    if (depth < 3 && r < 0.2) return randomJson(next, depth + 1);
    if (depth < 3 && r < 0.3) return `[${space()}${Array.from({ length: Math.floor(next() * 3) }, value).join(",")}]`;
    if (r < 0.7) return pick(NUMBERS);
    if (r < 0.9) return JSON.stringify(pick(STRINGS));
    return pick(["null", "true", "false"]);
  };
  const members = Array.from({ length: Math.floor(next() * 5) }, () => {
    const key = JSON.stringify(pick(KEYS));
    return `${space()}${key}${space()}:${space()}${value()}${space()}`;
  });
  return `{${members.join(",")}}`;
}

/** Deletes, repeats or inserts a character or two: broken JSON that is still almost JSON. */
function mutate(text: string, next: () => number): string {
  let out = text;
  for (let n = Math.floor(next() * 3); n > 0; n--) {
    const at = Math.floor(next() * (out.length + 1));
    const r = next();
    if (r < 0.4) out = out.slice(0, at) + out.slice(at + 1);
    else if (r < 0.6) out = out.slice(0, at) + out.slice(at, at + 1) + out.slice(at);
    else out = out.slice(0, at) + '":, 7-.e}]"\u00a0'[Math.floor(next() * 10)] + out.slice(at);
  }
  return out;
}

describe("parseJsonExact's fast path", () => {
  it("gives what the general rewrite gives, on valid and broken JSON alike", () => {
    const next = seeded(8);
    let rewritten = 0;
    for (let n = 0; n < 20_000; n++) {
      const valid = randomJson(next);
      const text = n % 2 === 0 ? valid : mutate(valid, next);
      const fast = outcome(() => parse(text));
      expect(fast, text).toEqual(outcome(() => reference(text)));
      if (!text.includes("\\") && JSON.stringify(fast) !== JSON.stringify(outcome(() => JSON.parse(text)))) rewritten++;
    }
    // The generator must reach the fast path's interesting cases, not only its early exits.
    expect(rewritten).toBeGreaterThan(2_000);
  });
  it("rewrites a page of orders as the general rewrite does", () => {
    const items = Array.from({ length: 50 }, (_, i) => ({
      id: 1000 + i,
      status: i % 3 ? "paid" : "pending_payment",
      price_ton: i === 7 ? 123456789.12345679 : i / 7,
      stars_amount: i,
      note: i === 3 ? "x_ton: 5" : null,
      nested: { fee_ton: -i * 1e-9 },
    }));
    for (const text of [JSON.stringify({ ok: true, data: { items, total: 50 } }), JSON.stringify(items, null, 2)]) {
      expect(parse(text)).toEqual(reference(text));
    }
  });
});
