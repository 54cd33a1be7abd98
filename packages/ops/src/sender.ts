/**
 * The one way omrecon talks to the receivers it reports to (alert webhooks, heartbeats, a
 * Pushgateway): one request retried by core's `withRetry` (full jitter, Retry-After) on no answer,
 * 408, 429 and 5xx, each attempt with its own timeout and all of them within a deadline; no
 * redirect is followed (a 3xx is a failure that says to set the final URL, so a signed alert or a
 * routing key never reaches another host); at most `maxResponseBytes` of an answer is read. It
 * never throws: what happened comes back in one line that never contains the URL (a Slack or
 * healthchecks URL is itself a secret).
 */
import { parseRetryAfter, type RetryPolicy, withRetry } from "@omrecon/core";
import { request } from "undici";

export interface SendPolicy {
  /** One attempt, from sending to the end of the answer. Default 15 s (Standard Webhooks: 15–30 s). */
  timeoutMs: number;
  /** Every attempt and wait together. Default 30 s. */
  deadlineMs: number;
  /** Retries after the first attempt. Default 3. */
  maxRetries: number;
  /** First backoff ceiling, doubled per retry (full jitter). Default 500 ms. */
  baseDelayMs: number;
  /** At most this much of an answer is read (the rest is dropped). Default 64 KiB. */
  maxResponseBytes: number;
}

export const DEFAULT_SEND_POLICY: SendPolicy = {
  timeoutMs: 15_000,
  deadlineMs: 30_000,
  maxRetries: 3,
  baseDelayMs: 500,
  maxResponseBytes: 64 * 1024,
};

export interface OutgoingRequest {
  method?: "POST" | "PUT";
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Headers made anew for each attempt (a Standard Webhooks timestamp and its signature). */
  perAttempt?: (at: Date) => Record<string, string>;
}

export interface SendResult {
  delivered: boolean;
  attempts: number;
  /** The last HTTP status, when an answer came. */
  status: number | null;
  /** Why it was not delivered (one line, no URL); null when it was. */
  error: string | null;
  /** Whether trying again later may help (no answer, 408, 429, 5xx). */
  retryable: boolean;
  /** The start of the last answer's body (at most `maxResponseBytes`). */
  body: string;
}

class AttemptFailed extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly retryable: boolean,
    readonly retryAfterMs: number | null,
    readonly body: string,
  ) {
    super(message);
  }
}

export interface SendOptions {
  policy?: Partial<SendPolicy>;
  signal?: AbortSignal;
  now?: () => Date;
  /** Uniform in [0, 1); tests make it exact. */
  random?: () => number;
}

export async function send(req: OutgoingRequest, options: SendOptions = {}): Promise<SendResult> {
  const policy = { ...DEFAULT_SEND_POLICY, ...options.policy };
  const now = options.now ?? (() => new Date());
  const started = Date.now();
  let attempts = 0;
  let last: { status: number | null; body: string } = { status: null, body: "" };
  const retry: Partial<RetryPolicy> = {
    maxRetries: policy.maxRetries,
    maxRetryTimeMs: policy.deadlineMs,
    baseDelayMs: policy.baseDelayMs,
    maxDelayMs: Math.max(policy.baseDelayMs, 10_000),
    ...(options.random && { random: options.random }),
  };
  try {
    await withRetry(
      async () => {
        attempts++;
        const left = policy.deadlineMs - (Date.now() - started);
        if (left <= 0) throw new AttemptFailed(`gave up after ${policy.deadlineMs / 1000} s`, null, true, null, "");
        const outcome = await attempt(req, now(), Math.min(policy.timeoutMs, left), policy, options.signal, {
          // The deadline, not the attempt's own timeout, cuts this one short: the error says so.
          timeoutWords:
            left < policy.timeoutMs
              ? `no answer before the deadline of ${policy.deadlineMs / 1000} s`
              : `no answer within ${policy.timeoutMs / 1000} s`,
        });
        last = outcome;
      },
      {
        policy: retry,
        signal: options.signal,
        retryable: (e) => e instanceof AttemptFailed && e.retryable,
        retryAfterMs: (e) => (e instanceof AttemptFailed ? e.retryAfterMs : null),
      },
    );
    return { delivered: true, attempts, status: last.status, error: null, retryable: false, body: last.body };
  } catch (error) {
    if (error instanceof AttemptFailed) {
      return {
        delivered: false,
        attempts,
        status: error.status,
        error: error.message,
        retryable: error.retryable,
        body: error.body,
      };
    }
    const stopped = options.signal?.aborted ? `stopped (${String(options.signal.reason)})` : oneLine(error);
    return { delivered: false, attempts, status: null, error: stopped, retryable: true, body: "" };
  }
}

async function attempt(
  req: OutgoingRequest,
  at: Date,
  timeoutMs: number,
  policy: SendPolicy,
  signal: AbortSignal | undefined,
  words: { timeoutWords: string },
): Promise<{ status: number; body: string }> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const both = signal ? AbortSignal.any([signal, timeout]) : timeout;
  let status: number;
  let body: string;
  let retryAfter: string | string[] | undefined;
  try {
    const res = await request(req.url, {
      method: req.method ?? "POST",
      headers: { ...req.headers, ...req.perAttempt?.(at) },
      body: req.body,
      signal: both,
    });
    status = res.statusCode;
    retryAfter = res.headers["retry-after"];
    body = await readSome(res.body, policy.maxResponseBytes);
  } catch (error) {
    if (signal?.aborted) throw error;
    if (timeout.aborted) throw new AttemptFailed(words.timeoutWords, null, true, null, "");
    const code = (error as { code?: unknown })?.code;
    const why = typeof code === "string" ? code : oneLine(error);
    throw new AttemptFailed(`could not be reached (${why})`, null, true, null, "");
  }
  if (status >= 200 && status < 300) return { status, body };
  if (status >= 300 && status < 400) {
    throw new AttemptFailed(
      `answered HTTP ${status} (a redirect); redirects are not followed: set the final URL`,
      status,
      false,
      null,
      body,
    );
  }
  const retryable = status === 408 || status === 429 || status >= 500;
  const wait = parseRetryAfter(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter);
  throw new AttemptFailed(`answered HTTP ${status}${excerpt(body)}`, status, retryable, wait, body);
}

/** The first `limit` bytes of a body; the rest is not read (the connection is dropped instead). */
async function readSome(
  body: AsyncIterable<Buffer> & { destroy(): void; on(event: "error", fn: () => void): unknown },
  limit: number,
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= limit) {
      body.on("error", () => {});
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, limit).toString("utf8");
}

/** A receiver's own words, cut to one short line (it may explain a 400). */
function excerpt(body: string): string {
  const text = body.replace(/\s+/g, " ").trim();
  return text === "" ? "" : `: ${JSON.stringify(text.slice(0, 160))}`;
}

function oneLine(e: unknown): string {
  const message = (e as { message?: unknown })?.message;
  return (typeof message === "string" ? message : String(e)).split("\n")[0]!.slice(0, 200);
}
