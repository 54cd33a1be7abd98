import { describe, expect, it } from "vitest";
import {
  choiceFlag,
  commonOptions,
  intFlag,
  parseCommandLine,
  parseWindow,
  timeZoneFlag,
  tonFlag,
  UsageError,
} from "../src/index.js";

describe("parseCommandLine", () => {
  it("parses known flags", () => {
    const { values } = parseCommandLine(["--json", "--db", "x.sqlite"], commonOptions, { command: "sync" });
    expect(values).toMatchObject({ json: true, db: "x.sqlite" });
  });
  it("turns an unknown flag into one line naming it", () => {
    expect(() => parseCommandLine(["--jsn"], commonOptions, { command: "sync" })).toThrow(UsageError);
    expect(() => parseCommandLine(["--jsn"], commonOptions, { command: "sync" })).toThrow(
      /^Unknown option '--jsn'; did you mean --json\? \(see --help\)$/,
    );
    expect(() => parseCommandLine(["--bogus"], commonOptions, { command: "sync" })).toThrow(
      /^Unknown option '--bogus' \(see --help\)$/,
    );
    expect(() => parseCommandLine(["--db"], commonOptions, { command: "sync" })).toThrow(/--db/);
  });
});

describe("typed flags", () => {
  it("checks integers, amounts, choices and zones", () => {
    expect(intFlag("lookback-days", "3", 7, 0, 3650)).toBe(3);
    expect(intFlag("lookback-days", undefined, 7, 0, 3650)).toBe(7);
    expect(() => intFlag("lookback-days", "3.5", 7, 0, 3650)).toThrow(/--lookback-days must be a whole number/);
    expect(() => intFlag("lookback-days", "-1", 7, 0, 3650)).toThrow(/between 0 and 3650/);
    expect(tonFlag("tolerance-ton", "0.01", 0n)).toBe(10_000_000n);
    expect(() => tonFlag("tolerance-ton", "abc", 0n)).toThrow(/--tolerance-ton must be a TON amount/);
    expect(() => tonFlag("tolerance-ton", "-1", 0n)).toThrow(/must not be negative/);
    expect(choiceFlag("fail-on", "info", ["critical", "warning", "info", "never"], "warning")).toBe("info");
    expect(() => choiceFlag("fail-on", "loud", ["critical", "warning"], "warning")).toThrow(
      /--fail-on must be one of critical, warning/,
    );
    expect(timeZoneFlag("tz", "Europe/Berlin", "UTC")).toBe("Europe/Berlin");
    expect(() => timeZoneFlag("tz", "Mars/Olympus", "UTC")).toThrow(/--tz must be an IANA time zone/);
  });
});

describe("parseWindow", () => {
  const now = new Date("2026-04-16T12:00:00Z");
  it("defaults to the last 7 days up to now", () => {
    expect(parseWindow({}, now)).toEqual({ from: new Date("2026-04-09T12:00:00Z"), to: now });
  });
  it("reads bare dates as UTC midnight and keeps from < to", () => {
    expect(parseWindow({ from: "2026-04-01", to: "2026-04-02" }, now)).toEqual({
      from: new Date("2026-04-01T00:00:00Z"),
      to: new Date("2026-04-02T00:00:00Z"),
    });
    expect(parseWindow({ to: "2026-04-02T00:00:00+02:00" }, now).to).toEqual(new Date("2026-04-01T22:00:00Z"));
    expect(() => parseWindow({ from: "2026-04-03", to: "2026-04-02" }, now)).toThrow(/--from .* must be before --to/);
    expect(() => parseWindow({ from: "last tuesday" }, now)).toThrow(/--from must be an ISO 8601 date/);
  });
});
