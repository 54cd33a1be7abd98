import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { parseWindow } from "../src/window.js";
import { WINDOW_CASES, windowAnswers } from "./window-cases.js";

const now = new Date("2026-12-10T00:00:00Z");

describe("--from/--to: strict instants, zone-less ones read in --tz", () => {
  it("reads bare dates as midnight in --tz (UTC by default)", () => {
    expect(parseWindow({ from: "2026-12-01", to: "2026-12-02" }, now)).toEqual({
      from: new Date("2026-12-01T00:00:00Z"),
      to: new Date("2026-12-02T00:00:00Z"),
    });
    expect(parseWindow({ from: "2026-12-01", to: "2026-12-02", tz: "Asia/Tokyo" }, now)).toEqual({
      from: new Date("2026-11-30T15:00:00Z"),
      to: new Date("2026-12-01T15:00:00Z"),
    });
  });

  it("reads a time without a zone in --tz, and one with a zone as written", () => {
    const w = parseWindow(
      { from: "2026-12-01T10:00", to: "2026-12-01T20:00:00+01:00", tz: "America/Los_Angeles" },
      now,
    );
    expect(w.from).toEqual(new Date("2026-12-01T18:00:00Z"));
    expect(w.to).toEqual(new Date("2026-12-01T19:00:00Z"));
  });

  it("refuses impossible dates and what is not ISO 8601, naming the flag", () => {
    expect(() => parseWindow({ from: "2026-02-30" }, now)).toThrow("--from: 2026-02-30 is not a calendar date");
    expect(() => parseWindow({ to: "2026-04-16T24:00:00Z" }, now)).toThrow("--to: 24:00:00Z is not a time of day");
    for (const text of ["Dec 4 2026", "1", "yesterday", "1765324800"]) {
      expect(() => parseWindow({ from: text }, now)).toThrow(`--from must be an ISO 8601 date or time like 2026-04-16`);
    }
    expect(() => parseWindow({ from: "2026-12-01", tz: "Mars/Olympus" }, now)).toThrow(
      /--tz must be an IANA time zone/,
    );
  });

  const tsx = createRequire(import.meta.url).resolve("tsx");
  const child = new URL("./window-child.ts", import.meta.url).pathname;
  it.each(["Asia/Tokyo", "America/Los_Angeles"])("gives the same windows and errors under TZ=%s", (tz) => {
    const out = JSON.parse(
      execFileSync(process.execPath, ["--conditions=@omrecon/source", "--import", tsx, child], {
        env: { ...process.env, TZ: tz },
        encoding: "utf8",
      }),
    );
    expect(out.offset).toBe({ "Asia/Tokyo": -540, "America/Los_Angeles": 480 }[tz]);
    expect(out.answers).toEqual(windowAnswers(WINDOW_CASES));
  });
});
