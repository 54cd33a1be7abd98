/**
 * `OpenMoneyClient`: the resources (`orders`, `pricing`, `recipients`, `balance`, `health`) over one
 * request pipeline — transport, interpretation of the answer, retries. The key is held in a
 * private field of the transport: `inspect()`, `JSON.stringify` and errors never show it.
 */
import { randomUUID } from "node:crypto";
import { inspect } from "node:util";
import {
  DEFAULT_RETRY_POLICY,
  instantProblem,
  type Logger,
  parseInstant,
  parseRetryAfter,
  type RetryPolicy,
  silentLogger,
  withRetry,
} from "@omrecon/core";
import type { Dispatcher } from "undici";
import { type ApiCall, segment } from "./call.js";
import { OpenMoneyError, RequestAbortedError, type RequestInfo, TimeoutError } from "./errors.js";
import { classify, type ProbeResult, type RawAnswer } from "./probe.js";
import { BalanceResource } from "./resources/balance.js";
import { HealthResource } from "./resources/health.js";
import { OrdersResource } from "./resources/orders.js";
import { PricingResource } from "./resources/pricing.js";
import { RecipientsResource } from "./resources/recipients.js";
import { interpret } from "./response.js";
import { isRetryable, retryAfterOf } from "./retry.js";
import type { EndpointSpec } from "./schemas.js";
import { type RawResponse, Transport } from "./transport.js";
import type { RequestOptions } from "./types.js";
import { VERSION } from "./version.js";
import { WalkBudget, type WalkLimits, WalkTracker } from "./walk.js";

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
  /** Bodies larger than this many bytes are refused while they stream. Default 8 MiB (a page of 100 orders is ~60 KB). */
  maxResponseBytes?: number;
  /** A walk of a list may last this long from its first page. Default 2 hours. */
  walkDeadlineMs?: number;
  /** A walk of a list may read this many pages. Default 100,000. */
  maxPagesPerWalk?: number;
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
  readonly #walkLimits: WalkLimits;
  readonly #walks: WalkTracker;
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
      maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      dispatcher: options.dispatcher,
    });
    this.#walkLimits = {
      ...(options.walkDeadlineMs !== undefined && { deadlineMs: options.walkDeadlineMs }),
      ...(options.maxPagesPerWalk !== undefined && { maxPages: options.maxPagesPerWalk }),
    };
    // Checks the limits now rather than at the first list request.
    new WalkBudget(this.#walkLimits);
    this.#walks = new WalkTracker(this.#walkLimits);
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
    const walkBudget = () => this.walkBudget();
    this.orders = new OrdersResource(send, walkBudget);
    this.pricing = new PricingResource(send);
    this.recipients = new RecipientsResource(send);
    this.balance = new BalanceResource(send, walkBudget);
    this.health = new HealthResource(send);
  }

  /** Attempts sent so far (retries included), e.g. for `sync --json`'s `requests`. */
  get requestCount(): number {
    return this.#requestCount;
  }

  /** A budget for one walk of a list with the client's limits (`list()` makes one per walk). */
  walkBudget(): WalkBudget {
    return new WalkBudget(this.#walkLimits);
  }

  /**
   * One logical call with retries (core's `withRetry`). A POST gets an Idempotency-Key (the
   * caller's, which must be a UUID, else a new UUID v4) that every retry of the call reuses
   * unchanged; an error after the retries carries it. A page of a list counts against its walk's
   * deadline and page cap. The resources are built on this.
   */
  async request<T>(call: ApiCall<T>, options: RequestOptions = {}): Promise<T> {
    const query = queryString(call);
    const path = call.path + query;
    const info: RequestInfo = { method: call.method, path };
    const idempotencyKey = call.method === "POST" ? idempotencyKeyOf(options, info) : undefined;
    const body = call.method === "POST" ? JSON.stringify(call.body ?? {}) : undefined;
    const timeoutMs = options.timeout ?? this.#timeout;
    const walk = call.list
      ? (options.walk ?? this.#walks.budgetFor(walkKey(call.path, query), offsetOf(call)))
      : options.walk;
    walk?.charge(info);
    const maxRetries = options.maxRetries ?? this.#policy.maxRetries;
    const maxRetryTimeMs = walk
      ? Math.min(this.#policy.maxRetryTimeMs, walk.remainingMs())
      : this.#policy.maxRetryTimeMs;
    const startedMs = performance.now();
    try {
      return await withRetry(
        async (attempt) => {
          const event: RequestEvent = { method: call.method, path, attempt, idempotencyKey: idempotencyKey ?? null };
          const budget = walk ? Math.min(timeoutMs, walk.remainingMs()) : timeoutMs;
          if (budget <= 0) throw walk!.expired(info);
          this.#requestCount++;
          this.#onRequest?.(event);
          const started = performance.now();
          let raw: RawResponse | null = null;
          try {
            raw = await this.#transport.send(
              { method: call.method, path, body, idempotencyKey, timeoutMs: budget, signal: options.signal },
              info,
            );
            const data = interpret(raw, call, {
              request: info,
              scrub: (s) => this.#transport.scrub(s),
              baseUrl: this.baseUrl,
            });
            this.#onResponse?.({ ...event, status: raw.status, durationMs: performance.now() - started, error: null });
            return data;
          } catch (error) {
            const e = error instanceof OpenMoneyError ? error : null;
            if (e) e.attempts = attempt;
            this.#onResponse?.({
              ...event,
              status: raw?.status ?? null,
              durationMs: performance.now() - started,
              error: e,
            });
            this.#logger.debug("openmoney request failed", {
              method: call.method,
              path,
              attempt,
              status: raw?.status ?? null,
              error: e?.name,
            });
            // The walk's deadline, not the attempt's own timeout, cut this one short.
            if (walk && error instanceof TimeoutError && walk.remainingMs() <= 0) throw walk.expired(info);
            throw error;
          }
        },
        {
          policy: { ...this.#policy, maxRetries, maxRetryTimeMs },
          retryable: (e) => isRetryable(e, { method: call.method, idempotent: idempotencyKey !== undefined }),
          retryAfterMs: retryAfterOf,
          onRetry: (e, attempt, delay) =>
            this.#logger.debug("openmoney request failed; retrying", {
              method: call.method,
              path,
              attempt,
              error: (e as Error)?.name,
              status: (e as { status?: number }).status ?? null,
              delay_ms: delay,
            }),
          signal: options.signal,
        },
      );
    } catch (error) {
      throw withRetriesSummary(
        finalError(error, info, options.signal, idempotencyKey),
        this.baseUrl,
        performance.now() - startedMs,
      );
    }
  }

  /**
   * One GET under the base URL (or, with `fromOrigin`, from the URL's origin), returned whatever
   * its status, with the key removed from the body. Retried only while no answer comes, or a
   * 429/5xx does. What `check` reads answers with; never for anything that writes.
   */
  async raw(
    path: string,
    options: { query?: ApiCall<unknown>["query"]; fromOrigin?: boolean; timeout?: number; signal?: AbortSignal } = {},
  ): Promise<RawAnswer> {
    const full = path + queryString({ method: "GET", path, query: options.query });
    const info: RequestInfo = { method: "GET", path: full };
    const started = performance.now();
    let answer: RawResponse | undefined;
    try {
      await withRetry(
        async () => {
          this.#requestCount++;
          answer = await this.#transport.send(
            {
              method: "GET",
              path: full,
              fromOrigin: options.fromOrigin,
              timeoutMs: options.timeout ?? this.#timeout,
              signal: options.signal,
            },
            info,
          );
          if (answer.status === 429 || answer.status >= 500) throw new RetryableAnswer(answer);
        },
        {
          policy: { ...this.#policy, maxRetries: Math.min(2, this.#policy.maxRetries) },
          retryable: (e) => e instanceof RetryableAnswer || isRetryable(e, { method: "GET", idempotent: false }),
          retryAfterMs: (e) => (e instanceof RetryableAnswer ? parseRetryAfter(e.answer.retryAfter) : retryAfterOf(e)),
          signal: options.signal,
        },
      );
    } catch (error) {
      if (!(error instanceof RetryableAnswer)) throw finalError(error, info, options.signal, undefined);
    }
    const got = answer!;
    return {
      request: info,
      status: got.status,
      text: this.#transport.scrub(got.text),
      contentType: got.contentType,
      durationMs: performance.now() - started,
    };
  }

  /**
   * Asks a read-only endpoint once (`params` fill its path) and compares the answer with what
   * omrecon expects of it, never throwing for what the API answered. Refuses endpoints that write.
   */
  async probe(
    endpoint: EndpointSpec,
    args: { params?: Record<string, string | number>; query?: ApiCall<unknown>["query"] } = {},
    options: { timeout?: number; signal?: AbortSignal } = {},
  ): Promise<ProbeResult> {
    if (endpoint.writes) throw new OpenMoneyError(`probe: ${endpoint.key} writes; it is never probed`, null, "usage");
    const path = endpoint.pattern.replace(/\{(\w+)\}/g, (_m, name: string) => segment(args.params?.[name] ?? ""));
    const request: RequestInfo = {
      method: "GET",
      path: path + queryString({ method: "GET", path, query: args.query }),
    };
    try {
      const answer = await this.raw(path, { ...options, ...(args.query && { query: args.query }) });
      return { endpoint, request, status: answer.status, answer, outcome: classify(endpoint, answer) };
    } catch (error) {
      if (!(error instanceof OpenMoneyError)) throw error;
      return { endpoint, request, status: null, answer: null, outcome: { kind: "unreachable", error } };
    }
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

/** Bodies above this are refused: 130 times the largest real page (100 orders, ~60 KB). */
export const DEFAULT_MAX_RESPONSE_BYTES = 8 << 20;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The caller's key, which must be a UUID (the page: "any UUID"), or a new one. */
function idempotencyKeyOf(options: RequestOptions, info: RequestInfo): string {
  const key = options.idempotencyKey;
  if (key === undefined) return randomUUID();
  if (typeof key !== "string" || !UUID.test(key)) {
    throw new OpenMoneyError(
      `${info.method} ${info.path}: idempotencyKey must be a UUID like 550e8400-e29b-41d4-a716-446655440000, got ${JSON.stringify(String(key).slice(0, 60))}`,
      info,
      "usage",
    );
  }
  return key;
}

/**
 * The error a call ends with: the caller's abort as RequestAbortedError (a wait it cut short
 * rejects with the signal's reason), and for a create or cancel the key to retry with, since the
 * order may exist unless the API refused it outright.
 */
function finalError(
  error: unknown,
  info: RequestInfo,
  signal: AbortSignal | undefined,
  key: string | undefined,
): unknown {
  let e = error;
  if (signal?.aborted && !(e instanceof RequestAbortedError)) {
    const aborted = new RequestAbortedError(info);
    aborted.attempts = (e as { attempts?: number } | null)?.attempts ?? 1;
    e = aborted;
  }
  if (key !== undefined && e instanceof OpenMoneyError) {
    e.idempotencyKey = key;
    const status = (e as { status?: number }).status;
    const refused = status !== undefined && status >= 400 && status < 500 && status !== 429;
    if (!refused)
      e.message += ` (sent with Idempotency-Key ${key}: retry with it to get the same order, never a second one)`;
  }
  return e;
}

/**
 * The last line of a call the API never answered well (docs/cli.md#exit-status): how many attempts
 * over how long, in one phrase, and the setting to check, since the usual cause is a wrong or
 * unreachable `OPENMONEY_BASE_URL` (or an outage, which waiting fixes).
 */
function withRetriesSummary(error: unknown, baseUrl: string, elapsedMs: number): unknown {
  if (!(error instanceof OpenMoneyError) || error.code !== "api_unavailable") return error;
  const attempts = `${error.attempts} attempt${error.attempts === 1 ? "" : "s"} in ${(elapsedMs / 1000).toFixed(1)} s`;
  error.message += ` (${attempts}); check OPENMONEY_BASE_URL (${baseUrl}) or try again later`;
  return error;
}

/** An answer to give back after the retries, when the last one is still a 429 or a 5xx. */
class RetryableAnswer extends Error {
  constructor(readonly answer: RawResponse) {
    super(`HTTP ${answer.status}`);
  }
}

/** The query string, with `from`/`to` strictly checked (core's reader) and Dates as ISO text. */
function queryString(call: Pick<ApiCall<unknown>, "method" | "path" | "query">): string {
  const query = call.query;
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (value instanceof Date) {
      if (Number.isNaN(value.getTime())) throw badInstant(call, name, "an invalid Date");
      params.set(name, value.toISOString());
    } else {
      if ((name === "from" || name === "to") && Number.isNaN(parseInstant(String(value)))) {
        throw badInstant(call, name, `${JSON.stringify(String(value).slice(0, 60))}: ${instantProblem(String(value))}`);
      }
      params.set(name, String(value));
    }
  }
  const text = params.toString();
  return text === "" ? "" : `?${text}`;
}

function badInstant(call: Pick<ApiCall<unknown>, "method" | "path">, name: string, what: string): OpenMoneyError {
  return new OpenMoneyError(
    `${call.method} ${call.path}: ${name} must be an ISO 8601 date-time with Z or an offset, got ${what}`,
    { method: call.method, path: call.path },
    "usage",
  );
}

/** A list's identity for its walk: the path and every parameter but `offset`. */
function walkKey(path: string, query: string): string {
  const params = new URLSearchParams(query);
  params.delete("offset");
  return `${path}?${params}`;
}

function offsetOf(call: ApiCall<unknown>): number {
  const offset = Number(call.query?.offset ?? 0);
  return Number.isFinite(offset) ? offset : 0;
}
