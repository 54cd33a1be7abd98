import { PassThrough } from "node:stream";
import { OmreconError } from "@omrecon/core";
import { describe, expect, it } from "vitest";
import { ConfigError, createLogger, createProgress, describeError, logOptionsOf, runMain } from "../src/index.js";

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

/** What a terminal shows for `text`: `\r\x1b[2K` empties the line the cursor is on, `\n` starts the next. */
function screenOf(text: string): string[] {
  const clear = "\r\u001b[2K";
  const screen: string[] = [];
  let line = "";
  for (let i = 0; i < text.length; ) {
    if (text.startsWith(clear, i)) {
      line = "";
      i += clear.length;
    } else if (text[i] === "\n") {
      screen.push(line);
      line = "";
      i++;
    } else {
      line += text[i];
      i++;
    }
  }
  return [...screen, line];
}

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

describe("log settings", () => {
  it("refuses an unknown OMRECON_LOG_LEVEL or OMRECON_LOG_FORMAT, naming the variable", () => {
    expect(() => logOptionsOf({ OMRECON_LOG_LEVEL: "verbose" }, {})).toThrow(
      'OMRECON_LOG_LEVEL must be one of debug, info, warn, error, got "verbose"',
    );
    expect(() => logOptionsOf({ OMRECON_LOG_FORMAT: "text" }, {})).toThrow(
      'OMRECON_LOG_FORMAT must be pretty or json, got "text"',
    );
    expect(logOptionsOf({}, { isTTY: true })).toEqual({ level: "info", format: "pretty" });
    expect(logOptionsOf({}, {})).toEqual({ level: "info", format: "json" });
    expect(logOptionsOf({ OMRECON_LOG_LEVEL: "DEBUG", OMRECON_LOG_FORMAT: "json" }, { isTTY: true })).toEqual({
      level: "debug",
      format: "json",
    });
  });
  it("takes the format from OMRECON_LOG_FORMAT over the terminal test", () => {
    const out = capture(true);
    createLogger({ stream: out.stream, env: { OMRECON_LOG_FORMAT: "json" } }).info("x");
    expect(JSON.parse(out.text())).toMatchObject({ level: "info", msg: "x" });
  });
});

describe("log lines and the progress line", () => {
  it("writes a log line above the progress line and redraws the progress below it, never on it", () => {
    const tty = capture(true);
    const progress = createProgress({ stream: tty.stream, intervalMs: 0 });
    const log = createLogger({
      stream: tty.stream,
      level: "info",
      format: "pretty",
      now: () => new Date("2026-01-01T10:00:00Z"),
    });
    progress.update("orders", 50, 100);
    log.warn("page retried", { attempt: 2 });
    progress.update("orders", 60, 100);
    progress.clear();
    log.info("done");
    const screen = screenOf(tty.text());
    expect(screen).toEqual(["10:00:00 warn  page retried attempt=2", "10:00:00 info  done", ""]);
    // And before the clear, the progress stood alone on the last line, under the log line.
    expect(tty.text()).toContain("10:00:00 warn  page retried attempt=2\n\r\x1b[2Korders: 50/100 rows 50%");
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
    const err = capture(true);
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
  it("writes the last error line as JSON where the stream's logs are JSON (one format per stream)", async () => {
    const err = capture(false);
    const codes: number[] = [];
    const refused = new OmreconError(`the API refused the key ${key}`, { code: "api_key_refused" });
    await runMain(
      async () => {
        throw refused;
      },
      { command: "omrecon sync", exit: (c) => codes.push(c), stderr: err.stream, env: {} },
    );
    expect(codes).toEqual([2]);
    const line = JSON.parse(err.text());
    expect(line).toEqual({
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      level: "error",
      msg: "omrecon sync: the API refused the key osk_[REDACTED]",
      command: "omrecon sync",
      code: "api_key_refused",
      exit_code: 2,
    });
    // OMRECON_LOG_FORMAT wins over the terminal test.
    const pretty = capture(false);
    await runMain(
      async () => {
        throw refused;
      },
      { command: "omrecon sync", exit: () => {}, stderr: pretty.stream, env: { OMRECON_LOG_FORMAT: "pretty" } },
    );
    expect(pretty.text()).toBe("omrecon sync: the API refused the key osk_[REDACTED]\n");
  });
  it("maps errors by their code and exit status, never by their name", () => {
    const down = new OmreconError("connect ECONNREFUSED 127.0.0.1:9", { code: "api_unavailable" });
    expect(describeError(down)).toEqual({
      exitCode: 2,
      message: "service unavailable after retries: connect ECONNREFUSED 127.0.0.1:9",
      code: "api_unavailable",
    });
    expect(describeError(new ConfigError("OMRECON_DB: bad"))).toEqual({
      exitCode: 2,
      message: "OMRECON_DB: bad",
      code: "config",
    });
    const busy = new OmreconError("another reconcile is running", { code: "busy" });
    expect(describeError(busy)).toEqual({ exitCode: 2, message: "another reconcile is running", code: "busy" });
    const interrupted = new OmreconError("stopped by SIGTERM", { code: "interrupted", exitCode: 143 });
    expect(describeError(interrupted)).toEqual({ exitCode: 143, message: "stopped by SIGTERM", code: "interrupted" });
    // A name alone means nothing: an untyped error is an internal error whatever it calls itself.
    const named = Object.assign(new Error("401 UNAUTHORIZED"), { name: "AuthenticationError" });
    expect(describeError(named).message).toMatch(/^internal error: 401 UNAUTHORIZED/);
  });
});
