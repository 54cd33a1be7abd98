import { describe, expect, it } from "vitest";
import { parseJsonExact } from "../src/json.js";
import { isAmountField } from "../src/schemas.js";

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
