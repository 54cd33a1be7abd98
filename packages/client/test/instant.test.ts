import { describe, expect, it } from "vitest";
import { canonicalInstant } from "../src/instant.js";

const pad = (n: number, width: number) => String(n).padStart(width, "0");

describe("canonicalInstant", () => {
  it("answers what Date answers wherever it answers, and answers for every valid time", () => {
    let answered = 0;
    for (const year of [0, 1, 999, 1900, 1970, 2000, 2024, 2026, 2100, 2400, 9999]) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          for (const time of ["00:00:00", "23:59:59", "24:00:00", "12:60:00", "12:00:60", "07:08:09"]) {
            for (const fraction of ["", ".000", ".123", ".1", ".1234"]) {
              const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${time}${fraction}Z`;
              const date = new Date(text);
              const expected = Number.isNaN(date.getTime()) ? null : date.toISOString();
              const fast = canonicalInstant(text);
              if (fast !== null) {
                answered++;
                expect(fast, text).toBe(expected);
              } else if (expected?.startsWith(text.slice(0, 19)) && /^(|\.\d{3})$/.test(fraction)) {
                // A real calendar time (Date rolls 02-30 over into March) in the simple form: not to be missed.
                expect.fail(`${text} should be recognised`);
              }
            }
          }
        }
      }
    }
    expect(answered).toBeGreaterThan(10_000);
  });

  it("leaves every other form to Date", () => {
    for (const text of [
      "2026-04-16T12:00:00+00:00",
      "2026-04-16T12:00:00.000+02:00",
      "2026-04-16 12:00:00Z",
      "2026-04-16T12:00Z",
      "2026-04-16",
      "+002026-04-16T12:00:00Z",
      "2026-04-16T12:00:00z",
      "2026-4-16T12:00:00.00Z",
      "２026-04-16T12:00:00Z",
      "",
    ]) {
      expect(canonicalInstant(text), text).toBeNull();
    }
  });
});
