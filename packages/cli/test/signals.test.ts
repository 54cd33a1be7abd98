import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { stopOnSignals } from "../src/index.js";

describe("stopOnSignals", () => {
  it("stops on the first signal, aborts on the second, and lets go when disposed", () => {
    const source = new EventEmitter();
    const seen: string[] = [];
    const s = stopOnSignals(source, (signal) => seen.push(signal));
    source.emit("SIGTERM", "SIGTERM");
    expect([s.stop.aborted, s.abort.aborted, seen]).toEqual([true, false, ["SIGTERM"]]);
    source.emit("SIGINT", "SIGINT");
    expect([s.abort.aborted, s.abort.reason, seen]).toEqual([true, "SIGINT", ["SIGTERM"]]);
    s.dispose();
    expect(source.listenerCount("SIGINT") + source.listenerCount("SIGTERM")).toBe(0);
  });
});
