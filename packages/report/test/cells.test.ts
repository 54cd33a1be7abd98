import { formatTon } from "@omrecon/core";
import { describe, expect, it } from "vitest";
import { TimeCells, timeCell, tonCellOf } from "../src/cells.js";
import { DayFormatter, dayFormatter } from "../src/day.js";

/** A small deterministic generator, so a failure reproduces. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("tonCellOf", () => {
  it("prints exactly what formatTon prints, for numbers, big decimal text and null", () => {
    const values: bigint[] = [0n, 1n, -1n, 9n, 10n, 999_999_999n, 1_000_000_000n, 1_000_000_001n, 418_000_000n];
    values.push(2n ** 53n - 1n, -(2n ** 53n - 1n), 2n ** 53n, 2n ** 53n + 1n, -(2n ** 63n), 2n ** 63n - 1n);
    values.push(123_456_789_123_456_789n, 9_007_199_000_000_000n, 9_007_199_254_740_990n);
    const next = random(7);
    for (let i = 0; i < 20_000; i++) {
      const digits = 1 + Math.floor(next() * 16);
      let v = BigInt(Math.floor(next() * 10 ** digits));
      if (next() < 0.3) v = (v / 10n ** BigInt(Math.floor(next() * 9))) * 10n ** BigInt(Math.floor(next() * 9));
      values.push(next() < 0.2 ? -v : v);
    }
    for (const v of values) {
      const asRead = v >= -(2n ** 53n - 1n) && v <= 2n ** 53n - 1n ? Number(v) : v.toString();
      expect(tonCellOf(asRead), String(v)).toBe(formatTon(v));
    }
    expect(tonCellOf(null)).toBe("");
  });
});

describe("TimeCells", () => {
  it("gives timeCell's cell for stored, other and invalid forms, and throws where it throws", () => {
    const times = new TimeCells();
    const values = [
      "2026-04-12T08:00:00.000Z",
      "2026-04-12T08:00:00.250Z",
      "2026-04-12T23:59:59.999Z",
      "2026-04-12T08:00:00Z",
      "2026-04-12T24:00:00.000Z",
      "2026-02-30T00:00:00.000Z",
      "2026-02-28T10:00:00.000Z",
      "2026-02-30T10:00:00.000Z",
      "2024-02-29T10:00:00.000Z",
      "2026-04-12T08:00:00.000+02:00",
      "0999-01-01T00:00:00.000Z",
      "+010000-01-01T00:00:00.000Z",
      "2026-04-12",
      "",
      null,
    ];
    // The cell, or the error: core's strict reader refuses 24:00, Feb 30, bare dates and expanded years.
    const outcome = (f: () => string) => {
      try {
        return f();
      } catch (error) {
        return `throws ${(error as Error).name}`;
      }
    };
    for (const v of values) {
      for (const k of [0, 1])
        expect(
          outcome(() => times.cell(v)),
          `${v} (${k})`,
        ).toBe(outcome(() => timeCell(v)));
    }
    for (const bad of ["2026-04-12T08:00:60.000Z", "not a time", "2026-13-01T00:00:00.000Z"]) {
      expect(() => timeCell(bad)).toThrow(RangeError);
      expect(() => times.cell(bad)).toThrow(RangeError);
    }
  });
});

describe("DayFormatter", () => {
  it("dates stored times like dayFormatter does, across DST changes and odd offsets", () => {
    const zones = ["UTC", "Etc/UTC", "Europe/Berlin", "America/St_Johns", "Asia/Kathmandu", "Australia/Lord_Howe"];
    const next = random(11);
    const start = Date.parse("2025-03-20T00:00:00Z");
    for (const zone of zones) {
      const fast = new DayFormatter(zone);
      const plain = dayFormatter(zone);
      let ms = start;
      for (let i = 0; i < 4_000; i++) {
        ms += Math.floor(next() * 4 * 3_600_000);
        const iso = new Date(ms).toISOString();
        expect(fast.ofStored(iso), `${zone} ${iso}`).toBe(plain(iso));
      }
      // Out of order, too.
      for (let i = 0; i < 500; i++) {
        const iso = new Date(start + Math.floor(next() * 400 * 86_400_000)).toISOString();
        expect(fast.ofStored(iso), `${zone} ${iso}`).toBe(plain(iso));
      }
    }
  });
});
