/**
 * Heartbeats in the healthchecks.io convention (docs/alerts.md#heartbeats): `<url>/start` when a
 * run begins, `<url>` when it succeeds (exit 0 or 1: the job ran; findings go out as alerts),
 * `<url>/fail` with the one-line reason as the body when it fails. A monitor that expects a ping
 * every night then notices the night that never ran, the one that hung, and the one that failed.
 * Each ping is bounded (10 s an attempt, 15 s in all, through the one sender) and never changes a
 * run's result: a ping that fails is a warning.
 */
import { type Logger, silentLogger } from "@omrecon/core";
import { type SendPolicy, send } from "./sender.js";
import { shownUrl } from "./shown-url.js";

export interface Heartbeat {
  start(): Promise<void>;
  success(): Promise<void>;
  fail(reason: string): Promise<void>;
}

export const silentHeartbeat: Heartbeat = {
  async start() {},
  async success() {},
  async fail() {},
};

const HEARTBEAT_POLICY: Partial<SendPolicy> = { timeoutMs: 10_000, deadlineMs: 15_000, maxRetries: 2 };

export interface HeartbeatOptions {
  /** `OMRECON_HEARTBEAT_URL`, e.g. https://hc-ping.com/<uuid>. */
  url: string;
  userAgent: string;
  logger?: Logger;
  policy?: Partial<SendPolicy>;
}

export function createHeartbeat(options: HeartbeatOptions): Heartbeat {
  const log = options.logger ?? silentLogger;
  const ping = async (suffix: "" | "/start" | "/fail", body: string) => {
    const result = await send(
      {
        url: withSuffix(options.url, suffix),
        headers: { "content-type": "text/plain; charset=utf-8", "user-agent": options.userAgent },
        body,
      },
      { policy: { ...HEARTBEAT_POLICY, ...options.policy } },
    );
    const what = suffix === "" ? "success" : suffix.slice(1);
    if (result.delivered) log.debug("heartbeat sent", { ping: what });
    else {
      log.warn("heartbeat not delivered", {
        ping: what,
        error: `OMRECON_HEARTBEAT_URL (${shownUrl(options.url)}) ${result.error}`,
      });
    }
  };
  return {
    start: () => ping("/start", ""),
    success: () => ping("", ""),
    fail: (reason) => ping("/fail", reason.slice(0, 10_000)),
  };
}

/** `/start` or `/fail` after the path, before a query (healthchecks takes `?rid=…` there). */
function withSuffix(url: string, suffix: string): string {
  if (suffix === "") return url;
  const u = new URL(url);
  u.pathname = `${u.pathname.replace(/\/+$/, "")}${suffix}`;
  return u.toString();
}
