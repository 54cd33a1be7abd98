import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { ConfigError, createLogger, createProgress, describeError, runMain } from "../src/index.js";

function capture(isTTY = false) {
  const stream = new PassThrough() as PassThrough & { isTTY?: boolean; columns?: number };
  stream.isTTY = isTTY;
  stream.columns = 80;
  let text = "";
  stream.on("data", (c) => {
    text += String(c);
  });
  return { stream, text: () => text };
}

const key = "osk_live_abcdef0123456789";

describe("createLogger", () => {
  it("writes JSON lines off a terminal, with bigints as strings and secrets masked", () => {
    const out = capture(false);
    const log = createLogger({ stream: out.stream, secrets: [key], now: () => new Date("2026-01-01T00:00:00Z") });
    log.info("pass done", { rows: 5n, url: `http://x/?k=${key}` });
    const line = JSON.parse(out.text());
    expect(line).toEqual({
      time: "2026-01-01T00:00:00.000Z",
      level: "info",
      msg: "pass done",
      rows: "5",
      url: "http://x/?k=[REDACTED]",
    });
  });
  it("writes readable lines on a terminal and respects the level", () => {
    const out = capture(true);
    const log = createLogger({ stream: out.stream, level: "warn" });
    log.info("hidden");
    log.warn("webhook failed", { attempts: 3 });
    expect(out.text()).toMatch(/^\d\d:\d\d:\d\d warn {2}webhook failed attempts=3\n$/);
  });
});

describe("createProgress", () => {
  it("draws on a terminal and stays silent elsewhere", () => {
    const tty = capture(true);
    const p = createProgress({ stream: tty.stream, intervalMs: 0 });
    p.update("orders", 50, 100);
    p.clear();
    expect(tty.text()).toContain("orders: 50/100 rows 50%");
    const pipe = capture(false);
    createProgress({ stream: pipe.stream }).update("orders", 1, 2);
    expect(pipe.text()).toBe("");
  });
});

describe("runMain", () => {
  it("exits with the main function's status", async () => {
    const codes: number[] = [];
    await runMain(async () => 1, { command: "t", exit: (c) => codes.push(c), stderr: capture().stream });
    expect(codes).toEqual([1]);
  });
  it("prints one redacted line and exits 2 on errors", async () => {
    const err = capture();
    const codes: number[] = [];
    await runMain(
      async () => {
        throw new Error(`boom with ${key} inside\nsecond line`);
      },
      { command: "omrecon sync", exit: (c) => codes.push(c), stderr: err.stream, env: { OPENMONEY_API_KEY: key } },
    );
    expect(codes).toEqual([2]);
    expect(err.text()).toBe(
      "omrecon sync: unexpected error: boom with [REDACTED] inside (set OMRECON_DEBUG=1 for the stack)\n",
    );
  });
  it("maps typed errors to cli.md's messages", () => {
    const auth = Object.assign(new Error("401 UNAUTHORIZED"), { name: "AuthenticationError" });
    expect(describeError(auth)).toEqual({ exitCode: 2, message: expect.stringContaining("check OPENMONEY_API_KEY") });
    const down = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { name: "ConnectionError" });
    expect(describeError(down).message).toMatch(/^service unavailable after retries/);
    expect(describeError(new ConfigError("OMRECON_DB: bad"))).toEqual({ exitCode: 2, message: "OMRECON_DB: bad" });
    const busy = Object.assign(new Error("another reconcile is running"), { name: "ReconcileBusyError" });
    expect(describeError(busy)).toEqual({ exitCode: 2, message: "another reconcile is running" });
  });
});
