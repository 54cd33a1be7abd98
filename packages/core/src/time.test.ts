import { describe, expect, it } from "vitest";
import { utcIsoMs } from "./time.js";

describe("utcIsoMs", () => {
  it("answers what Date.parse answers for the common form, and nothing for any other", () => {
    const answered = [
      "2026-04-16T12:34:56Z",
      "2026-04-16T12:34:56.789Z",
      "2024-02-29T23:59:59.999Z",
      "2000-02-29T00:00:00Z",
      "1970-01-01T00:00:00.000Z",
      "0100-03-01T00:00:00Z",
      "0000-01-01T00:00:00Z",
      "0099-12-31T23:59:59.999Z",
      "9999-12-31T23:59:59.999Z",
    ];
    for (const text of answered) expect(utcIsoMs(text), text).toBe(Date.parse(text));
    const declined = [
      "2025-02-29T00:00:00Z",
      "1900-02-29T00:00:00Z",
      "2026-04-31T00:00:00Z",
      "2026-13-01T00:00:00Z",
      "2026-04-16T24:00:00Z",
      "2026-04-16T12:60:00Z",
      "2026-04-16T12:00:60Z",
      "2026-04-16T12:34:56+00:00",
      "2026-04-16 12:34:56Z",
      "2026-04-16T12:34:56,789Z",
      "2026-04-16T12:34:5xZ",
      "2026-04-16T12:34:56.78Z",
      "2026-04-16",
      "",
    ];
    for (const text of declined) expect(utcIsoMs(text), text).toBeNull();
  });
});
