/**
 * `OpenMoneyClient`: the resources (`orders`, `pricing`, `recipients`, `balance`, `health`) over one
 * request pipeline — transport, interpretation of the answer, retries. The key is held in a
 * private field of the transport: `inspect()`, `JSON.stringify` and errors never show it.
 */
import { randomUUID } from "node:crypto";
import { inspect } from "node:util";
import { type Logger, silentLogger } from "@omrecon/core";
import type { Dispatcher } from "undici";
import type { ApiCall } from "./call.js";
import { OpenMoneyError, type RequestInfo } from "./errors.js";
import { BalanceResource } from "./resources/balance.js";
import { HealthResource } from "./resources/health.js";
import { OrdersResource } from "./resources/orders.js";
import { PricingResource } from "./resources/pricing.js";
import { RecipientsResource } from "./resources/recipients.js";
import { interpret } from "./response.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy, withRetries } from "./retry.js";
import { Transport } from "./transport.js";
import type { RequestOptions } from "./types.js";
import { VERSION } from "./version.js";

export const DEFAULT_BASE_URL = "https://api.theopenmoney.info/api/v1";

export interface ClientOptions {
  /** The partner key `osk_…`. */
  apiKey: string;
  /** Default `https://api.theopenmoney.info/api/v1`. */
  baseUrl?: string;
  /** Keep-alive connections of the client's pool. Default 4. */
  connections?: number;
  /** Milliseconds per attempt. Default 30,000. */
  timeout?: number;
  /** Retries after the first attempt. Default 4. */
  maxRetries?: number;
  /** No retry starts after this many milliseconds since the first attempt. Default 60,000. */
  maxRetryTimeMs?: number;
  /** First backoff ceiling (doubles per retry, full jitter). Default 500. */
  retryBaseDelayMs?: number;
  /** Largest backoff ceiling. Default 10,000. */
  retryMaxDelayMs?: number;
  logger?: Logger;
  /** Appended to `omrecon/<version>` in the User-Agent (e.g. the program's name). */
  userAgent?: string;
  /** Send through this undici dispatcher instead of a pool of the client's own. */
  dispatcher?: Dispatcher;
  /** Called before every attempt (retries included). */
  onRequest?: (event: RequestEvent) => void;
  /** Called after every attempt, with its status or its error. */
  onResponse?: (event: ResponseEvent) => void;
}

export interface RequestEvent {
  method: string;
  path: string;
  /** 1 for the first attempt of a call. */
  attempt: number;
  idempotencyKey: string | null;
}

export interface ResponseEvent extends RequestEvent {
  /** HTTP status, or null when no answer arrived. */
  status: number | null;
  durationMs: number;
  /** The error this attempt ended with (an error envelope, a failed connection, …), or null. */
  error: OpenMoneyError | null;
}

export class OpenMoneyClient {
  readonly orders: OrdersResource;
  readonly pricing: PricingResource;
  readonly recipients: RecipientsResource;
  readonly balance: BalanceResource;
  readonly health: HealthResource;
  readonly baseUrl: string;

  readonly #transport: Transport;
  readonly #policy: RetryPolicy;
  readonly #timeout: number;
  readonly #logger: Logger;
  readonly #onRequest: ((event: RequestEvent) => void) | undefined;
  readonly #onResponse: ((event: ResponseEvent) => void) | undefined;
  #requestCount = 0;

