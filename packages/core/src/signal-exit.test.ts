import { describe, expect, it } from "vitest";
import { signalExitCode } from "./signal-exit.js";

describe("signalExitCode", () => {
  it("is 128 + the signal's number, as a shell reports it; an unknown reason counts as SIGINT", () => {
    expect(signalExitCode("SIGINT")).toBe(130);
    expect(signalExitCode("SIGTERM")).toBe(143);
    expect(signalExitCode("SIGHUP")).toBe(129);
    expect(signalExitCode(new Error("stop"))).toBe(130);
    expect(signalExitCode(undefined)).toBe(130);
  });
});
