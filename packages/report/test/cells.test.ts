import { formatTon } from "@omrecon/core";
import { describe, expect, it } from "vitest";
import { TimeCells, tonCellOf } from "../src/cells.js";
import { DayFormatter, dayFormatter } from "../src/day.js";
import { Zone } from "../src/zone.js";

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
  /** What a spreadsheet reads as a date-time: `YYYY-MM-DD HH:MM:SS`, `.sss` only when not zero. */
  const reference = (value: string | null, zone = "UTC") => {
    if (value === null || value === "") return "";
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) return value;
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat("en-CA", {
        timeZone: zone,
        hourCycle: "h23",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
      })
        .formatToParts(ms)
        .map((p) => [p.type, p.value]),
    );
    const fraction = ms % 1000 === 0 ? "" : `.${String(((ms % 1000) + 1000) % 1000).padStart(3, "0")}`;
    return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}${fraction}`;
  };
  const values = [
    "2026-04-12T08:00:00.000Z",
    "2026-04-12T08:00:00.250Z",
    "2026-04-12T23:59:59.999Z",
    "2026-04-12T08:00:00Z",
    "2026-02-28T10:00:00.000Z",
    "2026-02-30T10:00:00.000Z",
    "2024-02-29T10:00:00.000Z",
    "2026-04-12T08:00:00.000+02:00",
    "2026-10-25T00:30:00.000Z",
    "2026-10-25T01:30:00.000Z",
    "2026-03-29T00:59:59.000Z",
    "2026-03-29T01:00:00.000Z",
    "not a time",
    "",
    null,
  ];

  it("writes UTC times as YYYY-MM-DD HH:MM:SS, milliseconds only when there are some", () => {
    const times = new TimeCells(new Zone("UTC"));
    for (const v of values) for (const k of [0, 1]) expect(times.utc(v), `${v} (${k})`).toBe(reference(v));
    expect(times.utc("2026-04-12T08:00:00.000Z")).toBe("2026-04-12 08:00:00");
    expect(times.utc("2026-04-12T08:00:00.250Z")).toBe("2026-04-12 08:00:00.250");
  });

  it("writes the same instants on the wall clock of --tz, across both DST changes", () => {
    for (const zone of ["UTC", "Europe/Berlin", "America/Los_Angeles", "Asia/Kathmandu", "Australia/Lord_Howe"]) {
      const times = new TimeCells(new Zone(zone));
      for (const v of values) expect(times.local(v), `${zone} ${v}`).toBe(reference(v, zone));
    }
    const berlin = new TimeCells(new Zone("Europe/Berlin"));
    expect(berlin.local("2026-10-25T00:30:00.000Z")).toBe("2026-10-25 02:30:00"); // CEST
    expect(berlin.local("2026-10-25T01:30:00.000Z")).toBe("2026-10-25 02:30:00"); // CET, the hour again
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
