import { describe, expect, it } from "vitest";
import { ReportUsageError, reportPeriod, Zone } from "../src/index.js";

/** A stand-in for the CLI's parseWindow: full instants only, default the 7 days before now. */
const parseWindow = (now: Date) => (flags: { from?: string | undefined; to?: string | undefined }) => {
  const to = flags.to === undefined ? now : new Date(flags.to);
  const from = flags.from === undefined ? new Date(to.getTime() - 7 * 86_400_000) : new Date(flags.from);
  return { from, to };
};
const period = (flags: Record<string, string>, timeZone: string, now: string) =>
  reportPeriod(flags, { timeZone, now: new Date(now), parseWindow: parseWindow(new Date(now)) });
const iso = (p: { from: Date; to: Date }) => [p.from.toISOString(), p.to.toISOString()];

describe("reportPeriod", () => {
  it("cuts yesterday at midnight of --tz, not of UTC", () => {
    expect(iso(period({ period: "yesterday" }, "UTC", "2026-04-16T01:00:00Z"))).toEqual([
      "2026-04-15T00:00:00.000Z",
      "2026-04-16T00:00:00.000Z",
    ]);
    // 01:00 UTC on the 16th is 03:00 in Berlin (CEST): yesterday there is the 15th, from 22:00 UTC on the 14th.
    expect(iso(period({ period: "yesterday" }, "Europe/Berlin", "2026-04-16T01:00:00Z"))).toEqual([
      "2026-04-14T22:00:00.000Z",
      "2026-04-15T22:00:00.000Z",
    ]);
    // 23:30 UTC on the 15th is already the 16th in Tokyo.
    expect(iso(period({ period: "yesterday" }, "Asia/Tokyo", "2026-04-15T23:30:00Z"))).toEqual([
      "2026-04-14T15:00:00.000Z",
      "2026-04-15T15:00:00.000Z",
    ]);
  });

  it("gives last-month across a DST change its real length (March 2026 in Berlin: 31 days less an hour)", () => {
    const p = period({ period: "last-month" }, "Europe/Berlin", "2026-04-02T10:00:00Z");
    expect(iso(p)).toEqual(["2026-02-28T23:00:00.000Z", "2026-03-31T22:00:00.000Z"]);
    expect(p.to.getTime() - p.from.getTime()).toBe(31 * 86_400_000 - 3_600_000);
    expect(p.name).toBe("last-month");
    const october = period({ period: "last-month" }, "Europe/Berlin", "2026-11-01T12:00:00Z");
    expect(october.to.getTime() - october.from.getTime()).toBe(31 * 86_400_000 + 3_600_000);
  });

  it("takes last-week as the ISO week (Monday to Monday) before this one", () => {
    // 2026-04-16 is a Thursday.
    expect(iso(period({ period: "last-week" }, "UTC", "2026-04-16T12:00:00Z"))).toEqual([
      "2026-04-06T00:00:00.000Z",
      "2026-04-13T00:00:00.000Z",
    ]);
    // On a Monday, last week is the one that just ended.
    expect(iso(period({ period: "last-week" }, "UTC", "2026-04-13T00:00:00Z"))[1]).toBe("2026-04-13T00:00:00.000Z");
  });

  it("runs month-to-date from the first of the month to now, and refuses it when it is empty", () => {
    expect(iso(period({ period: "month-to-date" }, "UTC", "2026-04-16T12:34:56Z"))).toEqual([
      "2026-04-01T00:00:00.000Z",
      "2026-04-16T12:34:56.000Z",
    ]);
    expect(() => period({ period: "month-to-date" }, "UTC", "2026-04-01T00:00:00Z")).toThrow(ReportUsageError);
  });

  it("reads bare --from/--to dates as the start of that day in --tz, and passes full instants on", () => {
    expect(iso(period({ from: "2026-03-29", to: "2026-03-30" }, "Europe/Berlin", "2026-04-16T00:00:00Z"))).toEqual([
      "2026-03-28T23:00:00.000Z",
      "2026-03-29T22:00:00.000Z",
    ]);
    expect(
      iso(period({ from: "2026-04-01T10:00:00Z", to: "2026-04-02" }, "Asia/Tokyo", "2026-04-16T00:00:00Z")),
    ).toEqual(["2026-04-01T10:00:00.000Z", "2026-04-01T15:00:00.000Z"]);
  });

  it("refuses an unknown period, a period with --from/--to, and an impossible date, naming the flag", () => {
    expect(() => period({ period: "last-year" }, "UTC", "2026-04-16T00:00:00Z")).toThrow(
      /^--period must be one of yesterday, last-week, last-month, month-to-date, got "last-year"$/,
    );
    expect(() => period({ period: "yesterday", from: "2026-04-01" }, "UTC", "2026-04-16T00:00:00Z")).toThrow(
      /--period cannot be combined with --from or --to/,
    );
    expect(() => period({ from: "2026-02-30" }, "UTC", "2026-04-16T00:00:00Z")).toThrow(
      /^--from is not a calendar date: "2026-02-30"$/,
    );
  });
});

describe("Zone.startOfDay", () => {
  it("is the first instant of the local date, in zones with DST, odd offsets and a skipped midnight", () => {
    const zones = ["UTC", "Europe/Berlin", "America/Havana", "America/Santiago", "Asia/Kathmandu", "Pacific/Apia"];
    for (const name of zones) {
      const zone = new Zone(name);
      for (let d = 0; d < 400; d += 1) {
        const date = new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
        const start = zone.startOfDay(date);
        expect(zone.dateOf(start), `${name} ${date}`).toBe(date);
        expect(zone.dateOf(start - 1) < date, `${name} ${date}`).toBe(true);
      }
    }
  });
});
