/**
 * One HTTP attempt on undici: a keep-alive Pool per client (or the caller's dispatcher), Bearer
 * auth, JSON, a per-attempt timeout and the caller's AbortSignal. It returns the raw answer
 * whatever its status; deciding what the answer means is response.ts's job, retrying retry.ts's.
 * The key lives in a private field and is scrubbed from every message that leaves this file.
 */
import { redact } from "@omrecon/core";
import { type Dispatcher, Pool } from "undici";
import { ConnectionError, RequestAbortedError, type RequestInfo, TimeoutError } from "./errors.js";

export interface TransportOptions {
  baseUrl: string;
  apiKey: string;
  /** Keep-alive connections of the pool. */
  connections: number;
  userAgent: string;
  /** Use this dispatcher instead of a pool of our own (the caller closes it). */
  dispatcher?: Dispatcher | undefined;
}

export interface Attempt {
  method: "GET" | "POST";
  /** Path under the base URL, with its query string. */
  path: string;
  /** JSON text. */
  body?: string | undefined;
  idempotencyKey?: string | undefined;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}

export interface RawResponse {
  status: number;
  text: string;
  requestId: string | null;
  retryAfter: string | undefined;
}

export class Transport {
  readonly #apiKey: string;
  readonly #dispatcher: Dispatcher;
  readonly #ownsDispatcher: boolean;
  readonly origin: string;
  readonly basePath: string;
  readonly userAgent: string;

  constructor(options: TransportOptions) {
    const url = new URL(options.baseUrl);
    this.origin = url.origin;
    this.basePath = url.pathname.replace(/\/+$/, "");
    this.userAgent = options.userAgent;
    this.#apiKey = options.apiKey;
    this.#ownsDispatcher = options.dispatcher === undefined;
    this.#dispatcher = options.dispatcher ?? new Pool(this.origin, { connections: options.connections });
  }

  /** Replaces the key (and anything shaped like a partner key) in text bound for a message or a log. */
  scrub(text: string): string {
    return redact(text, [this.#apiKey]);
  }

  async send(attempt: Attempt, info: RequestInfo): Promise<RawResponse> {
    if (attempt.signal?.aborted) throw new RequestAbortedError(info);
    const timeout = AbortSignal.timeout(attempt.timeoutMs);
    const signal = attempt.signal ? AbortSignal.any([attempt.signal, timeout]) : timeout;
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.#apiKey}`,
      accept: "application/json",
      "user-agent": this.userAgent,
    };
    if (attempt.body !== undefined) headers["content-type"] = "application/json";
    if (attempt.idempotencyKey !== undefined) headers["idempotency-key"] = attempt.idempotencyKey;
    try {
      const res = await this.#dispatcher.request({
        origin: this.origin,
        path: this.basePath + attempt.path,
        method: attempt.method,
        headers,
        body: attempt.body ?? null,
        signal,
      });
      const text = await res.body.text();
      return {
        status: res.statusCode,
        text,
        requestId: single(res.headers["x-request-id"]),
        retryAfter: single(res.headers["retry-after"]) ?? undefined,
      };
    } catch (error) {
      if (attempt.signal?.aborted) throw new RequestAbortedError(info);
      if (timeout.aborted) throw new TimeoutError(attempt.timeoutMs, info);
      const e = error as { code?: unknown; message?: unknown };
      const code = typeof e.code === "string" ? e.code : null;
      const message = typeof e.message === "string" && e.message !== "" ? e.message : String(error);
      throw new ConnectionError(this.scrub(message), info, code);
    }
  }

  async close(): Promise<void> {
    if (this.#ownsDispatcher) await this.#dispatcher.close();
  }
}

function single(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? (value[0] ?? null) : value;
}
