import { deadUrl, type Receiver, startReceiver } from "@omrecon/sandbox";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHeartbeat } from "../src/index.js";

describe("heartbeats (the healthchecks convention)", () => {
  let receiver: Receiver;
  beforeEach(async () => {
    receiver = await startReceiver({ path: "/hook/SECRETPATH" });
  });
  afterEach(async () => {
    await receiver.close();
  });

  it("pings /start, then the bare URL on success, /fail with the reason on failure, keeping a query", async () => {
    const beat = createHeartbeat({ url: `${receiver.url}?rid=abc`, userAgent: "omrecon/test" });
    await beat.start();
    await beat.success();
    await beat.fail("the chain could not be read; check TON_ENDPOINT");
    expect(receiver.received.map((r) => [r.method, r.path, r.body])).toEqual([
      ["POST", "/hook/SECRETPATH/start?rid=abc", ""],
      ["POST", "/hook/SECRETPATH?rid=abc", ""],
      ["POST", "/hook/SECRETPATH/fail?rid=abc", "the chain could not be read; check TON_ENDPOINT"],
    ]);
  });

  it("never throws and is bounded when the monitor is down or hangs; the warning does not show the URL", async () => {
    const lines: string[] = [];
    const logger = {
      debug() {},
      info() {},
      warn: (m: string, f?: Record<string, unknown>) => lines.push(`${m} ${JSON.stringify(f)}`),
      error() {},
    };
    const dead = createHeartbeat({ url: await deadUrl(), userAgent: "t", logger, policy: { baseDelayMs: 5 } });
    await dead.fail("x");
    receiver.script.push("hang", "hang", "hang");
    const hung = createHeartbeat({
      url: receiver.url,
      userAgent: "t",
      logger,
      policy: { timeoutMs: 100, deadlineMs: 300, baseDelayMs: 5 },
    });
    await hung.success();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^heartbeat not delivered .*OMRECON_HEARTBEAT_URL \(http:\/\/127\.0\.0\.1:\d+\/…\) could not be reached/,
    );
    expect(lines.join("\n")).not.toContain("SECRETPATH");
  });
});
