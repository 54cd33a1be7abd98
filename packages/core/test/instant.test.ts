import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { instantProblem, parseInstant, parseInstantIn, toStoredTime, utcIsoMs } from "../src/time.js";
import { ACCEPTED, answers, IN_ZONE, REFUSED } from "./instant-cases.js";

describe("parseInstant: ISO 8601 with Z or an offset, calendar-checked", () => {
  it.each(ACCEPTED)("reads %s as %s", (text, iso) => {
    expect(new Date(parseInstant(text)).toISOString()).toBe(iso);
    expect(instantProblem(text)).toBeNull();
    expect(toStoredTime(text)).toBe(iso);
  });

  it.each(REFUSED)("refuses %j: %s", (text, why) => {
    expect(parseInstant(text)).toBeNaN();
    expect(instantProblem(text)).toContain(why);
    expect(() => toStoredTime(text)).toThrow(RangeError);
  });

  it("answers what Date.parse answers wherever the text names its zone", () => {
    for (const [text] of ACCEPTED) {
      if (/\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/.test(text))
        expect(parseInstant(text), text).toBe(Date.parse(text));
    }
  });

  it("keeps the fast path's answers for the common form", () => {
    for (const text of ["2026-04-16T12:34:56Z", "2026-04-16T12:34:56.789Z", "0099-12-31T23:59:59.999Z"]) {
      expect(utcIsoMs(text)).toBe(parseInstant(text));
    }
  });
});

describe("parseInstantIn: a person's time, zone-less read in a zone", () => {
  it.each(IN_ZONE)("reads %s in %s as %s", (text, zone, iso) => {
    expect(new Date(parseInstantIn(text, zone)).toISOString()).toBe(iso);
  });

  it("still refuses what is not a time", () => {
    for (const text of ["Dec 4 2026", "1", "2026-02-30", "2026-04-16T24:00"])
      expect(parseInstantIn(text, "UTC")).toBeNaN();
  });
});

describe("the host's time zone changes nothing", () => {
  const tsx = createRequire(import.meta.url).resolve("tsx");
  const child = new URL("./instant-child.ts", import.meta.url).pathname;
  const here = JSON.stringify(answers());

  it.each(["Asia/Tokyo", "America/Los_Angeles", "UTC"])("gives every answer alike under TZ=%s", (tz) => {
    const out = JSON.parse(
      execFileSync(process.execPath, ["--import", tsx, child], { env: { ...process.env, TZ: tz }, encoding: "utf8" }),
    );
    // The child really ran in that zone (offsets in July: Tokyo -540, Los Angeles 420).
    expect(out.offset).toBe({ "Asia/Tokyo": -540, "America/Los_Angeles": 420, UTC: 0 }[tz]);
    expect(JSON.stringify(out.answers)).toBe(here);
  });
});
