import { deadUrl, type Receiver, startReceiver } from "@omrecon/sandbox";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { send } from "../src/index.js";

const fast = { baseDelayMs: 5, timeoutMs: 2_000, deadlineMs: 5_000 };

describe("the one sender", () => {
  let receiver: Receiver;
  let elsewhere: Receiver;
  beforeEach(async () => {
    receiver = await startReceiver({ path: "/hook/SECRETPATH" });
    elsewhere = await startReceiver({ path: "/hook/SECRETPATH" });
  });
  afterEach(async () => {
    await receiver.close();
    await elsewhere.close();
  });

  it("retries 503 and 429 with the same body, honouring Retry-After, then delivers", async () => {
    receiver.script.push(503, { status: 429, headers: { "retry-after": "0" } });
    const result = await send({ url: receiver.url, headers: { "x-a": "1" }, body: "{}" }, { policy: fast });
    expect(result).toMatchObject({ delivered: true, attempts: 3, status: 200, error: null });
    expect(new Set(receiver.received.map((r) => r.body))).toEqual(new Set(["{}"]));
  });

  it("makes the per-attempt headers anew for each attempt", async () => {
    receiver.script.push(500);
    let n = 0;
    await send(
      { url: receiver.url, headers: {}, body: "x", perAttempt: () => ({ "x-attempt": String(++n) }) },
      { policy: fast },
    );
    expect(receiver.received.map((r) => r.headers["x-attempt"])).toEqual(["1", "2"]);
  });

  it("does not retry a 4xx refusal, and gives the receiver's words in one line without the URL", async () => {
    receiver.script.push({ status: 400, body: "invalid\npayload" });
    const result = await send({ url: receiver.url, headers: {}, body: "x" }, { policy: fast });
    expect(result).toMatchObject({ delivered: false, attempts: 1, status: 400, retryable: false });
    expect(result.error).toBe('answered HTTP 400: "invalid payload"');
    expect(result.error).not.toContain("SECRETPATH");
  });

  it("never follows a redirect: the other host sees nothing", async () => {
    receiver.script.push(
      { status: 307, headers: { location: elsewhere.url } },
      { status: 302, headers: { location: elsewhere.url } },
    );
    const result = await send({ url: receiver.url, headers: { authorization: "secret" }, body: "x" }, { policy: fast });
    expect(result).toMatchObject({ delivered: false, attempts: 1, status: 307, retryable: false });
    expect(result.error).toBe("answered HTTP 307 (a redirect); redirects are not followed: set the final URL");
    expect(elsewhere.received).toHaveLength(0);
  });

  it("reads at most its limit of an endless answer and still delivers", async () => {
    receiver.script.push({ endless: true });
    const result = await send(
      { url: receiver.url, headers: {}, body: "x" },
      { policy: { ...fast, maxResponseBytes: 1024 } },
    );
    expect(result.delivered).toBe(true);
    expect(result.body).toHaveLength(1024);
  });

  it("gives up on a receiver that never answers once its deadline passes", async () => {
    receiver.script.push("hang", "hang", "hang", "hang");
    const result = await send(
      { url: receiver.url, headers: {}, body: "x" },
      { policy: { timeoutMs: 150, deadlineMs: 400, maxRetries: 10, baseDelayMs: 5 } },
    );
    expect(result.delivered).toBe(false);
    expect(result.error).toMatch(/^(no answer before the deadline of 0\.4 s|gave up after 0\.4 s)$/);
    expect(result.attempts).toBeLessThan(10);
  });

  it("says a dead receiver could not be reached", async () => {
    const result = await send({ url: await deadUrl(), headers: {}, body: "x" }, { policy: { ...fast, maxRetries: 1 } });
    expect(result).toMatchObject({ delivered: false, attempts: 2, status: null, retryable: true });
    expect(result.error).toBe("could not be reached (ECONNREFUSED)");
  });
});
