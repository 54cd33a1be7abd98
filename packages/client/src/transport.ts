/**
 * One HTTP attempt on undici: a keep-alive Pool per client (or the caller's dispatcher), Bearer
 * auth, JSON, a per-attempt timeout and the caller's AbortSignal. It returns the raw answer
 * whatever its status; deciding what the answer means is response.ts's job, retrying retry.ts's.
 * The key lives in a private field and is scrubbed from every message that leaves this file.
 */
import { redact } from "@omrecon/core";
import { type Dispatcher, Pool } from "undici";
import {
  ConnectionError,
  OpenMoneyError,
  RequestAbortedError,
  type RequestInfo,
  ResponseTooLargeError,
  TimeoutError,
} from "./errors.js";

export interface TransportOptions {
  baseUrl: string;
  apiKey: string;
  /** Keep-alive connections of the pool. */
  connections: number;
  userAgent: string;
  /** Bodies larger than this are refused while they stream (docs/partner-api.md#limits). */
  maxResponseBytes: number;
  /** Use this dispatcher instead of a pool of our own (the caller closes it). */
  dispatcher?: Dispatcher | undefined;
}

export interface Attempt {
  method: "GET" | "POST";
  /** Path under the base URL, with its query string. */
  path: string;
  /** `path` is from the origin, not under the base path (`check` looking for an OpenAPI document). */
  fromOrigin?: boolean | undefined;
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
  contentType: string | null;
}

export class Transport {
  readonly #apiKey: string;
  readonly #dispatcher: Dispatcher;
  readonly #ownsDispatcher: boolean;
  readonly origin: string;
  readonly basePath: string;
  readonly userAgent: string;
  readonly maxResponseBytes: number;

  constructor(options: TransportOptions) {
    const url = new URL(options.baseUrl);
    this.origin = url.origin;
    this.basePath = url.pathname.replace(/\/+$/, "");
    this.userAgent = options.userAgent;
    this.maxResponseBytes = options.maxResponseBytes;
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
        path: attempt.fromOrigin ? attempt.path : this.basePath + attempt.path,
        method: attempt.method,
        headers,
        body: attempt.body ?? null,
        signal,
      });
      const text = await readLimited(res, this.maxResponseBytes, info);
      return {
        status: res.statusCode,
        text,
        requestId: single(res.headers["x-request-id"]),
        retryAfter: single(res.headers["retry-after"]) ?? undefined,
        contentType: single(res.headers["content-type"]),
      };
    } catch (error) {
      if (error instanceof OpenMoneyError) throw error;
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

/**
 * The body as text, counted as it streams: past `limit` bytes (or with a Content-Length above it)
 * the answer is abandoned, so a runaway body never sits in memory.
 */
async function readLimited(res: Dispatcher.ResponseData, limit: number, info: RequestInfo): Promise<string> {
  const declared = Number(single(res.headers["content-length"]));
  if (declared > limit) {
    res.body.destroy();
    throw new ResponseTooLargeError(limit, info);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      res.body.destroy();
      throw new ResponseTooLargeError(limit, info);
    }
    chunks.push(chunk as Buffer);
  }
  return chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks, size).toString("utf8");
}

function single(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? (value[0] ?? null) : value;
}
