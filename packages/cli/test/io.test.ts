import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { processIo, untilSignal } from "../src/index.js";

describe("untilSignal", () => {
  it("resolves on the first SIGTERM or SIGINT and leaves no listener behind", async () => {
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      const source = new EventEmitter();
      let stopped = false;
      const until = untilSignal(source).then(() => {
        stopped = true;
      });
      await Promise.resolve();
      expect(stopped).toBe(false);
      expect(source.listenerCount("SIGINT") + source.listenerCount("SIGTERM")).toBe(2);
      source.emit(signal, signal);
      await until;
      expect(stopped).toBe(true);
      expect(source.listenerCount("SIGINT") + source.listenerCount("SIGTERM")).toBe(0);
    }
  });
});

describe("processIo", () => {
  it("is the process's environment, streams and signals", () => {
    const io = processIo();
    expect(io.env).toBe(process.env);
    expect(io.stdout).toBe(process.stdout);
    expect(io.stderr).toBe(process.stderr);
    expect(io.signals).toBe(process);
    expect(io.now()).toBeInstanceOf(Date);
  });
});
