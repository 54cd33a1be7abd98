import { describe, expect, it } from "vitest";
import { redact } from "./redact.js";
import { formatIsoUtc, toStoredTime, utcDate } from "./time.js";

describe("time", () => {
  it("stores fixed-width ISO text so text order is time order", () => {
    expect(toStoredTime("2026-04-16T12:00:00Z")).toBe("2026-04-16T12:00:00.000Z");
    expect(toStoredTime("2026-04-16T14:00:00+02:00")).toBe("2026-04-16T12:00:00.000Z");
    expect(toStoredTime("2026-04-16T12:00:00.5Z") > toStoredTime("2026-04-16T12:00:00Z")).toBe(true);
  });
  it("prints without a zero millisecond part", () => {
    expect(formatIsoUtc("2026-04-16T12:00:00.000Z")).toBe("2026-04-16T12:00:00Z");
    expect(formatIsoUtc("2026-04-16T12:00:00.250Z")).toBe("2026-04-16T12:00:00.250Z");
    expect(utcDate("2026-04-16T23:59:59.999Z")).toBe("2026-04-16");
  });
  it("refuses garbage", () => {
    expect(() => toStoredTime("yesterday")).toThrow(RangeError);
  });
});

describe("redact", () => {
  it("masks given secrets and anything shaped like a partner key", () => {
    const key = "osk_live_9f8e7d6c5b4a";
    expect(redact(`Bearer ${key} failed`, [key])).not.toContain("9f8e7d6c5b4a");
    expect(redact("token osk_abcdef123 leaked")).toBe("token osk_[REDACTED] leaked");
    expect(redact("secret-value here", ["secret-value"])).toBe("[REDACTED] here");
  });
  it("masks the password of a URL, whatever its scheme, and keeps the rest", () => {
    expect(redact("db postgres://omrecon:s3cr%40t@db.internal:5432/omrecon?sslmode=require down")).toBe(
      "db postgres://omrecon:[REDACTED]@db.internal:5432/omrecon?sslmode=require down",
    );
    expect(redact("postgresql://u:p@h/d and https://example.com/a@b")).toBe(
      "postgresql://u:[REDACTED]@h/d and https://example.com/a@b",
    );
  });
});
