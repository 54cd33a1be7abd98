/**
 * Delivers one alert by HTTP POST: signed when a secret is set, retried with backoff on network
 * errors, 429 and 5xx, within a bounded total time. It never throws: an alert that cannot be
 * delivered is reported back (and logged by the caller), and never changes the run's result.
 */
import { createHmac } from "node:crypto";
import { request } from "undici";

export interface WebhookTarget {
  url: string | undefined;
  /** HMAC-SHA256 key for `X-Omrecon-Signature`. */
  secret?: string | undefined;
  /** Attempts in all (default 4). */
  attempts?: number;
  /** Per attempt, milliseconds (default 5 000). */
  timeoutMs?: number;
  /** All attempts and waits together, milliseconds (default 20 000). */
  budgetMs?: number;
  /** First backoff, doubled each retry, with jitter (default 500). */
  backoffMs?: number;
}

export interface WebhookResult {
  delivered: boolean;
  attempts: number;
  /** The last HTTP status, when there was an answer. */
  status: number | null;
  /** Why it was not delivered (one line), null when it was. */
  error: string | null;
}

/** `sha256=<hex>` of the raw body: what the receiver recomputes to trust the alert. */
export function signatureOf(body: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

export async function postWebhook(target: WebhookTarget & { url: string }, body: string): Promise<WebhookResult> {
  const attempts = Math.max(1, target.attempts ?? 4);
  const timeoutMs = target.timeoutMs ?? 5_000;
  const deadline = Date.now() + (target.budgetMs ?? 20_000);
  const backoff = target.backoffMs ?? 500;
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": "omrecon-reconcile",
  };
  if (target.secret) headers["x-omrecon-signature"] = signatureOf(body, target.secret);

  let status: number | null = null;
  let error = "not attempted";
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const left = deadline - Date.now();
    if (left <= 0)
      return { delivered: false, attempts: attempt - 1, status, error: `${error}; gave up: time budget spent` };
    let retryAfterMs: number | null = null;
    try {
      const res = await request(target.url, {
        method: "POST",
        headers,
        body,
        headersTimeout: Math.min(timeoutMs, left),
        bodyTimeout: Math.min(timeoutMs, left),
        signal: AbortSignal.timeout(Math.min(timeoutMs, left)),
      });
      status = res.statusCode;
      await res.body.dump();
      if (status >= 200 && status < 300) return { delivered: true, attempts: attempt, status, error: null };
      error = `HTTP ${status}`;
      if (status !== 429 && status < 500) return { delivered: false, attempts: attempt, status, error };
      retryAfterMs = retryAfter(res.headers["retry-after"]);
    } catch (e) {
      error = oneLine(e);
    }
    if (attempt === attempts) break;
    const wait = retryAfterMs ?? backoff * 2 ** (attempt - 1) * (0.5 + Math.random() / 2);
    if (Date.now() + wait >= deadline) {
      return { delivered: false, attempts: attempt, status, error: `${error}; gave up: time budget spent` };
    }
    await new Promise((r) => setTimeout(r, wait));
  }
  return { delivered: false, attempts, status, error };
}

function retryAfter(value: string | string[] | undefined): number | null {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined) return null;
  const seconds = Number(text);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

function oneLine(e: unknown): string {
  const err = e as { code?: string; message?: string; name?: string };
  const text = `${err.name ?? "Error"}${err.code ? ` ${err.code}` : ""}: ${err.message ?? String(e)}`;
  return text.split("\n")[0]!.slice(0, 300);
}
