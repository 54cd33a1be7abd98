import { parseCommandLine } from "@omrecon/cli";
import { describe, expect, it } from "vitest";
import { optionsFrom, sandboxFlags } from "../../src/sandbox/main.js";

const options = (...argv: string[]) => optionsFrom(parseCommandLine(argv, sandboxFlags).values);

describe("--shape, --openapi and --now", () => {
  it("passes a shape and the OpenAPI document through", () => {
    expect(options("--shape", "page", "--openapi")).toMatchObject({ shape: "page", openapi: true });
    expect(() => options("--shape", "pages")).toThrow(/--shape must be one of spec, page, renamed/);
  });

  it("reads --now strictly: a zone-less time is UTC, an impossible date or a non-ISO text is refused", () => {
    expect(options("--now", "2026-04-16T12:00:00").now).toBe(Date.parse("2026-04-16T12:00:00Z"));
    expect(options("--now", "2026-04-16T14:00:00+02:00").now).toBe(Date.parse("2026-04-16T12:00:00Z"));
    for (const bad of ["2026-02-30T00:00:00Z", "Dec 4 2026", "1"])
      expect(() => options("--now", bad)).toThrow(/--now must be/);
  });
});
