import { PassThrough } from "node:stream";
import { OmreconError } from "@omrecon/core";
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
      "omrecon sync: internal error: boom with [REDACTED] inside (a bug in omrecon: rerun with OMRECON_DEBUG=1 and report the stack)\n",
    );
  });
  it("maps errors by their code and exit status, never by their name", () => {
    const down = new OmreconError("connect ECONNREFUSED 127.0.0.1:9", { code: "api_unavailable" });
    expect(describeError(down)).toEqual({
      exitCode: 2,
      message: "service unavailable after retries: connect ECONNREFUSED 127.0.0.1:9",
    });
    expect(describeError(new ConfigError("OMRECON_DB: bad"))).toEqual({ exitCode: 2, message: "OMRECON_DB: bad" });
    const busy = new OmreconError("another reconcile is running", { code: "busy" });
    expect(describeError(busy)).toEqual({ exitCode: 2, message: "another reconcile is running" });
    const interrupted = new OmreconError("stopped by SIGTERM", { code: "interrupted", exitCode: 143 });
    expect(describeError(interrupted)).toEqual({ exitCode: 143, message: "stopped by SIGTERM" });
    // A name alone means nothing: an untyped error is an internal error whatever it calls itself.
    const named = Object.assign(new Error("401 UNAUTHORIZED"), { name: "AuthenticationError" });
    expect(describeError(named).message).toMatch(/^internal error: 401 UNAUTHORIZED/);
  });
});