  constructor(options: ClientOptions) {
    const { apiKey } = options;
    if (typeof apiKey !== "string" || apiKey.trim() === "") {
      throw new OpenMoneyError("OpenMoneyClient: an API key is required: set OPENMONEY_API_KEY");
    }
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
    if (/[\s\u0000-\u001f\u007f]/.test(apiKey)) {
      throw new OpenMoneyError(
        "OpenMoneyClient: the API key contains whitespace or control characters: check OPENMONEY_API_KEY",
      );
    }
    this.baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, "");
    if (!/^https?:\/\//.test(this.baseUrl) || !URL.canParse(this.baseUrl)) {
      throw new OpenMoneyError(`OpenMoneyClient: baseUrl is not an http(s) URL: ${JSON.stringify(this.baseUrl)}`);
    }
    this.#transport = new Transport({
      baseUrl: this.baseUrl,
      apiKey,
      connections: options.connections ?? 4,
      userAgent: options.userAgent ? `omrecon/${VERSION} ${options.userAgent}` : `omrecon/${VERSION}`,
      dispatcher: options.dispatcher,
    });
    this.#policy = {
      ...DEFAULT_RETRY_POLICY,
      ...(options.maxRetries !== undefined && { maxRetries: options.maxRetries }),
      ...(options.maxRetryTimeMs !== undefined && { maxRetryTimeMs: options.maxRetryTimeMs }),
      ...(options.retryBaseDelayMs !== undefined && { baseDelayMs: options.retryBaseDelayMs }),
      ...(options.retryMaxDelayMs !== undefined && { maxDelayMs: options.retryMaxDelayMs }),
    };
    this.#timeout = options.timeout ?? 30_000;
    this.#logger = options.logger ?? silentLogger;
    this.#onRequest = options.onRequest;
    this.#onResponse = options.onResponse;
    const send = <T>(call: ApiCall<T>, opts?: RequestOptions) => this.request(call, opts);
    this.orders = new OrdersResource(send);
    this.pricing = new PricingResource(send);
    this.recipients = new RecipientsResource(send);
    this.balance = new BalanceResource(send);
    this.health = new HealthResource(send);
  }

  /** Attempts sent so far (retries included), e.g. for `sync --json`'s `requests`. */
  get requestCount(): number {
    return this.#requestCount;
  }

  /**
   * One logical call with retries. A POST gets an Idempotency-Key (the caller's, else a new UUID v4)
   * that every retry of the call reuses unchanged. The resources are built on this.
   */
  async request<T>(call: ApiCall<T>, options: RequestOptions = {}): Promise<T> {
    const path = call.path + queryString(call.query);
    const info: RequestInfo = { method: call.method, path };
    const idempotencyKey = call.method === "POST" ? (options.idempotencyKey ?? randomUUID()) : undefined;
    const body = call.method === "POST" ? JSON.stringify(call.body ?? {}) : undefined;
    const timeoutMs = options.timeout ?? this.#timeout;
    const policy =
      options.maxRetries === undefined ? this.#policy : { ...this.#policy, maxRetries: options.maxRetries };
    return withRetries(
      async (attempt) => {
        const event: RequestEvent = { method: call.method, path, attempt, idempotencyKey: idempotencyKey ?? null };
        this.#requestCount++;
        this.#onRequest?.(event);
        const started = performance.now();
        let status: number | null = null;
        try {
          const raw = await this.#transport.send(
            { method: call.method, path, body, idempotencyKey, timeoutMs, signal: options.signal },
            info,
          );
          status = raw.status;
          const data = interpret(raw, call.schema, info, (s) => this.#transport.scrub(s));
          this.#onResponse?.({ ...event, status, durationMs: performance.now() - started, error: null });
          return data;
        } catch (error) {
          const e = error instanceof OpenMoneyError ? error : null;
          this.#onResponse?.({ ...event, status, durationMs: performance.now() - started, error: e });
          this.#logger.debug("openmoney request failed", {
            method: call.method,
            path,
            attempt,
            status,
            error: e?.name,
          });
          throw error;
        }
      },
      {
        request: { ...info, idempotent: idempotencyKey !== undefined },
        policy,
        signal: options.signal,
        logger: this.#logger,
      },
    );
  }

  /** Closes the client's own connection pool (a dispatcher passed in stays open). */
  close(): Promise<void> {
    return this.#transport.close();
  }

  toJSON(): Record<string, unknown> {
    return { baseUrl: this.baseUrl, apiKey: "[REDACTED]" };
  }

  [inspect.custom](): string {
    return `OpenMoneyClient { baseUrl: ${JSON.stringify(this.baseUrl)}, apiKey: '[REDACTED]' }`;
  }
}

function queryString(query: ApiCall<unknown>["query"]): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    params.set(name, value instanceof Date ? value.toISOString() : String(value));
  }
  const text = params.toString();
  return text === "" ? "" : `?${text}`;
}
