import { describe, expect, it } from "vitest";
import { isoMs } from "../src/matcher/scope.js";

describe("isoMs: Date.parse, read directly for the store's form", () => {
  it("reads toISOString's form exactly as Date.parse does, leap days included", () => {
    for (const s of [
      "2026-04-16T00:02:01.000Z",
      "1999-12-31T23:59:59.999Z",
      "2024-02-29T12:00:00.500Z",
      "2000-02-29T00:00:00.000Z",
      "0100-01-01T00:00:00.000Z",
    ]) {
      expect(isoMs(s)).toBe(Date.parse(s));
    }
  });

  it("leaves every other form, and impossible dates, to Date.parse", () => {
    for (const s of [
      "2026-04-16T00:00:00Z",
      "2026-04-16T00:00:00.000+00:00",
      "2026-02-29T00:00:00.000Z",
      "2100-02-29T00:00:00.000Z",
      "2026-13-01T00:00:00.000Z",
      "2026-04-31T00:00:00.000Z",
      "2026-04-16T24:00:00.000Z",
      "2026-04-16T23:60:00.000Z",
      "0050-01-01T00:00:00.000Z",
      "2026-04-16 00:00:00.000Z",
      "2026-0a-16T00:00:00.000Z",
      "not a date at all, 24 ch",
    ]) {
      expect(Object.is(isoMs(s), Date.parse(s))).toBe(true);
    }
  });
});
